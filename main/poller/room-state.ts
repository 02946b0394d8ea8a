// A room as the poller keeps it, and the mapping from what Relay says (a per-room status, an item of the
// bulk status, an error) to what the dashboard shows. Pure functions: the poller decides when to call them.
import type { RoomCall, RoomReachability, RoomView } from '../../contract/index.ts';
import type { RelayBulkItem, RelayEndpoint, RelayRoomStatus } from '../relay/schemas.ts';
import type { PollTask } from './scheduler.ts';
import type { Placement } from './slots.ts';

export interface RoomInfo {
  name: string;
  site: string | null;
  floor: string | null;
  system: string | null;
  /** The Listener Service that controls the room (root cause of an outage), if the record names one. */
  listenerServiceId: string | null;
}

/** The live fields the dashboard is shown as they are (see RoomView in the contract for their meaning). */
type LiveFields = Pick<
  RoomView,
  'call' | 'reachability' | 'muted' | 'meeting' | 'since' | 'confirmedAt' | 'detailAt' | 'intervalMs' | 'stale' | 'error' | 'pinned' | 'pending'
>;

export interface RoomEntry extends PollTask, LiveFields {
  readonly key: string;
  readonly connectionId: string;
  readonly endpointId: string;
  info: RoomInfo;
  focused: boolean;
  /** Consecutive failed status calls. */
  failures: number;
  /** The interval its next status call was planned with (ms). */
  pollEvery: number;
  /** Where its status calls sit on the budget's slot grid (slots.ts), or null when they are not on it. */
  slot: Placement | null;
  addedAt: number;
  removed: boolean;
}

export interface NewRoom {
  connectionId: string;
  endpointId: string;
  host: string;
  info: RoomInfo;
  /** The interval the dashboard is told until the first answer (ms). */
  intervalMs: number;
  pollEvery: number;
  pinned: boolean;
  focused: boolean;
  cls: number;
  now: number;
  run: () => Promise<void>;
}

/** A room not yet heard from: call state unknown, due at once. */
export function newRoomEntry(r: NewRoom): RoomEntry {
  return {
    key: `${r.connectionId}/${r.endpointId}`,
    connectionId: r.connectionId,
    endpointId: r.endpointId,
    host: r.host,
    info: r.info,
    call: 'unknown',
    reachability: 'online',
    muted: null,
    meeting: null,
    since: null,
    confirmedAt: null,
    detailAt: null,
    intervalMs: r.intervalMs,
    stale: false,
    error: null,
    pinned: r.pinned,
    focused: r.focused,
    pending: null,
    failures: 0,
    pollEvery: r.pollEvery,
    slot: null,
    addedAt: r.now,
    removed: false,
    cls: r.cls,
    due: r.now,
    order: 0,
    heapIndex: -1,
    run: r.run,
  };
}

/** What one answer told us about a room; `undefined` fields were not in it. */
export interface Observation {
  call: RoomCall;
  reachability: RoomReachability;
  muted?: boolean | null;
  meeting?: { id: string; title: string | null } | null;
}

export interface Intervals {
  dialing: number;
  active: number;
  inactive: number;
}

/** The seeds' rates: dialing 2 s, active 5 s, inactive 20 s. */
export const seedIntervals: Intervals = { dialing: 2_000, active: 5_000, inactive: 20_000 };

export function intervalFor(call: RoomCall, intervals: Intervals): number {
  return call === 'dialing' ? intervals.dialing : call === 'in-call' ? intervals.active : intervals.inactive;
}

/** Relay's words (seed 003: dialing, active, inactive) or, failing that, its booleans. null: unreadable. */
export function callFrom(word: string | null | undefined, callActive: boolean | null | undefined, dialing?: boolean | null): RoomCall | null {
  switch (word) {
    case 'dialing':
    case 'connecting':
    case 'ringing':
      return 'dialing';
    case 'active':
    case 'connected':
    case 'incall':
    case 'in_call':
      return 'in-call';
    case 'inactive':
    case 'idle':
    case 'disconnected':
      return 'idle';
  }
  if (dialing === true) return 'dialing';
  if (callActive === true) return 'in-call';
  if (callActive === false) return 'idle';
  return null;
}

/** A per-room status answer; null when it says nothing we can read (that room's error, not a crash). */
export function observeStatus(status: RelayRoomStatus): Observation | null {
  const call = callFrom(status.callState, status.callActive, status.dialing);
  if (call === null) return null;
  const inCall = call !== 'idle';
  const meetingId = inCall && status.meetingId ? status.meetingId : null;
  return {
    call,
    reachability: 'online',
    muted: call === 'in-call' ? (status.microphoneMuted ?? null) : null,
    meeting: meetingId ? { id: meetingId, title: status.meetingTitle ?? null } : null,
  };
}

