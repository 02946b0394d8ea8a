// The history store: one SQLite file (node:sqlite, built into Node and Electron — no native module) with
// the writer, the queries, the reports and the pruner over it. Synchronous and single-threaded by design:
// it runs in its own worker thread (worker.ts), so neither a write nor a 1-second report ever holds up the
// poller. If the file turns out damaged while in use, it is moved aside and a fresh one started.
import { isAbsolute } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { Dictionaries, num, Statements, str, type Row } from './context.ts';
import { exportLogCsv, type ExportLogOptions } from './csv.ts';
import { DEMO_META_KEY, demoHistory, type DemoHistoryOptions } from './demo-history.ts';
import { isCorruption, moveAside, openHistoryDatabase } from './database.ts';
import { queryLog, type LogQueryOptions } from './log-query.ts';
import { talliesAt } from './marks.ts';
import { clampSettings, Pruner, type PruneSettings } from './prune.ts';
import { availabilityOverTime, report, timeline, utilisationByHourOfWeek, type AvailabilityOverTime, type ReportContext } from './reports.ts';
import { RoomRegistry } from './rooms.ts';
import type { HistoryInfo } from './protocol.ts';
import type { Migration } from './schema.ts';
import { maskTokens, type Scrub } from './scrub.ts';
import { Writer, type BatchSource, type WriteOutcome } from './writer.ts';
import type {
  ExportProgress,
  HistoryBatch,
  HistoryNotice,
  HourOfWeekGrid,
  LogPage,
  LogQuery,
  Report,
  ReportScope,
  RoomIdentity,
  RoomRef,
  TimeRange,
  TimelineSegment,
} from './types.ts';

export interface StoreOptions {
  /** The folder of the file (the app's data folder). */
  dir: string;
  now: number;
  retentionDays?: number;
  maxBytes?: number;
  /** At most this many rooms are kept (default 100,000). */
  maxRooms?: number;
  scrub?: Scrub;
  migrations?: readonly Migration[];
  /** IANA time zone for hours of the day and week in reports (default: this machine's). */
  timeZone?: string;
}

export const NOT_RUNNING = 'Relay Console was not running (no status was recorded).';

interface Parts {
  db: DatabaseSync;
  sql: Statements;
  dict: Dictionaries;
  rooms: RoomRegistry;
  writer: Writer;
  pruner: Pruner;
}

export class HistoryStore {
  readonly #o: StoreOptions;
  readonly path: string;
  #p: Parts;
  #settings: PruneSettings;
  /** The notices in force, one per kind (the latest). */
  readonly #notices = new Map<HistoryNotice['code'], HistoryNotice>();

  private constructor(o: StoreOptions, path: string, db: DatabaseSync) {
    this.#o = o;
    this.path = path;
    this.#settings = clampSettings({ retentionDays: o.retentionDays, maxBytes: o.maxBytes });
    this.#p = this.#parts(db);
    this.#load(o.now);
  }

  /** Opens (or creates) the file; null with the notices saying why when history is off. */
  static open(o: StoreOptions): { store: HistoryStore | null; notices: HistoryNotice[] } {
    const opened = openHistoryDatabase({ dir: o.dir, now: o.now, migrations: o.migrations });
    if (!opened.ok) return { store: null, notices: opened.notices };
    try {
      const store = new HistoryStore(o, opened.path, opened.db);
      for (const n of opened.notices) store.#notice(n);
      return { store, notices: store.notices() };
    } catch (error) {
      opened.db.close();
      if (!isCorruption(error)) throw error;
      // Readable header, damaged inside: move it aside and start again, once.
      const moved = moveAside(opened.path, o.now);
      const again = openHistoryDatabase({ dir: o.dir, now: o.now, migrations: o.migrations });
      const notices: HistoryNotice[] = [
        ...opened.notices,
        { code: 'moved-aside', message: `The history file was damaged, so it was moved aside to ${moved} and a new one was started. Monitoring goes on.`, at: o.now },
        ...again.notices,
      ];
      if (!again.ok) return { store: null, notices };
      const store = new HistoryStore(o, again.path, again.db);
      for (const n of notices) store.#notice(n);
      return { store, notices: store.notices() };
    }
  }

