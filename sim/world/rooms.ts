// The rooms (Relay "Endpoints"): identity and provisioning drawn from the seed, plus each room's live
// state. The Endpoint entity (reference §2.3) is built on first use and kept, since provisioning changes
// only through PUT.
import { enterprise } from './accounts.ts';
import { listenerServiceId } from './listener-services.ts';
import { roomWords, sites, videoSystems, type Site, type VideoSystem } from './sites.ts';
import { initialState, type InitialRole, type RoomState, type RoomTiming } from './state-machine.ts';
import { createRng, hashInts, hexId, nextFloat, nextInt, pick, shuffled, type Rng } from '../random.ts';

export interface Endpoint {
  id: string;
  name: string;
  ipAddress: string;
  port: number;
  listenerServiceId: string;
  controlProtocol: string;
  signalingProtocol: string | null;
  dialStyle: string | null;
  addressStyle: string | null;
  username: string | null;
  password: null;
  calendarId: string | null;
  calendarType: string | null;
  calendarPushMode: string | null;
  autoJoinMode: string | null;
  inMeetingControls: string | null;
  manualMeetingDialer: string | null;
  validatePasscodes: string | null;
  meetingPrivacyMode: string | null;
  registerToSipProxy: string | null;
  zeroTouchType: string | null;
  meshBaseUri: string | null;
  location: string | null;
  geolocation: { latitude: number; longitude: number } | null;
  elevation: number | null;
  pointOfContact: string | null;
  assetId: string | null;
  externalId: string | null;
  announcementId: string | null;
  contactListId: string | null;
  customData: Record<string, unknown>;
}

export interface Room {
  /** Position in creation order; seeds the room's PRNG and calendar. */
  index: number;
  id: string;
  name: string;
  site: Site;
  floor: number;
  system: VideoSystem;
  listenerServiceId: string;
  /** The room's calendar id, '' when it has none. */
  calendarId: string;
  seatingCapacity: number;
  pairingCode: string;
  pairingCodeId: string;
  state: RoomState;
  /** Built lazily by endpointOf(). */
  endpoint: Endpoint | null;
  /** The device password: accepted on create and update, never returned (reference §2.3). */
  password: string | null;
}

export interface RoomCatalog {
  readonly list: Room[];
  byId(id: string): Room | undefined;
  byPairingCode(code: string): Room | undefined;
  byPairingCodeId(id: string): Room | undefined;
  /** Adds a provisioned room (POST /api/endpoints); it starts idle. */
  add(fields: Partial<Endpoint>, now: number, password?: string | null): Room;
  remove(id: string): boolean;
  /** The room that has this name (names compare without case and surrounding spaces). */
  byName(name: string): Room | undefined;
  /** The room that uses this calendar id (compared without case). */
  byCalendarId(calendarId: string): Room | undefined;
  /** Records a provisioning change (PUT): indexes and the cached list follow. */
  update(room: Room, endpoint: Endpoint): void;
  /** Bumped on every provisioning change, so cached list bodies know when to rebuild. */
  version(): number;
  touch(): void;
}

export const nameKey = (name: string): string => name.trim().toLowerCase();

const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ'; // no I or O: a code is read off a screen

function initialRoles(seed: number, n: number): InitialRole[] {
  // The exact demo mix: a third in calls, a few dialing, about one in 25 offline (at least one if n ≥ 4).
  const offline = n >= 4 ? Math.max(1, Math.round(n * 0.04)) : 0;
  const dialing = n >= 3 ? Math.max(1, Math.round(n * 0.08)) : 0;
  const active = Math.round(n / 3);
  const order = shuffled(createRng(seed, 0x726f6c65), Array.from({ length: n }, (_, i) => i));
  const roles: InitialRole[] = new Array<InitialRole>(n).fill('inactive');
  order.forEach((roomIndex, k) => {
    roles[roomIndex] = k < offline ? 'offline' : k < offline + dialing ? 'dialing' : k < offline + dialing + active ? 'active' : 'inactive';
  });
  return roles;
}

