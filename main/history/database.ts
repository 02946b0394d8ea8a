// Opening the history file: WAL mode, migrations, and what to do when it cannot be used. Monitoring never
// stops for the history: an unreadable or damaged file is moved aside (the user keeps the evidence) and a
// fresh one started; a file from a newer app is refused and left exactly as it is.
import { closeSync, existsSync, mkdirSync, openSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { APPLICATION_ID, migrate, NewerSchemaError, schemaVersion, latestVersion, type Migration, migrations as defaultMigrations } from './schema.ts';
import type { HistoryNotice } from './types.ts';

export const HISTORY_FILE = 'history.sqlite';

/** SQLite's primary result codes we act on (https://sqlite.org/rescode.html). */
export const SQLITE = { CORRUPT: 11, FULL: 13, NOTADB: 26, IOERR: 10, CANTOPEN: 14, READONLY: 8 } as const;

export function sqliteCode(error: unknown): number | null {
  if (error && typeof error === 'object' && 'errcode' in error && typeof error.errcode === 'number') return error.errcode & 0xff;
  return null;
}

export const isCorruption = (error: unknown): boolean => {
  const code = sqliteCode(error);
  return code === SQLITE.CORRUPT || code === SQLITE.NOTADB || error instanceof ForeignFileError;
};

class ForeignFileError extends Error {}

export interface OpenOptions {
  dir: string;
  now: number;
  migrations?: readonly Migration[];
  /** Page cache in KiB (default 16 MiB). */
  cacheKiB?: number;
}

export type OpenResult =
  | { ok: true; db: DatabaseSync; path: string; notices: HistoryNotice[]; created: boolean }
  | { ok: false; path: string; notices: HistoryNotice[] };

const notice = (code: HistoryNotice['code'], message: string, at: number): HistoryNotice => ({ code, message, at });

export function openHistoryDatabase(options: OpenOptions): OpenResult {
  const path = join(options.dir, HISTORY_FILE);
  const list = options.migrations ?? defaultMigrations;
  const notices: HistoryNotice[] = [];
  try {
    mkdirSync(options.dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    notices.push(notice('unavailable', `History could not be kept: its folder cannot be created (${reason(error)}). Monitoring goes on without it.`, options.now));
    return { ok: false, path, notices };
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    let db: DatabaseSync | null = null;
    try {
      const created = !existsSync(path);
      // Not readable by other users of the machine (room names and meetings are the organisation's).
      if (created) closeSync(openSync(path, 'a', 0o600));
      db = new DatabaseSync(path, { timeout: 2_000 });
      checkOurs(db, created, list);
      prepare(db, options.cacheKiB ?? 16_384);
      migrate(db, list);
      db.prepare('SELECT count(*) FROM meta').get();
      return { ok: true, db, path, notices, created };
    } catch (error) {
      try {
        db?.close();
      } catch {
        // closing a broken handle can fail too; the file is dealt with below
      }
      if (error instanceof NewerSchemaError) {
        notices.push(
          notice(
            'newer-schema',
            `${error.message} It was left as it is and history is off until Relay Console is updated. Monitoring goes on.`,
            options.now,
          ),
        );
        return { ok: false, path, notices };
      }
      if (attempt === 0 && isCorruption(error)) {
        const moved = moveAside(path, options.now);
        notices.push(
          notice(
            'moved-aside',
            `The history file could not be read, so it was moved aside to ${moved} and a new one was started. Monitoring goes on.`,
            options.now,
          ),
        );
        continue;
      }
      notices.push(notice('unavailable', `History could not be opened (${reason(error)}). Monitoring goes on without it.`, options.now));
      return { ok: false, path, notices };
    }
  }
  return { ok: false, path, notices };
}

/** Reads the header without writing: a file that is not ours, or is newer, must not be changed. */
function checkOurs(db: DatabaseSync, created: boolean, list: readonly Migration[]): void {
  const app = (db.prepare('PRAGMA application_id').get() as { application_id?: unknown } | undefined)?.application_id;
  const version = schemaVersion(db);
  if (app !== APPLICATION_ID) {
    const tables = (db.prepare("SELECT count(*) AS n FROM sqlite_schema").get() as { n: number }).n;
    if (!(created || (tables === 0 && version === 0))) throw new ForeignFileError('not a history file');
  }
  const known = latestVersion(list);
  if (version > known) throw new NewerSchemaError(version, known);
}

function prepare(db: DatabaseSync, cacheKiB: number): void {
  if (schemaVersion(db) === 0) db.exec('PRAGMA auto_vacuum = INCREMENTAL'); // only takes effect before the first table
  const mode = (db.prepare('PRAGMA journal_mode = WAL').get() as { journal_mode?: unknown } | undefined)?.journal_mode;
  if (mode !== 'wal') throw new Error(`the file system does not support write-ahead logging (journal mode ${String(mode)})`);
  // NORMAL in WAL mode: a crash of the app loses nothing committed; a power cut may lose the last commits.
  db.exec('PRAGMA synchronous = NORMAL');
  db.exec('PRAGMA temp_store = MEMORY');
  db.exec(`PRAGMA cache_size = -${Math.max(1_024, Math.min(262_144, Math.round(cacheKiB)))}`);
  db.exec('PRAGMA journal_size_limit = 67108864');
  db.exec('PRAGMA foreign_keys = OFF');
}

/** Moves the file and its WAL and shared-memory files aside; returns the new name of the file. */
export function moveAside(path: string, now: number): string {
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  const target = path.replace(/\.sqlite$/, '') + `.unreadable-${stamp}.sqlite`;
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(path + suffix)) renameSync(path + suffix, target + suffix);
  }
  return target;
}

export function reason(error: unknown): string {
  const code = sqliteCode(error);
  if (code === SQLITE.FULL) return 'the disk is full';
  if (code === SQLITE.READONLY) return 'the file is read-only';
  if (code === SQLITE.CANTOPEN) return 'the file cannot be opened';
  if (code === SQLITE.IOERR) return 'the disk reported an error';
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string' && error.code.startsWith('E')) {
    return error.code === 'EACCES' || error.code === 'EPERM' ? 'permission denied' : error.code === 'ENOSPC' ? 'the disk is full' : error.code;
  }
  return error instanceof Error ? error.message.slice(0, 200) : 'unknown error';
}