  #parts(db: DatabaseSync): Parts {
    const sql = new Statements(db);
    const dict = new Dictionaries(sql);
    const rooms = new RoomRegistry(sql, this.#o.maxRooms ?? 100_000);
    const writer = new Writer({ sql, dict, rooms, scrub: this.#o.scrub ?? maskTokens });
    const pruner = new Pruner(sql, rooms, dict, this.#settings);
    return { db, sql, dict, rooms, writer, pruner };
  }

  /** Rebuilds each room's live totals from the file, then marks the time the app was not running. */
  #load(now: number): void {
    const { sql, rooms, writer } = this.#p;
    rooms.load();
    const live = talliesAt(sql, Number.MAX_SAFE_INTEGER, { kind: 'all' }, false);
    const meetings = new Map<number, number>();
    for (const r of sql
      .get('SELECT r.id AS id, (SELECT e.m_to FROM event e WHERE e.room = r.id AND e.kind = 0 AND e.m_to IS NOT NULL ORDER BY e.at DESC, e.id DESC LIMIT 1) AS m FROM room r')
      .all() as Row[]) {
      meetings.set(num(r['id']), r['m'] === null ? 0 : num(r['m']));
    }
    for (const room of rooms.all()) {
      const entry = live.get(room.id);
      if (!entry) continue;
      if (entry.lastId > 0 || entry.markAt !== null) {
        room.tally = entry.tally;
        room.lastId = entry.lastId;
        room.lastAt = entry.lastAt ?? entry.markAt ?? room.lastAt;
        room.markBlock = entry.markAt;
      }
      room.meeting = meetings.get(room.id) ?? 0;
    }
    const alive = sql.get("SELECT value FROM meta WHERE key = 'alive_at'").get() as Row | undefined;
    const last = sql.get('SELECT max(at) AS at FROM event').get() as Row;
    const aliveAt = alive ? Number(str(alive['value'])) : last['at'] === null ? now : num(last['at']);
    const closed = writer.closeGaps(Math.min(now, aliveAt), NOT_RUNNING);
    if (!closed.ok) this.#failed(closed, now);
  }

  /** What the user should be told now (a moved-aside file, a full disk, …). */
  notices(): HistoryNotice[] {
    return [...this.#notices.values()];
  }

  #notice(n: HistoryNotice): void {
    this.#notices.set(n.code, n);
  }

  #failed(outcome: Exclude<WriteOutcome, { ok: true }>, now: number): void {
    if (outcome.code === 'corrupt') {
      this.#recover(now);
      return;
    }
    if (outcome.code === 'disk-full') {
      this.#notice({ code: 'disk-full', message: 'The disk is full, so new history is not being kept. Monitoring goes on; free some space and history resumes by itself.', at: now });
      return;
    }
    this.#notice({ code: 'write-failed', message: `History could not be written (${outcome.message}). Monitoring goes on.`, at: now });
  }

  /** The file is damaged: move it aside, start a fresh one. */
  #recover(now: number): void {
    try {
      this.#p.db.close();
    } catch {
      // a damaged handle may not close cleanly
    }
    const moved = moveAside(this.path, now);
    const again = openHistoryDatabase({ dir: this.#o.dir, now, migrations: this.#o.migrations });
    this.#notice({ code: 'moved-aside', message: `The history file was damaged, so it was moved aside to ${moved} and a new one was started. Monitoring goes on.`, at: now });
    for (const n of again.notices) this.#notice(n);
    if (!again.ok) throw new Error('history unavailable');
    this.#p = this.#parts(again.db);
    this.#load(now);
  }

  /** Runs a read; a damaged file found on the way is moved aside (and the read answers from the fresh one). */
  #read<T>(now: number, fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      if (!isCorruption(error)) throw error;
      this.#recover(now);
      return fn();
    }
  }

  write(batch: HistoryBatch, source: BatchSource = 'live'): WriteOutcome {
    const outcome = this.#p.writer.write(batch, source);
    if (!outcome.ok) this.#failed(outcome, batch.now);
    else {
      this.#notices.delete('disk-full');
      this.#notices.delete('write-failed');
    }
    return outcome;
  }

  #ctx(now: number): ReportContext {
    const { sql, dict, rooms, pruner } = this.#p;
    return { sql, dict, rooms, horizon: pruner.horizon, now, timeZone: this.#o.timeZone };
  }

  log(query: LogQuery, now: number, options?: LogQueryOptions): LogPage {
    return this.#read(now, () => queryLog(this.#ctx(now), query, options));
  }

  report(scope: ReportScope, range: TimeRange, now: number): Report {
    return this.#read(now, () => report(this.#ctx(now), scope, range));
  }

  timeline(room: RoomIdentity, range: TimeRange, now: number): TimelineSegment[] {
    return this.#read(now, () => timeline(this.#ctx(now), room, range));
  }

  availabilityOverTime(scope: Exclude<ReportScope, { kind: 'room' }>, range: TimeRange, bucketMs: number, now: number): AvailabilityOverTime {
    return this.#read(now, () => availabilityOverTime(this.#ctx(now), scope, range, bucketMs));
  }

