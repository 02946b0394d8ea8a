// What the history's parts share: the open database, prepared statements (a bounded cache), and the
// small dictionaries (sites, meetings, texts) every row refers to by number instead of repeating words.
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { MeetingRef } from './types.ts';

export type SqlValue = number | string | null | bigint | Uint8Array;
export type Row = Record<string, SqlValue>;

/** A Map that forgets its least recently used entries beyond `limit`. */
export class Lru<K, V> {
  readonly #map = new Map<K, V>();
  readonly limit: number;
  constructor(limit: number) {
    this.limit = limit;
  }
  get(key: K): V | undefined {
    const v = this.#map.get(key);
    if (v !== undefined) {
      this.#map.delete(key);
      this.#map.set(key, v);
    }
    return v;
  }
  set(key: K, value: V): void {
    this.#map.delete(key);
    this.#map.set(key, value);
    if (this.#map.size > this.limit) this.#map.delete(this.#map.keys().next().value as K);
  }
  clear(): void {
    this.#map.clear();
  }
}

export class Statements {
  readonly #cache = new Lru<string, StatementSync>(256);
  readonly db: DatabaseSync;
  constructor(db: DatabaseSync) {
    this.db = db;
  }
  get(sql: string): StatementSync {
    let s = this.#cache.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.#cache.set(sql, s);
    }
    return s;
  }
}

const num = (v: SqlValue | undefined): number => (typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : 0);
const str = (v: SqlValue | undefined): string => (typeof v === 'string' ? v : '');

/** Sites, meetings and texts by number. Id 0 means "none" for sites and meetings. */
export class Dictionaries {
  readonly #sql: Statements;
  readonly #siteIds = new Map<string, number>();
  readonly #siteNames = new Map<number, string>();
  readonly #meetingIds = new Lru<string, number>(20_000);
  readonly #meetings = new Lru<number, MeetingRef>(20_000);
  readonly #textIds = new Lru<string, number>(20_000);
  readonly #texts = new Lru<number, string>(20_000);

  constructor(sql: Statements) {
    this.#sql = sql;
    this.reload();
  }

  /** After a rolled-back write: forget what the rollback took back. */
  reload(): void {
    this.#siteIds.clear();
    this.#siteNames.clear();
    this.#meetingIds.clear();
    this.#meetings.clear();
    this.#textIds.clear();
    this.#texts.clear();
    for (const r of this.#sql.get('SELECT id, name FROM site').all() as Row[]) {
      this.#siteIds.set(str(r['name']), num(r['id']));
      this.#siteNames.set(num(r['id']), str(r['name']));
    }
  }

  siteId(name: string | null): number {
    if (name === null || name === '') return 0;
    const known = this.#siteIds.get(name);
    if (known !== undefined) return known;
    this.#sql.get('INSERT INTO site (name) VALUES (?) ON CONFLICT (name) DO NOTHING').run(name);
    const id = num((this.#sql.get('SELECT id FROM site WHERE name = ?').get(name) as Row)['id']);
    this.#siteIds.set(name, id);
    this.#siteNames.set(id, name);
    return id;
  }

  siteName(id: number): string | null {
    return id === 0 ? null : (this.#siteNames.get(id) ?? null);
  }

  /** Existing site ids whose name contains the text (case-insensitive). */
  sitesMatching(text: string): number[] {
    const needle = text.toLowerCase();
    return [...this.#siteNames].filter(([, name]) => name.toLowerCase().includes(needle)).map(([id]) => id);
  }

  siteIdIfKnown(name: string): number | null {
    return this.#siteIds.get(name) ?? null;
  }

  meetingId(ref: MeetingRef | null): number {
    if (!ref) return 0;
    const title = ref.title ?? '';
    const key = `${ref.id}\u0000${title}`;
    const known = this.#meetingIds.get(key);
    if (known !== undefined) return known;
    this.#sql.get('INSERT INTO meeting (number, title) VALUES (?, ?) ON CONFLICT (number, title) DO NOTHING').run(ref.id, title);
    const id = num((this.#sql.get('SELECT id FROM meeting WHERE number = ? AND title = ?').get(ref.id, title) as Row)['id']);
    this.#meetingIds.set(key, id);
    return id;
  }

  meeting(id: number | null): MeetingRef | null {
    if (id === null || id <= 0) return null;
    const known = this.#meetings.get(id);
    if (known) return known;
    const r = this.#sql.get('SELECT number, title FROM meeting WHERE id = ?').get(id) as Row | undefined;
    if (!r) return null;
    const ref: MeetingRef = { id: str(r['number']), title: str(r['title']) === '' ? null : str(r['title']) };
    this.#meetings.set(id, ref);
    return ref;
  }

  textId(value: string): number {
    const known = this.#textIds.get(value);
    if (known !== undefined) return known;
    this.#sql.get('INSERT INTO text (value) VALUES (?) ON CONFLICT (value) DO NOTHING').run(value);
    const id = num((this.#sql.get('SELECT id FROM text WHERE value = ?').get(value) as Row)['id']);
    this.#textIds.set(value, id);
    return id;
  }

  text(id: number | null): string | null {
    if (id === null) return null;
    const known = this.#texts.get(id);
    if (known !== undefined) return known;
    const r = this.#sql.get('SELECT value FROM text WHERE id = ?').get(id) as Row | undefined;
    if (!r) return null;
    this.#texts.set(id, str(r['value']));
    return str(r['value']);
  }
}

export { num, str };
