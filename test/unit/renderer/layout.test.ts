import { describe, expect, it } from 'vitest';
import { blockRange, buildLayout, moveSelection } from '../../../renderer/src/rooms/layout.ts';
import type { RoomOrder } from '../../../renderer/src/rooms/view.ts';

const grouped: RoomOrder = {
  keys: ['a', 'b', 'c', 'd', 'e'],
  groups: [
    { id: 'g1', label: 'One', start: 0, count: 3 },
    { id: 'g2', label: 'Two', start: 3, count: 2 },
  ],
};

describe('layout', () => {
  it('puts group headers before their rooms and folds collapsed groups', () => {
    const l = buildLayout(grouped, 1, new Set());
    expect(l.rows.map((r) => (r.kind === 'group' ? `#${r.group.label}` : r.keys.join('')))).toEqual(['#One', 'a', 'b', 'c', '#Two', 'd', 'e']);
    expect(l.headerOf(3)).toBe(0);
    expect(l.headerOf(5)).toBe(4);
    const folded = buildLayout(grouped, 1, new Set(['g1']));
    expect(folded.rows.map((r) => (r.kind === 'group' ? `#${r.group.label}:${r.collapsed}` : r.keys.join('')))).toEqual(['#One:true', '#Two:false', 'd', 'e']);
    expect(folded.keys).toEqual(['d', 'e']);
    expect(folded.position('a')).toBeNull();
  });

  it('renders whole blocks of rows around the visible ones, the same set while scrolling within a block', () => {
    const at = (startIndex: number, endIndex: number) => blockRange({ startIndex, endIndex, overscan: 6, count: 1000 }, 8);
    const first = at(20, 40);
    expect(first[0]).toBe(8); // 20 - 6 = 14, down to the block at 8
    expect(first.at(-1)).toBe(47); // 40 + 6 = 46, up to the end of its block
    expect(first).toEqual(Array.from({ length: 40 }, (_, i) => 8 + i));
    expect(at(21, 41)).toEqual(first);
    expect(at(22, 42)).not.toEqual(first);
    expect(blockRange({ startIndex: 0, endIndex: 3, overscan: 6, count: 5 }, 8)).toEqual([0, 1, 2, 3, 4]);
    expect(blockRange({ startIndex: 0, endIndex: 0, overscan: 6, count: 0 }, 8)).toEqual([]);
  });

  it('chunks tiles into rows per group', () => {
    const l = buildLayout(grouped, 2, new Set());
    expect(l.rows.map((r) => (r.kind === 'group' ? '#' : r.keys.join('')))).toEqual(['#', 'ab', 'c', '#', 'de']);
    expect(l.position('c')).toEqual({ row: 2, col: 0 });
  });

  it('moves through a list, clamping at the ends', () => {
    const l = buildLayout(grouped, 1, new Set());
    expect(moveSelection(l, null, 'down')).toBe('a');
    expect(moveSelection(l, 'c', 'down')).toBe('d'); // across the header
    expect(moveSelection(l, 'a', 'up')).toBe('a');
    expect(moveSelection(l, 'b', 'end')).toBe('e');
    expect(moveSelection(l, 'e', 'home')).toBe('a');
    expect(moveSelection(l, 'a', 'page-down', 3)).toBe('d');
    expect(moveSelection(l, 'gone', 'down')).toBe('a');
  });

  it('moves through tiles by row and column', () => {
    const l = buildLayout({ keys: ['a', 'b', 'c', 'd', 'e'], groups: null }, 3, new Set());
    expect(moveSelection(l, 'b', 'down')).toBe('e');
    expect(moveSelection(l, 'c', 'down')).toBe('e'); // the last tile of a short row
    expect(moveSelection(l, 'e', 'up')).toBe('b');
    expect(moveSelection(l, 'c', 'right')).toBe('d');
    expect(moveSelection(l, 'a', 'up')).toBe('a');
  });
});
