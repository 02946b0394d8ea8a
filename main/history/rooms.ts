// The rooms the history knows, by enterprise + endpoint id: their number in the file, latest name and site,
// and their live running totals (the writer keeps them in memory; the file has them at marks). A rename
// or a move updates the room and adds a row to room_name, so its history stays one.
import { num, str, type Row, type Statements } from './context.ts';
import { copyTally, newTally, type Tally } from './tally.ts';
import type { RoomIdentity } from './types.ts';

export interface LiveRoom {
  readonly id: number;
  readonly enterprise: string;
  readonly endpoint: string;
  name: string;
  site: number;
  tally: Tally;
  /** Time of the room's last state row (its rows are kept in time order). */
  lastAt: number;
  /** Id of its last state row. */
  lastId: number;
  /** Start of the block of its last mark (room_mark), or null before the first. */
  markBlock: number | null;
  /** The meeting it is in (meeting id; 0: none). */
  meeting: number;
}

export const roomKey = (r: RoomIdentity): string => `${r.enterpriseId}\u0000${r.endpointId}`;

export class RoomRegistry {
  readonly #sql: Statements;
  readonly #byKey = new Map<string, LiveRoom>();
  readonly #byId = new Map<number, LiveRoom>();
  readonly limit: number;
  /** Rooms as they were before the current write, to put back if it rolls back. */
  #saved: Map<number, LiveRoom> | null = null;
  #created: LiveRoom[] = [];

  constructor(sql: Statements, limit: number) {
    this.#sql = sql;
    this.limit = limit;
  }

  load(): void {
    this.#byKey.clear();
    this.#byId.clear();
    for (const r of this.#sql.get('SELECT id, enterprise, endpoint, name, site, first_at FROM room').all() as Row[]) {
      const room: LiveRoom = {
        id: num(r['id']),
        enterprise: str(r['enterprise']),
        endpoint: str(r['endpoint']),
        name: str(r['name']),
        site: num(r['site']),
        tally: newTally(num(r['first_at'])),
        lastAt: num(r['first_at']),
        lastId: 0,
        markBlock: null,
        meeting: 0,
      };
      this.#add(room);
    }
  }

  #add(room: LiveRoom): void {
    this.#byKey.set(roomKey({ enterpriseId: room.enterprise, endpointId: room.endpoint }), room);
    this.#byId.set(room.id, room);
  }

  get size(): number {
    return this.#byId.size;
  }

  all(): IterableIterator<LiveRoom> {
    return this.#byId.values();
  }

  byId(id: number): LiveRoom | undefined {
    return this.#byId.get(id);
  }

  find(identity: RoomIdentity): LiveRoom | undefined {
    return this.#byKey.get(roomKey(identity));
  }

  /** Starts a write: changes from here on can be taken back. */
  begin(): void {
    this.#saved = new Map();
    this.#created = [];
  }

  /** Call before changing a room during a write. */
  touch(room: LiveRoom): void {
    if (this.#saved && !this.#saved.has(room.id)) this.#saved.set(room.id, { ...room, tally: copyTally(room.tally) });
  }

  commit(): void {
    this.#saved = null;
    this.#created = [];
  }

  rollback(): void {
    for (const room of this.#created) {
      this.#byKey.delete(roomKey({ enterpriseId: room.enterprise, endpointId: room.endpoint }));
      this.#byId.delete(room.id);
    }
    for (const [id, saved] of this.#saved ?? []) {
      const live = this.#byId.get(id);
      if (live) Object.assign(live, saved);
    }
    this.commit();
  }

  /**
   * The room, created at `at` if new; null when the history already holds `limit` rooms. `renamed` is told
   * the old and new name and site when they change.
   */
  ensure(identity: RoomIdentity, name: string, site: number, at: number, renamed: (room: LiveRoom, oldName: string, oldSite: number) => void): LiveRoom | null {
    const known = this.find(identity);
    if (known) {
      if (known.name !== name || known.site !== site) {
        this.touch(known);
        const oldName = known.name;
        const oldSite = known.site;
        known.name = name;
        known.site = site;
        this.#sql.get('UPDATE room SET name = ?, site = ? WHERE id = ?').run(name, site, known.id);
        this.#sql.get('INSERT OR IGNORE INTO room_name (room, at, name, site) VALUES (?, ?, ?, ?)').run(known.id, at, name, site);
        renamed(known, oldName, oldSite);
      }
      return known;
    }
    if (this.#byId.size >= this.limit) return null;
    const result = this.#sql
      .get('INSERT INTO room (enterprise, endpoint, name, site, first_at) VALUES (?, ?, ?, ?, ?)')
      .run(identity.enterpriseId, identity.endpointId, name, site, at);
    const id = Number(result.lastInsertRowid);
    this.#sql.get('INSERT OR IGNORE INTO room_name (room, at, name, site) VALUES (?, ?, ?, ?)').run(id, at, name, site);
    const room: LiveRoom = { id, enterprise: identity.enterpriseId, endpoint: identity.endpointId, name, site, tally: newTally(at), lastAt: at, lastId: 0, markBlock: null, meeting: 0 };
    this.#add(room);
    this.#created.push(room);
    return room;
  }
}
