import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLenientLimiter, createRateLimiter, createStrictLimiter } from '../../../sim/rate-limit.ts';

describe('strict limiter (a rolling 1,000 ms window per key)', () => {
  it('refuses the third request within 1,000 ms, even at exactly 2 per second', () => {
    let now = 0;
    const limiter = createStrictLimiter({ now: () => now });
    const at = (t: number) => ((now = t), limiter.take('a'));
    expect(at(0)).toBe(0);
    expect(at(500)).toBe(0);
    // The bucket of a lenient server forgives this one; a strict server does not (0, 500, 999 lie within 1 s).
    expect(at(999)).toBe(1);
    expect(at(1_000)).toBe(0);
    expect(at(1_499)).toBe(1);
    expect(at(1_500)).toBe(0);
  });

  it('says how long to wait in whole seconds, at least 1', () => {
    let now = 0;
    const limiter = createStrictLimiter({ now: () => now });
    limiter.take('a');
    limiter.take('a');
    now = 10;
    expect(limiter.take('a')).toBe(1);
    const slow = createStrictLimiter({ now: () => 0, limit: 1, windowMs: 3_500 });
    expect(slow.take('x')).toBe(0);
    expect(slow.take('x')).toBe(4);
  });

  it('keeps keys apart, does not count refused requests, and forgets on clear()', () => {
    let now = 0;
    const limiter = createStrictLimiter({ now: () => now });
    limiter.take('a');
    limiter.take('a');
    for (let i = 0; i < 5; i++) expect(limiter.take('a')).toBe(1);
    expect(limiter.take('b')).toBe(0);
    now = 1_000;
    expect(limiter.take('a')).toBe(0);
    limiter.clear();
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBe(0);
  });

  it('never accepts three requests whose counted times lie within 1,000 ms, whatever the arrivals and the jitter', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ gap: fc.integer({ min: 0, max: 700 }), draw: fc.double({ min: 0, max: 0.999_999, noNaN: true }) }), { minLength: 3, maxLength: 60 }),
        fc.integer({ min: 0, max: 150 }),
        (requests, jitter) => {
          let now = 0;
          let draw = 0;
          const limiter = createStrictLimiter({ now: () => now, arrivalJitterMs: jitter, random: () => draw });
          const counted: number[] = [];
          for (const r of requests) {
            now += r.gap;
            draw = r.draw;
            if (limiter.take('k') === 0) counted.push(now + (r.draw * 2 - 1) * jitter);
          }
          counted.sort((a, b) => a - b);
          for (let i = 2; i < counted.length; i++) expect(counted[i]! - counted[i - 2]!).toBeGreaterThanOrEqual(1_000);
        },
      ),
    );
  });

  it('with arrival jitter, refuses a client that spaces three requests only 1,000 ms apart, and accepts one that keeps 1,000 + 2 × jitter', () => {
    const run = (spacing: number, jitter: number): number => {
      let now = 0;
      const limiter = createStrictLimiter({ now: () => now, arrivalJitterMs: jitter, seed: 7 });
      let refused = 0;
      for (let i = 0; i < 2_000; i++) {
        if (limiter.take('k') !== 0) refused++;
        now += spacing;
      }
      return refused;
    };
    expect(run(500, 0)).toBe(0); // exactly 2/s, no jitter: 0, 500, 1000 — the window holds two
    expect(run(500, 50)).toBeGreaterThan(100); // the same client, ±50 ms of jitter: refused often
    expect(run(550, 50)).toBe(0); // three requests span 1,100 ms: never within 1,000 ms as counted
  });
});

describe('lenient limiter (token bucket)', () => {
  it('allows a burst of 2, then says how long to wait; refills 2 per second', () => {
    let now = 0;
    const limiter = createLenientLimiter({ now: () => now });
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
    const limiter = createLenientLimiter({ now: () => now });
    let allowed = 0;
    for (let t = 0; t < 10_000; t += 50) {
      now = t;
      if (limiter.take('k') === 0) allowed++;
    }
    expect(allowed).toBe(2 + 20 - 1); // the burst, then one every 500 ms
  });

  it('takes its limit as an option', () => {
    const limiter = createLenientLimiter({ limit: 1, now: () => 0 });
    expect(limiter.take('x')).toBe(0);
    expect(limiter.take('x')).toBe(1);
  });
});

describe('modes', () => {
  it('off never refuses', () => {
    const limiter = createRateLimiter('off', { now: () => 0 });
    for (let i = 0; i < 100; i++) expect(limiter.take('k')).toBe(0);
  });
});