/**
 * A bulk item. A room whose timestamp lags the freshest one in the same answer (the server's "now") by
 * more than `offlineAgeMs` is offline (reference §2.3: the community map used 5 minutes).
 */
export function observeBulkItem(item: RelayBulkItem, serverNow: number, offlineAgeMs: number): Observation | null {
  if (typeof item.timestamp === 'number' && serverNow - item.timestamp > offlineAgeMs) {
    return { call: 'unknown', reachability: 'offline', muted: null, meeting: null };
  }
  const call = callFrom(item.callState, item.callActive);
  if (call === null) return null;
  return { call, reachability: 'online', ...(call === 'idle' ? { muted: null, meeting: null } : {}) };
}

export const offlineObservation: Observation = { call: 'unknown', reachability: 'offline', muted: null, meeting: null };

export interface Change {
  /** For the event log, in words. */
  message: string;
  kind: 'state' | 'error';
}

/**
 * Applies what was observed (`detail`: from the room's own status call); returns the changes worth an
 * event-log line (none for a room's first observation, which is not a change anybody caused).
 */
export function applyObservation(room: RoomEntry, obs: Observation, now: number, detail: boolean): Change[] {
  const changes: Change[] = [];
  const first = room.confirmedAt === null;
  if (obs.reachability !== room.reachability) {
    if (!first) {
      if (obs.reachability === 'offline') changes.push({ kind: 'state', message: 'Went offline: Relay cannot reach the room.' });
      else if (room.reachability === 'offline') changes.push({ kind: 'state', message: 'Back online.' });
    }
    room.reachability = obs.reachability;
  }
  if (obs.call !== room.call) {
    if (!first && obs.call !== 'unknown') changes.push({ kind: 'state', message: callMessage(obs.call, obs.meeting ?? room.meeting) });
    room.call = obs.call;
    room.since = now;
  }
  if (obs.meeting !== undefined && !sameMeeting(obs.meeting, room.meeting)) room.meeting = obs.meeting;
  if (obs.muted !== undefined && obs.muted !== room.muted) {
    if (!first && room.muted !== null && obs.muted !== null) changes.push({ kind: 'state', message: obs.muted ? 'Microphone muted.' : 'Microphone unmuted.' });
    room.muted = obs.muted;
  }
  room.confirmedAt = now;
  // Only a per-room answer clears a per-room error (the bulk call can work while a room's status fails).
  if (detail) {
    room.detailAt = now;
    if (room.error) {
      changes.push({ kind: 'state', message: 'The room answers again.' });
      room.error = null;
    }
    room.failures = 0;
  }
  return changes;
}

function callMessage(call: RoomCall, meeting: { id: string; title: string | null } | null): string {
  const what = meeting ? (meeting.title ? `"${meeting.title}" (${meeting.id})` : `meeting ${meeting.id}`) : null;
  if (call === 'dialing') return what ? `Dialing ${what}.` : 'Dialing.';
  if (call === 'in-call') return what ? `In a call: ${what}.` : 'In a call.';
  return 'Idle: not in a call.';
}

function sameMeeting(a: { id: string; title: string | null } | null, b: { id: string; title: string | null } | null): boolean {
  return a === b || (a !== null && b !== null && a.id === b.id && a.title === b.title);
}

// ---- what a room is, from its Endpoint ----

const PROTOCOL_WORDS: [RegExp, string][] = [
  [/^TANDBERG/i, 'Cisco TelePresence (Tandberg)'],
  [/^CISCO/i, 'Cisco'],
  [/^POLYCOM/i, 'Polycom'],
  [/^LIFESIZE/i, 'Lifesize'],
  [/^STARLEAF/i, 'StarLeaf'],
  [/^TELY/i, 'Tely'],
  [/MESH/i, 'Relay Mesh'],
];

function textOf(value: unknown): string | null {
  if (typeof value === 'string' && value.trim() !== '') return value.trim().slice(0, 200);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

export function infoFromEndpoint(e: Pick<RelayEndpoint, 'name' | 'location' | 'controlProtocol' | 'customData'> & { listenerServiceId?: string | null }): RoomInfo {
  const custom = e.customData ?? {};
  const protocol = e.controlProtocol ?? null;
  const words = protocol ? (PROTOCOL_WORDS.find(([re]) => re.test(protocol))?.[1] ?? protocol) : null;
  return {
    name: textOf(e.name) ?? 'Unnamed room',
    site: textOf(custom['siteName']) ?? textOf(custom['site']) ?? textOf(e.location),
    floor: textOf(custom['floor']),
    system: textOf(custom['model']) ?? words,
    listenerServiceId: textOf(e.listenerServiceId),
  };
}

export function sameInfo(a: RoomInfo, b: RoomInfo): boolean {
  return a.name === b.name && a.site === b.site && a.floor === b.floor && a.system === b.system && a.listenerServiceId === b.listenerServiceId;
}