  utilisationByHourOfWeek(scope: ReportScope, range: TimeRange, now: number): HourOfWeekGrid {
    return this.#read(now, () => utilisationByHourOfWeek(this.#ctx(now), scope, range));
  }

  /** Every name and site the room has had, oldest first. */
  roomNames(identity: RoomIdentity): { at: number; name: string; site: string | null }[] {
    const room = this.#p.rooms.find(identity);
    if (!room) return [];
    return (this.#p.sql.get('SELECT at, name, site FROM room_name WHERE room = ? ORDER BY at').all(room.id) as Row[]).map((r) => ({
      at: num(r['at']),
      name: str(r['name']),
      site: this.#p.dict.siteName(num(r['site'])),
    }));
  }

  rooms(): RoomRef[] {
    return [...this.#p.rooms.all()].map((r) => ({ enterpriseId: r.enterprise, endpointId: r.endpoint, name: r.name, site: this.#p.dict.siteName(r.site) }));
  }

  sites(): string[] {
    return [...new Set([...this.#p.rooms.all()].map((r) => this.#p.dict.siteName(r.site)).filter((s): s is string => s !== null))].sort();
  }

  exportLog(options: ExportLogOptions): Promise<ExportProgress> {
    if (!isAbsolute(options.path)) return Promise.reject(new Error('an export needs an absolute path'));
    const { sql, dict, rooms } = this.#p;
    return exportLogCsv({ sql, dict, rooms }, options);
  }

  /**
   * Writes the demo's sample past (demo-history.ts) once: not when a sample was written before, nor when any
   * of the rooms already has history of its own (a sample must never be mixed into a real record).
   */
  writeDemoHistory(o: DemoHistoryOptions): { written: boolean; rows: number; reason: string | null } {
    if (this.meta(DEMO_META_KEY) !== null) return { written: false, rows: 0, reason: 'A sample history was written before.' };
    if (o.rooms.some((r) => (this.#p.rooms.find(r.room)?.lastId ?? 0) > 0)) return { written: false, rows: 0, reason: 'These rooms already have history.' };
    let rows = 0;
    for (const batch of demoHistory(o)) {
      const outcome = this.write(batch, 'demo');
      if (!outcome.ok) return { written: rows > 0, rows, reason: outcome.message };
      rows += outcome.rows;
    }
    this.setMeta(DEMO_META_KEY, JSON.stringify({ seed: o.seed, end: o.end, days: o.days ?? 7, rooms: o.rooms.length }));
    return { written: true, rows, reason: null };
  }

  /** One small step of retention and the size cap; true while there is more to do. */
  prune(now: number): boolean {
    try {
      return this.#p.pruner.step(now);
    } catch (error) {
      if (isCorruption(error)) this.#recover(now);
      return false;
    }
  }

  get settings(): PruneSettings {
    return this.#settings;
  }

  set settings(s: Partial<PruneSettings>) {
    this.#settings = clampSettings({ ...this.#settings, ...s });
    this.#p.pruner.settings = this.#settings;
  }

  usedBytes(): number {
    return this.#p.pruner.usedBytes();
  }

  info(): HistoryInfo {
    let demo: HistoryInfo['demo'] = null;
    try {
      const d = JSON.parse(this.meta(DEMO_META_KEY) ?? 'null') as { end?: unknown; days?: unknown; seed?: unknown } | null;
      if (d && typeof d.end === 'number' && typeof d.days === 'number' && typeof d.seed === 'number') demo = { from: d.end - d.days * 86_400_000, to: d.end, seed: d.seed };
    } catch {
      demo = null; // a hand-edited meta value: no label rather than a wrong one
    }
    return { path: this.path, usedBytes: this.usedBytes(), retentionDays: this.#settings.retentionDays, maxBytes: this.#settings.maxBytes, horizon: this.#p.pruner.horizon, demo };
  }

  meta(key: string): string | null {
    const r = this.#p.sql.get('SELECT value FROM meta WHERE key = ?').get(key) as Row | undefined;
    return r ? str(r['value']) : null;
  }

  setMeta(key: string, value: string): void {
    this.#p.sql.get('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  /** For tests and the benchmark: the database itself. */
  get database(): DatabaseSync {
    return this.#p.db;
  }

  /** Closes the file; with `now`, the rooms are marked not watched from then (else the next start does it). */
  close(now?: number): void {
    if (now !== undefined) this.#p.writer.closeGaps(now, NOT_RUNNING);
    try {
      this.#p.db.exec('PRAGMA optimize');
      this.#p.db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    } catch {
      // closing anyway
    }
    this.#p.db.close();
  }
}
