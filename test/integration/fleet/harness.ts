// A core (the app's composition root) with connections to a simulator this test controls: the fleet
// channels are called through the core's dispatcher, exactly as the Fleet screen calls them.
import { expect } from 'vitest';
import type { ConnectionView, EventName, EventPayloads, Result, RoomsSnapshot, RoomView } from '../../../contract/index.ts';
import { createCore, type Core } from '../../../main/core.ts';
import { startSim, type RunningSim, type SimOptions } from '../../../sim/index.ts';

export const host = { kind: 'preview' as const, version: '0', platform: 'linux', electronVersion: null };

export interface FleetHarness {
  sim: RunningSim;
  core: Core;
  events: { event: EventName; payload: unknown }[];
  /** Every line main logged, as JSON. */
  logLines: string[];
  /** The read-write connection (the Relay account). */
  rw: ConnectionView;
  call<T>(channel: string, payload?: unknown): Promise<T>;
  result(channel: string, payload?: unknown): Promise<Result<unknown>>;
  /** Adds a read-only connection (a Seam user without admin rights, over Basic). */
  addReadOnly(): Promise<ConnectionView>;
  rooms(): Promise<RoomView[]>;
  close(): Promise<void>;
}

export async function startFleet(options: { sim?: SimOptions; budget?: number | null } = {}): Promise<FleetHarness> {
  const sim = await startSim({ rooms: 12, seed: 11, port: 0, rateLimit: 'off', ...options.sim });
  const logLines: string[] = [];
  const line = (level: string) => (message: string, fields?: Record<string, unknown>) => void logLines.push(JSON.stringify({ level, message, fields }));
  const core = createCore({ host, startDemoSim: null, log: { info: line('info'), warn: line('warn'), error: line('error') } });
  const events: FleetHarness['events'] = [];
  core.subscribe((event, payload) => events.push({ event, payload }));
  const bases = { api: sim.url, authorize: sim.url, relay: sim.url };
  const result = (channel: string, payload?: unknown) => core.dispatch(channel, payload);
  const call = async <T>(channel: string, payload?: unknown): Promise<T> => {
    const r = await core.dispatch(channel, payload);
    if (!r.ok) throw new Error(`${channel}: ${r.error.code}: ${r.error.message}`);
    return r.value as T;
  };
  const add = async (username: string, password: string, name: string): Promise<ConnectionView> => {
    const view = await call<ConnectionView>('connections.add', { kind: 'relay', name, username, password, bases });
    const budget = options.budget === undefined ? null : options.budget;
    return call<ConnectionView>('connections.setPollBudget', { id: view.id, perSec: budget });
  };
  const rw = await add(sim.credentials.relayAccount.username, sim.credentials.relayAccount.password, 'Northwind admin');
  const rooms = async (): Promise<RoomView[]> => (await call<RoomsSnapshot>('rooms.list')).rooms;
  // The poller knows the connection (its first list) before a test starts.
  await expect.poll(async () => (await rooms()).length, { timeout: 10_000 }).toBe(sim.control.rooms.list().length);
  return {
    sim,
    core,
    events,
    logLines,
    rw,
    call,
    result,
    addReadOnly: () => add(sim.credentials.user.username, sim.credentials.user.password, 'Jamie (read-only)'),
    rooms,
    async close() {
      await core.dispose();
      await sim.close();
    },
  };
}

export function eventsOf<E extends EventName>(h: FleetHarness, name: E): EventPayloads[E][] {
  return h.events.filter((e) => e.event === name).map((e) => e.payload as EventPayloads[E]);
}
