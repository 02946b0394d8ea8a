// The whole app (createCore) against the simulator as a strict Relay server would be: Relay's limit
// counted per token in a rolling 1,000 ms window, each request counted at its arrival ± 50 ms (so two
// requests may look up to 100 ms closer than they left). One virtual clock moves the app and the sim's
// frozen clock together; between timers the harness waits for every request in flight (all of them go
// through the host budget, Core.whenIdle), so ten simulated minutes take seconds and nothing depends on
// wall-clock timing.
import type { ConnectionView, EventLogEntry, EventName, EventPayloads, RoomsSnapshot, RoomView } from '../../../contract/index.ts';
import { createCore, type Core } from '../../../main/core.ts';
import { createMemorySettingsStore } from '../../../main/vault/conf-store.ts';
import { startSim, type LogEntry, type RunningSim } from '../../../sim/index.ts';
import { FakeClock, flushMicrotasks } from '../../unit/poller/fake-clock.ts';

export const ARRIVAL_JITTER_MS = 50;

const host = { kind: 'preview' as const, version: '0', platform: 'linux', electronVersion: null };

export interface Conformance {
  sim: RunningSim;
  core: Core;
  clock: FakeClock;
  events: EventLogEntry[];
  /** Every 'connections.changed' payload, in order. */
  connectionLists: ConnectionView[][];
  /** Moves virtual time, letting every request in flight finish between timers. */
  advance(ms: number): Promise<void>;
  /** Runs a call while virtual time moves on (a call waits its turn in the budget), at most `ms`. */
  during<T>(call: Promise<T>, ms?: number): Promise<T>;
  call<T = unknown>(channel: string, input: unknown): Promise<T>;
  rooms(): Promise<RoomView[]>;
  /** Requests the sim answered (its log: every path but the control API). */
  log(): LogEntry[];
  close(): Promise<void>;
}

export async function startConformance(options: { rooms: number; seed?: number }): Promise<Conformance> {
  const sim = await startSim({ rooms: options.rooms, seed: options.seed ?? 11, port: 0, arrivalJitterMs: ARRIVAL_JITTER_MS, clock: { frozen: true }, logCapacity: 50_000 });
  const clock = new FakeClock(sim.control.clock.now());
  clock.onMove = (_now, delta) => sim.control.clock.advance(delta);
  const core = createCore({
    host,
    clock,
    settings: createMemorySettingsStore(),
    // "Explore with demo rooms" reaches this simulator.
    startDemoSim: async () => ({ url: sim.url, relayAccount: sim.credentials.relayAccount, close: async () => {} }),
  });
  const events: EventLogEntry[] = [];
  const connectionLists: ConnectionView[][] = [];
  core.subscribe(<E extends EventName>(event: E, payload: EventPayloads[E]) => {
    if (event === 'events.appended') events.push(...(payload as EventLogEntry[]));
    if (event === 'connections.changed') connectionLists.push(payload as ConnectionView[]);
  });
  const settle = async (): Promise<void> => {
    for (let i = 0; i < 5; i++) {
      await flushMicrotasks();
      await core.whenIdle();
    }
    await new Promise((r) => setImmediate(r));
    await flushMicrotasks();
    await core.whenIdle();
  };
  const advance = (ms: number): Promise<void> => clock.advance(ms, settle);
  const call = async <T>(channel: string, input: unknown): Promise<T> => {
    const r = await core.dispatch(channel, input);
    if (!r.ok) throw Object.assign(new Error(`${channel}: ${r.error.message}`), { code: r.error.code });
    return r.value as T;
  };
  return {
    sim,
    core,
    clock,
    events,
    connectionLists,
    advance,
    async during(p, ms = 30_000) {
      let settled = false;
      const watched = p.finally(() => (settled = true));
      watched.catch(() => undefined); // the caller gets the outcome below; no unhandled rejection meanwhile
      for (let t = 0; t < ms && !settled; t += 250) await advance(250);
      return watched;
    },
    call,
    async rooms() {
      return (await call<RoomsSnapshot>('rooms.list', undefined)).rooms;
    },
    log: () => sim.control.log(),
    async close() {
      await core.dispose();
      await sim.close();
    },
  };
}
