// The simulator's clock. Tests freeze and advance it; everything with a lifetime (tokens, codes, paired
// status, room states, the rate limiter's refill) reads time from here, never from Date.now directly.

export interface SimClock {
  /** Milliseconds since the epoch, in sim time. */
  now(): number;
  /** Stops time at its current value. */
  freeze(): void;
  /** Lets time run again at real speed from where it stands. */
  resume(): void;
  /** Moves time forward (frozen or not). */
  advance(ms: number): void;
  isFrozen(): boolean;
}

export interface ClockOptions {
  /** Sim time at start (ms since epoch); defaults to the real time. */
  startAt?: number;
  /** Start frozen (tests): time then moves only through advance(). */
  frozen?: boolean;
}

export function createClock(options: ClockOptions = {}): SimClock {
  const start = options.startAt ?? Date.now();
  let offset = start - Date.now();
  let frozenAt: number | null = options.frozen ? start : null;
  return {
    now: () => (frozenAt === null ? Date.now() + offset : frozenAt),
    freeze() {
      if (frozenAt === null) frozenAt = Date.now() + offset;
    },
    resume() {
      if (frozenAt !== null) {
        offset = frozenAt - Date.now();
        frozenAt = null;
      }
    },
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('advance() takes a non-negative number of ms');
      if (frozenAt === null) offset += ms;
      else frozenAt += ms;
    },
    isFrozen: () => frozenAt !== null,
  };
}
