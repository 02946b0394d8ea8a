import { describe, expect, it } from 'vitest';
import { createRng, hashInts, hexId, nextFloat, nextInt, relayToken, seamToken, shuffled } from '../../../sim/random.ts';

describe('seeded randomness', () => {
  it('the same seed gives the same sequence; another seed another', () => {
    const seq = (...seed: number[]) => {
      const rng = createRng(...seed);
      return Array.from({ length: 20 }, () => nextFloat(rng));
    };
    expect(seq(7, 1)).toEqual(seq(7, 1));
    expect(seq(7, 1)).not.toEqual(seq(7, 2));
    expect(seq(8, 1)).not.toEqual(seq(7, 1));
    for (const x of seq(3)) expect(x >= 0 && x < 1).toBe(true);
  });

  it('nextInt stays within its bounds and reaches both ends', () => {
    const rng = createRng(1);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const n = nextInt(rng, 3, 10);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(10);
      seen.add(n);
    }
    expect(seen.size).toBe(8);
  });

  it('hashInts depends on every part and on their order', () => {
    expect(hashInts(1, 2, 3)).toBe(hashInts(1, 2, 3));
    expect(hashInts(1, 2, 3)).not.toBe(hashInts(3, 2, 1));
    expect(hashInts(1, 2)).not.toBe(hashInts(1, 2, 0));
  });

  it('ids look like Relay ids and shuffles are permutations', () => {
    const rng = createRng(9);
    expect(hexId(rng)).toMatch(/^[0-9a-f]{24}$/);
    const items = Array.from({ length: 50 }, (_, i) => i);
    const a = shuffled(createRng(4), items);
    expect([...a].sort((x, y) => x - y)).toEqual(items);
    expect(a).toEqual(shuffled(createRng(4), items));
    expect(a).not.toEqual(items);
  });

  it('tokens look like the real ones', () => {
    expect(seamToken('z2')).toMatch(/^[a-z0-9]{32}@z2$/);
    expect(relayToken()).toMatch(/^[0-9a-v]{32}$/);
    expect(relayToken()).not.toBe(relayToken());
  });
});
