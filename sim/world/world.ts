// Everything the handlers share: clock, rooms, meetings, credentials, paired status.
import type { SimClock } from '../clock.ts';
import { createTokenStore, type TokenLifetimes, type TokenStore } from '../tokens.ts';
import { createFailureLog, type FailureLog } from './failures.ts';
import { createHealth, type Health } from './health.ts';
import { createListenerServices, type ListenerServiceCatalog } from './listener-services.ts';
import { createMeetings, isReserved, type Meeting, type MeetingCatalog } from './meetings.ts';
import { createPairedStore, type PairedStore } from './paired.ts';
import { createRooms, type Room, type RoomCatalog } from './rooms.ts';
import { sites } from './sites.ts';
import { advance, type CallState, type RoomState, type RoomTiming } from './state-machine.ts';

export interface World {
  readonly seed: number;
  readonly clock: SimClock;
  readonly timing: RoomTiming;
  readonly meetings: MeetingCatalog;
  readonly rooms: RoomCatalog;
  readonly tokens: TokenStore;
  readonly paired: PairedStore;
  readonly listenerServices: ListenerServiceCatalog;
  readonly failures: FailureLog;
  readonly health: Health;
  /**
   * Why Relay cannot reach the room now: its Listener Service is offline ('listener'), or the room's own
   * device does not answer ('device'); null when it is reachable.
   */
  unreachable(room: Room, now: number): Unreachable | null;
  /** The room's state, brought up to `now`. */
  stateOf(room: Room, now: number): RoomState;
  reserved(room: Room, now: number): boolean;
  meetingOf(state: RoomState): Meeting | undefined;
}

export interface Unreachable {
  why: 'listener' | 'device';
  /** Since when (ms): a client sees the room's status age from then. */
  since: number;
}

export interface WorldOptions {
  rooms: number;
  seed: number;
  clock: SimClock;
  timing: RoomTiming;
  lifetimes: TokenLifetimes;
}

export function createWorld(options: WorldOptions): World {
  const { seed, clock, timing } = options;
  const meetings = createMeetings(seed);
  const pool = meetings.all;
  const rooms = createRooms(options.rooms, seed, clock.now(), timing, pool.length);
  const listenerServices = createListenerServices(seed, sites, clock.now());
  const stateOf = (room: Room, now: number): RoomState => {
    advance(room.state, now, timing, pool.length);
    return room.state;
  };
  return {
    seed,
    clock,
    timing,
    meetings,
    rooms,
    tokens: createTokenStore(clock, options.lifetimes),
    paired: createPairedStore(options.lifetimes.pairedStatus * 1000),
    listenerServices,
    failures: createFailureLog(seed),
    health: createHealth(),
    unreachable(room, now) {
      const ls = listenerServices.byId(room.listenerServiceId);
      if (ls && !ls.online) return { why: 'listener', since: ls.since };
      const s = stateOf(room, now);
      return s.offline ? { why: 'device', since: s.since } : null;
    },
    stateOf,
    reserved: (room, now) => isReserved(seed, room.index, now, pool),
    meetingOf: (state) => (state.meeting >= 0 ? pool[state.meeting] : undefined),
  };
}

/** What the control API shows of a room. */
export interface RoomSnapshot {
  id: string;
  name: string;
  site: string;
  floor: number;
  model: string;
  controlProtocol: string;
  listenerServiceId: string;
  pairingCode: string;
  pairingCodeId: string;
  callState: CallState;
  muted: boolean;
  /** Unreachable: the room's device is offline, or its Listener Service is (see `unreachable`). */
  offline: boolean;
  /** Why it is offline, when it is. */
  offlineCause: 'listener' | 'device' | null;
  meetingId: string | null;
  meetingTitle: string | null;
  reserved: boolean;
  held: boolean;
  /** A device password was provisioned (it is never returned by the API). */
  passwordSet: boolean;
  /** When the current phase began (for an offline room: when it went offline), ms. */
  since: number;
}

export function snapshotOf(world: World, room: Room, now: number): RoomSnapshot {
  const s = world.stateOf(room, now);
  const meeting = world.meetingOf(s);
  const cause = world.unreachable(room, now);
  return {
    id: room.id,
    name: room.name,
    site: room.site.code,
    floor: room.floor,
    model: room.system.model,
    controlProtocol: room.system.controlProtocol,
    listenerServiceId: room.listenerServiceId,
    pairingCode: room.pairingCode,
    pairingCodeId: room.pairingCodeId,
    callState: s.callState,
    muted: s.muted,
    offline: cause !== null,
    offlineCause: cause?.why ?? null,
    meetingId: meeting?.numericId ?? s.unknownMeetingId,
    meetingTitle: meeting?.title ?? null,
    reserved: world.reserved(room, now),
    held: s.held,
    passwordSet: room.password !== null && room.password !== '',
    since: cause?.since ?? s.since,
  };
}
