// Drives the rooms feature (poller, actions, diffs) against the simulator on a shared virtual clock: the
// poller's Clock and the simulator's clock move together, and between timers the harness waits for the
// real HTTP round trips to finish, so nothing here depends on wall-clock timing.
import { request } from 'undici';
import type { Capabilities, ConnectionView, EventLogEntry, EventName, EventPayloads, RoomView, RoomsDiff } from '../../../contract/index.ts';
import { TokenSource } from '../../../main/auth/token-source.ts';
import type { RelayToken } from '../../../main/auth/tokens.ts';
import type { PollConnection } from '../../../main/poller/poller.ts';
import { createRelayTransport, type RelayTransport } from '../../../main/relay/transport.ts';
import { RoomsService, type RoomsOptions } from '../../../main/rooms/service.ts';
import { startSim, type RunningSim, type SimOptions } from '../../../sim/index.ts';
import { connectionViewOf } from '../../helpers/connection-view.ts';
import { FakeClock, flushMicrotasks } from '../../unit/poller/fake-clock.ts';

export const adminCaps: Capabilities = { canView: true, canControl: true, canProvision: true, zeroTouch: null };

export interface Harness {
  sim: RunningSim;
  clock: FakeClock;
  rooms: RoomsService;
  transport: RelayTransport;
  tokens: TokenSource<RelayToken>;
  diffs: { at: number; diff: RoomsDiff }[];
  events: EventLogEntry[];
  emitted: { at: number; event: EventName }[];
  conn: PollConnection;
  /** Advance virtual time, letting every request in flight finish between timers. */
  advance(ms: number): Promise<void>;
  /** Jump virtual time (as after sleep): every timer due fires at once, then requests finish. */
  jump(ms: number): Promise<void>;
  /** The room keys, in the simulator's order. */
  keys(): string[];
  key(endpointId: string): string;
  view(endpointId: string): RoomView;
  /** Sim request log entries for a path (after `since`, sim time). */
  requests(path: string | RegExp, since?: number): { at: number; status: number; method: string; path: string }[];
  close(): Promise<void>;
}

export interface HarnessOptions {
  sim?: SimOptions;
  rooms?: Omit<RoomsOptions, 'clock' | 'http' | 'emit'>;
  caps?: Capabilities;
  /** Start connected (default true). */
  connect?: boolean;
  /**
   * How many requests in flight are stuck on purpose (a slow drip): settling between timers does not wait
   * for those, so virtual time moves on while they hang (default: wait for every request).
   */
  stuckInFlight?: () => number;
}

export const CONN_ID = 'c1';

/**
 * The simulator as an on-premises server without Relay's limit: for the tests of the poller's "No limit"
 * budget (`budgetFor: () => null`), which polls every room at the seeds' rates. Against Relay's strict
 * limit (the sim's default) that client would be refused by design; every other test runs strict.
 */
export const ON_PREMISES = { rateLimit: 'off' } as const;

async function relayToken(sim: RunningSim, now: number): Promise<RelayToken> {
  const { username, password } = sim.credentials.relayAccount;
  const res = await request(`${sim.url}/api/auth/accesstokens`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`, 'content-type': 'application/json' },
    body: '{}',
  });
  const body = (await res.body.json()) as { accessToken: string; roles: string[] };
  if (res.statusCode !== 200) throw new Error(`token: ${res.statusCode}`);
  return { token: body.accessToken, issuedAt: now, expiresAt: now + 86_400_000, roles: body.roles, enterprise: null, pairing: null };
}

export function connectionView(url: string, caps: Capabilities = adminCaps, over: Partial<ConnectionView> = {}): ConnectionView {
  return connectionViewOf({ id: CONN_ID, name: 'Sim', capabilities: caps, bases: { api: url, authorize: url, relay: url }, ...over });
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const sim = await startSim({ rooms: 20, seed: 7, port: 0, ...options.sim, clock: { frozen: true } });
  const clock = new FakeClock(sim.control.clock.now());
  clock.onMove = (_now, delta) => sim.control.clock.advance(delta);
  // On the virtual clock, so each request's total deadline runs in the same time as the poller (and an
  // HTTP-date Retry-After is read against it).
  const transport = createRelayTransport({ connectionsPerOrigin: 16, clock });
  const diffs: Harness['diffs'] = [];
  const events: EventLogEntry[] = [];
  const emitted: Harness['emitted'] = [];
  const emit = <E extends EventName>(event: E, payload: EventPayloads[E]): void => {
    emitted.push({ at: clock.now(), event });
    if (event === 'rooms.diff') diffs.push({ at: clock.now(), diff: payload as RoomsDiff });
    if (event === 'events.appended') events.push(...(payload as EventLogEntry[]));
  };
  const tokens = new TokenSource<RelayToken>(await relayToken(sim, clock.now()), {
    clock,
    renew: () => relayToken(sim, clock.now()),
    reconnectMessage: 'Reconnect.',
  });
  const rooms = new RoomsService({ clock, http: transport, emit, ...options.rooms });
  const conn: PollConnection = { view: connectionView(sim.url, options.caps), tokens };
  const stuck = options.stuckInFlight;
  const idle = async (): Promise<void> => {
    if (!stuck) return rooms.poller.whenIdle();
    // Real I/O runs between the checks; this ends once every request still out is one of the stuck ones.
    while (rooms.poller.scheduler.inFlight() > stuck()) await new Promise((r) => setImmediate(r));
  };
  const settle = async (): Promise<void> => {
    for (let i = 0; i < 5; i++) {
      await flushMicrotasks();
      await idle();
    }
    await new Promise((r) => setImmediate(r));
    await flushMicrotasks();
    await idle();
  };
  const advance = (ms: number): Promise<void> => clock.advance(ms, settle);
  if (options.connect !== false) {
    rooms.sync([conn]);
    await advance(0);
  }
  const key = (endpointId: string): string => `${CONN_ID}/${endpointId}`;
  return {
    sim,
    clock,
    rooms,
    transport,
    tokens,
    diffs,
    events,
    emitted,
    conn,
    advance,
    jump: (ms) => clock.jump(ms, settle),
    keys: () => sim.control.rooms.list().map((r) => key(r.id)),
    key,
    view(endpointId) {
      const v = rooms.poller.view(key(endpointId));
      if (!v) throw new Error(`no view for ${endpointId}`);
      return v;
    },
    requests(path, since = -Infinity) {
      return sim.control
        .log()
        .filter((e) => e.at >= since && (typeof path === 'string' ? e.path === path : path.test(e.path)))
        .map((e) => ({ at: e.at, status: e.status, method: e.method, path: e.path }));
    },
    async close() {
      rooms.dispose();
      await transport.close();
      await sim.close();
    },
  };
}

/** Holds every room in a state (no changes of their own), so intervals are exact. */
export function holdAll(h: Harness, state: 'inactive' | 'dialing' | 'active' = 'inactive'): void {
  for (const r of h.sim.control.rooms.list()) h.sim.control.rooms.set(r.id, { offline: false, callState: state, hold: true });
}
