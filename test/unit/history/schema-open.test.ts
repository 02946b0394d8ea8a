import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { HISTORY_FILE, openHistoryDatabase } from '../../../main/history/database.ts';
import { migrate, migrations, schemaVersion, type Migration } from '../../../main/history/schema.ts';
import { HistoryStore } from '../../../main/history/store.ts';
import { batch, ch, openStore, scratch, T0, tr } from '../../helpers/history-fixtures.ts';

let dirs: { remove: () => void }[] = [];
const tmp = () => {
  const s = scratch();
  dirs.push(s);
  return s.dir;
};
afterEach(() => {
  for (const d of dirs) d.remove();
  dirs = [];
});

const pragma = (db: DatabaseSync, name: string) => Object.values(db.prepare(`PRAGMA ${name}`).get() as Record<string, unknown>)[0];
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('opening the history file', () => {
  it('creates version 1 in WAL mode with incremental vacuum, readable only by its owner', () => {
    const dir = tmp();
    const opened = openHistoryDatabase({ dir, now: T0 });
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(schemaVersion(opened.db)).toBe(1);
    expect(pragma(opened.db, 'journal_mode')).toBe('wal');
    expect(pragma(opened.db, 'auto_vacuum')).toBe(2);
    const tables = (opened.db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    expect(tables).toEqual(['event', 'meeting', 'meta', 'room', 'room_mark', 'room_name', 'site', 'site_hour', 'text']);
    opened.db.close();
    if (process.platform !== 'win32') {
      expect(statSync(join(dir, HISTORY_FILE)).mode & 0o077).toBe(0);
    }
  });

  it('migrates a file from an older schema, keeping its rows, one transaction per step', () => {
    const dir = tmp();
    const store = openStore(dir, T0);
    store.write(batch(T0, { transitions: [tr(1, T0, { call: ch('unknown', 'idle') })] }));
    store.close();
    const v2: Migration = {
      version: 2,
      description: 'test: a column for the room capacity',
      up: (db) => db.exec('ALTER TABLE room ADD COLUMN capacity INTEGER'),
    };
    const opened = openHistoryDatabase({ dir, now: T0, migrations: [...migrations, v2] });
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(schemaVersion(opened.db)).toBe(2);
    expect(opened.db.prepare('SELECT name, capacity FROM room').all()).toEqual([{ name: 'Room 1', capacity: null }]);
    opened.db.close();
  });

  it('leaves the file at the old version when a migration fails', () => {
    const dir = tmp();
    openStore(dir, T0).close();
    const db = new DatabaseSync(join(dir, HISTORY_FILE));
    const broken: Migration = {
      version: 2,
      description: 'test: fails half-way',
      up: (d) => {
        d.exec('CREATE TABLE half (x)');
        throw new Error('half-way');
      },
    };
    expect(() => migrate(db, [...migrations, broken])).toThrow('half-way');
    expect(schemaVersion(db)).toBe(1);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'half'").get()).toEqual({ n: 0 });
    db.close();
  });

  it('refuses a file from a newer app and never changes it', () => {
    const dir = tmp();
    openStore(dir, T0).close();
    const path = join(dir, HISTORY_FILE);
    const db = new DatabaseSync(path);
    db.exec('PRAGMA user_version = 7');
    db.exec('PRAGMA journal_mode = DELETE');
    db.close();
    const before = sha(path);
    const opened = HistoryStore.open({ dir, now: T0 });
    expect(opened.store).toBeNull();
    expect(opened.notices).toEqual([expect.objectContaining({ code: 'newer-schema', message: expect.stringMatching(/newer version of Relay Console \(schema 7; this version knows up to 1\).*left as it is/) })]);
    expect(sha(path)).toBe(before);
    expect(readdirSync(dir).sort()).toEqual([HISTORY_FILE]);
  });

  it('moves an unreadable file aside with a notice and starts a fresh one', () => {
    const dir = tmp();
    writeFileSync(join(dir, HISTORY_FILE), 'this is not a database, it is a shopping list '.repeat(200));
    const { store, notices } = HistoryStore.open({ dir, now: T0 });
    expect(store).not.toBeNull();
    expect(notices).toEqual([expect.objectContaining({ code: 'moved-aside', message: expect.stringContaining('moved aside to') })]);
    const aside = readdirSync(dir).filter((f) => f.includes('.unreadable-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dir, aside[0] as string), 'utf8')).toContain('shopping list');
    expect(store?.write(batch(T0, { transitions: [tr(1, T0, { call: ch('unknown', 'idle') })] })).ok).toBe(true);
    store?.close();
  });

  it('moves aside a database that is not a history file instead of writing into it', () => {
    const dir = tmp();
    const other = new DatabaseSync(join(dir, HISTORY_FILE));
    other.exec('CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES (\'soup\')');
    other.close();
    const { store, notices } = HistoryStore.open({ dir, now: T0 });
    expect(notices.map((n) => n.code)).toEqual(['moved-aside']);
    const aside = readdirSync(dir).find((f) => f.includes('.unreadable-') && f.endsWith('.sqlite')) as string;
    const kept = new DatabaseSync(join(dir, aside));
    expect(kept.prepare('SELECT name FROM recipes').all()).toEqual([{ name: 'soup' }]);
    kept.close();
    store?.close();
  });

  it('says so, without crashing, when the folder cannot be created', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'file'), 'x');
    const { store, notices } = HistoryStore.open({ dir: join(dir, 'file', 'history'), now: T0 });
    expect(store).toBeNull();
    expect(notices).toEqual([expect.objectContaining({ code: 'unavailable', message: expect.stringContaining('Monitoring goes on') })]);
    expect(existsSync(join(dir, 'file', 'history'))).toBe(false);
  });
});
