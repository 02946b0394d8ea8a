// Root cause on the board: when a room's own status call answers ListenerOffline, Relay says its Listener
// Service is offline (reference §2.6: "The Listener Service is offline."), so every room that Listener
// Service controls (the Endpoint's listenerServiceId) is offline for that one reason. The rooms of such an
// outage carry the cause, show as offline at once (not one by one as their polls come round), and the board,
// the tray and the notifications say it once. The cause ends when any of its rooms answers its own status
// call again, or when the server's Listener Service list says it is back (a field only some servers send).
import { describeCause, type EventLogEntry, type RoomCause } from '../../contract/index.ts';

export interface CauseRoomInfo {
  connectionId: string;
  listenerServiceId: string | null;
  site: string | null;
}

export interface RootCausesOptions {
  /** The room as the poller knows it now; null once it is gone. */
  roomInfo(key: string): CauseRoomInfo | null;
  /** The Listener Service's name, when the server's list gave one. */
  nameOf(connectionId: string, listenerServiceId: string): string | null;
  /** A cause formed whose Listener Service has no name yet: the names may be read now. */
  wantNames(connectionId: string): void;
  /** The enterprise behind a connection (causes are keyed by enterprise + Listener Service, not by a run-time id). */
  enterpriseOf(connectionId: string): string | null;
  connectionNameOf(connectionId: string): string | null;
  /** These rooms' views changed (their cause came or went). */
  changed(keys: readonly string[]): void;
  log(entry: Omit<EventLogEntry, 'id' | 'at'>): void;
  now(): number;
}

interface Group {
  connectionId: string;
  listenerServiceId: string;
  rooms: Set<string>;
  /** Since when it is offline (clock ms); null while it is not known to be. */
  downSince: number | null;
  cause: RoomCause | null;
}

const groupKey = (connectionId: string, listenerServiceId: string): string => `${connectionId}\u0000${listenerServiceId}`;

export class RootCauses {
  readonly #o: RootCausesOptions;
  readonly #groups = new Map<string, Group>();
  readonly #roomGroup = new Map<string, string>();

  constructor(options: RootCausesOptions) {
    this.#o = options;
  }

  /** The room changed: keep it in the group of its Listener Service (it may have moved to another). */
  track(key: string): void {
    const info = this.#o.roomInfo(key);
    if (!info) return this.remove(key);
    const want = info.listenerServiceId === null ? null : groupKey(info.connectionId, info.listenerServiceId);
    const had = this.#roomGroup.get(key) ?? null;
    if (want === had) return;
    if (had !== null) this.#leave(key, had);
    if (want === null || info.listenerServiceId === null) return;
    let g = this.#groups.get(want);
    if (!g) {
      g = { connectionId: info.connectionId, listenerServiceId: info.listenerServiceId, rooms: new Set(), downSince: null, cause: null };
      this.#groups.set(want, g);
    }
    g.rooms.add(key);
    this.#roomGroup.set(key, want);
    // A room that joins an outage shows it at once, and the outage's line counts it.
    if (g.cause) this.#recount(g);
  }

  remove(key: string): void {
    const had = this.#roomGroup.get(key);
    if (had !== undefined) this.#leave(key, had);
  }

  /** A room's own status call answered (see PollerSink.answered). */
  answered(key: string, outcome: { online: true } | { online: false; by: string }): void {
    this.track(key);
    const gk = this.#roomGroup.get(key);
    const g = gk === undefined ? undefined : this.#groups.get(gk);
    if (!g) return;
    if (outcome.online) this.#up(g, 'answers again');
    else if (outcome.by === 'ListenerOffline') this.#down(g);
  }

  /** What the server's Listener Service list says (only where it reports a state). */
  listenerState(connectionId: string, listenerServiceId: string, online: boolean): void {
    const g = this.#groups.get(groupKey(connectionId, listenerServiceId));
    if (!g) return;
    if (online) this.#up(g, 'is back online');
    else this.#down(g);
  }

  /** The Listener Service names of a connection were read: causes say the name now. */
  namesChanged(connectionId: string): void {
    for (const g of this.#groups.values()) {
      if (g.connectionId !== connectionId || !g.cause) continue;
      const name = this.#o.nameOf(g.connectionId, g.listenerServiceId);
      if (name === g.cause.listenerServiceName) continue;
      // (#causeFor recounts the sites as well.)
      g.cause = this.#causeFor(g);
      this.#o.changed([...g.rooms]);
    }
  }

  causeOf(key: string): RoomCause | null {
    const gk = this.#roomGroup.get(key);
    return gk === undefined ? null : (this.#groups.get(gk)?.cause ?? null);
  }

  /** Since when the Listener Service is known to be offline; null when nothing says it is. */
  downSince(connectionId: string, listenerServiceId: string): number | null {
    return this.#groups.get(groupKey(connectionId, listenerServiceId))?.downSince ?? null;
  }

  /** Every connection's rooms are gone: forget them. */
  clear(): void {
    this.#groups.clear();
    this.#roomGroup.clear();
  }

  #leave(key: string, gk: string): void {
    this.#roomGroup.delete(key);
    const g = this.#groups.get(gk);
    if (!g) return;
    g.rooms.delete(key);
    if (g.rooms.size === 0) this.#groups.delete(gk);
    else if (g.cause) {
      this.#o.changed([key]);
      this.#recount(g);
    }
  }

  #recount(g: Group): void {
    const next = this.#causeFor(g);
    if (g.cause && next.line === g.cause.line) return;
    g.cause = next;
    this.#o.changed([...g.rooms]);
  }

  #causeFor(g: Group): RoomCause {
    const name = this.#o.nameOf(g.connectionId, g.listenerServiceId);
    const enterprise = this.#o.enterpriseOf(g.connectionId) ?? g.connectionId;
    const message = `Listener Service ${name ?? shortId(g.listenerServiceId)} is offline`;
    const sites = [...g.rooms].map((k) => this.#o.roomInfo(k)?.site ?? null);
    return {
      key: `${enterprise}/listener/${g.listenerServiceId}`,
      kind: 'listener-offline',
      listenerServiceId: g.listenerServiceId,
      listenerServiceName: name,
      message,
      line: describeCause({ message }, sites),
    };
  }

  #down(g: Group): void {
    if (g.cause) return;
    g.downSince = this.#o.now();
    g.cause = this.#causeFor(g);
    if (g.cause.listenerServiceName === null) this.#o.wantNames(g.connectionId);
    const connectionName = this.#o.connectionNameOf(g.connectionId);
    this.#o.log({ roomKey: null, roomName: null, connectionName, kind: 'error', cause: 'poll', message: `${g.cause.line}.` });
    this.#o.changed([...g.rooms]);
  }

  #up(g: Group, how: string): void {
    if (!g.cause) return;
    const cause = g.cause;
    g.cause = null;
    g.downSince = null;
    this.#o.log({
      roomKey: null,
      roomName: null,
      connectionName: this.#o.connectionNameOf(g.connectionId),
      kind: 'state',
      cause: 'poll',
      message: `Listener Service ${cause.listenerServiceName ?? shortId(cause.listenerServiceId)} ${how}: its rooms are reachable again.`,
    });
    this.#o.changed([...g.rooms]);
  }
}

function shortId(id: string): string {
  return id.length > 10 ? `${id.slice(0, 8)}…` : id;
}
