// The rows of the virtual list: group headers and rows of rooms (one room per row, or a row of tiles),
// and moving the selection through them with the keyboard.
import type { GroupInfo, RoomOrder } from './view.ts';

export type LayoutRow = { kind: 'group'; group: GroupInfo; collapsed: boolean } | { kind: 'rooms'; keys: readonly string[] };

export interface Layout {
  readonly rows: readonly LayoutRow[];
  readonly columns: number;
  /** The rooms one can move through (not those in folded groups), in order. */
  readonly keys: readonly string[];
  /** Where a room is: its row and column, or null when it is not shown. */
  position(key: string): { row: number; col: number } | null;
  /** The group header a row falls under (its own index for a header), or -1. */
  headerOf(row: number): number;
}

export function buildLayout(order: RoomOrder, columns: number, collapsed: ReadonlySet<string>): Layout {
  const cols = Math.max(1, Math.floor(columns));
  const rows: LayoutRow[] = [];
  const keys: string[] = [];
  const headers: number[] = []; // row indices of group headers, ascending

  const pushRooms = (from: number, to: number): void => {
    for (let i = from; i < to; i += cols) {
      const chunk = order.keys.slice(i, Math.min(i + cols, to));
      rows.push({ kind: 'rooms', keys: chunk });
      for (const k of chunk) keys.push(k);
    }
  };

  if (order.groups) {
    for (const group of order.groups) {
      const isCollapsed = collapsed.has(group.id);
      headers.push(rows.length);
      rows.push({ kind: 'group', group, collapsed: isCollapsed });
      if (!isCollapsed) pushRooms(group.start, group.start + group.count);
    }
  } else {
    pushRooms(0, order.keys.length);
  }

  let positions: Map<string, { row: number; col: number }> | null = null;
  return {
    rows,
    columns: cols,
    keys,
    position(key) {
      if (!positions) {
        positions = new Map();
        rows.forEach((row, r) => {
          if (row.kind === 'rooms') row.keys.forEach((k, c) => positions!.set(k, { row: r, col: c }));
        });
      }
      return positions.get(key) ?? null;
    },
    headerOf(row) {
      // Binary search: the last header at or before `row`.
      let lo = 0;
      let hi = headers.length - 1;
      let found = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (headers[mid]! <= row) {
          found = headers[mid]!;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      return found;
    },
  };
}

export type Move = 'up' | 'down' | 'left' | 'right' | 'home' | 'end' | 'page-up' | 'page-down';

/** The room the selection moves to; the first room when nothing (visible) is selected. */
export function moveSelection(layout: Layout, current: string | null, move: Move, pageRows = 10): string | null {
  const { keys, rows } = layout;
  if (keys.length === 0) return null;
  const at = current === null ? null : layout.position(current);
  if (at === null) return move === 'end' ? keys[keys.length - 1]! : keys[0]!;
  if (move === 'home') return keys[0]!;
  if (move === 'end') return keys[keys.length - 1]!;

  if (layout.columns === 1 || move === 'left' || move === 'right') {
    // A flat list: step through the rooms in order.
    const steps: Record<Exclude<Move, 'home' | 'end'>, number> = { up: -1, left: -1, down: 1, right: 1, 'page-up': -pageRows, 'page-down': pageRows };
    const index = keys.indexOf(current!);
    return keys[Math.min(keys.length - 1, Math.max(0, index + steps[move]))]!;
  }

  // Tiles: up/down go to the same column of the next row of rooms (or its last tile), skipping headers.
  const direction = move === 'up' || move === 'page-up' ? -1 : 1;
  let remaining = move === 'page-up' || move === 'page-down' ? pageRows : 1;
  let target = current;
  for (let r = at.row + direction; r >= 0 && r < rows.length && remaining > 0; r += direction) {
    const candidate = rows[r]!;
    if (candidate.kind !== 'rooms') continue;
    target = candidate.keys[Math.min(at.col, candidate.keys.length - 1)]!;
    remaining--;
  }
  return target;
}

// Rows enter and leave the DOM in blocks of about 320 px (8 rows, 3 rows of tiles), not one by one as
// they scroll past: while the board scrolls, most frames then change nothing in the DOM (no mount, style,
// layout or repaint), and a frame that does pays the fixed cost of a change once for the whole block.
export const renderBlock = { rows: 8, tiles: 3 } as const;

/**
 * The rows to render: the visible ones (startIndex…endIndex) and `overscan` more on each side, widened to
 * whole blocks of `block` rows, so the set changes only when the range crosses a block boundary.
 */
export function blockRange(range: { startIndex: number; endIndex: number; overscan: number; count: number }, block: number): number[] {
  if (range.count === 0) return [];
  const start = Math.max(0, Math.floor((range.startIndex - range.overscan) / block) * block);
  const end = Math.min(range.count - 1, (Math.floor((range.endIndex + range.overscan) / block) + 1) * block - 1);
  const indexes: number[] = [];
  for (let i = start; i <= end; i++) indexes.push(i);
  return indexes;
}

/** Sizes of the rows, in pixels. */
export const rowHeights = { group: 36, row: 40, tiles: 124 } as const;
/** Wide enough for a tile's state line at its longest: the state, "stale" and "hanging up…". */
export const tileMinWidth = 272;
