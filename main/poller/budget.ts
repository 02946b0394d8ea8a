// The request budget of one host: a token bucket (rate per second, small burst). null = unlimited
// (on-premises or simulated servers). Its own code because it must read the poller's Clock (virtual in
// tests) and tell the scheduler *when* the next token comes, which is what the one timer is armed to.
// With a capacity of 1 two requests never leave closer than 1000/rate ms; at sendRatePerSec(limit) that
// is budgetSpacingMs(limit), so a strict server never counts more than `limit` in a second (contract/budget.ts).
import { budgetSpacingMs } from '../../contract/index.ts';

/** The rate a host's budget sends at under a limit of `limitPerSec` (null: unlimited): 1000 / 550 ms at Relay's 2. */
export function sendRatePerSec(limitPerSec: number | null): number | null {
  return limitPerSec === null ? null : 1000 / budgetSpacingMs(limitPerSec);
}

/** Refills add up in floating point (0.2 × r + 0.35 × r may fall short of 0.55 × r): a token this close is whole. */
const WHOLE = 1 - 1e-9;

export class TokenBucket {
  #rate: number | null;
  #capacity: number;
  #tokens: number;
  #at: number;

  constructor(ratePerSec: number | null, now: number, capacity = 1) {
    this.#rate = ratePerSec;
    this.#capacity = Math.max(1, capacity);
    this.#tokens = this.#capacity;
    this.#at = now;
  }

  get rate(): number | null {
    return this.#rate;
  }

  setRate(ratePerSec: number | null, now: number): void {
    this.#refill(now);
    this.#rate = ratePerSec;
  }

  /** Takes a token if one is there. */
  tryTake(now: number): boolean {
    if (this.#rate === null) return true;
    this.#refill(now);
    if (this.#tokens >= WHOLE) {
      this.#tokens = Math.max(0, this.#tokens - 1);
      return true;
    }
    return false;
  }

  /** When the next token is there (≤ now when one is there already). */
  readyAt(now: number): number {
    if (this.#rate === null) return now;
    this.#refill(now);
    if (this.#tokens >= WHOLE) return now;
    return now + Math.max(1, Math.ceil(((1 - this.#tokens) / this.#rate) * 1000 - 1e-6));
  }

  /** Drops what was saved up (after a 429 the server's bucket is empty too). */
  drain(now: number): void {
    this.#refill(now);
    this.#tokens = 0;
  }

  #refill(now: number): void {
    if (this.#rate === null) return;
    if (now > this.#at) {
      this.#tokens = Math.min(this.#capacity, this.#tokens + ((now - this.#at) / 1000) * this.#rate);
    }
    this.#at = Math.max(this.#at, now);
  }
}

/** Requests sent per second, averaged over the last `seconds` whole seconds (cheap: one counter per second). */
export class RateMeter {
  readonly #counts: number[];
  #second = -1;

  constructor(seconds = 5) {
    this.#counts = new Array<number>(Math.max(1, seconds)).fill(0);
  }

  mark(now: number): void {
    this.#roll(now);
    const slot = this.#second % this.#counts.length;
    this.#counts[slot] = (this.#counts[slot] ?? 0) + 1;
  }

  perSecond(now: number): number {
    this.#roll(now);
    // The current second is partial: average over the full seconds before it.
    let sum = 0;
    const n = this.#counts.length;
    for (let i = 1; i < n; i++) sum += this.#counts[(this.#second - i + n * 2) % n] ?? 0;
    return n > 1 ? sum / (n - 1) : (this.#counts[0] ?? 0);
  }

  #roll(now: number): void {
    const second = Math.floor(now / 1000);
    if (this.#second < 0) {
      this.#second = second;
      return;
    }
    if (second <= this.#second) return;
    const n = this.#counts.length;
    for (let s = this.#second + 1; s <= Math.min(second, this.#second + n); s++) this.#counts[s % n] = 0;
    this.#second = second;
  }
}
