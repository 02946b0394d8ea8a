// Belt and braces for the rule that the history file never holds a secret: the callers pass only names,
// ids, states and scrubbed words, and every free text is passed through a scrubber once more before it is
// stored — by default the log's mask for anything shaped like a token; the wiring adds the vault's list of
// known secrets (main/vault/redact.ts SecretRegistry) in front of it.
import { redact } from '../log/redact.ts';
import type { HistoryBatch, MeetingRef } from './types.ts';

export type Scrub = (text: string) => string;

export const maskTokens: Scrub = (text) => redact(text) as string;

const meeting = (m: MeetingRef | null | undefined, s: Scrub): MeetingRef | null => (m ? { id: s(m.id), title: m.title === null ? null : s(m.title) } : null);

/** A copy of the batch with every free text scrubbed. */
export function scrubBatch(batch: HistoryBatch, s: Scrub): HistoryBatch {
  return {
    now: batch.now,
    transitions: batch.transitions.map((t) => ({
      ...t,
      name: s(t.name),
      site: t.site === null ? null : s(t.site),
      ...(t.meeting ? { meeting: { from: meeting(t.meeting.from, s), to: meeting(t.meeting.to, s) } } : {}),
      ...(t.detail ? { detail: s(t.detail) } : {}),
    })),
    actions: batch.actions.map((a) => ({
      ...a,
      name: s(a.name),
      site: a.site === null ? null : s(a.site),
      message: s(a.message),
      ...(a.meeting ? { meeting: meeting(a.meeting, s) } : {}),
    })),
    connections: batch.connections.map((c) => ({ ...c, connection: s(c.connection), message: s(c.message) })),
    episodes: batch.episodes.map((e) => ({ ...e, host: e.host === null ? null : s(e.host), message: s(e.message) })),
  };
}
