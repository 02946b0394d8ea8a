// The event log from the file: pages of the whole history with time, kind, room, site and text filters.
// Keyset pagination on (at, id), never OFFSET, so a page costs the same on page 1 and page 10,000 and rows
// added meanwhile do not shift it. Two ways to find a page:
// - few candidate rooms or meetings (a room filter, a text that names a room): one index seek per room or
//   meeting and the noted rows (actions, messages), merged — each returns at most a page;
// - otherwise a walk back through time in widening windows on the time index, with the full filter, until
//   the page is full or a time budget is spent; then the page ends early and `next` says where to go on.
import { performance } from 'node:perf_hooks';
import { num, type Dictionaries, type Row, type SqlValue, type Statements } from './context.ts';
import type { RoomRegistry } from './rooms.ts';
import { snapshotOf, whyName, WHY } from './state-codec.ts';
import { describeTransition, fragmentsMatchingSql } from './words.ts';
import { ACTION_CODES, KIND } from './writer.ts';
import type { LogCause, LogCursor, LogEntry, LogKind, LogPage, LogQuery } from './types.ts';

export const MAX_PAGE = 1_000;
/** Above this many candidate rooms + meetings, walking the time index is the cheaper way. */
const MAX_SEEKS = 64;
const KIND_CODES: Record<LogKind, number> = { state: KIND.state, action: KIND.action, connection: KIND.connection, poller: KIND.poller, room: KIND.room };
const KIND_NAMES: readonly LogKind[] = ['state', 'action', 'connection', 'poller', 'room'];
const HOUR_MS = 3_600_000;

export interface LogContext {
  sql: Statements;
  dict: Dictionaries;
  rooms: RoomRegistry;
}

interface Plan {
  where: string[];
  params: SqlValue[];
  /** Candidate seeks, or null to walk the time index. */
  seeks: { cond: string; params: SqlValue[] }[] | null;
}

const json = (ids: Iterable<number>): string => JSON.stringify([...ids]);

/** Room ids whose name (now or before), endpoint id or site holds the text. */
function roomsMatching(ctx: LogContext, needle: string): Set<number> {
  const sites = ctx.dict.sitesMatching(needle);
  const rows = ctx.sql
    .get(
      `SELECT id FROM room WHERE instr(lower(name), lower(?)) > 0 OR instr(lower(endpoint), lower(?)) > 0 OR site IN (SELECT value FROM json_each(?))
       UNION SELECT room FROM room_name WHERE instr(lower(name), lower(?)) > 0`,
    )
    .all(needle, needle, json(sites), needle) as Row[];
  return new Set(rows.map((r) => num(r['id'])));
}

const idsWhere = (ctx: LogContext, sql: string, params: SqlValue[]): number[] => (ctx.sql.get(sql).all(...params) as Row[]).map((r) => num(r['id']));

