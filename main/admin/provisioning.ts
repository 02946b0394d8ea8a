// Provisioning one room at a time: the Fleet screen's form over POST/PUT/DELETE /api/endpoints (reference
// §2.3). Every rule is checked in words before anything is sent (validate.ts), the connection's role first
// (read-only roles see the form but cannot save: the reason is given); every call goes through the host's
// request budget (Poller.urgentFor, the room actions' path). The device password is write-only: it is
// registered as a secret while the save is in flight, sent in the body only, and never read back or shown.
import type {
  ConnectionView,
  DeleteCheck,
  EventLogEntry,
  FleetConnection,
  FleetRoom,
  FleetRoomSummary,
  RoomFieldName,
  RoomFields,
  RoomView,
  SaveRoomInput,
  SaveRoomResult,
} from '../../contract/index.ts';
import { AppError } from '../ipc/app-error.ts';
import { HttpError } from '../net/errors.ts';
import type { Clock, Logger } from '../ports.ts';
import { silentLogger } from '../ports.ts';
import type { RelayClient } from '../relay/client.ts';
import type { RelayEndpointRecord } from '../relay/schemas.ts';
import type { SecretRegistry } from '../vault/redact.ts';
import { changedFields, createBody, fieldsFromRecord, updateBody } from './room-fields.ts';
import { nameKey, validateFields, type ValidationContext } from './validate.ts';

export interface ProvisioningOptions {
  clock: Clock;
  log?: Logger;
  registry: SecretRegistry;
  connections(): readonly ConnectionView[];
  urgentFor<T>(connectionId: string, fn: (client: RelayClient) => Promise<T>): Promise<T>;
  /** The connection's Listener Services as id → name; null when the server does not list them. */
  listenerServices(connectionId: string): Promise<ReadonlyMap<string, string | null> | null>;
  /** What the board knows of the room now (for "is it in a call?"). */
  roomView(connectionId: string, endpointId: string): RoomView | null;
  /** The board's room list is read again (a room was added, changed or removed). */
  relist(connectionId: string): void;
  appendEvent(entry: Omit<EventLogEntry, 'id' | 'at'>): void;
  /** How long the fleet as read is reused for checks (default 30 s). */
  fleetCacheMs?: number;
}

/** The fleet of one connection as last read, with its name and calendar indexes. */
export interface FleetSnapshot {
  at: number;
  records: RelayEndpointRecord[];
  byId: Map<string, RelayEndpointRecord>;
  byName: Map<string, RelayEndpointRecord>;
  byCalendar: Map<string, RelayEndpointRecord>;
}

export function snapshotOf(records: RelayEndpointRecord[], at: number): FleetSnapshot {
  const snap: FleetSnapshot = { at, records, byId: new Map(), byName: new Map(), byCalendar: new Map() };
  for (const r of records) index(snap, r);
  return snap;
}

function index(snap: FleetSnapshot, r: RelayEndpointRecord): void {
  snap.byId.set(r.id, r);
  snap.byName.set(nameKey(r.name), r);
  if (r.calendarId) snap.byCalendar.set(r.calendarId.toLowerCase(), r);
}

function unindex(snap: FleetSnapshot, r: RelayEndpointRecord): void {
  snap.byId.delete(r.id);
  if (snap.byName.get(nameKey(r.name)) === r) snap.byName.delete(nameKey(r.name));
  if (r.calendarId && snap.byCalendar.get(r.calendarId.toLowerCase()) === r) snap.byCalendar.delete(r.calendarId.toLowerCase());
}

/** Which field a server's refusal is about, where its error name says so (names beyond the catalog are the simulator's: a guess). */
const FIELD_OF_ERROR: Record<string, RoomFieldName> = {
  DuplicateCalendarId: 'calendarId',
  DuplicateEndpointName: 'name',
  UnknownListenerService: 'listenerServiceId',
  InvalidAddress: 'ipAddress',
};

export class ProvisioningService {
  readonly #o: ProvisioningOptions;
  readonly #log: Logger;
  readonly #fleets = new Map<string, FleetSnapshot>();

