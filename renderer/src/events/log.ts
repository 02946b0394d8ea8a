// The event log's pure parts: the query main is asked, the same test applied to entries that arrive
// live, and merging those into the list (newest first, no duplicates, bounded).
import type { EventLogEntry } from '../../../contract/index.ts';

export type EventKind = EventLogEntry['kind'];
export const eventKinds: readonly EventKind[] = ['state', 'action', 'error', 'connection'];

export interface EventQuery {
  text: string;
  /** Empty = every kind. */
  kinds: EventKind[];
  roomKey: string | null;
}

export const emptyEventQuery: EventQuery = { text: '', kinds: [], roomKey: null };

export const maxEvents = 10_000;

/** The input of eventLogList / eventLogCsv for a query (only the parts that filter). */
export function queryInput(q: EventQuery, limit: number | null = maxEvents): { text?: string; kinds?: EventKind[]; roomKey?: string; limit?: number } {
  const input: { text?: string; kinds?: EventKind[]; roomKey?: string; limit?: number } = {};
  if (limit !== null) input.limit = limit;
  const text = q.text.trim();
  if (text) input.text = text.slice(0, 200);
  if (q.kinds.length > 0 && q.kinds.length < eventKinds.length) input.kinds = [...q.kinds];
  if (q.roomKey) input.roomKey = q.roomKey;
  return input;
}

/** Whether an entry belongs in the list: every word of the text in its message, room or connection. */
export function matchesEvent(entry: EventLogEntry, q: EventQuery): boolean {
  if (q.kinds.length > 0 && !q.kinds.includes(entry.kind)) return false;
  if (q.roomKey !== null && entry.roomKey !== q.roomKey) return false;
  const text = q.text.trim().toLowerCase();
  if (!text) return true;
  const hay = `${entry.message}\n${entry.roomName ?? ''}\n${entry.connectionName ?? ''}`.toLowerCase();
  return text.split(/\s+/).every((word) => hay.includes(word));
}

/** Newest first by time then id; duplicates (same id) dropped; at most `max`. */
export function mergeEvents(current: readonly EventLogEntry[], incoming: readonly EventLogEntry[], max = maxEvents): EventLogEntry[] {
  const byId = new Map<number, EventLogEntry>();
  for (const e of current) byId.set(e.id, e);
  for (const e of incoming) byId.set(e.id, e);
  return [...byId.values()].sort((a, b) => b.at - a.at || b.id - a.id).slice(0, max);
}

export const causeLabel: Record<EventLogEntry['cause'], string> = { poll: 'Poller', user: 'You', app: 'App' };
export const kindLabel: Record<EventKind, string> = { state: 'State change', action: 'Action', error: 'Error', connection: 'Connection' };

/** A room filter handed to the event log by another screen (the room panel's "All events of this room"). */
const handoffKey = 'relay-console.event-log.room';
export function handOffRoom(room: { key: string; name: string }): void {
  try {
    sessionStorage.setItem(handoffKey, JSON.stringify(room));
  } catch {
    // no session storage: the log opens unfiltered
  }
}
export function takeHandedOffRoom(): { key: string; name: string } | null {
  try {
    const text = sessionStorage.getItem(handoffKey);
    sessionStorage.removeItem(handoffKey);
    if (!text) return null;
    const v: unknown = JSON.parse(text);
    if (typeof v === 'object' && v !== null && typeof (v as { key?: unknown }).key === 'string' && typeof (v as { name?: unknown }).name === 'string') {
      return v as { key: string; name: string };
    }
  } catch {
    // corrupt: ignore
  }
  return null;
}
