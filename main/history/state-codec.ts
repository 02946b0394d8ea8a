// A room's state in one small integer, as the database keeps it (one byte per row, not five text columns):
// bits 0–1 call, 2–3 microphone, 4–5 reachability, 6 stale, 7 not watched. And the status the reports count
// time in, derived from it. Codes read back from a file are decoded tolerantly (an unknown code is
// 'unknown'), since the file is outside the app's control.
import type { CallState, Reachability, RoomStateSnapshot, RoomStatus, TransitionCause } from './types.ts';

const CALLS: readonly CallState[] = ['unknown', 'idle', 'dialing', 'in-call'];
const REACH: readonly Reachability[] = ['online', 'offline', 'unreachable', 'error'];

export const CALL_SHIFT = 0;
export const MIC_SHIFT = 2;
export const REACH_SHIFT = 4;
export const STALE_BIT = 1 << 6;
export const UNWATCHED_BIT = 1 << 7;

/** A room never seen: not watched, nothing known. */
export const UNSEEN = UNWATCHED_BIT;

export const callCode = (call: CallState): number => Math.max(0, CALLS.indexOf(call));
export const reachCode = (reach: Reachability): number => Math.max(0, REACH.indexOf(reach));
export const micCode = (muted: boolean | null): number => (muted === null ? 0 : muted ? 2 : 1);

export const callOf = (packed: number): CallState => CALLS[(packed >> CALL_SHIFT) & 3] ?? 'unknown';
export const reachOf = (packed: number): Reachability => REACH[(packed >> REACH_SHIFT) & 3] ?? 'online';
/** 1 unmuted, 2 muted; 0 not known (and 3, which only a damaged file holds). */
export const mutedOf = (packed: number): boolean | null => {
  const m = (packed >> MIC_SHIFT) & 3;
  return m === 1 ? false : m === 2 ? true : null;
};
export const isStale = (packed: number): boolean => (packed & STALE_BIT) !== 0;
export const isWatched = (packed: number): boolean => (packed & UNWATCHED_BIT) === 0;

export function withCall(packed: number, call: CallState): number {
  return (packed & ~(3 << CALL_SHIFT)) | (callCode(call) << CALL_SHIFT);
}
export function withMuted(packed: number, muted: boolean | null): number {
  return (packed & ~(3 << MIC_SHIFT)) | (micCode(muted) << MIC_SHIFT);
}
export function withReach(packed: number, reach: Reachability): number {
  return (packed & ~(3 << REACH_SHIFT)) | (reachCode(reach) << REACH_SHIFT);
}
export const withStale = (packed: number, stale: boolean): number => (stale ? packed | STALE_BIT : packed & ~STALE_BIT);
export const withWatched = (packed: number, watched: boolean): number => (watched ? packed & ~UNWATCHED_BIT : packed | UNWATCHED_BIT);

/** Status codes, in the order of RoomStatus (types.ts roomStatuses). */
export const STATUS = { unmonitored: 0, offline: 1, unreachable: 2, error: 3, unknown: 4, idle: 5, dialing: 6, inCall: 7 } as const;
export const STATUS_COUNT = 8;
const STATUS_NAMES: readonly RoomStatus[] = ['unmonitored', 'offline', 'unreachable', 'error', 'unknown', 'idle', 'dialing', 'in-call'];
export const statusName = (code: number): RoomStatus => STATUS_NAMES[code] ?? 'unknown';

/** The first that applies: not watched, then reachability, then the call state. */
export function statusOf(packed: number): number {
  if (!isWatched(packed)) return STATUS.unmonitored;
  const reach = (packed >> REACH_SHIFT) & 3;
  if (reach !== 0) return reach; // offline 1, unreachable 2, error 3
  return 4 + ((packed >> CALL_SHIFT) & 3); // unknown 4, idle 5, dialing 6, in-call 7
}

/** The same, as an SQL expression over a column holding a packed state. */
export function statusSql(column: string): string {
  return `(CASE WHEN (${column} & ${UNWATCHED_BIT}) <> 0 THEN 0 WHEN ((${column} >> ${REACH_SHIFT}) & 3) <> 0 THEN ((${column} >> ${REACH_SHIFT}) & 3) ELSE 4 + (${column} & 3) END)`;
}

export const isDown = (status: number): boolean => status === STATUS.offline || status === STATUS.unreachable || status === STATUS.error;

export function snapshotOf(packed: number): RoomStateSnapshot {
  return { call: callOf(packed), muted: mutedOf(packed), reachability: reachOf(packed), stale: isStale(packed), monitored: isWatched(packed) };
}

/** Why codes as stored. 'demo' marks generated demo history; 'app' the history's own marks (not running). */
export const WHY = { poll: 0, action: 1, connection: 2, demo: 3, app: 4 } as const;
export type WhyName = keyof typeof WHY;
const WHY_NAMES: readonly WhyName[] = ['poll', 'action', 'connection', 'demo', 'app'];
export const whyCode = (why: TransitionCause | 'demo' | 'app'): number => WHY[why];
export const whyName = (code: number): WhyName => WHY_NAMES[code] ?? 'poll';

/**
 * A call that ends with the room going offline or unreachable, not by an action of ours (Relay does not
 * say why a call ended, so a room that simply goes idle is a meeting that ended, not a drop).
 */
export function isDrop(before: number, after: number, why: number): boolean {
  const to = statusOf(after);
  return statusOf(before) === STATUS.inCall && (to === STATUS.offline || to === STATUS.unreachable) && why !== WHY.action;
}
