import { describe, expect, it } from 'vitest';
import { backoffCeiling, backoffDelay } from '../../../main/poller/backoff.ts';
import { RateMeter, TokenBucket } from '../../../main/poller/budget.ts';
import { hash32, jitter, nextSlot, phaseOf } from '../../../main/poller/phase.ts';
import { planShares, stretchFactors } from '../../../main/poller/share.ts';
import { isStale } from '../../../main/poller/stale.ts';
import { seededRandom } from './fake-clock.ts';

describe('phase', () => {
  it('is a stable hash of the key within the interval', () => {
    expect(hash32('conn/abc')).toBe(hash32('conn/abc'));
    expect(hash32('conn/abc')).not.toBe(hash32('conn/abd'));
    for (const key of ['a', 'b', 'conn/4fb18e00e4b0378e4f3e5858']) {
      const p = phaseOf(key, 20_000);
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThan(20_000);
    }
  });

  it('spreads many rooms evenly over the interval', () => {
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 10_000; i++) buckets[Math.floor(phaseOf(`c1/${i.toString(16).padStart(24, '0')}`, 20_000) / 2_000)]!++;
    for (const n of buckets) expect(n).toBeGreaterThan(800);
    for (const n of buckets) expect(n).toBeLessThan(1200);
  });

  it('places the next slot on the room grid, at or after the earliest time', () => {
    const phase = 1234;
    const slot = nextSlot(1_000_000, 5_000, phase);
    expect(slot).toBeGreaterThanOrEqual(1_000_000);
    expect(slot - 1_000_000).toBeLessThan(5_000);
    expect((slot - phase) % 5_000).toBe(0);
    expect(nextSlot(slot, 5_000, phase)).toBe(slot);
  });

  it('keeps jitter within ±fraction of the interval and under the cap', () => {
    const random = seededRandom(7);
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < 10_000; i++) {
      const j = jitter(2_000, { fraction: 0.05, maxMs: 1_000 }, random);
      min = Math.min(min, j);
      max = Math.max(max, j);
    }
    expect(min).toBeGreaterThanOrEqual(-100);
    expect(max).toBeLessThanOrEqual(100);
    expect(max - min).toBeGreaterThan(150); // it does jitter
    expect(Math.abs(jitter(600_000, { fraction: 0.05, maxMs: 1_000 }, () => 1))).toBeLessThanOrEqual(1_000);
  });
});

describe('backoff', () => {
  it('doubles from the base up to the cap', () => {
    const o = { baseMs: 1_000, capMs: 60_000 };
    expect([1, 2, 3, 4, 5, 6, 7, 8, 40].map((n) => backoffCeiling(n, o))).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000]);
  });

  it('jitters between the base and the ceiling', () => {
    const o = { baseMs: 1_000, capMs: 60_000 };
    expect(backoffDelay(4, () => 0, o)).toBe(1_000);
    expect(backoffDelay(4, () => 0.999999, o)).toBeCloseTo(8_000, -1);
    expect(backoffDelay(1, () => 0.5, o)).toBe(1_000);
    const random = seededRandom(3);
    for (let i = 0; i < 1000; i++) {
      const d = backoffDelay(10, random, o);
      expect(d).toBeGreaterThanOrEqual(1_000);
      expect(d).toBeLessThanOrEqual(60_000);
    }
  });
});

describe('TokenBucket', () => {
  it('never allows more than the rate over any window', () => {
    const bucket = new TokenBucket(2, 0, 1);
    let sent = 0;
    for (let t = 0; t <= 10_000; t += 10) if (bucket.tryTake(t)) sent++;
    expect(sent).toBeLessThanOrEqual(21); // 1 at start + 2/s × 10 s
    expect(sent).toBeGreaterThanOrEqual(20);
  });

  it('says when the next token comes, and drains on a 429', () => {
    const bucket = new TokenBucket(2, 0, 1);
    expect(bucket.tryTake(0)).toBe(true);
    expect(bucket.tryTake(0)).toBe(false);
    expect(bucket.readyAt(0)).toBe(500);
    expect(bucket.tryTake(500)).toBe(true);
    bucket.drain(2_000);
    expect(bucket.tryTake(2_000)).toBe(false);
    expect(bucket.readyAt(2_000)).toBe(2_500);
  });

  it('is unlimited with a null rate', () => {
    const bucket = new TokenBucket(null, 0);
    for (let i = 0; i < 1000; i++) expect(bucket.tryTake(0)).toBe(true);
    expect(bucket.readyAt(5)).toBe(5);
  });

  it('meters requests per second over the last seconds', () => {
    const meter = new RateMeter(5);
    for (let t = 0; t < 10_000; t += 250) meter.mark(t);
    expect(meter.perSecond(10_000)).toBe(4);
    expect(meter.perSecond(30_000)).toBe(0);
  });
});

describe('budget share', () => {
  it('serves classes in order and stretches the first that does not fit', () => {
    // 2 req/s, bulk 0.2/s; pinned 0.15, dialing 1.0, active 0.8, rest 500.
    const f = stretchFactors(2, 0.2, [0.15, 1.0, 0.8, 500]);
    expect(f[0]).toBe(1);
    expect(f[1]).toBe(1);
    expect(f[2]).toBeCloseTo(0.8 / 0.65, 5);
    expect(f[3]).toBe(Infinity);
    expect(stretchFactors(null, 0, [5, 5])).toEqual([1, 1]);
  });
});

describe('stale', () => {
  it('is stale only after two intervals', () => {
    expect(isStale(1_000, 0, 5_000, 11_000)).toBe(false);
    expect(isStale(1_000, 0, 5_000, 11_001)).toBe(true);
    expect(isStale(null, 0, 5_000, 10_001)).toBe(true);
    expect(isStale(null, 0, 5_000, 9_000)).toBe(false);
  });
});

describe('share plan', () => {
  it('stretches the bulk call to leave the urgent classes room, within its bounds', () => {
    const base = { budget: 2, headroom: 0.95, bulkCallers: 1, bulkMinMs: 5_000, bulkMaxMs: 8_000, urgentClasses: 3 };
    // Nothing urgent: the bulk call at its fastest.
    expect(planShares({ ...base, demand: [0, 0, 0, 500] })).toMatchObject({ bulkMs: 5_000 });
    // 2 dialing + 4 active (1.8 req/s): the bulk call slows to its slowest; active is stretched a little.
    const tight = planShares({ ...base, demand: [0, 1.0, 0.8, 500] });
    expect(tight.bulkMs).toBe(8_000);
    expect(tight.factors[1]).toBe(1);
    expect(tight.factors[2]).toBeCloseTo(0.8 / (1.9 - 0.125 - 1.0), 5);
    expect(tight.factors[3]).toBe(Infinity);
    // Unlimited: every class in full, the bulk interval untouched.
    expect(planShares({ ...base, budget: null, demand: [1, 100, 100, 100] })).toEqual({ bulkMs: 5_000, factors: [1, 1, 1, 1] });
  });
});
