// The simulator's public entry: start it in-process (tests, demo mode, benchmarks) and control it.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createClock, type ClockOptions } from './clock.ts';
import { createControl, type SimControl } from './control/control.ts';
import { demoCredentials, type DemoCredentials } from './credentials.ts';
import { createFaults } from './faults.ts';
import { createRateLimiter, type RateLimitMode } from './rate-limit.ts';
import type { RelayContext } from './relay/context.ts';
import { createRequestLog } from './request-log.ts';
import { createSimServer } from './server.ts';
import { defaultLifetimes, type TokenLifetimes } from './tokens.ts';
import { defaultTiming, scaleTiming } from './world/state-machine.ts';
import { createWorld } from './world/world.ts';

export type { ClockOptions } from './clock.ts';
export type { ListenerServiceSnapshot, MeetingInfo, RoomPatch, SimControl } from './control/control.ts';
export { SimControlError } from './control/control.ts';
export { CONTROL_TOKEN_HEADER } from './control/guard.ts';
export type { DemoCredentials, DemoUser } from './credentials.ts';
export type { RelayErrorBody, OAuthErrorBody } from './errors.ts';
export type { FaultInfo, FaultKind, FaultSpec } from './faults.ts';
export type { LogEntry } from './request-log.ts';
export type { FailureRecord } from './world/failures.ts';
export type { HealthService, HealthState } from './world/health.ts';
export type { RateLimitMode } from './rate-limit.ts';
export type { RateLimitSettings } from './relay/context.ts';
export type { TokenLifetimes } from './tokens.ts';
export type { CallState } from './world/state-machine.ts';
export type { RoomSnapshot } from './world/world.ts';

export const MAX_ROOMS = 20_000;

export interface SimOptions {
  /** Number of rooms, 0 … 20,000 (default 24). */
  rooms?: number;
  /** Seed of the world: rooms, meetings, calendars and every room's state sequence (default 1). */
  seed?: number;
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
  /** Interface to bind (default 127.0.0.1). */
  host?: string;
  /**
   * Relay's limit per credential: 'strict' (default: a third request within any rolling 1,000 ms gets
   * 429), 'lenient' (a token bucket of 2 refilled at 2/s, which forgives exactly 2/s), or 'off'.
   */
  rateLimit?: RateLimitMode;
  /** Strict mode: each request is counted at its arrival ± up to this many ms (seeded; default 0). */
  arrivalJitterMs?: number;
  /** Lifetimes in seconds (password 1209600, meeting 86400, client 3600, …). */
  tokenLifetimes?: Partial<TokenLifetimes>;
  /** Start time and whether time starts frozen (tests: { startAt, frozen: true }). */
  clock?: ClockOptions;
  /** Makes rooms change this many times faster (default 1: realistic minutes). */
  speed?: number;
  /** Request log capacity (default 10,000 entries). */
  logCapacity?: number;
  /**
   * The control API over HTTP (/_sim/…, with the run's controlToken; default true). The in-process
   * `control` works either way; the in-app demo turns the HTTP one off.
   */
  controlApi?: boolean;
}

export interface SimUrls {
  /** api.bluejeans.com: /oauth2/token, /oauth2/tokenInfo, /v1/user/… */
  api: string;
  /** bluejeans.com/oauth2/authorize */
  authorize: string;
  /** relay.bluejeans.com/api (append /endpoints, …) */
  relay: string;
  /** The control API: loopback callers with the run's controlToken only (404 when it is off). */
  control: string;
}

export interface RunningSim {
  /** Base URL, e.g. http://127.0.0.1:8787 */
  url: string;
  urls: SimUrls;
  control: SimControl;
  /** Send it in the x-sim-control-token header to use the control API over HTTP; null when that is off. */
  controlToken: string | null;
  credentials: DemoCredentials;
  /** Stops listening and closes every socket, keep-alive and stalled ones included. */
  close(): Promise<void>;
}

/** A jitter bound in ms: 0 … 1,000. */
export function jitterMs(value: number): number {
  if (!Number.isFinite(value) || value < 0 || value > 1_000) throw new RangeError('arrivalJitterMs must be 0 … 1000');
  return value;
}

export async function startSim(options: SimOptions = {}): Promise<RunningSim> {
  const rooms = options.rooms ?? 24;
  if (!Number.isInteger(rooms) || rooms < 0 || rooms > MAX_ROOMS) throw new RangeError(`rooms must be a whole number from 0 to ${MAX_ROOMS}`);
  const seed = options.seed ?? 1;
  if (!Number.isInteger(seed)) throw new RangeError('seed must be a whole number');
  const clock = createClock(options.clock);
  const lifetimes = { ...defaultLifetimes, ...options.tokenLifetimes };
  const timing = options.speed === undefined || options.speed === 1 ? defaultTiming : scaleTiming(defaultTiming, options.speed);
  const world = createWorld({ rooms, seed, clock, timing, lifetimes });
  const rateLimit = { mode: options.rateLimit ?? 'strict', arrivalJitterMs: jitterMs(options.arrivalJitterMs ?? 0) };
  const relay: RelayContext = {
    world,
    limiter: createRateLimiter(rateLimit.mode, { now: () => clock.now(), arrivalJitterMs: rateLimit.arrivalJitterMs, seed }),
    rateLimit,
  };
  const faults = createFaults();
  const log = createRequestLog(options.logCapacity);
  const control = createControl(world, relay, faults, log);
  let urls: SimUrls | null = null;
  const credentials = () => demoCredentials(world);
  const controlToken = options.controlApi === false ? null : randomBytes(24).toString('base64url');
  const sim = createSimServer({
    relay,
    faults,
    log,
    control: { control, credentials, urls: () => ({ ...(urls as SimUrls) }) },
    controlToken,
  });

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    sim.server.once('error', reject);
    sim.server.listen(options.port ?? 0, host, () => {
      sim.server.off('error', reject);
      resolve();
    });
  });
  const { port } = sim.server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  urls = { api: url, authorize: `${url}/oauth2/authorize`, relay: `${url}/api`, control: `${url}/_sim` };
  return { url, urls, control, controlToken, credentials: credentials(), close: () => sim.close() };
}
