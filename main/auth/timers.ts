// Named one-shot timers on the Clock port, safe for far deadlines (setTimeout overflows past ~24.8 days).
import { MAX_TIMER_DELAY_MS, type Clock } from '../ports.ts';

/** When to renew a credential: at 80 % of its life, but at most a day and at least 5 s before expiry. */
export function renewAt(issuedAt: number, expiresAt: number): number {
  const life = Math.max(0, expiresAt - issuedAt);
  const margin = Math.min(Math.max(life * 0.2, 5_000), 86_400_000);
  return expiresAt - margin;
}

export class Timers {
  readonly #clock: Clock;
  readonly #timers = new Map<string, { cancel(): void }>();

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** Run `fn` at time `at` (ms since epoch, the clock's time); replaces the timer of the same name. */
  at(name: string, at: number, fn: () => void): void {
    this.cancel(name);
    const arm = (): void => {
      const delay = at - this.#clock.now();
      if (delay <= 0) {
        // Never run inside the caller: a due timer fires on the next turn, like any other.
        this.#timers.set(name, this.#clock.setTimeout(() => (this.#timers.delete(name), fn()), 0));
        return;
      }
      this.#timers.set(name, this.#clock.setTimeout(arm, Math.min(delay, MAX_TIMER_DELAY_MS)));
    };
    arm();
  }

  cancel(name: string): void {
    this.#timers.get(name)?.cancel();
    this.#timers.delete(name);
  }

  cancelAll(): void {
    for (const t of this.#timers.values()) t.cancel();
    this.#timers.clear();
  }
}
