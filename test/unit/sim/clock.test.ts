import { describe, expect, it } from 'vitest';
import { createClock } from '../../../sim/clock.ts';

describe('sim clock', () => {
  it('starts where asked, frozen: moves only by advance()', () => {
    const clock = createClock({ startAt: 1_000_000, frozen: true });
    expect(clock.now()).toBe(1_000_000);
    expect(clock.isFrozen()).toBe(true);
    clock.advance(250);
    expect(clock.now()).toBe(1_000_250);
    expect(() => clock.advance(-1)).toThrow(RangeError);
  });

  it('resumes from where it stood and can be frozen again', () => {
    const clock = createClock({ startAt: 5_000, frozen: true });
    clock.resume();
    expect(clock.isFrozen()).toBe(false);
    const t = clock.now();
    expect(t).toBeGreaterThanOrEqual(5_000);
    expect(t).toBeLessThan(5_000 + 60_000);
    clock.advance(10_000);
    expect(clock.now()).toBeGreaterThanOrEqual(t + 10_000);
    clock.freeze();
    const frozen = clock.now();
    expect(clock.now()).toBe(frozen);
  });

  it('runs at real time by default', () => {
    const clock = createClock();
    expect(Math.abs(clock.now() - Date.now())).toBeLessThan(1000);
  });
});
