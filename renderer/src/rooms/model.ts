// What a room *is* on screen: its state word, the counts at the top, and the words for each state.
// Pure functions of RoomView, shared by the board, the detail panel and the tests.
import type { RoomAction, RoomView } from '../../../contract/index.ts';

/** The state shown for a room. `stale` is not one of them: it overlays whichever state is shown. */
export type RoomState = 'in-call' | 'dialing' | 'idle' | 'offline' | 'error' | 'unknown';

export const roomStates: readonly RoomState[] = ['in-call', 'dialing', 'idle', 'offline', 'error', 'unknown'];

export function roomState(room: RoomView): RoomState {
  if (room.reachability === 'offline') return 'offline';
  if (room.reachability === 'error') return 'error';
  return room.call;
}

export const stateLabel: Record<RoomState, string> = {
  'in-call': 'in call',
  dialing: 'dialing',
  idle: 'idle',
  offline: 'offline',
  error: 'error',
  unknown: 'unknown',
};

/** A status token the board filters by: a state, or one of the flags a room may carry. */
export type StatusToken = RoomState | 'muted' | 'stale' | 'pinned';
export const statusTokens: readonly StatusToken[] = [...roomStates, 'muted', 'stale', 'pinned'];

export function hasStatus(room: RoomView, token: StatusToken): boolean {
  switch (token) {
    case 'muted':
      return room.muted === true && room.call === 'in-call';
    case 'stale':
      return room.stale;
    case 'pinned':
      return room.pinned;
    default:
      return roomState(room) === token;
  }
}

export type RoomCounts = { total: number } & Record<StatusToken, number>;

export function emptyCounts(): RoomCounts {
  return { total: 0, 'in-call': 0, dialing: 0, idle: 0, offline: 0, error: 0, unknown: 0, muted: 0, stale: 0, pinned: 0 };
}

/** Adds (sign 1) or removes (sign -1) one room's contribution to the counts, in place. */
export function countRoom(counts: RoomCounts, room: RoomView, sign: 1 | -1): void {
  counts.total += sign;
  counts[roomState(room)] += sign;
  if (hasStatus(room, 'muted')) counts.muted += sign;
  if (room.stale) counts.stale += sign;
  if (room.pinned) counts.pinned += sign;
}

export const actionLabel: Record<RoomAction, { doing: string; done: string; verb: string }> = {
  join: { verb: 'Join', doing: 'Joining', done: 'Joined' },
  mute: { verb: 'Mute', doing: 'Muting', done: 'Muted' },
  unmute: { verb: 'Unmute', doing: 'Unmuting', done: 'Unmuted' },
  hangup: { verb: 'Hang up', doing: 'Hanging up', done: 'Hung up' },
};

/** Why an action cannot be taken on this room now, in words; null when it can. */
export function whyNot(room: RoomView, action: RoomAction): string | null {
  if (!room.allowed.control) return room.allowed.reason ?? "This connection's role does not allow controlling rooms.";
  if (room.pending) return `Waiting for the room to confirm: ${actionLabel[room.pending].doing.toLowerCase()}.`;
  const state = roomState(room);
  if (state === 'offline') return 'The room is offline.';
  switch (action) {
    case 'join':
      if (state === 'in-call') return 'The room is already in a call: hang up first.';
      if (state === 'dialing') return 'The room is already dialing.';
      return null;
    case 'mute':
      if (state !== 'in-call') return 'The room is not in a call.';
      if (room.muted === true) return 'The microphone is already muted.';
      return null;
    case 'unmute':
      if (state !== 'in-call') return 'The room is not in a call.';
      if (room.muted === false) return 'The microphone is already live.';
      return null;
    case 'hangup':
      if (state !== 'in-call' && state !== 'dialing') return 'The room is not in a call.';
      return null;
  }
}

/** The microphone in words: muted, live, or unknown (null when not in a call). */
export function micLabel(room: RoomView): 'muted' | 'live' | 'unknown' | null {
  if (room.call !== 'in-call' || roomState(room) !== 'in-call') return null;
  if (room.muted === null) return 'unknown';
  return room.muted ? 'muted' : 'live';
}

export function siteLabel(room: RoomView): string {
  return room.site ?? 'No site';
}

export function placeLabel(room: RoomView): string {
  if (room.site && room.floor) return `${room.site} · ${floorWords(room.floor)}`;
  if (room.site) return room.site;
  if (room.floor) return floorWords(room.floor);
  return '—';
}

/** A numbered floor is "floor 3"; a named one ("Mezzanine") stays as the server names it. */
export function floorWords(floor: string): string {
  return /^-?\d+$/.test(floor) ? `floor ${floor}` : floor;
}
