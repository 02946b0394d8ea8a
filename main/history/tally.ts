// A room's running totals: how long it has spent in each status, how long stale, calls started and ended,
// drops and outages, since the history began. The writer advances them with every change; a query replays
// the same steps from a saved mark (room_mark) to any moment. One function for both, so they always agree.
import { isDrop, isDown, isStale, STATUS, statusOf, UNSEEN } from './state-codec.ts';

/** Indexes into Tally.cum: 0–7 ms per status (state-codec STATUS), then these. */
export const C = { staleMs: 8, calls: 9, ended: 10, endedMs: 11, drops: 12, outages: 13 } as const;
export const CUM_LENGTH = 14;

export interface Tally {
  /** The packed state since `at`. */
  state: number;
  /** Totals include everything up to here. */
  at: number;
  callSince: number | null;
  staleSince: number | null;
  cum: number[];
}

export const newTally = (at: number): Tally => ({ state: UNSEEN, at, callSince: null, staleSince: null, cum: new Array<number>(CUM_LENGTH).fill(0) });

export const copyTally = (t: Tally): Tally => ({ ...t, cum: t.cum.slice() });

/** Called for each stretch of time the totals just took in: status, stale, [from, to). */
export type SpanSink = (status: number, stale: boolean, from: number, to: number) => void;
/** Called when a call starts or drops, at `at`. */
export type CountSink = (counter: typeof C.calls | typeof C.drops, at: number) => void;

/** Counts the time up to `at` in the current state (no-op for times already counted). */
export function closeTo(t: Tally, at: number, span?: SpanSink): void {
  if (at <= t.at) return;
  const status = statusOf(t.state);
  const stale = isStale(t.state) && status !== STATUS.unmonitored;
  const cum = t.cum;
  cum[status] = (cum[status] as number) + (at - t.at);
  if (stale) cum[C.staleMs] = (cum[C.staleMs] as number) + (at - t.at);
  span?.(status, stale, t.at, at);
  t.at = at;
}

/** The room enters `next` at `at` (`why`: WHY code). */
export function step(t: Tally, at: number, next: number, why: number, span?: SpanSink, count?: CountSink): void {
  closeTo(t, at, span);
  const before = t.state;
  const from = statusOf(before);
  const to = statusOf(next);
  const cum = t.cum;
  if (from !== STATUS.inCall && to === STATUS.inCall) {
    cum[C.calls] = (cum[C.calls] as number) + 1;
    t.callSince = at;
    count?.(C.calls, at);
  } else if (from === STATUS.inCall && to !== STATUS.inCall) {
    cum[C.ended] = (cum[C.ended] as number) + 1;
    cum[C.endedMs] = (cum[C.endedMs] as number) + Math.max(0, at - (t.callSince ?? at));
    t.callSince = null;
    if (isDrop(before, next, why)) {
      cum[C.drops] = (cum[C.drops] as number) + 1;
      count?.(C.drops, at);
    }
  }
  if (isDown(to) && !isDown(from) && from !== STATUS.unmonitored) cum[C.outages] = (cum[C.outages] as number) + 1;
  const staleNow = isStale(next) && to !== STATUS.unmonitored;
  if (staleNow && t.staleSince === null) t.staleSince = at;
  else if (!staleNow) t.staleSince = null;
  t.state = next;
}

/** a − b, element by element (the totals over [b.at, a.at)). */
export function difference(a: readonly number[], b: readonly number[]): number[] {
  return a.map((v, i) => v - (b[i] ?? 0));
}
