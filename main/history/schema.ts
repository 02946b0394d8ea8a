// The history file's schema and its migrations. The version lives in SQLite's user_version; each migration
// runs in its own transaction at open, so a failed one leaves the file at the version before it. A file
// newer than this app knows is refused, never touched (an older app must not rewrite a newer app's data).
import type { DatabaseSync } from 'node:sqlite';

export interface Migration {
  version: number;
  description: string;
  up(db: DatabaseSync): void;
}

/** 'RCHS' (Relay Console History Store): marks the file as ours. */
export const APPLICATION_ID = 0x52434853;

/**
 * Version 1.
 * - event: every row of the log. kind 0 state change, 1 action, 2 connection, 3 poller episode, 4 room
 *   (renamed or moved). For state rows a/b are the packed states before/after (state-codec.ts); for actions
 *   a = action, b = result; for connection and poller rows a = what happened. m_from/m_to: meetings (NULL:
 *   unchanged; 0: none). text: the scrubbed message; conn: the connection name or host. n: a number (until).
 * - room: one row per enterprise + endpoint id, with its latest name and site; room_name keeps every name.
 * - room_mark: each room's running totals (ms per status, calls, drops, …) at most once an hour, so the
 *   totals over any range are two look-ups and a short replay per room, whatever the length of the range.
 * - site_hour: ms per status summed per site and hour, for availability over time and the hour-of-week map.
 * Indexes: event_at is in (time, id) order, the log's keyset, and carries the columns the log's filters read
 * (kind, room, why, states), so a walk back through time tests rows without reading the table; event_room_at
 * carries what a room's timeline and the replay from a mark read (state after, why, meeting), so those are
 * one run of index pages, not a page per row; the others serve one meeting's rows and the few rows with
 * words (actions, messages, connections).
 */
const v1 = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE site (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE room (
  id INTEGER PRIMARY KEY,
  enterprise TEXT NOT NULL,
  endpoint TEXT NOT NULL,
  name TEXT NOT NULL,
  site INTEGER NOT NULL DEFAULT 0,
  first_at INTEGER NOT NULL,
  UNIQUE (enterprise, endpoint)
);
CREATE INDEX room_site ON room (site);
CREATE TABLE room_name (
  room INTEGER NOT NULL,
  at INTEGER NOT NULL,
  name TEXT NOT NULL,
  site INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (room, at, name)
) WITHOUT ROWID;
CREATE TABLE meeting (id INTEGER PRIMARY KEY, number TEXT NOT NULL, title TEXT NOT NULL, UNIQUE (number, title));
CREATE TABLE text (id INTEGER PRIMARY KEY, value TEXT NOT NULL UNIQUE);
CREATE TABLE event (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  kind INTEGER NOT NULL,
  room INTEGER,
  why INTEGER NOT NULL,
  a INTEGER NOT NULL,
  b INTEGER NOT NULL,
  m_from INTEGER,
  m_to INTEGER,
  text INTEGER,
  conn INTEGER,
  n INTEGER
);
CREATE INDEX event_at ON event (at, id, kind, room, why, a, b);
CREATE INDEX event_room_at ON event (room, at, kind, b, why, m_to);
CREATE INDEX event_meeting_at ON event (m_to, at) WHERE m_to > 0;
CREATE INDEX event_noted_at ON event (at) WHERE kind <> 0 OR text IS NOT NULL;
CREATE TABLE room_mark (
  room INTEGER NOT NULL,
  at INTEGER NOT NULL,
  id INTEGER NOT NULL,
  b INTEGER NOT NULL,
  call_since INTEGER,
  stale_since INTEGER,
  c0 INTEGER NOT NULL, c1 INTEGER NOT NULL, c2 INTEGER NOT NULL, c3 INTEGER NOT NULL,
  c4 INTEGER NOT NULL, c5 INTEGER NOT NULL, c6 INTEGER NOT NULL, c7 INTEGER NOT NULL,
  stale_ms INTEGER NOT NULL, calls INTEGER NOT NULL, ended INTEGER NOT NULL, ended_ms INTEGER NOT NULL,
  drops INTEGER NOT NULL, outages INTEGER NOT NULL,
  PRIMARY KEY (room, at)
) WITHOUT ROWID;
CREATE TABLE site_hour (
  hour INTEGER NOT NULL,
  site INTEGER NOT NULL,
  c0 INTEGER NOT NULL DEFAULT 0, c1 INTEGER NOT NULL DEFAULT 0, c2 INTEGER NOT NULL DEFAULT 0, c3 INTEGER NOT NULL DEFAULT 0,
  c4 INTEGER NOT NULL DEFAULT 0, c5 INTEGER NOT NULL DEFAULT 0, c6 INTEGER NOT NULL DEFAULT 0, c7 INTEGER NOT NULL DEFAULT 0,
  stale_ms INTEGER NOT NULL DEFAULT 0, calls INTEGER NOT NULL DEFAULT 0, drops INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (hour, site)
) WITHOUT ROWID;
`;

export const migrations: readonly Migration[] = [
  {
    version: 1,
    description: 'rooms, names, events, running totals per room, totals per site and hour',
    up(db) {
      db.exec(v1);
      db.exec(`PRAGMA application_id = ${APPLICATION_ID}`);
    },
  },
];

export const latestVersion = (list: readonly Migration[] = migrations): number => list.reduce((v, m) => Math.max(v, m.version), 0);

export class NewerSchemaError extends Error {
  readonly found: number;
  readonly known: number;
  constructor(found: number, known: number) {
    super(`The history file was written by a newer version of Relay Console (schema ${found}; this version knows up to ${known}).`);
    this.name = 'NewerSchemaError';
    this.found = found;
    this.known = known;
  }
}

export function schemaVersion(db: DatabaseSync): number {
  const row = db.prepare('PRAGMA user_version').get() as { user_version?: unknown } | undefined;
  return typeof row?.user_version === 'number' ? row.user_version : 0;
}

/** Brings the file up to the newest version this app knows; returns the versions before and after. */
export function migrate(db: DatabaseSync, list: readonly Migration[] = migrations): { from: number; to: number } {
  const from = schemaVersion(db);
  const known = latestVersion(list);
  if (from > known) throw new NewerSchemaError(from, known);
  const pending = list.filter((m) => m.version > from).sort((a, b) => a.version - b.version);
  for (const m of pending) {
    db.exec('BEGIN IMMEDIATE');
    try {
      m.up(db);
      db.exec(`PRAGMA user_version = ${m.version}`);
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }
  return { from, to: schemaVersion(db) };
}
