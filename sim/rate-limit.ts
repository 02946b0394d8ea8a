// Relay's limit (reference §2.0: keep *below* 2 requests per second, 429 above), per credential, on the
// sim clock (a frozen clock makes it exact in tests). Three modes:
// - strict (the default): what a strict server does. It counts each credential's requests in a rolling
//   1,000 ms window and refuses the third: no three accepted requests lie within 1,000 ms of each other.
//   Optionally each request is counted at its arrival time ± a seeded random amount (`arrivalJitterMs`),
//   as network jitter would move it, so a test proves the margin a client keeps.
// - lenient: a token bucket (capacity 2, refill 2/s), which forgives a client that sends at exactly 2/s.
// - off: unlimited (benchmarks of an on-premises server).
// A refused request is not counted (the server did nothing with it); that is our choice.
import { createRng, nextFloat } from './random.ts';

export type RateLimitMode = 'strict' | 'lenient' | 'off';

export interface RateLimiter {
  /** 0 when the request may go ahead; otherwise the whole seconds to wait (Retry-After, ≥ 1). */
  take(key: string): number;
  clear(): void;
}

export interface RateLimitOptions {
  now: () => number;
  /** Requests allowed per window (default 2). */
  limit?: number;
  /** The rolling window (strict) in ms (default 1,000). */
  windowMs?: number;
  /** Strict: each request is counted at its arrival ± up to this many ms (default 0). */
  arrivalJitterMs?: number;
  /** Seed of the jitter. */
  seed?: number;
  /** The jitter's draws in [0, 1) (default: seeded); tests replay them. */
  random?: () => number;
}

/** Keys are credentials (tokens, Basic users): a bound keeps a client that mints tokens from growing the map. */
const MAX_KEYS = 100_000;

/** The strict server: ≤ `limit` accepted requests in any rolling window, counted at arrival (± jitter). */
export function createStrictLimiter({ now, limit = 2, windowMs = 1_000, arrivalJitterMs = 0, seed = 1, random }: RateLimitOptions): RateLimiter {
  const jitter = Math.max(0, arrivalJitterMs);
  const rng = createRng(seed, 0x429);
  const draw = random ?? (() => nextFloat(rng));
  /** Per key: the counted times of accepted requests that can still matter, ascending. */
  const accepted = new Map<string, number[]>();
  return {
    take(key) {
      const arrival = now();
      const at = jitter > 0 ? arrival + (draw() * 2 - 1) * jitter : arrival;
      let times = accepted.get(key);
      if (!times) {
        if (accepted.size >= MAX_KEYS) accepted.clear();
        accepted.set(key, (times = []));
      }
      // Every later request is counted at ≥ arrival − jitter: older times can share no window with it.
      const horizon = arrival - jitter - windowMs;
      let drop = 0;
      while (drop < times.length && (times[drop] as number) <= horizon) drop++;
      if (drop > 0) times.splice(0, drop);
      // Where `at` goes among the accepted times (jitter may put it before some of them).
      let i = times.length;
      while (i > 0 && (times[i - 1] as number) > at) i--;
      const probe = [...times.slice(0, i), at, ...times.slice(i)];
      // Any `limit + 1` consecutive counted times spanning less than a window, with `at` among them, is over.
      let freeAt = -Infinity;
      for (let first = Math.max(0, i - limit); first <= i && first + limit < probe.length; first++) {
        const span = (probe[first + limit] as number) - (probe[first] as number);
        if (span < windowMs) freeAt = Math.max(freeAt, (probe[first] as number) + windowMs);
      }
      if (freeAt === -Infinity) {
        times.splice(i, 0, at);
        return 0;
      }
      return Math.max(1, Math.ceil((freeAt - at) / 1000));
    },
    clear: () => accepted.clear(),
  };
}

/** The forgiving bucket: `limit` at once, refilled at `limit` per second. */
export function createLenientLimiter({ now, limit = 2 }: RateLimitOptions): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key) {
      const t = now();
      let b = buckets.get(key);
      if (!b) {
        if (buckets.size >= MAX_KEYS) buckets.clear();
        b = { tokens: limit, at: t };
        buckets.set(key, b);
      } else if (t > b.at) {
        b.tokens = Math.min(limit, b.tokens + ((t - b.at) / 1000) * limit);
        b.at = t;
      }
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return 0;
      }
      return Math.max(1, Math.ceil((1 - b.tokens) / limit));
    },
    clear: () => buckets.clear(),
  };
}

export function createRateLimiter(mode: RateLimitMode, options: RateLimitOptions): RateLimiter {
  if (mode === 'strict') return createStrictLimiter(options);
  if (mode === 'lenient') return createLenientLimiter(options);
  return { take: () => 0, clear() {} };
}