  constructor(options: ProvisioningOptions) {
    this.#o = options;
    this.#log = options.log ?? silentLogger;
  }

  /** Connections that can see a fleet (no room pairings, no meeting passcodes), with what they may do. */
  connections(): FleetConnection[] {
    return this.#o.connections()
      .filter((c) => c.capabilities.canView && !c.capabilities.zeroTouch)
      .map((c) => ({
        connectionId: c.id,
        name: c.name,
        enterprise: c.enterprise,
        connected: c.state === 'connected',
        canProvision: c.capabilities.canProvision,
        reason: c.capabilities.canProvision ? null : readOnlyReason(c),
      }));
  }

  /** The fleet as Relay has it now (read through the budget), or as read within `maxAgeMs`. */
  async fleet(connectionId: string, maxAgeMs = this.#o.fleetCacheMs ?? 30_000): Promise<FleetSnapshot> {
    const cached = this.#fleets.get(connectionId);
    if (cached && this.#o.clock.now() - cached.at <= maxAgeMs) return cached;
    const records = await this.#o.urgentFor(connectionId, (c) => c.endpointRecords());
    const snap = snapshotOf(records, this.#o.clock.now());
    this.#fleets.set(connectionId, snap);
    return snap;
  }

  /** The fleet changed in a way the cache does not know (an import ran): read it again next time. */
  invalidate(connectionId: string): void {
    this.#fleets.delete(connectionId);
  }

  async rooms(connectionId: string): Promise<FleetRoomSummary[]> {
    const snap = await this.fleet(connectionId, 0);
    return snap.records
      .map((r) => {
        const f = fieldsFromRecord(r);
        return { id: r.id, name: f.name, ipAddress: f.ipAddress, listenerServiceId: f.listenerServiceId, site: f.site, floor: f.floor, controlProtocol: f.controlProtocol };
      })
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  async room(connectionId: string, id: string): Promise<FleetRoom> {
    const record = await this.#o.urgentFor(connectionId, (c) => c.endpointRecord(id));
    this.#remember(connectionId, record);
    return { id: record.id, fields: fieldsFromRecord(record) };
  }

  /** The context the rules need: the Listener Services and the fleet's names and calendars. */
  async context(connectionId: string, selfId: string | null, snap?: FleetSnapshot): Promise<ValidationContext> {
    const [fleet, listenerServices] = await Promise.all([snap ?? this.fleet(connectionId), this.#o.listenerServices(connectionId)]);
    return {
      listenerServices,
      nameOwner: (name) => fleet.byName.get(nameKey(name)),
      calendarOwner: (calendarId) => fleet.byCalendar.get(calendarId.toLowerCase()),
      selfId,
    };
  }

  async save(input: SaveRoomInput): Promise<SaveRoomResult> {
    const conn = this.#provisioner(input.connectionId);
    const fields = input.fields as RoomFields;
    const password = input.password === undefined || input.password === '' ? undefined : input.password;
    const all = validateFields(fields, await this.context(conn.id, input.id ?? null));
    // An edit is held to the rules in what it changes (a field the server has in another form stays as it is).
    const before = input.id === undefined ? null : this.#fleets.get(conn.id)?.byId.get(input.id);
    const changing = before ? new Set(changedFields(fieldsFromRecord(before), fields)) : null;
    const issues = changing ? all.filter((i) => i.field === null || changing.has(i.field)) : all;
    if (issues.length > 0) return { room: null, issues };
    if (password !== undefined) this.#o.registry.add(password);
    try {
      let record: RelayEndpointRecord;
      if (input.id === undefined) {
        const body = { ...createBody(fields), ...(password !== undefined ? { password } : {}) };
        record = await this.#o.urgentFor(conn.id, (c) => c.createEndpoint(body, password));
        this.#event(conn, `Room "${record.name}" created.`);
      } else {
        const id = input.id;
        // The record as it is now, so the update changes only what the form changed and keeps the rest.
        const current = await this.#o.urgentFor(conn.id, (c) => c.endpointRecord(id));
        const changes = changedFields(fieldsFromRecord(current), fields);
        if (changes.length === 0 && password === undefined) return { room: { id: current.id, fields: fieldsFromRecord(current) }, issues: [] };
        const body = { ...updateBody(current, fields, changes), ...(password !== undefined ? { password } : {}) };
        record = await this.#o.urgentFor(conn.id, (c) => c.updateEndpoint(id, body, password));
        const what = [...changes.map((f) => f as string), ...(password !== undefined ? ['password'] : [])].join(', ');
        this.#event(conn, `Room "${record.name}" changed (${what}).`);
      }
      this.#remember(conn.id, record);
      this.#o.relist(conn.id);
      return { room: { id: record.id, fields: fieldsFromRecord(record) }, issues: [] };
    } catch (error) {
      if (error instanceof HttpError && error.code === 'rejected') {
        return { room: null, issues: [{ field: FIELD_OF_ERROR[error.serverCode ?? ''] ?? null, message: error.message }] };
      }
      throw error;
    } finally {
      if (password !== undefined) this.#o.registry.forget(password);
    }
  }

  /** What the delete question names: the room and whether it is in a call now. */
  async deleteCheck(connectionId: string, id: string): Promise<DeleteCheck> {
    const snap = await this.fleet(connectionId);
    const record = snap.byId.get(id) ?? (await this.#o.urgentFor(connectionId, (c) => c.endpointRecord(id)));
    const view = this.#o.roomView(connectionId, id);
    const inCall = view === null || view.call === 'unknown' ? null : view.call === 'in-call' || view.call === 'dialing';
    return { id, name: record.name, inCall, meetingTitle: inCall ? (view?.meeting?.title ?? null) : null };
  }

  async delete(connectionId: string, id: string): Promise<null> {
    const conn = this.#provisioner(connectionId);
    const name = this.#fleets.get(conn.id)?.byId.get(id)?.name ?? id;
    await this.#o.urgentFor(conn.id, (c) => c.deleteEndpoint(id));
    const snap = this.#fleets.get(conn.id);
    const known = snap?.byId.get(id);
    if (snap && known) {
      unindex(snap, known);
      snap.records = snap.records.filter((r) => r.id !== id);
    }
    this.#event(conn, `Room "${name}" deleted.`);
    this.#o.relist(conn.id);
    return null;
  }

  /** The connection, if it may provision; refused with the reason otherwise. */
  #provisioner(connectionId: string): ConnectionView {
    const conn = this.#o.connections().find((c) => c.id === connectionId);
    if (!conn) throw new AppError('not_found', 'There is no such connection (it may have been removed).');
    if (!conn.capabilities.canProvision || conn.capabilities.zeroTouch) throw new AppError('forbidden', readOnlyReason(conn));
    if (conn.state !== 'connected') throw new AppError('unavailable', conn.reason ?? `"${conn.name}" is not connected.`);
    return conn;
  }

  #remember(connectionId: string, record: RelayEndpointRecord): void {
    const snap = this.#fleets.get(connectionId);
    if (!snap) return;
    const old = snap.byId.get(record.id);
    if (old) {
      unindex(snap, old);
      snap.records = snap.records.map((r) => (r.id === record.id ? record : r));
    } else snap.records = [...snap.records, record];
    index(snap, record);
  }

  #event(conn: ConnectionView, message: string): void {
    this.#o.appendEvent({ roomKey: null, roomName: null, connectionName: conn.name, kind: 'action', cause: 'user', message });
    this.#log.info('provisioning', { connection: conn.id, message });
  }
}

export function readOnlyReason(conn: ConnectionView): string {
  if (conn.capabilities.zeroTouch) return `"${conn.name}" is a room pairing: it reaches one room and cannot provision.`;
  const roles = conn.roles.length > 0 ? ` (its role: ${conn.roles.join(', ')})` : '';
  return `"${conn.name}" has read-only access${roles}: it can watch and control rooms but not add, change or delete them. Use a connection with read-write access (ROLE_READWRITE) to provision rooms.`;
}
