import { z } from 'zod';
import { defineChannel, returns, type ChannelDef } from './define.ts';
import { pingInput, type AppInfo, type PingResult } from './app.ts';

/**
 * The single truth for the IPC. The key is the method name on `window.relay`; `channel` is the wire name.
 * main binds exactly these, preload exposes exactly these, the renderer sees their types.
 */
export const channels = {
  appInfo: defineChannel('app.info', z.undefined(), returns<AppInfo>()),
  ping: defineChannel('app.ping', pingInput, returns<PingResult>()),
} as const satisfies Record<string, ChannelDef>;

export type Channels = typeof channels;
export type MethodName = keyof Channels;

/** Events main pushes to the renderer: name → payload. */
export interface EventPayloads {
  /** Sent after every ping, so tests and the UI can see the event path work end to end. */
  'app.pong': PingResult;
}
export type EventName = keyof EventPayloads;

// A run-time list of the event names, checked against EventPayloads by the compiler.
export const eventNames = ['app.pong'] as const satisfies readonly EventName[];
type MissingEvents = Exclude<EventName, (typeof eventNames)[number]>;
const allEventsListed: MissingEvents extends never ? true : false = true;
void allEventsListed;

export function methodForChannel(channel: string): MethodName | undefined {
  for (const [method, def] of Object.entries(channels)) if (def.channel === channel) return method as MethodName;
  return undefined;
}
