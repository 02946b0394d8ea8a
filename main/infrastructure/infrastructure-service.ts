// The Relay infrastructure behind a connection's rooms (reference §2.2, §2.5; docs/relay-api.md §3.5): the
// enterprise, the health of the server, the Listener Services with their rooms and whether each is online,
// and the failure records as de-duplicated alerts and as event-log lines. Every call goes through the
// host's request budget (the same urgent path as a room action). Each part is read on its own: a server
// without the inferred Listener Service list, or a 503 from health, degrades that part, never the view.
import type { ConnectionView, EventLogEntry, FailureAlert, HealthView, Infrastructure, ListenerServiceView } from '../../contract/index.ts';
import { AppError } from '../ipc/app-error.ts';
import type { Clock, Logger } from '../ports.ts';
import { silentLogger } from '../ports.ts';
import type { RelayClient } from '../relay/client.ts';
import type { RelayFailure, RelayListenerService } from '../relay/schemas.ts';
import type { RoomEntry } from '../poller/room-state.ts';
import type { ListenerNames } from './listener-names.ts';
import type { RootCauses } from './root-cause.ts';

export interface InfrastructureOptions {
  clock: Clock;
  log?: Logger;
  /** Runs a call through the connection's host budget (Poller.urgentFor). */
  urgentFor<T>(connectionId: string, fn: (client: RelayClient) => Promise<T>): Promise<T>;
  connection(connectionId: string): ConnectionView | null;
  /** The rooms the poller knows, for the counts per Listener Service. */
  rooms(): Iterable<Pick<RoomEntry, 'key' | 'connectionId' | 'endpointId' | 'info' | 'reachability'>>;
  names: ListenerNames;
  causes: RootCauses;
  appendEvent(entry: Omit<EventLogEntry, 'id' | 'at'>): void;
  /** How long a read part is reused (default 15 s). */
  cacheMs?: number;
  /** How often names may be read again when a root cause asks for them (default 60 s). */
  namesEveryMs?: number;
}

interface Cached<T> {
  at: number;
  value: T;
}

/** The alert identity: the same failure of the same subject. */
const alertKey = (f: RelayFailure): string => `${f.subjectClass ?? ''}/${f.subjectId ?? ''}/${f.errorName ?? f.errorCode ?? ''}`;
const MAX_ALERTS = 200;
const MAX_SEEN = 5_000;

export class InfrastructureService {
  readonly #o: InfrastructureOptions;
  readonly #log: Logger;
  readonly #cacheMs: number;
  readonly #listeners = new Map<string, Cached<RelayListenerService[] | null>>();
  readonly #namesAskedAt = new Map<string, number>();
  readonly #inflight = new Map<string, Promise<RelayListenerService[] | null>>();
  /** Failure records already in the event log, by enterprise + record (so a reconnect does not log them again). */
  readonly #seen = new Set<string>();

