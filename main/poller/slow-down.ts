// A host that answers 429 ("too many requests") asked Relay Console to slow down. That is not an error
// (the request did nothing on the server, docs/rate-limit.md), so it is told once per episode: the 429s
// of a host from the first until a quiet minute after the last wait (or ten minutes at most) make one line in the event log,
// with their count. The wait each 429 asks for (Retry-After) is honoured up to RETRY_AFTER_CAP_SEC: a
// server asking for hours or years would freeze the board, so after the cap one request probes.
import { RETRY_AFTER_CAP_SEC } from '../../contract/index.ts';
import type { Clock } from '../ports.ts';

/** Without a Retry-After, the wait after a 429 (a strict server's window frees within a second). */
const DEFAULT_WAIT_MS = 1_000;
/** Never less than this: a 429 answered with `Retry-After: 0` must not be retried at once. */
const MIN_WAIT_MS = 250;

export interface SlowDownEpisode {
  origin: string;
  /** 429s received in it. */
  count: number;
  since: number;
  lastAt: number;
  /** When the wait of the last 429 ends: the quiet minute is counted from there. */
  waitUntil: number;
  /** The longest wait a 429 of it asked for (ms). */
  askedMs: number;
}

export interface SlowDownOptions {
  clock: Clock;
  /** An episode ends this long after the wait of its last 429 (default 60 s). */
  quietMs?: number;
  /** …or after this long in all, and the next 429 starts another (default 10 min). */
  maxEpisodeMs?: number;
  /** The longest wait honoured (default RETRY_AFTER_CAP_SEC). */
  capMs?: number;
  /** An episode ended: tell it. */
  onEnd(episode: SlowDownEpisode): void;
}

export class SlowDowns {
  readonly #clock: Clock;
  readonly #quietMs: number;
  readonly #maxMs: number;
  readonly #capMs: number;
  readonly #onEnd: (episode: SlowDownEpisode) => void;
  readonly #episodes = new Map<string, SlowDownEpisode & { timer: { cancel(): void } | null }>();
  /** Per host: what the last 429 asked for (ms), while its wait lasts. */
  readonly #asked = new Map<string, { askedMs: number; until: number }>();

  constructor(options: SlowDownOptions) {
    this.#clock = options.clock;
    this.#quietMs = options.quietMs ?? 60_000;
    this.#maxMs = options.maxEpisodeMs ?? 10 * 60_000;
    this.#capMs = options.capMs ?? RETRY_AFTER_CAP_SEC * 1000;
    this.#onEnd = options.onEnd;
  }

  /** A 429 from `origin`: counts it and returns how long to wait, the server's Retry-After capped. */
  refused(origin: string, retryAfterMs: number | undefined, now: number): number {
    const askedMs = retryAfterMs !== undefined && Number.isFinite(retryAfterMs) ? Math.max(0, retryAfterMs) : DEFAULT_WAIT_MS;
    const waitMs = Math.min(this.#capMs, Math.max(MIN_WAIT_MS, askedMs));
    let e = this.#episodes.get(origin);
    if (e && now - e.since >= this.#maxMs) {
      this.#end(origin);
      e = undefined;
    }
    if (!e) {
      e = { origin, count: 0, since: now, lastAt: now, waitUntil: now, askedMs: 0, timer: null };
      this.#episodes.set(origin, e);
    }
    e.count++;
    e.lastAt = now;
    e.waitUntil = Math.max(e.waitUntil, now + waitMs);
    e.askedMs = Math.max(e.askedMs, askedMs);
    this.#asked.set(origin, { askedMs, until: now + waitMs });
    if (!e.timer) this.#arm(origin, e.waitUntil + this.#quietMs);
    return waitMs;
  }

  /** The open episode of a host, if any. */
  current(origin: string): { count: number; since: number } | null {
    const e = this.#episodes.get(origin);
    return e ? { count: e.count, since: e.since } : null;
  }

  /** While a host's wait lasts: what it asked for, in whole seconds (it may be more than was honoured). */
  askedWaitSec(origin: string, now: number): number | null {
    const a = this.#asked.get(origin);
    if (!a || a.until <= now) return null;
    return Math.ceil(a.askedMs / 1000);
  }

  /** Forgets a host without telling (it is gone). */
  forget(origin: string): void {
    this.#episodes.get(origin)?.timer?.cancel();
    this.#episodes.delete(origin);
    this.#asked.delete(origin);
  }

  dispose(): void {
    for (const origin of [...this.#episodes.keys()]) this.forget(origin);
  }

  #arm(origin: string, at: number): void {
    const e = this.#episodes.get(origin);
    if (!e) return;
    e.timer = this.#clock.setTimeout(
      () => {
        e.timer = null;
        const now = this.#clock.now();
        const ends = Math.min(e.waitUntil + this.#quietMs, e.since + this.#maxMs);
        if (now >= ends) this.#end(origin);
        else this.#arm(origin, ends);
      },
      Math.max(0, at - this.#clock.now()),
    );
  }

  #end(origin: string): void {
    const e = this.#episodes.get(origin);
    if (!e) return;
    e.timer?.cancel();
    this.#episodes.delete(origin);
    const { timer: _timer, ...episode } = e;
    this.#onEnd(episode);
  }
}

/** The event-log line of an episode, in words. */
export function slowDownMessage(e: SlowDownEpisode, capMs = RETRY_AFTER_CAP_SEC * 1000): string {
  const times = e.count === 1 ? 'once' : `${e.count} times`;
  const span = e.lastAt - e.since;
  const over = span >= 1_000 ? ` over ${durationWords(span)}` : '';
  const capped =
    e.askedMs > capMs
      ? ` It asked to wait ${Math.ceil(e.askedMs / 1000)} s; Relay Console waits at most ${Math.round(capMs / 1000)} s, then tries one request.`
      : '';
  return `The server asked to slow down (${times}${over}): Relay Console waited as asked and sent the refused requests again.${capped}`;
}

function durationWords(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 120) return `${s} s`;
  return `${Math.round(s / 60)} min`;
}
