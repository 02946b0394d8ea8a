// The rooms feature: the poller (the registry of every connection's rooms), the event log and the diff
// batcher, and what a person does with a room: detail, the join flow, mute, unmute, hang up. Actions go
// through the host's budget first in line, are never retried, show as `pending` until the confirming
// poll answers, and are refused with the reason when the connection's role does not allow them.
import type {
  ConnectionView,
  EventLogEntry,
  EventName,
  EventPayloads,
  JoinFlowAction,
  PollerStatus,
  RoomAction,
  RoomDetail,
  RoomListStatus,
  RoomMeeting,
  RoomPairing,
  RoomsSnapshot,
  RoomView,
} from '../../contract/index.ts';
import { AppError } from '../ipc/app-error.ts';
import type { Clock, Logger, SettingsStore } from '../ports.ts';
import { silentLogger } from '../ports.ts';
import { DiffBatcher } from '../poller/diff-batcher.ts';
import { Poller, type PollConnection, type PollerOptions } from '../poller/poller.ts';
import type { RelayHttp, RelayControlAction } from '../relay/client.ts';
import type { RelayMeetingItem, RelayPairedItem } from '../relay/schemas.ts';
import { ListenerNames } from '../infrastructure/listener-names.ts';
import { RootCauses } from '../infrastructure/root-cause.ts';
import { eventLogCsv } from './csv.ts';
import { EventLog, type EventLogQuery } from './event-log.ts';

type RoomsEvent = Extract<EventName, 'rooms.diff' | 'events.appended' | 'poller.status'>;
export type RoomsEmit = <E extends RoomsEvent>(event: E, payload: EventPayloads[E]) => void;

/** What a Meeting passcode connection holds for a join (kept in memory by the connection manager). */
export type MeetingPasscodeLookup = (connectionId: string) => { numericId: string; passcode: string } | null;

export interface RoomsOptions {
  clock: Clock;
  http: RelayHttp;
  emit: RoomsEmit;
  log?: Logger;
  settings?: SettingsStore;
  meetingPasscode?: MeetingPasscodeLookup;
  /** A connection's room list was read or could not be (the connection manager shows it on the connection). */
  onRoomList?: (connectionId: string, status: RoomListStatus) => void;
  /** Tuning of the poller (budgets, intervals, …). */
  poller?: Omit<PollerOptions, 'clock' | 'http' | 'sink' | 'log'>;
  /** Spacing of 'rooms.diff' (default 333 ms) and 'events.appended' (default 1 s): ≤ 4 IPC messages a second together. */
  diffFlushMs?: number;
  eventFlushMs?: number;
  eventCapacity?: number;
  /** The Listener Services' names for the root-cause line (filled by the infrastructure service). */
  listenerNames?: ListenerNames;
}

const PINS_KEY = 'rooms.pinned';

const ACTION_WORDS: Record<Exclude<RoomAction, 'join'>, { relay: RelayControlAction; doing: string; done: string }> = {
  mute: { relay: 'mutemicrophone', doing: 'Mute', done: 'Mute sent' },
  unmute: { relay: 'unmutemicrophone', doing: 'Unmute', done: 'Unmute sent' },
  hangup: { relay: 'hangup', doing: 'Hang up', done: 'Hang-up sent' },
};

export class RoomsService {
  readonly poller: Poller;
  readonly events: EventLog;
  readonly batcher: DiffBatcher;
  /** Rooms offline because their Listener Service is (see root-cause.ts). */
  readonly causes: RootCauses;
  readonly listenerNames: ListenerNames;
  readonly #o: RoomsOptions;
  readonly #log: Logger;

