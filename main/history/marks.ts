// Marks: a room's running totals saved at the start of a 4-hour block (when its first change in that block
// is written). The totals at any moment are then the mark before it plus a replay of the few changes since,
// so a 30-day report over 10,000 rooms reads two rows and a handful of changes per room, not 15 M rows.
import { num, type SqlValue, type Statements } from './context.ts';
import { closeTo, CUM_LENGTH, newTally, step, type Tally } from './tally.ts';

export const MARK_BLOCK_MS = 4 * 3_600_000;
export const blockOf = (at: number): number => Math.floor(at / MARK_BLOCK_MS) * MARK_BLOCK_MS;

const CUM_COLUMNS = ['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'stale_ms', 'calls', 'ended', 'ended_ms', 'drops', 'outages'] as const;
const MARK_COLUMNS = ['room', 'at', 'id', 'b', 'call_since', 'stale_since', ...CUM_COLUMNS];

export const INSERT_MARK = `INSERT OR REPLACE INTO room_mark (${MARK_COLUMNS.join(', ')}) VALUES (${MARK_COLUMNS.map(() => '?').join(', ')})`;

/** Saves the room's totals at `at` (the tally must be closed to `at`); `lastId`: its last row before. */
export function writeMark(sql: Statements, room: number, at: number, lastId: number, t: Tally): void {
  sql.get(INSERT_MARK).run(room, at, lastId, t.state, t.callSince, t.staleSince, ...t.cum);
}

const nullableNum = (v: SqlValue | undefined): number | null => (v === null || v === undefined ? null : num(v));

/** A mark read as an array in MARK_COLUMNS order (arrays: 20 columns a row, read for every room). */
function tallyOfMark(r: SqlValue[]): Tally {
  return {
    state: num(r[3]),
    at: num(r[1]),
    callSince: nullableNum(r[4]),
    staleSince: nullableNum(r[5]),
    cum: r.slice(6, 6 + CUM_COLUMNS.length).map(num),
  };
}

export type RoomSelection = { kind: 'all' } | { kind: 'site'; site: number } | { kind: 'ids'; ids: readonly number[] };

function where(sel: RoomSelection): { sql: string; params: SqlValue[] } {
  if (sel.kind === 'all') return { sql: '', params: [] };
  if (sel.kind === 'site') return { sql: 'WHERE r.site = ?', params: [sel.site] };
  return { sql: 'WHERE r.id IN (SELECT value FROM json_each(?))', params: [JSON.stringify(sel.ids)] };
}

const LATEST_MARK = '(SELECT x.at FROM room_mark x WHERE x.room = r.id AND x.at <= ? ORDER BY x.at DESC LIMIT 1)';

export interface RoomTallyAt {
  tally: Tally;
  /** Id and time of the room's last state row before the moment (0 / null when none). */
  lastId: number;
  lastAt: number | null;
  /** Start of the room's latest mark at or before the moment. */
  markAt: number | null;
}

/**
 * Every selected room's totals at `at`: closed up to `at` when `close`, else left at the room's last change
 * before `at` (what the writer holds in memory).
 */
export function talliesAt(sql: Statements, at: number, sel: RoomSelection, close = true): Map<number, RoomTallyAt> {
  const w = where(sel);
  const out = new Map<number, RoomTallyAt>();
  // The rooms in rowid order (NOT INDEXED), each with its latest mark at or before `at`.
  const marks = sql.get(
    `SELECT r.id, m.at, m.id, m.b, m.call_since, m.stale_since, ${CUM_COLUMNS.map((c) => `m.${c}`).join(', ')}
     FROM room r NOT INDEXED LEFT JOIN room_mark m ON m.room = r.id AND m.at = ${LATEST_MARK} ${w.sql}`,
  );
  marks.setReturnArrays(true);
  for (const r of marks.all(at, ...w.params) as unknown as SqlValue[][]) {
    const hasMark = r[1] !== null && r[1] !== undefined;
    out.set(num(r[0]), {
      tally: hasMark ? tallyOfMark(r) : newTally(Number.NEGATIVE_INFINITY),
      lastId: hasMark ? num(r[2]) : 0,
      lastAt: null,
      markAt: hasMark ? num(r[1]) : null,
    });
  }
  // The changes since each room's mark (index-only: event_room_at carries b and why), one query for all:
  // the marks found above are handed in, not looked up again. Rows come a room at a time in time order;
  // only rows of one room at the same millisecond may need putting in id order, so no sort of them all.
  const from = [...out].map(([room, e]) => [room, e.markAt ?? Number.MIN_SAFE_INTEGER, e.lastId]);
  const changes = sql.get(
    `SELECT e.room, e.at, e.id, e.b, e.why FROM json_each(?) j
     JOIN event e ON e.room = j.value ->> 0 AND e.at >= j.value ->> 1 AND e.at < ? AND e.id > j.value ->> 2 AND e.kind = 0`,
  );
  changes.setReturnArrays(true);
  const byRoom = new Map<number, SqlValue[][]>();
  for (const e of changes.iterate(JSON.stringify(from), at) as Iterable<SqlValue[]>) {
    const room = num(e[0]);
    const list = byRoom.get(room);
    if (list) list.push(e);
    else byRoom.set(room, [e]);
  }
  for (const [room, list] of byRoom) {
    const entry = out.get(room);
    if (!entry) continue;
    list.sort((x, y) => num(x[1]) - num(y[1]) || num(x[2]) - num(y[2]));
    const t = entry.tally;
    for (const e of list) {
      const eAt = num(e[1]);
      if (t.at === Number.NEGATIVE_INFINITY) t.at = eAt;
      step(t, eAt, num(e[3]), num(e[4]));
      entry.lastId = num(e[2]);
      entry.lastAt = eAt;
    }
  }
  for (const entry of out.values()) {
    if (entry.tally.at === Number.NEGATIVE_INFINITY) entry.tally.at = close ? at : 0;
    if (close) closeTo(entry.tally, at);
  }
  return out;
}

export const zeroCum = (): number[] => new Array<number>(CUM_LENGTH).fill(0);
