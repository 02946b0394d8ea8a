// Rooms: what the dashboard sees of every room (an Endpoint of a connection), how its changes arrive,
// and the actions it can take. main owns the truth (the poller); the renderer holds a copy fed by diffs.
import { z } from 'zod';
import type { AppErrorBody } from './errors.ts';
import type { RoomCause } from './fleet.ts';

/** The call state the dashboard shows; 'unknown' until the first poll answers. */
export type RoomCall = 'idle' | 'dialing' | 'in-call' | 'unknown';
/** Whether Relay can reach the room: offline = its Listener Service/device does not answer. */
export type RoomReachability = 'online' | 'offline' | 'error';
export type RoomAction = 'join' | 'mute' | 'unmute' | 'hangup';

export interface RoomView {
  /** Unique across connections: `${connectionId}/${endpointId}`. */
  key: string;
  connectionId: string;
  connectionName: string;
  endpointId: string;
  name: string;
  site: string | null;
  floor: string | null;
  /** The video system / control protocol, in words (e.g. "Cisco TelePresence"). */
  system: string | null;
  call: RoomCall;
  reachability: RoomReachability;
  /** null while unknown (not in a call, or detail not polled yet). */
  muted: boolean | null;
  meeting: { id: string; title: string | null } | null;
  /** When the room entered its current call state, as far as we observed (ms since the epoch). */
  since: number | null;
  /** When the call state was last confirmed by the server (bulk or per-room poll). */
  confirmedAt: number | null;
  /** When the detail (mute, meeting) was last confirmed by a per-room status call. */
  detailAt: number | null;
  /** The interval this room is polled at now (ms): it depends on the call state. */
  intervalMs: number;
  /** Older than two intervals: shown as stale, never as fresh. */
  stale: boolean;
  /** The last poll or action error for this room, in words. */
  error: AppErrorBody | null;
  pinned: boolean;
  /** An action in flight, until its result and the confirming poll arrive. */
  pending: RoomAction | null;
  /** What the connection's role allows here; `reason` says why not, in words. */
  allowed: { control: boolean; reason: string | null };
  /** Why the room is offline when one cause takes several rooms down (its Listener Service); absent or null otherwise. */
  cause?: RoomCause | null;
}

export interface RoomsSnapshot {
  /** Diffs with seq ≤ this are already included. */
  seq: number;
  rooms: RoomView[];
}

/** Event 'rooms.diff': only what changed since the previous diff, coalesced (a few per second at most). */
export interface RoomsDiff {
  seq: number;
  upserted: RoomView[];
  removed: string[];
}

export interface RoomMeeting {
  id: string;
  title: string | null;
  start: number | null;
  end: number | null;
  /** Whether the calendar says a passcode is needed; the pre-join check is the authority. */
  passcodeRequired: boolean | null;
}

export interface RoomPairing {
  /** Who is paired with the room (Zero Touch), as the server names them. */
  name: string;
  since: number | null;
  lastSeen: number | null;
}

export interface RoomDetail {
  room: RoomView;
  meetings: RoomMeeting[];
  /** null when the connection may not ask (or the server has no pairing info). */
  paired: RoomPairing[] | null;
}

/** The pre-join check (reference §2.4): JOIN_NOW, or a passcode is needed / was wrong. */
export type JoinFlowAction = 'JOIN_NOW' | 'GET_PASSCODE' | 'GET_GOOD_PASSCODE';

export interface EventLogEntry {
  id: number;
  at: number;
  roomKey: string | null;
  roomName: string | null;
  connectionName: string | null;
  kind: 'state' | 'action' | 'error' | 'connection';
  /** Who or what caused it: the poller observed it, the user acted, or the app itself. */
  cause: 'poll' | 'user' | 'app';
  message: string;
}

// ---- inputs ----

const roomKey = z.string().min(3).max(200);
const meetingId = z.string().regex(/^\d{1,20}$/, 'A meeting ID is digits only');
const passcode = z.string().regex(/^\d{0,20}$/, 'A passcode is digits only');

export const roomKeyInput = z.object({ key: roomKey }).strict();
export const roomsFocusInput = z.object({ keys: z.array(roomKey).max(2000) }).strict();
export const roomPinInput = z.object({ key: roomKey, pinned: z.boolean() }).strict();
export const roomActInput = z.object({ key: roomKey, action: z.enum(['mute', 'unmute', 'hangup']) }).strict();
export const joinFlowInput = z.object({ key: roomKey, meetingId, passcode: passcode.optional() }).strict();
export const roomJoinInput = z
  .object({
    key: roomKey,
    meetingId,
    passcode: passcode.optional(),
    /** Use the passcode kept by this Meeting passcode connection instead of typing one. */
    passcodeConnectionId: z.string().min(1).max(100).optional(),
  })
  .strict();
export const eventLogQueryInput = z
  .object({
    text: z.string().max(200).optional(),
    kinds: z.array(z.enum(['state', 'action', 'error', 'connection'])).max(4).optional(),
    roomKey: roomKey.optional(),
    limit: z.number().int().min(1).max(10_000).optional(),
  })
  .strict()
  .optional();
export const pollerPauseInput = z.object({ paused: z.boolean() }).strict();

export type { AppErrorBody };

export interface PollerStatus {
  paused: boolean;
  hosts: {
    origin: string;
    /** The host's limit in requests a second (see ConnectionView.pollBudget); null = unlimited (on-premises). */
    budgetPerSec: number | null;
    /** Requests per second actually sent, averaged over the last few seconds. */
    usedPerSec: number;
    /** Set while the host asked us to back off (429 Retry-After), capped (RETRY_AFTER_CAP_SEC). */
    pausedUntil: number | null;
    /** The names of the connections on this host: what the poller bar says, never an address. */
    names: string[];
    /** While paused: the wait the server asked for (Retry-After, whole seconds), which may exceed the cap. */
    askedWaitSec: number | null;
    /** The server asked to slow down lately (429s since `since`); null once quiet again. */
    slowDown: { count: number; since: number } | null;
  }[];
}
