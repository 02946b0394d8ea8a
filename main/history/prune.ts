// Retention and the size cap, in small steps in the background (a step is a few thousand rows, then the
// writer gets its turn). The history keeps `retention` (default 90 days); when the file grows past the cap
// the oldest days go first. Before rows go, each room's running totals are saved at the new horizon (a
// "rebase" mark), so reports over what remains stay exact; then old rows and hourly sums are deleted and
// the freed pages handed back to the file system (auto_vacuum = INCREMENTAL).
import { num, type Dictionaries, type Row, type Statements } from './context.ts';
import { talliesAt, writeMark } from './marks.ts';
import type { RoomRegistry } from './rooms.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
export const DEFAULT_RETENTION_DAYS = 90;
export const DEFAULT_MAX_BYTES = 4 * 1024 ** 3;

export interface PruneSettings {
  retentionDays: number;
  maxBytes: number;
}

export function clampSettings(s: Partial<PruneSettings>): PruneSettings {
  const days = Number.isFinite(s.retentionDays) ? Math.round(s.retentionDays as number) : DEFAULT_RETENTION_DAYS;
  const bytes = Number.isFinite(s.maxBytes) ? Math.round(s.maxBytes as number) : DEFAULT_MAX_BYTES;
  return { retentionDays: Math.max(1, Math.min(3_650, days)), maxBytes: Math.max(1024 ** 2, bytes) };
}

export interface PruneStepOptions {
  roomsPerStep?: number;
  rowsPerStep?: number;
  pagesPerStep?: number;
}

type Phase = { kind: 'idle' } | { kind: 'rebase'; horizon: number; nextRoom: number } | { kind: 'delete'; horizon: number } | { kind: 'vacuum' };

export class Pruner {
  readonly #sql: Statements;
  readonly #rooms: RoomRegistry;
  readonly #dict: Dictionaries;
  #settings: PruneSettings;
  #phase: Phase = { kind: 'idle' };
  horizon: number;
  readonly #step: Required<PruneStepOptions>;

  constructor(sql: Statements, rooms: RoomRegistry, dict: Dictionaries, settings: PruneSettings, step: PruneStepOptions = {}) {
    this.#sql = sql;
    this.#rooms = rooms;
    this.#dict = dict;
    this.#settings = settings;
    this.#step = { roomsPerStep: step.roomsPerStep ?? 500, rowsPerStep: step.rowsPerStep ?? 5_000, pagesPerStep: step.pagesPerStep ?? 2_000 };
    const row = sql.get("SELECT value FROM meta WHERE key = 'horizon'").get() as Row | undefined;
    this.horizon = row ? Number(row['value']) || 0 : 0;
  }

  set settings(s: PruneSettings) {
    this.#settings = s;
  }

  get settings(): PruneSettings {
    return this.#settings;
  }

  /** Bytes of the file in use (free pages not counted). */
  usedBytes(): number {
    const pages = num((this.#sql.get('PRAGMA page_count').get() as Row)['page_count']);
    const free = num((this.#sql.get('PRAGMA freelist_count').get() as Row)['freelist_count']);
    const size = num((this.#sql.get('PRAGMA page_size').get() as Row)['page_size']);
    return (pages - free) * size;
  }

  /** One small piece of work; true while there is more to do. */
  step(now: number): boolean {
    switch (this.#phase.kind) {
      case 'idle': {
        const target = this.#target(now);
        if (target > this.horizon) {
          this.#phase = { kind: 'rebase', horizon: target, nextRoom: 0 };
          return true;
        }
        if (this.#freePages() > 0) {
          this.#phase = { kind: 'vacuum' };
          return true;
        }
        return false;
      }
      case 'rebase':
        this.#rebase(this.#phase);
        return true;
      case 'delete':
        this.#delete(this.#phase.horizon);
        return true;
      case 'vacuum':
        this.#sql.db.exec(`PRAGMA incremental_vacuum(${this.#step.pagesPerStep})`);
        if (this.#freePages() === 0) this.#phase = { kind: 'idle' };
        return true;
    }
  }

  /** Retention's horizon, or later when the file is over the cap (never the last day). */
  #target(now: number): number {
    let target = Math.floor((now - this.#settings.retentionDays * DAY_MS) / HOUR_MS) * HOUR_MS;
    if (this.usedBytes() > this.#settings.maxBytes) {
      const span = this.#sql.get('SELECT (SELECT min(at) FROM event) AS lo, (SELECT max(at) FROM event) AS hi').get() as Row;
      if (span['lo'] !== null) {
        const lo = num(span['lo']);
        const hi = num(span['hi']);
        const cut = Math.ceil((lo + Math.max(HOUR_MS, (hi - lo) * 0.05)) / HOUR_MS) * HOUR_MS;
        target = Math.max(target, Math.min(cut, Math.floor((now - DAY_MS) / HOUR_MS) * HOUR_MS));
      }
    }
    return target;
  }

  #freePages(): number {
    return num((this.#sql.get('PRAGMA freelist_count').get() as Row)['freelist_count']);
  }

  #rebase(phase: { horizon: number; nextRoom: number }): void {
    const ids = [...this.#rooms.all()].map((r) => r.id).filter((id) => id >= phase.nextRoom).sort((a, b) => a - b).slice(0, this.#step.roomsPerStep);
    if (ids.length === 0) {
      this.horizon = phase.horizon;
      this.#sql.get("INSERT INTO meta (key, value) VALUES ('horizon', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(String(phase.horizon));
      this.#phase = { kind: 'delete', horizon: phase.horizon };
      return;
    }
    const at = talliesAt(this.#sql, phase.horizon, { kind: 'ids', ids });
    this.#sql.db.exec('BEGIN IMMEDIATE');
    try {
      for (const [room, entry] of at) {
        if (entry.markAt === phase.horizon || (entry.markAt === null && entry.lastId === 0)) continue;
        writeMark(this.#sql, room, phase.horizon, entry.lastId, entry.tally);
      }
      this.#sql.get('DELETE FROM room_mark WHERE room IN (SELECT value FROM json_each(?)) AND at < ?').run(JSON.stringify(ids), phase.horizon);
      this.#sql.db.exec('COMMIT');
    } catch (error) {
      this.#sql.db.exec('ROLLBACK');
      throw error;
    }
    phase.nextRoom = (ids[ids.length - 1] as number) + 1;
  }

  #delete(horizon: number): void {
    const gone = this.#sql.get('DELETE FROM event WHERE id IN (SELECT id FROM event WHERE at < ? ORDER BY at LIMIT ?)').run(horizon, this.#step.rowsPerStep);
    if (Number(gone.changes) > 0) return;
    this.#sql.get('DELETE FROM site_hour WHERE hour < ?').run(Math.floor(horizon / HOUR_MS));
    // Messages no row refers to any more (the noted index holds every row with a text or a connection).
    this.#sql.db.exec(`DELETE FROM text WHERE id NOT IN (
      SELECT text FROM event WHERE (kind <> 0 OR text IS NOT NULL) AND text IS NOT NULL
      UNION SELECT conn FROM event WHERE (kind <> 0 OR text IS NOT NULL) AND conn IS NOT NULL)`);
    this.#dict.reload();
    this.#phase = { kind: 'vacuum' };
  }
}
