// Relay's limit (reference §2.0: keep below 2 requests per second, 429 above): a token bucket per
// credential. It reads the sim clock, so a frozen clock makes it exact in tests.

export interface RateLimiter {
  /** 0 when the request may go ahead; otherwise the seconds to wait (Retry-After). */
  take(key: string): number;
  clear(): void;
}

export interface RateLimitOptions {
  capacity?: number;
  perSecond?: number;
  now: () => number;
}

export function createRateLimiter({ capacity = 2, perSecond = 2, now }: RateLimitOptions): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key) {
      const t = now();
      let b = buckets.get(key);
      if (!b) {
        b = { tokens: capacity, at: t };
        buckets.set(key, b);
      } else if (t > b.at) {
        b.tokens = Math.min(capacity, b.tokens + ((t - b.at) / 1000) * perSecond);
        b.at = t;
      }
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return 0;
      }
      return Math.max(1, Math.ceil((1 - b.tokens) / perSecond));
    },
    clear: () => buckets.clear(),
  };
}