function plan(ctx: LogContext, q: LogQuery): Plan | 'nothing' {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (q.from !== undefined) {
    where.push('at >= ?');
    params.push(q.from);
  }
  if (q.to !== undefined) {
    where.push('at < ?');
    params.push(q.to);
  }
  const kinds = q.kinds && q.kinds.length > 0 ? [...new Set(q.kinds)].map((k) => KIND_CODES[k]) : null;
  if (kinds) where.push(`kind IN (${kinds.join(', ')})`);

  // The rooms the room and site filters allow (null: every room).
  let scope: Set<number> | null = null;
  if (q.room) {
    const room = ctx.rooms.find(q.room);
    if (!room) return 'nothing';
    scope = new Set([room.id]);
  }
  if (q.site !== undefined) {
    const site = ctx.dict.siteIdIfKnown(q.site);
    if (site === null) return 'nothing';
    const inSite = new Set([...ctx.rooms.all()].filter((r) => r.site === site && (scope === null || scope.has(r.id))).map((r) => r.id));
    scope = inSite;
  }
  if (scope) {
    if (scope.size === 0) return 'nothing';
    where.push('room IN (SELECT value FROM json_each(?))');
    params.push(json(scope));
  }

  const needle = (q.text ?? '').trim().slice(0, 200);
  if (needle === '') {
    if (scope && scope.size <= MAX_SEEKS) return { where, params, seeks: [...scope].map((id) => ({ cond: 'room = ?', params: [id] })) };
    if (kinds && !kinds.includes(KIND.state)) return { where, params, seeks: [{ cond: '(kind <> 0 OR text IS NOT NULL)', params: [] }] };
    return { where, params, seeks: null };
  }

  const rooms = [...roomsMatching(ctx, needle)].filter((id) => scope === null || scope.has(id));
  const meetings = idsWhere(ctx, 'SELECT id FROM meeting WHERE instr(lower(number), lower(?)) > 0 OR instr(lower(title), lower(?)) > 0', [needle, needle]);
  const texts = idsWhere(ctx, 'SELECT id FROM text WHERE instr(lower(value), lower(?)) > 0', [needle]);
  const words = fragmentsMatchingSql(needle);
  const any: string[] = [];
  const anyParams: SqlValue[] = [];
  if (rooms.length > 0) {
    any.push('room IN (SELECT value FROM json_each(?))');
    anyParams.push(json(rooms));
  }
  if (meetings.length > 0) {
    any.push('(m_to > 0 AND m_to IN (SELECT value FROM json_each(?)))');
    anyParams.push(json(meetings));
  }
  if (texts.length > 0) {
    any.push('text IN (SELECT value FROM json_each(?)) OR conn IN (SELECT value FROM json_each(?))');
    anyParams.push(json(texts), json(texts));
  }
  if (words) any.push(words);
  if (any.length === 0) return 'nothing';
  where.push(`(${any.join(' OR ')})`);
  params.push(...anyParams);

  if (scope && scope.size <= MAX_SEEKS) return { where, params, seeks: [...scope].map((id) => ({ cond: 'room = ?', params: [id] })) };
  if (words === null && rooms.length + meetings.length <= MAX_SEEKS) {
    const seeks = [
      ...rooms.map((id) => ({ cond: 'room = ?', params: [id] as SqlValue[] })),
      ...meetings.map((id) => ({ cond: 'm_to > 0 AND m_to = ?', params: [id] as SqlValue[] })),
    ];
    if (texts.length > 0) seeks.push({ cond: '(kind <> 0 OR text IS NOT NULL)', params: [] });
    return { where, params, seeks };
  }
  return { where, params, seeks: null };
}

const COLUMNS = 'id, at, kind, room, why, a, b, m_from, m_to, text, conn';

function cursorSql(desc: boolean, after: LogCursor | null | undefined): { sql: string; params: SqlValue[] } {
  if (!after) return { sql: '', params: [] };
  return desc
    ? { sql: 'at <= ? AND (at < ? OR id < ?)', params: [after.at, after.at, after.id] }
    : { sql: 'at >= ? AND (at > ? OR id > ?)', params: [after.at, after.at, after.id] };
}

const and = (parts: string[]): string => (parts.length === 0 ? '' : `WHERE ${parts.filter((p) => p !== '').join(' AND ')}`);

export interface LogQueryOptions {
  /** Time a walk may take before it returns a short page with `next` (default 80 ms). */
  budgetMs?: number;
  /** Tests: force one way, to prove both give the same rows. */
  strategy?: 'auto' | 'walk';
}

export function queryLog(ctx: LogContext, q: LogQuery, options: LogQueryOptions = {}): LogPage {
  const limit = Math.max(1, Math.min(MAX_PAGE, Math.floor(q.limit ?? 200)));
  const desc = q.order !== 'asc';
  const p = plan(ctx, q);
  if (p === 'nothing') return { entries: [], next: null };
  const dir = desc ? 'DESC' : 'ASC';
  const walk = p.seeks === null || options.strategy === 'walk';
  const rows = walk ? byWalk(ctx, p, q, desc, dir, limit, options.budgetMs ?? 80) : bySeeks(ctx, p, q, desc, dir, limit);
  return { entries: rows.rows.map((r) => entryOf(ctx, r)), next: rows.next };
}

function bySeeks(ctx: LogContext, p: Plan, q: LogQuery, desc: boolean, dir: string, limit: number): { rows: Row[]; next: LogCursor | null } {
  const cursor = cursorSql(desc, q.after);
  const seen = new Map<number, Row>();
  let full = false;
  for (const seek of p.seeks ?? []) {
    const sql = `SELECT ${COLUMNS} FROM event ${and([seek.cond, ...p.where, cursor.sql])} ORDER BY at ${dir}, id ${dir} LIMIT ?`;
    const found = ctx.sql.get(sql).all(...seek.params, ...p.params, ...cursor.params, limit) as Row[];
    if (found.length === limit) full = true;
    for (const r of found) seen.set(num(r['id']), r);
  }
  const sorted = [...seen.values()].sort((x, y) => {
    const d = num(x['at']) - num(y['at']) || num(x['id']) - num(y['id']);
    return desc ? -d : d;
  });
  const rows = sorted.slice(0, limit);
  const more = full || sorted.length > limit;
  const last = rows[rows.length - 1];
  return { rows, next: more && last ? { at: num(last['at']), id: num(last['id']) } : null };
}

