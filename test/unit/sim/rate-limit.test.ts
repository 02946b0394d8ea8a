import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../../sim/rate-limit.ts';

describe('token bucket', () => {
  it('allows a burst of 2, then says how long to wait; refills 2 per second', () => {
    let now = 0;
    const limiter = createRateLimiter({ now: () => now });
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBe(1);
    now = 499;
    expect(limiter.take('a')).toBe(1);
    now = 500;
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBe(1);
    now = 10_000;
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBe(1);
  });

  it('sustains 2 per second and no more', () => {
    let now = 0;
    const limiter = createRateLimiter({ now: () => now });
    let allowed = 0;
    for (let t = 0; t < 10_000; t += 50) {
      now = t;
      if (limiter.take('k') === 0) allowed++;
    }
    expect(allowed).toBe(2 + 20 - 1); // the burst, then one every 500 ms
  });

  it('keeps keys apart and forgets on clear()', () => {
    const limiter = createRateLimiter({ now: () => 0 });
    limiter.take('a');
    limiter.take('a');
    expect(limiter.take('a')).toBe(1);
    expect(limiter.take('b')).toBe(0);
    limiter.clear();
    expect(limiter.take('a')).toBe(0);
  });

  it('takes capacity and rate as options', () => {
    const limiter = createRateLimiter({ capacity: 1, perSecond: 0.25, now: () => 0 });
    expect(limiter.take('x')).toBe(0);
    expect(limiter.take('x')).toBe(4);
  });
});
