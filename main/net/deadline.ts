// A total deadline per request, from the moment it is asked for to its last byte (time waiting for a
// pooled connection included). undici's header and between-chunk timeouts alone let a server that sends
// one byte every few seconds hold a request, and with it one of the host's few in-flight slots, for as
// long as it likes.
//
// The timer is the Clock port's, not AbortSignal.timeout: the poller, its tests and the simulator share
// one (virtual) clock, so a deadline runs in the same time as the schedule it protects; and the timer is
// cancelled when the answer is in, where AbortSignal.timeout's would live on until it fired.
import type { Clock } from '../ports.ts';
import { timeoutError } from './errors.ts';

/** The longest one request may take, per kind of call. */
export const callDeadlines = {
  /** A room's status poll: short, so a stuck poll gives its slot back within about one dialing interval. */
  status: 6_000,
  /** A detail read: meetings, pairing look-ups, paired devices, join checks, naming. */
  read: 15_000,
  /** Join, mute, unmute, hang up: Relay answers once the room's device has. */
  action: 20_000,
  /** Token grants, renewals and revokes (the connections' client). */
  grant: 20_000,
  /** The bulk status call: every room in one answer (about 1.2 MB at 10,000 rooms). */
  bulk: 20_000,
  /** The endpoint list: every room's record (about 10 MB at 10,000 rooms). */
  list: 60_000,
} as const;

export type CallKind = keyof typeof callDeadlines;

/** Node runs a timer asked for more than 2³¹−1 ms after 1 ms; a deadline is never that long anyway. */
const MAX_TIMER_MS = 2_147_483_647;

export interface Deadline {
  /** Aborts when the deadline passes (with the timeout error as its reason) or the caller's signal does. */
  signal: AbortSignal;
  /** The answer is in: stop the timer. */
  cancel(): void;
}

export function startDeadline(clock: Clock, host: string, ms: number, caller?: AbortSignal): Deadline {
  const controller = new AbortController();
  const timer = clock.setTimeout(() => controller.abort(timeoutError(host, ms)), clampDelay(ms));
  return {
    signal: caller ? AbortSignal.any([controller.signal, caller]) : controller.signal,
    cancel: () => timer.cancel(),
  };
}

export function clampDelay(ms: number): number {
  return Number.isFinite(ms) ? Math.min(Math.max(0, ms), MAX_TIMER_MS) : MAX_TIMER_MS;
}
