// Everything the handlers share: clock, rooms, meetings, credentials, paired status.
import type { SimClock } from '../clock.ts';
import { createTokenStore, type TokenLifetimes, type TokenStore } from '../tokens.ts';
import { createMeetings, isReserved, type Meeting, type MeetingCatalog } from './meetings.ts';
import { createPairedStore, type PairedStore } from './paired.ts';
import { createRooms, type Room, type RoomCatalog } from './rooms.ts';
import { advance, type CallState, type RoomState, type RoomTiming } from './state-machine.ts';

export interface World {
  readonly seed: number;
  readonly clock: SimClock;
  readonly timing: RoomTiming;
  readonly meetings: MeetingCatalog;
  readonly rooms: RoomCatalog;
  readonly tokens: TokenStore;
  readonly paired: PairedStore;
  /** The room's state, brought up to `now`. */
  stateOf(room: Room, now: number): RoomState;
  reserved(room: Room, now: number): boolean;
  meetingOf(state: RoomState): Meeting | undefined;
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
  return {
    seed,
    clock,
    timing,
    meetings,
    rooms,
    tokens: createTokenStore(clock, options.lifetimes),
    paired: createPairedStore(options.lifetimes.pairedStatus * 1000),
    stateOf(room, now) {
      advance(room.state, now, timing, pool.length);
      return room.state;
    },
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
  offline: boolean;
  meetingId: string | null;
  meetingTitle: string | null;
  reserved: boolean;
  held: boolean;
  /** When the current phase began (for an offline room: when it went offline), ms. */
  since: number;
}

export function snapshotOf(world: World, room: Room, now: number): RoomSnapshot {
  const s = world.stateOf(room, now);
  const meeting = world.meetingOf(s);
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
    offline: s.offline,
    meetingId: meeting?.numericId ?? s.unknownMeetingId,
    meetingTitle: meeting?.title ?? null,
    reserved: world.reserved(room, now),
    held: s.held,
    since: s.since,
  };
}
