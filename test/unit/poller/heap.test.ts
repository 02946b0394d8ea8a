import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { IndexedHeap, type HeapItem } from '../../../main/poller/heap.ts';

interface Item extends HeapItem {
  key: number;
  id: number;
}
const make = (key: number, id: number): Item => ({ key, id, heapIndex: -1 });
const less = (a: Item, b: Item) => a.key < b.key || (a.key === b.key && a.id < b.id);

describe('IndexedHeap', () => {
  it('pops in key order', () => {
    const heap = new IndexedHeap<Item>(less);
    [5, 1, 4, 2, 3].forEach((k, i) => heap.push(make(k, i)));
    const out: number[] = [];
    for (let item = heap.pop(); item; item = heap.pop()) out.push(item.key);
    expect(out).toEqual([1, 2, 3, 4, 5]);
    expect(heap.size).toBe(0);
  });

  it('removes and re-keys items by handle, keeping order (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 1000 })), { minLength: 1, maxLength: 200 }), (ops) => {
        const heap = new IndexedHeap<Item>(less);
        const items = ops.map(([k], i) => make(k, i));
        items.forEach((it) => heap.push(it));
        const alive = new Set(items);
        ops.forEach(([, op, value], i) => {
          const it = items[i] as Item;
          if (op === 1) {
            heap.remove(it);
            alive.delete(it);
          } else if (op === 2 && alive.has(it)) {
            it.key = value;
            heap.update(it);
          }
        });
        const expected = [...alive].sort((a, b) => (less(a, b) ? -1 : 1)).map((i) => i.id);
        const got: number[] = [];
        for (let item = heap.pop(); item; item = heap.pop()) got.push(item.id);
        expect(got).toEqual(expected);
        for (const it of items) expect(it.heapIndex).toBe(-1);
      }),
    );
  });

  it('refuses an item twice and ignores removing an absent one', () => {
    const heap = new IndexedHeap<Item>(less);
    const a = make(1, 1);
    heap.push(a);
    expect(() => heap.push(a)).toThrow();
    expect(heap.remove(make(1, 2))).toBe(false);
    expect(heap.has(a)).toBe(true);
  });
});