  constructor(options: RoomsOptions) {
    this.#o = options;
    this.#log = options.log ?? silentLogger;
    this.events = new EventLog(options.clock, options.eventCapacity ?? 5_000);
    this.batcher = new DiffBatcher({
      clock: options.clock,
      flushMs: options.diffFlushMs ?? 333,
      eventFlushMs: options.eventFlushMs ?? 1_000,
      render: (key) => this.view(key),
      emitDiff: (diff) => options.emit('rooms.diff', diff),
      emitEvents: (entries) => options.emit('events.appended', entries),
    });
    this.events.onAppend((entry) => this.batcher.event(entry));
    this.listenerNames = options.listenerNames ?? new ListenerNames();
    this.causes = new RootCauses({
      roomInfo: (key) => {
        const room = this.poller.room(key);
        return room ? { connectionId: room.connectionId, listenerServiceId: room.info.listenerServiceId, site: room.info.site } : null;
      },
      nameOf: (connectionId, id) => this.listenerNames.nameOf(connectionId, id),
      wantNames: (connectionId) => this.listenerNames.want(connectionId),
      enterpriseOf: (connectionId) => this.#connection(connectionId)?.enterprise ?? null,
      connectionNameOf: (connectionId) => this.#connection(connectionId)?.name ?? null,
      changed: (keys) => {
        for (const key of keys) this.batcher.dirty(key);
      },
      log: (entry) => this.events.append(entry),
      now: () => options.clock.now(),
    });
    this.listenerNames.onChange((connectionId) => this.causes.namesChanged(connectionId));
    this.poller = new Poller({
      ...options.poller,
      clock: options.clock,
      http: options.http,
      log: this.#log,
      sink: {
        dirty: (key) => {
          this.causes.track(key);
          this.batcher.dirty(key);
        },
        dirtyNow: (key) => {
          this.causes.track(key);
          this.batcher.dirtyNow(key);
        },
        removed: (key) => {
          this.causes.remove(key);
          this.batcher.removed(key);
        },
        answered: (key, outcome) => this.causes.answered(key, outcome),
        log: (entry) => this.events.append(entry),
        status: () => options.emit('poller.status', this.status()),
        roomList: (id, status) => options.onRoomList?.(id, status),
      },
    });
    for (const key of this.#savedPins()) this.poller.setPinned(key, true);
  }

  /** Follow the connection manager: call after every change of the connections. */
  sync(connections: readonly PollConnection[]): void {
    this.poller.sync(connections);
  }

  list(): RoomsSnapshot {
    const rooms: RoomView[] = [];
    for (const room of this.poller.rooms()) {
      const view = this.view(room.key);
      if (view) rooms.push(view);
    }
    return { seq: this.batcher.seq, rooms };
  }

  /** The room as the dashboard sees it: the poller's view, with the root cause when an outage has one. */
  view(key: string): RoomView | null {
    const view = this.poller.view(key);
    if (!view) return null;
    const cause = this.causes.causeOf(key);
    // Relay said the room's Listener Service is offline: so is the room, whatever its last poll said.
    return cause ? { ...view, reachability: 'offline', cause } : view;
  }

  focus(keys: readonly string[]): null {
    this.poller.setFocus(keys);
    return null;
  }

  pin(key: string, pinned: boolean): null {
    this.poller.setPinned(key, pinned);
    try {
      this.#o.settings?.set(PINS_KEY, this.poller.pinnedKeys());
    } catch (error) {
      this.#log.warn('pins not saved', { error: error instanceof Error ? error.message : String(error) });
    }
    return null;
  }

  async detail(key: string): Promise<RoomDetail> {
    const { room } = this.poller.access(key);
    const [meetings, paired] = await Promise.all([
      this.poller.urgent(key, (c) => c.meetings(room.endpointId)),
      this.poller.urgent(key, (c) => c.paired(room.endpointId)).catch((error: unknown) => {
        // The server may keep pairing to itself for this role; that is "unknown", not a failure of the detail.
        if (error instanceof AppError && (error.code === 'forbidden' || error.code === 'not_found' || error.code === 'rejected')) return null;
        throw error;
      }),
    ]);
    const view = this.view(key);
    if (!view) throw new AppError('not_found', 'The room is gone (its connection may have been removed).');
    return { room: view, meetings: meetings.map(toMeeting), paired: paired ? paired.map(toPairing) : null };
  }

  /** The pre-join check. A passcode it refuses is a refused join, logged as one (the dashboard stops there). */
  async joinFlow(key: string, meetingId: string, passcode: string | undefined): Promise<JoinFlowAction> {
    const what = `Join of meeting ${meetingId}`;
    let flow: JoinFlowAction;
    try {
      this.#controllable(key);
      flow = await this.poller.urgent(key, (c) => c.joinFlow(meetingId, passcode));
    } catch (error) {
      throw this.#logFailure(key, what, error);
    }
    if (flow === 'GET_GOOD_PASSCODE' || (flow === 'GET_PASSCODE' && passcode)) {
      this.#logFailure(key, what, new AppError('rejected', 'That passcode is not right for this meeting.'));
    }
    return flow;
  }

  async join(input: { key: string; meetingId: string; passcode?: string; passcodeConnectionId?: string }): Promise<null> {
    const what = `Join of meeting ${input.meetingId}`;
    let room: ReturnType<Poller['access']>['room'];
    let passcode: string | undefined;
    try {
      room = this.#controllable(input.key).room;
      passcode = input.passcode ?? this.#passcodeFrom(input.passcodeConnectionId, input.meetingId);
    } catch (error) {
      throw this.#logFailure(input.key, what, error);
    }
    this.#begin(input.key, 'join');
    try {
      const flow = await this.poller.urgent(input.key, (c) => c.joinFlow(input.meetingId, passcode));
      if (flow === 'GET_PASSCODE') {
        throw new AppError('rejected', 'This meeting needs a passcode. Type it, or choose a Meeting passcode connection for this meeting.');
      }
      if (flow === 'GET_GOOD_PASSCODE') throw new AppError('rejected', 'That passcode is not right for this meeting.');
      await this.poller.urgent(input.key, (c) => c.join(room.endpointId, input.meetingId, passcode));
    } catch (error) {
      throw this.#failed(input.key, what, error);
    }
    this.#done(input.key, `Join of meeting ${input.meetingId} sent; waiting for the room to dial.`);
    return null;
  }

  async act(key: string, action: Exclude<RoomAction, 'join'>): Promise<null> {
    const words = ACTION_WORDS[action];
    let room: ReturnType<Poller['access']>['room'];
    try {
      room = this.#controllable(key).room;
    } catch (error) {
      throw this.#logFailure(key, words.doing, error);
    }
    this.#begin(key, action);
    try {
      await this.poller.urgent(key, (c) => c.control(room.endpointId, words.relay));
    } catch (error) {
      throw this.#failed(key, words.doing, error);
    }
    this.#done(key, `${words.done}; confirming.`);
    return null;
  }

  /** "Check connection" (the connection manager records the outcome and logs it): what Relay answered, in words. */
  async checkConnection(connectionId: string): Promise<string> {
    const { ms, enterprise } = await this.poller.checkConnection(connectionId);
    return `Relay answered${enterprise ? ` for ${enterprise}` : ''} in ${ms} ms.`;
  }

  eventList(query: EventLogQuery = {}): EventLogEntry[] {
    return this.events.list({ limit: 1_000, ...query });
  }

  eventCsv(query: EventLogQuery = {}): string {
    return eventLogCsv(this.events.list(query));
  }

  status(): PollerStatus {
    return {
      paused: this.poller.paused,
      hosts: this.poller.hosts().map((h) => ({
        origin: h.origin,
        budgetPerSec: h.budgetPerSec,
        usedPerSec: h.usedPerSec,
        pausedUntil: h.pausedUntil,
        names: h.names,
        askedWaitSec: h.askedWaitSec,
        slowDown: h.slowDown,
      })),
    };
  }

  pause(paused: boolean): PollerStatus {
    this.poller.setPaused(paused);
    return this.status();
  }

  dispose(): void {
    this.poller.dispose();
    this.batcher.flush();
    this.batcher.dispose();
  }

  // ---- internals ----

  /** The room, if its connection is connected and its role lets it control rooms; otherwise refused in words. */
  #controllable(key: string): ReturnType<Poller['access']> {
    const access = this.poller.access(key);
    const view = this.poller.view(key);
    if (view && !view.allowed.control) throw new AppError('forbidden', view.allowed.reason ?? 'This connection may not control rooms.');
    if (access.room.pending) {
      throw new AppError('conflict', `"${access.room.info.name}" is still busy with the last action (${access.room.pending}). Wait for it to finish.`);
    }
    return access;
  }

