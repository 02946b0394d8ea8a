// The writer: one transaction per batch (never a write per room per poll). Each room change becomes one
// row; the room's running totals advance in memory and are saved at marks; the time each status took is
// summed per site and hour. If the transaction fails, the memory is put back as it was, so memory and file
// never disagree, and the batch is reported as not written (the disk is full, the file is damaged, …).
import { num, type Dictionaries, type Statements } from './context.ts';
import { blockOf, writeMark } from './marks.ts';
import type { LiveRoom, RoomRegistry } from './rooms.ts';
import { sqliteCode, SQLITE, isCorruption, reason } from './database.ts';
import { isWatched, statusOf, STATUS, UNWATCHED_BIT, whyCode, withCall, withMuted, withReach, withStale, withWatched } from './state-codec.ts';
import { C, closeTo, step } from './tally.ts';
import type { ActionKind, ConnectionEventKind, HistoryBatch, PollerEpisodeKind, RoomTransition } from './types.ts';

export const KIND = { state: 0, action: 1, connection: 2, poller: 3, room: 4 } as const;
export const ACTION_CODES: readonly ActionKind[] = ['join', 'mute', 'unmute', 'hangup'];
export const CONNECTION_CODES: readonly ConnectionEventKind[] = ['signed-in', 'renewed', 'reconnect-needed', 'revoked', 'signed-out', 'failed', 'restored'];
export const EPISODE_CODES: readonly PollerEpisodeKind[] = ['slow-down', 'paused', 'resumed', 'failing', 'recovered'];

const HOUR_MS = 3_600_000;
/** How far past the batch's own time an item may be (callers' clocks differ by a little, not by days). */
const FUTURE_MS = 60_000;
const INSERT_EVENT = 'INSERT INTO event (at, kind, room, why, a, b, m_from, m_to, text, conn, n) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';
const UPSERT_SITE_HOUR = `INSERT INTO site_hour (hour, site, c0, c1, c2, c3, c4, c5, c6, c7, stale_ms, calls, drops) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (hour, site) DO UPDATE SET c0 = c0 + excluded.c0, c1 = c1 + excluded.c1, c2 = c2 + excluded.c2, c3 = c3 + excluded.c3,
  c4 = c4 + excluded.c4, c5 = c5 + excluded.c5, c6 = c6 + excluded.c6, c7 = c7 + excluded.c7, stale_ms = stale_ms + excluded.stale_ms,
  calls = calls + excluded.calls, drops = drops + excluded.drops`;
const SET_META = 'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value';

export type WriteOutcome =
  | { ok: true; rows: number }
  | { ok: false; code: 'disk-full' | 'corrupt' | 'failed'; message: string };

/** A generated batch (demo history) is written with every row marked 'demo'. */
export type BatchSource = 'live' | 'demo';

/** site_hour columns: c0…c7, stale_ms, calls, drops. */
const SITE_HOUR_WIDTH = 11;

export interface WriterOptions {
  sql: Statements;
  dict: Dictionaries;
  rooms: RoomRegistry;
  /** Belt and braces: every free text passes through it before it is stored. */
  scrub: (text: string) => string;
}

export class Writer {
  readonly #o: WriterOptions;
  /** (hour, site) → sums, for the batch being written. */
  #siteHours = new Map<string, number[]>();
  #aliveWrittenAt = 0;
  /** The name and site each room was last given, before scrubbing. */
  #raw = new WeakMap<LiveRoom, { name: string; site: string | null }>();
  /** Rooms not stored because the history already holds its limit of rooms. */
  refusedRooms = 0;

  constructor(options: WriterOptions) {
    this.#o = options;
  }

