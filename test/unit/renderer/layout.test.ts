import { describe, expect, it } from 'vitest';
import { buildLayout, moveSelection } from '../../../renderer/src/rooms/layout.ts';
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