  constructor(options: InfrastructureOptions) {
    this.#o = options;
    this.#log = options.log ?? silentLogger;
    this.#cacheMs = options.cacheMs ?? 15_000;
    options.names.onWant((connectionId) => this.#namesWanted(connectionId));
  }

  /** The Listener Services of a connection (cached); null when the server has no list call. */
  async listenerServices(connectionId: string, maxAgeMs = this.#cacheMs): Promise<RelayListenerService[] | null> {
    const cached = this.#listeners.get(connectionId);
    if (cached && this.#o.clock.now() - cached.at < maxAgeMs) return cached.value;
    let pending = this.#inflight.get(connectionId);
    if (!pending) {
      pending = this.#readListeners(connectionId).finally(() => this.#inflight.delete(connectionId));
      this.#inflight.set(connectionId, pending);
    }
    return pending;
  }

  /** The Listener Services with their rooms and whether each is online, for the picker and the view. */
  async listenerServiceViews(connectionId: string): Promise<ListenerServiceView[] | null> {
    const list = await this.listenerServices(connectionId);
    return this.#views(connectionId, list);
  }

  async view(connectionId: string): Promise<Infrastructure> {
    const conn = this.#o.connection(connectionId);
    if (!conn) throw new AppError('not_found', 'There is no such connection (it may have been removed).');
    const notes: string[] = [];
    const part = async <T>(what: string, fn: () => Promise<T>): Promise<T | null> => {
      try {
        return await fn();
      } catch (error) {
        const message = error instanceof AppError ? error.message : 'it could not be read.';
        notes.push(`${what}: ${message}`);
        return null;
      }
    };
    const [enterprise, health, listeners, failures] = await Promise.all([
      part('The enterprise', () => this.#o.urgentFor(connectionId, (c) => c.enterprise())),
      this.#health(connectionId),
      part('The Listener Services', () => this.listenerServices(connectionId, 0)),
      part('The failure records', () => this.#o.urgentFor(connectionId, (c) => c.failures())),
    ]);
    if (listeners === null && !notes.some((n) => n.startsWith('The Listener Services'))) {
      notes.push('This server does not list its Listener Services; they are shown from the rooms that name them.');
    }
    if (failures) this.#logNew(conn, failures);
    return {
      connectionId,
      enterprise: enterprise ? { name: enterprise.name ?? null, label: enterprise.label ?? null, pointOfContact: enterprise.pointOfContact ?? null } : null,
      health,
      listenerServices: this.#views(connectionId, listeners),
      alerts: failures ? this.#alerts(connectionId, failures) : [],
      notes,
      fetchedAt: this.#o.clock.now(),
    };
  }

  /** A connection went away: what was read for it is forgotten. */
  forget(connectionId: string): void {
    this.#listeners.delete(connectionId);
    this.#namesAskedAt.delete(connectionId);
    this.#o.names.forget(connectionId);
  }

  // ---- internals ----

  async #readListeners(connectionId: string): Promise<RelayListenerService[] | null> {
    let list: RelayListenerService[] | null;
    try {
      list = await this.#o.urgentFor(connectionId, (c) => c.listenerServices());
    } catch (error) {
      // The list call is inferred (docs/relay-api.md §3.5): a server without it answers 404 (or 405).
      if (error instanceof AppError && (error.code === 'not_found' || error.code === 'rejected')) list = null;
      else throw error;
    }
    this.#listeners.set(connectionId, { at: this.#o.clock.now(), value: list });
    if (list) {
      this.#o.names.set(connectionId, new Map(list.filter((ls) => ls.name).map((ls) => [ls.id, ls.name as string])));
      // Where the server says whether one is online (not documented), the root cause follows it.
      for (const ls of list) if (typeof ls.online === 'boolean') this.#o.causes.listenerState(connectionId, ls.id, ls.online);
    }
    return list;
  }

  #namesWanted(connectionId: string): void {
    const now = this.#o.clock.now();
    const last = this.#namesAskedAt.get(connectionId);
    if (last !== undefined && now - last < (this.#o.namesEveryMs ?? 60_000)) return;
    this.#namesAskedAt.set(connectionId, now);
    this.listenerServices(connectionId, 0).catch((error: unknown) => {
      this.#log.info('Listener Service names could not be read', { error: error instanceof Error ? error.message : String(error) });
    });
  }

  async #health(connectionId: string): Promise<HealthView> {
    try {
      const { status, services } = await this.#o.urgentFor(connectionId, (c) => c.health());
      const hostname = typeof services['hostname'] === 'string' ? services['hostname'] : null;
      const hosed = Object.entries(services)
        .filter(([name, value]) => name !== 'hostname' && typeof value === 'string' && value.toLowerCase() !== 'ok')
        .map(([name]) => name)
        .sort();
      if (status === 503 || hosed.length > 0) {
        return {
          state: 'degraded',
          hosed,
          hostname,
          message: hosed.length > 0 ? `Relay reports trouble with ${hosed.join(', ')}: rooms may not answer until it recovers.` : 'Relay reports that it is degraded (HTTP 503).',
        };
      }
      return { state: 'ok', hosed: [], hostname, message: 'Every Relay service reports ok.' };
    } catch (error) {
      const message = error instanceof AppError ? error.message : 'The health of the server could not be read.';
      return { state: 'unreachable', hosed: [], hostname: null, message };
    }
  }

  #views(connectionId: string, list: RelayListenerService[] | null): ListenerServiceView[] | null {
    const counts = new Map<string, { rooms: number; offline: number }>();
    for (const room of this.#o.rooms()) {
      const id = room.info.listenerServiceId;
      if (room.connectionId !== connectionId || id === null) continue;
      const c = counts.get(id) ?? { rooms: 0, offline: 0 };
      c.rooms++;
      if (room.reachability !== 'online' || this.#o.causes.causeOf(room.key)) c.offline++;
      counts.set(id, c);
    }
    const entries: RelayListenerService[] = list ?? [...counts.keys()].map((id) => ({ id }));
    if (list === null && entries.length === 0) return null;
    return entries.map((ls) => {
      const c = counts.get(ls.id) ?? { rooms: 0, offline: 0 };
      const down = this.#o.causes.downSince(connectionId, ls.id) !== null;
      let online: boolean | null = null;
      let onlineSource: string | null = null;
      if (down) {
        online = false;
        onlineSource = typeof ls.online === 'boolean' && !ls.online ? 'Relay says it is offline.' : 'Its rooms answer "The Listener Service is offline".';
      } else if (typeof ls.online === 'boolean') {
        online = ls.online;
        onlineSource = 'As Relay reports it.';
      } else if (c.rooms > 0 && c.offline < c.rooms) {
        online = true;
        onlineSource = 'Some of its rooms answer.';
      }
      return {
        id: ls.id,
        name: ls.name ?? null,
        location: ls.location ?? null,
        assetId: ls.assetId ?? null,
        externalId: ls.externalId ?? null,
        pointOfContact: ls.pointOfContact ?? null,
        online,
        onlineSource,
        rooms: c.rooms,
        roomsOffline: c.offline,
      };
    });
  }

  #subject(connectionId: string, f: RelayFailure): string {
    const id = f.subjectId ?? '';
    if (f.subjectClass === 'ListenerService') return `Listener Service ${this.#o.names.nameOf(connectionId, id) ?? id}`;
    if (f.subjectClass === 'Endpoint') {
      for (const room of this.#o.rooms()) if (room.connectionId === connectionId && room.endpointId === id) return `Room ${room.info.name}`;
      return `Room ${id}`;
    }
    return [f.subjectClass, id].filter(Boolean).join(' ') || 'Relay';
  }

  /** One alert per failure of one subject: how often and when last, newest first. */
  #alerts(connectionId: string, failures: readonly RelayFailure[]): FailureAlert[] {
    const byKey = new Map<string, FailureAlert>();
    for (const f of failures) {
      const key = alertKey(f);
      const at = f.errorDate ?? null;
      const known = byKey.get(key);
      if (known) {
        known.count++;
        if (at !== null && (known.lastAt === null || at > known.lastAt)) known.lastAt = at;
        continue;
      }
      byKey.set(key, {
        key,
        subject: this.#subject(connectionId, f),
        errorName: f.errorName ?? null,
        message: f.errorMessage ?? (f.errorName ? `Relay reports ${f.errorName}.` : 'Relay reports a failure.'),
        count: 1,
        lastAt: at,
      });
    }
    return [...byKey.values()].sort((a, b) => (b.lastAt ?? 0) - (a.lastAt ?? 0)).slice(0, MAX_ALERTS);
  }

  /** New failure records become event-log lines, one per alert and read (not one per record). */
  #logNew(conn: ConnectionView, failures: readonly RelayFailure[]): void {
    const enterprise = conn.enterprise ?? conn.id;
    const fresh = new Map<string, { f: RelayFailure; n: number }>();
    for (const f of failures) {
      const id = `${enterprise}/${f.id ?? `${alertKey(f)}@${f.errorDate ?? ''}`}`;
      if (this.#seen.has(id)) continue;
      this.#seen.add(id);
      if (this.#seen.size > MAX_SEEN) this.#seen.delete(this.#seen.values().next().value as string);
      const key = alertKey(f);
      const known = fresh.get(key);
      if (known) known.n++;
      else fresh.set(key, { f, n: 1 });
    }
    for (const { f, n } of [...fresh.values()].slice(0, 50)) {
      const what = f.errorMessage ?? f.errorName ?? 'a failure';
      this.#o.appendEvent({
        roomKey: null,
        roomName: null,
        connectionName: conn.name,
        kind: 'error',
        cause: 'poll',
        message: `Relay reports for ${this.#subject(conn.id, f)}: ${what}${n > 1 ? ` (${n} times)` : ''}`,
      });
    }
  }
}
