// A virtual clock for the poller's Clock port: time moves only through advance(), timers fire in order.
// `settle` lets promises (and, when given, real I/O) finish between timers.
import type { Clock } from '../../../main/ports.ts';

interface Timer {
  at: number;
  seq: number;
  fn: () => void;
  cancelled: boolean;
}

export class FakeClock implements Clock {
  #now: number;
  #seq = 0;
  #timers: Timer[] = [];
  /** Called whenever time moves (e.g. to move the simulator's clock along). */
  onMove: ((now: number, delta: number) => void) | null = null;

  constructor(start = 1_700_000_000_000) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(fn: () => void, ms: number): { cancel(): void } {
    const timer: Timer = { at: this.#now + Math.max(0, ms), seq: this.#seq++, fn, cancelled: false };
    this.#timers.push(timer);
    return { cancel: () => void (timer.cancelled = true) };
  }

  /** Timers still armed. */
  pending(): number {
    return this.#timers.filter((t) => !t.cancelled).length;
  }

  /**
   * Moves time forward by `ms`, firing due timers in order; after each one `settle()` runs (default:
   * drain the microtask queue a few times).
   */
  async advance(ms: number, settle: () => Promise<void> = flushMicrotasks): Promise<void> {
    const end = this.#now + ms;
    await settle();
    for (;;) {
      this.#timers = this.#timers.filter((t) => !t.cancelled);
      let next: Timer | undefined;
      for (const t of this.#timers) if (t.at <= end && (!next || t.at < next.at || (t.at === next.at && t.seq < next.seq))) next = t;
      if (!next) break;
      this.#move(Math.max(this.#now, next.at));
      next.cancelled = true;
      next.fn();
      await settle();
    }
    this.#move(end);
    await settle();
  }

  /** Time jumps (a machine waking from sleep): every timer now due fires at once, in order. */
  async jump(ms: number, settle: () => Promise<void> = flushMicrotasks): Promise<void> {
    this.#move(this.#now + ms);
    const due = this.#timers.filter((t) => !t.cancelled && t.at <= this.#now).sort((a, b) => a.at - b.at || a.seq - b.seq);
    for (const t of due) {
      t.cancelled = true;
      t.fn();
    }
    await settle();
  }

  #move(to: number): void {
    const delta = to - this.#now;
    this.#now = to;
    if (delta > 0) this.onMove?.(to, delta);
  }
}

export async function flushMicrotasks(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

/** A seeded PRNG (mulberry32) for deterministic jitter in tests. */
export function seededRandom(seed = 42): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