export function createRooms(count: number, seed: number, t0: number, timing: RoomTiming, poolSize: number): RoomCatalog {
  const list: Room[] = [];
  const byId = new Map<string, Room>();
  const byCode = new Map<string, Room>();
  const byCodeId = new Map<string, Room>();
  const names = new Map<string, number>();
  const byName = new Map<string, Room>();
  const byCalendar = new Map<string, Room>();
  // On the Room's own copies of name and calendar id, so the seeded rooms' Endpoints stay lazy.
  const index = (room: Room): void => {
    byName.set(nameKey(room.name), room);
    if (room.calendarId) byCalendar.set(room.calendarId.toLowerCase(), room);
  };
  const unindex = (room: Room): void => {
    if (byName.get(nameKey(room.name)) === room) byName.delete(nameKey(room.name));
    if (room.calendarId && byCalendar.get(room.calendarId.toLowerCase()) === room) byCalendar.delete(room.calendarId.toLowerCase());
  };
  let nextIndex = 0;
  let version = 0;

  const uniqueName = (base: string): string => {
    const seen = names.get(base) ?? 0;
    names.set(base, seen + 1);
    return seen === 0 ? base : `${base} ${seen + 1}`;
  };
  const uniqueCode = (rng: Rng): string => {
    for (;;) {
      let code = '';
      for (let i = 0; i < 5; i++) code += LETTERS[Math.floor(nextFloat(rng) * LETTERS.length)];
      if (!byCode.has(code)) return code;
    }
  };

  const build = (role: InitialRole, fields: Partial<Endpoint>, now: number, password: string | null): Room => {
    const index = nextIndex++;
    const rng = createRng(seed, 0x70726f76, index);
    const drawn = pick(rng, sites);
    // A provisioned room sits at the site of its Listener Service.
    const site = sites.find((s) => fields.listenerServiceId !== undefined && listenerServiceId(seed, s) === fields.listenerServiceId) ?? drawn;
    const floor = nextInt(rng, 1, site.floors);
    const system = pick(rng, videoSystems);
    let id = hexId(rng);
    while (byId.has(id)) id = hexId(rng);
    const word = pick(rng, roomWords);
    const name = fields.name ?? uniqueName(`${site.code}-${floor} ${word}`);
    const room: Room = {
      password,
      index,
      id,
      name,
      site,
      floor,
      system,
      listenerServiceId: fields.listenerServiceId ?? listenerServiceId(seed, site),
      calendarId: `${site.code.toLowerCase()}-${floor}-${word.toLowerCase()}-${index}@resource.calendar.google.com`,
      seatingCapacity: pick(rng, [4, 6, 8, 10, 12, 16, 20, 40]),
      pairingCode: uniqueCode(rng),
      pairingCodeId: hexId(rng),
      state: initialState(seed, index, role, now, timing, poolSize),
      endpoint: null,
    };
    if (Object.keys(fields).length > 0) {
      room.endpoint = { ...provisionedDefaults(room), ...fields, id, password: null };
      room.calendarId = room.endpoint.calendarId ?? '';
    }
    list.push(room);
    byId.set(id, room);
    byCode.set(room.pairingCode, room);
    byCodeId.set(room.pairingCodeId, room);
    return room;
  };

  initialRoles(seed, count).forEach((role) => build(role, {}, t0, null));
  for (const room of list) index(room);

  return {
    list,
    byId: (id) => byId.get(id),
    byPairingCode: (code) => byCode.get(code.toUpperCase()),
    byPairingCodeId: (id) => byCodeId.get(id),
    add(fields, now, password = null) {
      version++;
      const room = build('inactive', fields, now, password);
      index(room);
      return room;
    },
    remove(id) {
      const room = byId.get(id);
      if (!room) return false;
      unindex(room);
      byId.delete(id);
      byCode.delete(room.pairingCode);
      byCodeId.delete(room.pairingCodeId);
      list.splice(list.indexOf(room), 1);
      version++;
      return true;
    },
    byName: (name) => byName.get(nameKey(name)),
    byCalendarId: (calendarId) => byCalendar.get(calendarId.toLowerCase()),
    update(room, endpoint) {
      unindex(room);
      room.endpoint = endpoint;
      room.name = endpoint.name;
      room.listenerServiceId = endpoint.listenerServiceId;
      room.calendarId = endpoint.calendarId ?? '';
      index(room);
      version++;
    },
    version: () => version,
    touch: () => void version++,
  };
}