  #passcodeFrom(connectionId: string | undefined, meetingId: string): string | undefined {
    if (connectionId === undefined) return undefined;
    const lookup = this.#o.meetingPasscode;
    const kept = lookup ? lookup(connectionId) : null;
    if (!kept) {
      throw new AppError('unavailable', 'That Meeting passcode connection has no passcode at hand. Reconnect it, or type the passcode.');
    }
    if (kept.numericId !== meetingId) {
      throw new AppError('rejected', `That Meeting passcode connection is for meeting ${kept.numericId}, not ${meetingId}.`);
    }
    return kept.passcode;
  }

  #begin(key: string, action: RoomAction): void {
    this.poller.setPending(key, action);
  }

  /** An action that was sent failed: no longer pending, and logged. */
  #failed(key: string, what: string, error: unknown): AppError {
    this.poller.setPending(key, null);
    return this.#logFailure(key, what, error);
  }

  /** An action refused or failed, before or after it was sent: one error line in the event log, with the reason. */
  #logFailure(key: string, what: string, error: unknown): AppError {
    const e = error instanceof AppError ? error : new AppError('internal', 'Something went wrong. The details are in the log.', { cause: error });
    if (!(error instanceof AppError)) this.#log.error('room action failed', { error: error instanceof Error ? error.message : String(error) });
    // A key that names no room (a stale page, a bad caller) is answered in words but is no room's event.
    if (this.poller.room(key)) this.events.append({ ...this.poller.eventFields(key), kind: 'error', cause: 'user', message: `${what} failed: ${e.message}` });
    return e;
  }

  #done(key: string, message: string): void {
    this.events.append({ ...this.poller.eventFields(key), kind: 'action', cause: 'user', message });
    this.poller.confirm(key);
  }

  #connection(connectionId: string): ConnectionView | null {
    try {
      return this.poller.connectionAccess(connectionId).view;
    } catch {
      return null;
    }
  }

  #savedPins(): string[] {
    const saved = this.#o.settings?.get(PINS_KEY);
    return Array.isArray(saved) ? saved.filter((k): k is string => typeof k === 'string' && k.length <= 200).slice(0, 10_000) : [];
  }
}

function toMeeting(m: RelayMeetingItem): RoomMeeting {
  return {
    id: m.meetingId ?? m.id ?? '',
    title: m.title ?? null,
    start: m.start ?? null,
    end: m.end ?? null,
    passcodeRequired: m.passcode === undefined || m.passcode === null ? null : m.passcode !== '',
  };
}

function toPairing(p: RelayPairedItem): RoomPairing {
  const name = [p.firstName, p.lastName].filter(Boolean).join(' ').trim() || p.username || p.clientName || 'Someone';
  return { name, since: p.creationDate ?? null, lastSeen: p.lastUpdated ?? null };
}
