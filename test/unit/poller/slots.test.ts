import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collides, gcd, placeAll, placeOne, planSlots, type Placement } from '../../../main/poller/slots.ts';

/** The slots (absolute indices in [0, horizon)) a placement uses. */
function used(p: Placement, horizon: number): number[] {
  const out: number[] = [];
  for (let s = p.offset; s < horizon; s += p.period) out.push(s);
  return out;
}

describe('slots', () => {
  it('collides exactly when two placements ever want the same slot', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 24 }), fc.integer({ min: 1, max: 24 }), fc.nat(), fc.nat(), (pa, pb, a, b) => {
        const x = { period: pa, offset: a % pa };
        const y = { period: pb, offset: b % pb };
        const horizon = (pa * pb) / gcd(pa, pb) + Math.max(pa, pb);
        const shared = used(x, horizon).some((s) => used(y, horizon).includes(s));
        expect(collides(x, y)).toBe(shared);
      }),
    );
  });

  it('places a set of tasks so that no two ever share a slot, or says it cannot', () => {
    const task = fc.record({ key: fc.string({ minLength: 1, maxLength: 8 }), period: fc.constantFrom(2, 4, 5, 8, 10, 16, 20, 40) });
    fc.assert(
      fc.property(fc.uniqueArray(task, { selector: (t) => t.key, maxLength: 12 }), (tasks) => {
        const placed = placeAll(tasks);
        if (!placed) return;
        expect(placed.size).toBe(tasks.length);
        const all = [...placed.values()];
        for (const p of all) expect(p.offset >= 0 && p.offset < p.period).toBe(true);
        for (let i = 0; i < all.length; i++) for (let j = i + 1; j < all.length; j++) expect(collides(all[i]!, all[j]!)).toBe(false);
        // Never more than one per slot over a whole hyperperiod.
        const counts = new Map<number, number>();
        for (const p of all) for (const s of used(p, 80)) counts.set(s, (counts.get(s) ?? 0) + 1);
        expect(Math.max(0, ...counts.values())).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('prefers the offset its key hashes to, and is the same for the same tasks', () => {
    const a = placeAll([{ key: 'room-a', period: 40 }]);
    const b = placeAll([{ key: 'room-a', period: 40 }]);
    expect(a).toEqual(b);
    expect(placeOne([], 10, 23)).toBe(3);
  });

  it('packs a second dialing room beside the first so active rooms still fit (2 s, 5 s at 500 ms slots)', () => {
    // Dialing every 4 slots: the second one takes the other even residue, leaving every odd slot free.
    const first = { period: 4, offset: 0 };
    expect(placeOne([first], 4, 1)).toBe(2);
    const tasks = [
      { key: 'd1', period: 4 },
      { key: 'd2', period: 4 },
      { key: 'a1', period: 10 },
      { key: 'a2', period: 10 },
      { key: 'a3', period: 10 },
      { key: 'a4', period: 10 },
      { key: 'bulk', period: 10 },
    ];
    fc.assert(
      fc.property(fc.shuffledSubarray(tasks, { minLength: tasks.length }), (order) => {
        const placed = placeAll(order.map((t, i) => ({ ...t, key: `${t.key}-${i}` })));
        expect(placed?.size).toBe(tasks.length);
      }),
    );
    // And not one more: the budget is full.
    expect(placeAll([...tasks, { key: 'a5', period: 10 }])).toBeNull();
  });

  it('plans the bulk call at its shortest period that fits, and drops trailing classes that do not fit', () => {
    const dialing = [
      { key: 'd1', period: 4 },
      { key: 'd2', period: 4 },
    ];
    const active = ['a1', 'a2', 'a3', 'a4'].map((key) => ({ key, period: 10 }));
    const full = planSlots({ bulk: [{ key: 'bulk', periods: [10, 11, 12, 13, 14, 15] }], classes: [[], dialing, active] });
    expect(full.classes).toBe(3);
    expect(full.bulkPeriod).toBe(10);
    expect(full.placements.size).toBe(7);
    // A fifth active room: the active class no longer fits, the rest does.
    const over = planSlots({ bulk: [{ key: 'bulk', periods: [10, 11, 12] }], classes: [[], dialing, [...active, { key: 'a5', period: 10 }]] });
    expect(over.classes).toBe(2);
    expect([...over.placements.keys()].sort()).toEqual(['bulk', 'd1', 'd2']);
    expect(over.bulkPeriod).toBe(10);
  });
});
