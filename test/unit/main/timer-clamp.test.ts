// Node clamps a setTimeout delay above 2^31 − 1 ms to 1 ms (with a TimeoutOverflowWarning): a 429 with
// `Retry-After: 99999999` used to make a timer fire every millisecond. Every timer of main goes through
// the Clock port, and the system clock clamps there.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_TIMER_DELAY_MS, clampDelay, systemClock } from '../../../main/ports.ts';

afterEach(() => vi.restoreAllMocks());

describe('the system clock clamps every timer delay', () => {
  it('never hands Node a delay above 2^31 − 1 ms, and no warning is raised', async () => {
    const delays: number[] = [];
    const real = globalThis.setTimeout;
    vi.spyOn(globalThis, 'setTimeout').mockImplementation(((fn: () => void, ms?: number) => {
      delays.push(ms ?? 0);
      return real(fn, 0);
    }) as typeof setTimeout);
    const warnings: Error[] = [];
    const onWarning = (w: Error): void => void warnings.push(w);
    process.on('warning', onWarning);
    try {
      for (const ms of [99_999_999_000, 3_600_000, 2 ** 31, Infinity, Number.NaN, -5]) systemClock.setTimeout(() => {}, ms).cancel();
      await new Promise((r) => real(r, 10));
    } finally {
      process.off('warning', onWarning);
    }
    expect(Math.max(...delays)).toBeLessThanOrEqual(2 ** 31 - 1);
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(0);
    expect(delays[1]).toBe(3_600_000);
    expect(warnings.filter((w) => w.name === 'TimeoutOverflowWarning')).toHaveLength(0);
  });

  it('clampDelay keeps a delay within 0 … 2^31 − 1 ms', () => {
    expect(MAX_TIMER_DELAY_MS).toBe(2 ** 31 - 1);
    expect(clampDelay(99_999_999_000)).toBe(MAX_TIMER_DELAY_MS);
    expect(clampDelay(Infinity)).toBe(MAX_TIMER_DELAY_MS);
    expect(clampDelay(Number.NaN)).toBe(0);
    expect(clampDelay(-1)).toBe(0);
    expect(clampDelay(1_500)).toBe(1_500);
  });
});
