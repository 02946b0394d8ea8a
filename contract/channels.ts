import { z } from 'zod';
import { defineChannel, returns, type ChannelDef } from './define.ts';
import { pingInput, type AppInfo, type AppLink, type PingResult } from './app.ts';
import {
  eventLogQueryInput,
  joinFlowInput,
  pollerPauseInput,
  roomActInput,
  roomJoinInput,
  roomKeyInput,
  roomPinInput,
  roomsFocusInput,
  type EventLogEntry,
  type JoinFlowAction,
  type PollerStatus,
  type RoomDetail,
  type RoomsDiff,
  type RoomsSnapshot,
} from './rooms.ts';
import { connectionChannels, connectionEventNames, type ConnectionEventPayloads } from './connections.ts';
import { desktopChannels, desktopEventNames, type DesktopEventPayloads } from './desktop.ts';
import { updateChannels, updateEventNames, type UpdateEventPayloads } from './updates.ts';
import { fleetChannels, fleetEventNames, type FleetEventPayloads } from './fleet.ts';

/**
 * The single truth for the IPC. The key is the method name on `window.relay`; `channel` is the wire name.
 * main binds exactly these, preload exposes exactly these, the renderer sees their types.
 */
export const channels = {
  appInfo: defineChannel('app.info', z.undefined(), returns<AppInfo>()),
  ping: defineChannel('app.ping', pingInput, returns<PingResult>()),
  ...connectionChannels,
  roomsList: defineChannel('rooms.list', z.undefined(), returns<RoomsSnapshot>()),
  /** The rooms on screen now: they get their detail polled first. */
  roomsFocus: defineChannel('rooms.focus', roomsFocusInput, returns<null>()),
  roomPin: defineChannel('rooms.pin', roomPinInput, returns<null>()),
  roomDetail: defineChannel('rooms.detail', roomKeyInput, returns<RoomDetail>()),
  roomJoinFlow: defineChannel('rooms.joinflow', joinFlowInput, returns<JoinFlowAction>()),
  roomJoin: defineChannel('rooms.join', roomJoinInput, returns<null>()),
  /** Mute, unmute or hang up. Never retried automatically; the room is polled at once to confirm. */
  roomAct: defineChannel('rooms.act', roomActInput, returns<null>()),
  eventLogList: defineChannel('events.list', eventLogQueryInput, returns<EventLogEntry[]>()),
  eventLogCsv: defineChannel('events.csv', eventLogQueryInput, returns<string>()),
  pollerStatus: defineChannel('poller.status', z.undefined(), returns<PollerStatus>()),
  pollerPause: defineChannel('poller.pause', pollerPauseInput, returns<PollerStatus>()),
  ...desktopChannels,
  ...updateChannels,
  ...fleetChannels,
} as const satisfies Record<string, ChannelDef>;

export type Channels = typeof channels;
export type MethodName = keyof Channels;

/** Events main pushes to the renderer: name → payload. */
export interface EventPayloads extends ConnectionEventPayloads, DesktopEventPayloads, UpdateEventPayloads, FleetEventPayloads {
  /** Sent after every ping, so tests and the UI can see the event path work end to end. */
  'app.pong': PingResult;
  /** From the preview host's bridge script only (see AppLink). */
  'app.link': AppLink;
  'rooms.diff': RoomsDiff;
  'events.appended': EventLogEntry[];
  'poller.status': PollerStatus;
}
export type EventName = keyof EventPayloads;

// A run-time list of the event names, checked against EventPayloads by the compiler.
export const eventNames = ['app.pong', 'app.link', 'rooms.diff', 'events.appended', 'poller.status', ...connectionEventNames, ...desktopEventNames, ...updateEventNames, ...fleetEventNames] as const satisfies readonly EventName[];
type MissingEvents = Exclude<EventName, (typeof eventNames)[number]>;
// Stryker disable next-line BooleanLiteral: equivalent, the compiler checks this value; nothing reads it at run time
const allEventsListed: MissingEvents extends never ? true : false = true;
void allEventsListed;

export function methodForChannel(channel: string): MethodName | undefined {
  for (const [method, def] of Object.entries(channels)) if (def.channel === channel) return method as MethodName;
  return undefined;
}