  write(batch: HistoryBatch, source: BatchSource = 'live'): WriteOutcome {
    const items = ordered(batch, batch.now + FUTURE_MS);
    const empty = items.length === 0;
    if (empty && batch.now - this.#aliveWrittenAt < 5_000) return { ok: true, rows: 0 };
    const outcome = this.#inTransaction(() => {
      let rows = 0;
      for (const item of items) rows += this.#item(item, source);
      this.#o.sql.get(SET_META).run('alive_at', String(batch.now));
      return rows;
    });
    if (outcome.ok) this.#aliveWrittenAt = batch.now;
    return outcome;
  }

  /**
   * Runs `body` (returning the rows it wrote) in one transaction with the per-site sums; on failure rolls
   * back the file and the memory together and says why.
   */
  #inTransaction(body: () => number): WriteOutcome {
    const { sql, rooms, dict } = this.#o;
    sql.db.exec('BEGIN IMMEDIATE');
    rooms.begin();
    this.#siteHours = new Map();
    try {
      const rows = body();
      this.#flushSiteHours();
      sql.db.exec('COMMIT');
      rooms.commit();
      return { ok: true, rows };
    } catch (error) {
      try {
        sql.db.exec('ROLLBACK');
      } catch {
        // SQLite may have rolled back already (a full disk does that)
      }
      rooms.rollback();
      dict.reload();
      this.#raw = new WeakMap();
      const code = sqliteCode(error) === SQLITE.FULL ? 'disk-full' : isCorruption(error) ? 'corrupt' : 'failed';
      return { ok: false, code, message: reason(error) };
    }
  }

  #item(item: Item, source: BatchSource): number {
    switch (item.type) {
      case 'transition':
        return this.#transition(item.value, item.at, source);
      case 'action': {
        const a = item.value;
        const room = this.#room(a.room, a.name, a.site, item.at);
        if (!room) return 0;
        const meeting = a.meeting ? this.#o.dict.meetingId(this.#meeting(a.meeting)) : null;
        this.#insert(item.at, KIND.action, room.id, source === 'demo' ? whyCode('demo') : whyCode('action'), ACTION_CODES.indexOf(a.action), a.result === 'ok' ? 0 : 1, null, meeting, this.#text(a.message), null, null);
        return 1;
      }
      case 'connection': {
        const c = item.value;
        const why = source === 'demo' ? whyCode('demo') : whyCode('connection');
        this.#insert(item.at, KIND.connection, null, why, Math.max(0, CONNECTION_CODES.indexOf(c.kind)), 0, null, null, this.#text(c.message), this.#text(c.connection), null);
        return 1;
      }
      case 'episode': {
        const e = item.value;
        const why = source === 'demo' ? whyCode('demo') : whyCode('poll');
        const host = e.host ? this.#text(e.host) : null;
        this.#insert(item.at, KIND.poller, null, why, Math.max(0, EPISODE_CODES.indexOf(e.kind)), 0, null, null, this.#text(e.message), host, e.until);
        return 1;
      }
    }
  }

  #transition(t: RoomTransition, at: number, source: BatchSource): number {
    const room = this.#room(t.room, t.name, t.site, at);
    if (!room) return 0;
    const before = room.tally.state;
    let next = before;
    if (t.call) next = withCall(next, t.call.to);
    if (t.muted) next = withMuted(next, t.muted.to);
    if (t.reachability) next = withReach(next, t.reachability.to);
    if (t.stale) next = withStale(next, t.stale.to);
    const touchesState = t.call !== undefined || t.muted !== undefined || t.reachability !== undefined || t.stale !== undefined || t.meeting !== undefined;
    if (t.monitored === false) next = withWatched(next, false);
    else if (touchesState) next = withWatched(next, true);
    // A room that is not in a call (or not watched) is in no meeting, whatever the caller said.
    const status = statusOf(next);
    let meeting = t.meeting ? this.#o.dict.meetingId(this.#meeting(t.meeting.to)) : room.meeting;
    if (status !== STATUS.dialing && status !== STATUS.inCall) meeting = 0;
    const detail = t.detail ? this.#text(t.detail) : null;
    if (next === before && meeting === room.meeting && detail === null) return 0;
    const why = source === 'demo' ? whyCode('demo') : whyCode(t.why);
    return this.stateRow(room, at, next, why, meeting, detail);
  }

  /** Writes one state row for the room (inside a write) and advances its totals. */
  stateRow(room: LiveRoom, atGiven: number, next: number, why: number, meeting: number, detail: number | null): number {
    const { rooms, sql } = this.#o;
    rooms.touch(room);
    // A room's rows stay in time order (a late report is put at the room's last time), so the totals the
    // writer keeps and the ones a query replays from a mark are the same.
    const at = Math.max(atGiven, room.lastAt);
    const block = blockOf(at);
    if (room.lastId > 0 && (room.markBlock === null || block > room.markBlock)) {
      closeTo(room.tally, block, (s, stale, from, to) => this.#span(room.site, s, stale, from, to));
      writeMark(sql, room.id, block, room.lastId, room.tally);
      room.markBlock = block;
    }
    // The meeting is written when it changes, and again when the call state moves on within it (dialing →
    // in a call), so the row can say which meeting and a search for the meeting finds it.
    const callMoved = (room.tally.state & 3) !== (next & 3) && meeting > 0;
    const meetingChanged = meeting !== room.meeting || callMoved;
    const id = this.#insert(at, KIND.state, room.id, why, room.tally.state, next, meetingChanged ? room.meeting : null, meetingChanged ? meeting : null, detail, null, null);
    step(
      room.tally,
      at,
      next,
      why,
      (s, stale, from, to) => this.#span(room.site, s, stale, from, to),
      (counter, when) => this.#count(room.site, counter === C.calls ? 9 : 10, when),
    );
    room.lastAt = at;
    room.lastId = id;
    room.meeting = meeting;
    return 1;
  }

  /** At open: every room still watched when the app stopped is marked not watched from `at`. */
  closeGaps(at: number, words: string): WriteOutcome {
    const { rooms } = this.#o;
    const open = [...rooms.all()].filter((r) => isWatched(r.tally.state));
    if (open.length === 0) return { ok: true, rows: 0 };
    return this.#inTransaction(() => {
      const detail = this.#text(words);
      for (const room of open) this.stateRow(room, at, room.tally.state | UNWATCHED_BIT, whyCode('app'), 0, detail);
      return open.length;
    });
  }

  #room(identity: RoomTransition['room'], name: string, site: string | null, at: number): LiveRoom | null {
    const { dict, rooms } = this.#o;
    // Most changes come with the name and site the room had last time: skip scrubbing and comparing them.
    const known = rooms.find(identity);
    const seen = known ? this.#raw.get(known) : undefined;
    if (known && seen && seen.name === name && seen.site === site) return known;
    const cleanName = this.#o.scrub(name).slice(0, 200) || 'Unnamed room';
    const siteId = dict.siteId(site === null ? null : this.#o.scrub(site).slice(0, 200));
    const room = rooms.ensure(identity, cleanName, siteId, at, (r, oldName, oldSite) => {
      const parts: string[] = [];
      if (oldName !== r.name) parts.push(`Renamed from "${oldName}" to "${r.name}".`);
      if (oldSite !== r.site) parts.push(`Moved from ${dict.siteName(oldSite) ?? 'no site'} to ${dict.siteName(r.site) ?? 'no site'}.`);
      this.#insert(Math.max(at, r.lastAt), KIND.room, r.id, whyCode('poll'), oldName !== r.name ? 0 : 1, 0, null, null, this.#text(parts.join(' ')), null, null);
    });
    if (!room) this.refusedRooms++;
    else this.#raw.set(room, { name, site });
    return room;
  }

  #meeting(ref: { id: string; title: string | null } | null): { id: string; title: string | null } | null {
    if (!ref) return null;
    return { id: this.#o.scrub(ref.id).slice(0, 40), title: ref.title === null ? null : this.#o.scrub(ref.title).slice(0, 200) };
  }

  #text(value: string): number {
    return this.#o.dict.textId(this.#o.scrub(value).slice(0, 500));
  }

  #insert(at: number, kind: number, room: number | null, why: number, a: number, b: number, mFrom: number | null, mTo: number | null, text: number | null, conn: number | null, n: number | null): number {
    return num(this.#o.sql.get(INSERT_EVENT).run(at, kind, room, why, a, b, mFrom, mTo, text, conn, n).lastInsertRowid as number);
  }

  #sums(hour: number, site: number): number[] {
    const key = `${hour}:${site}`;
    let sums = this.#siteHours.get(key);
    if (!sums) {
      sums = new Array<number>(SITE_HOUR_WIDTH).fill(0);
      this.#siteHours.set(key, sums);
    }
    return sums;
  }

  #span(site: number, status: number, stale: boolean, from: number, to: number): void {
    if (status === STATUS.unmonitored) return; // time not watched is not counted per site
    let t = from;
    while (t < to) {
      const hour = Math.floor(t / HOUR_MS);
      const end = Math.min(to, (hour + 1) * HOUR_MS);
      const sums = this.#sums(hour, site);
      sums[status] = (sums[status] as number) + (end - t);
      if (stale) sums[8] = (sums[8] as number) + (end - t);
      t = end;
    }
  }

  #count(site: number, column: number, at: number): void {
    const sums = this.#sums(Math.floor(at / HOUR_MS), site);
    sums[column] = (sums[column] as number) + 1;
  }

  #flushSiteHours(): void {
    const stmt = this.#o.sql.get(UPSERT_SITE_HOUR);
    for (const [key, sums] of this.#siteHours) {
      const [hour, site] = key.split(':').map(Number) as [number, number];
      stmt.run(hour, site, ...sums);
    }
    this.#siteHours = new Map();
  }
}