/** The room's Endpoint entity; `password` is always null on read (reference §2.3). */
export function endpointOf(room: Room): Endpoint {
  if (room.endpoint) return room.endpoint;
  const h = hashInts(room.index, 0x6970);
  const { site, system } = room;
  room.endpoint = {
    id: room.id,
    name: room.name,
    ipAddress: `10.${site.ordinal + 10}.${room.floor}.${(h % 250) + 4}`,
    port: system.port,
    listenerServiceId: room.listenerServiceId,
    controlProtocol: system.controlProtocol,
    signalingProtocol: system.signalingProtocol,
    dialStyle: 'ANNEX_O',
    addressStyle: 'HOSTNAME',
    username: 'admin',
    password: null,
    calendarId: room.calendarId,
    calendarType: 'GOOGLE',
    calendarPushMode: 'ENABLED',
    autoJoinMode: h & 1 ? 'ENABLED' : null,
    inMeetingControls: 'ENABLED',
    manualMeetingDialer: 'ENABLED',
    validatePasscodes: 'ENABLED',
    meetingPrivacyMode: 'REDACTED',
    registerToSipProxy: 'AUTO',
    zeroTouchType: 'STATIC',
    meshBaseUri: system.mesh ? `https://mesh-${site.code.toLowerCase()}.${enterprise.name}.example:6374/` : null,
    location: `${site.address}, floor ${room.floor}`,
    geolocation: { latitude: site.latitude, longitude: site.longitude },
    elevation: site.elevation + room.floor * 4,
    pointOfContact: `facilities-${site.code.toLowerCase()}@${enterprise.name}.example`,
    assetId: `AV-${site.code}-${String(room.index + 1).padStart(5, '0')}`,
    externalId: null,
    announcementId: null,
    contactListId: null,
    // Sites and floors are ours, not Relay fields: customData is the free-form place for them.
    customData: { site: site.code, siteName: site.name, floor: room.floor, model: system.model, seatingCapacity: room.seatingCapacity },
  };
  return room.endpoint;
}

/**
 * What a room created through POST /api/endpoints has where the request said nothing (our choice): the
 * defaults the Endpoint page names (ANNEX_O, HOSTNAME, auto-join off) and nothing invented for the rest.
 */
function provisionedDefaults(room: Room): Endpoint {
  return {
    id: room.id,
    name: room.name,
    ipAddress: '',
    port: 443,
    listenerServiceId: room.listenerServiceId,
    controlProtocol: room.system.controlProtocol,
    signalingProtocol: 'SIP',
    dialStyle: 'ANNEX_O',
    addressStyle: 'HOSTNAME',
    username: null,
    password: null,
    calendarId: null,
    calendarType: null,
    calendarPushMode: null,
    autoJoinMode: null,
    inMeetingControls: 'ENABLED',
    manualMeetingDialer: 'ENABLED',
    validatePasscodes: 'ENABLED',
    meetingPrivacyMode: 'REDACTED',
    registerToSipProxy: 'AUTO',
    zeroTouchType: 'STATIC',
    meshBaseUri: null,
    location: null,
    geolocation: null,
    elevation: null,
    pointOfContact: null,
    assetId: null,
    externalId: null,
    announcementId: null,
    contactListId: null,
    customData: {},
  };
}