function byWalk(ctx: LogContext, p: Plan, q: LogQuery, desc: boolean, dir: string, limit: number, budgetMs: number): { rows: Row[]; next: LogCursor | null } {
  const bounds = ctx.sql.get('SELECT (SELECT min(at) FROM event) AS lo, (SELECT max(at) FROM event) AS hi').get() as Row;
  if (bounds['lo'] === null) return { rows: [], next: null };
  const lo = Math.max(num(bounds['lo']), q.from ?? Number.NEGATIVE_INFINITY);
  const hi = Math.min(num(bounds['hi']) + 1, q.to ?? Number.POSITIVE_INFINITY);
  const started = performance.now();
  const rows: Row[] = [];
  let width = HOUR_MS;
  // The window edge still to read from, and the cursor inside the first window.
  let edge = desc ? Math.min(hi, q.after ? q.after.at + 1 : hi) : Math.max(lo, q.after ? q.after.at : lo);
  let cursor = q.after ?? null;
  while (desc ? edge > lo : edge < hi) {
    const wLo = desc ? Math.max(lo, edge - width) : edge;
    const wHi = desc ? edge : Math.min(hi, edge + width);
    const c = cursorSql(desc, cursor);
    const sql = `SELECT ${COLUMNS} FROM event ${and(['at >= ?', 'at < ?', ...p.where, c.sql])} ORDER BY at ${dir}, id ${dir} LIMIT ?`;
    const need = limit - rows.length;
    const found = ctx.sql.get(sql).all(wLo, wHi, ...p.params, ...c.params, need) as Row[];
    rows.push(...found);
    if (found.length === need) {
      const last = found[found.length - 1] as Row;
      return { rows, next: { at: num(last['at']), id: num(last['id']) } };
    }
    edge = desc ? wLo : wHi;
    cursor = null;
    width *= 2;
    if (performance.now() - started > budgetMs && (desc ? edge > lo : edge < hi)) {
      // Out of time: the rows found so far, and where the next call goes on.
      return { rows, next: desc ? { at: edge, id: 0 } : { at: edge - 1, id: Number.MAX_SAFE_INTEGER } };
    }
  }
  return { rows, next: null };
}

function causeOf(kind: number, why: number): LogCause {
  if (why === WHY.demo) return 'demo';
  if (kind === KIND.state) return whyName(why);
  if (kind === KIND.action) return 'user';
  if (kind === KIND.connection) return 'connection';
  return 'poll';
}

export function entryOf(ctx: LogContext, r: Row): LogEntry {
  const kind = num(r['kind']);
  const why = num(r['why']);
  const roomId = r['room'] === null ? null : num(r['room']);
  const live = roomId === null ? undefined : ctx.rooms.byId(roomId);
  const room = live ? { enterpriseId: live.enterprise, endpointId: live.endpoint, name: live.name, site: ctx.dict.siteName(live.site) } : null;
  const text = r['text'] === null ? null : ctx.dict.text(num(r['text']));
  const a = num(r['a']);
  const b = num(r['b']);
  const base = {
    id: num(r['id']),
    at: num(r['at']),
    kind: KIND_NAMES[kind] ?? 'state',
    cause: causeOf(kind, why),
    room,
    connection: r['conn'] === null ? null : ctx.dict.text(num(r['conn'])),
    state: null,
    action: null,
  };
  if (kind === KIND.state) {
    const changed = r['m_to'] !== null;
    const to = changed ? ctx.dict.meeting(num(r['m_to'])) : null;
    const meeting = changed ? { from: ctx.dict.meeting(r['m_from'] === null ? null : num(r['m_from'])), to } : null;
    return { ...base, state: { from: snapshotOf(a), to: snapshotOf(b), meeting }, message: describeTransition(a, b, why, to, text) };
  }
  if (kind === KIND.action) {
    return { ...base, action: { action: ACTION_CODES[a] ?? 'mute', result: b === 0 ? 'ok' : 'failed' }, message: text ?? '' };
  }
  return { ...base, message: text ?? '' };
}