type Item =
  | { type: 'transition'; at: number; value: HistoryBatch['transitions'][number] }
  | { type: 'action'; at: number; value: HistoryBatch['actions'][number] }
  | { type: 'connection'; at: number; value: HistoryBatch['connections'][number] }
  | { type: 'episode'; at: number; value: HistoryBatch['episodes'][number] };

/**
 * Everything in the batch in time order (stable: same-time items keep the order they came in); times that
 * are not numbers are dropped, times past `latest` (a clock far ahead) are brought back to it.
 */
function ordered(batch: HistoryBatch, latest: number): Item[] {
  const items: Item[] = [];
  const at = (t: number) => Math.min(t, latest);
  for (const value of batch.transitions) items.push({ type: 'transition', at: at(value.at), value });
  for (const value of batch.actions) items.push({ type: 'action', at: at(value.at), value });
  for (const value of batch.connections) items.push({ type: 'connection', at: at(value.at), value });
  for (const value of batch.episodes) items.push({ type: 'episode', at: at(value.at), value });
  const finite = items.filter((i) => Number.isFinite(i.at));
  if (finite.length !== items.length) items.splice(0, items.length, ...finite);
  let sorted = true;
  for (let i = 1; i < items.length && sorted; i++) if ((items[i] as Item).at < (items[i - 1] as Item).at) sorted = false;
  if (!sorted) items.sort((x, y) => x.at - y.at);
  return items;
}
