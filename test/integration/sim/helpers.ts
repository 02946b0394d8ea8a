// Shared helpers for the simulator's integration tests: start a sim on a free port with a frozen clock,
// plain-fetch JSON calls, and a shape comparison (same keys, same value types) for the seed examples.
// The sim enforces Relay's limit strictly, as a real server may: call() is a well-behaved client, it
// holds a Relay request back on the sim's frozen clock when two with the same credential went out in the
// last 1,100 ms (the app's budget keeps that margin too), and otherwise leaves time alone.
import { expect } from 'vitest';
import { startSim, type RunningSim, type SimOptions } from '../../../sim/index.ts';

/** A fixed Monday morning, so calendars and states are the same on every run. */
export const START = Date.UTC(2025, 0, 6, 9, 0, 0);

/** Two requests per credential in any 1,100 ms: Relay's limit with the app's margin (contract: budgetSpacingMs). */
export const PACE_WINDOW_MS = 1_100;

/** The sims started here, by URL, with each credential's last two request times: call() paces on them. */
const paced = new Map<string, { sim: RunningSim; sent: Map<string, number[]> }>();

export async function start(options: SimOptions = {}): Promise<RunningSim> {
  const sim = await startSim({ rooms: 24, seed: 7, clock: { startAt: START, frozen: true }, ...options });
  paced.set(sim.url, { sim, sent: new Map() });
  const close = sim.close.bind(sim);
  return {
    ...sim,
    close: async () => {
      paced.delete(sim.url);
      await close();
    },
  };
}

/** Holds a Relay request with this credential back (frozen sim clock) until it is the second in 1,100 ms. */
function pace(entry: { sim: RunningSim; sent: Map<string, number[]> }, credential: string): void {
  const clock = entry.sim.control.clock;
  if (!clock.isFrozen()) return;
  const sent = entry.sent.get(credential) ?? [];
  const second = sent.length >= 2 ? (sent[sent.length - 2] as number) : -Infinity;
  if (clock.now() < second + PACE_WINDOW_MS) clock.advance(second + PACE_WINDOW_MS - clock.now());
  entry.sent.set(credential, [...sent.slice(-1), clock.now()]);
}

export interface Reply<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export async function call<T = unknown>(
  base: string,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: unknown; raw?: string } = {},
): Promise<Reply<T>> {
  const entry = paced.get(base);
  const credential = init.headers?.['x-access-token'] ?? init.headers?.authorization ?? /[?&]accesstoken=([^&]+)/.exec(path)?.[1];
  if (entry && path.startsWith('/api/') && credential !== undefined) pace(entry, credential);
  const headers: Record<string, string> = { accept: 'application/json', ...init.headers };
  let body: string | undefined = init.raw;
  if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(base + path, { method: init.method ?? 'GET', headers, body, redirect: 'manual' });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON (an HTML page, a truncated body): tests read `text` instead.
  }
  return { status: res.status, headers: res.headers, body: parsed as T, text };
}

/** A call to the control API (/_sim/…), with the run's control token. */
export function control<T = unknown>(
  sim: RunningSim,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: unknown; raw?: string } = {},
): Promise<Reply<T>> {
  return call<T>(sim.url, path, { ...init, headers: { 'x-sim-control-token': sim.controlToken ?? '', ...init.headers } });
}

export const basic = (username: string, password: string): string => `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;

export async function relayTokenFor(sim: RunningSim, who: 'relayAccount' | 'admin' | 'user' = 'relayAccount'): Promise<string> {
  const c = who === 'relayAccount' ? sim.credentials.relayAccount : sim.credentials[who];
  const r = await call<{ accessToken: string }>(sim.url, '/api/auth/accesstokens', {
    method: 'POST',
    headers: { authorization: basic(c.username, c.password) },
  });
  expect(r.status).toBe(200);
  return r.body.accessToken;
}

export async function seamToken(sim: RunningSim, grant: 'admin' | 'user' | 'client'): Promise<string> {
  const c = sim.credentials;
  const body =
    grant === 'client'
      ? { grant_type: 'client_credentials', client_id: c.app.clientId, client_secret: c.app.clientSecret }
      : { grant_type: 'password', username: c[grant].username, password: c[grant].password };
  const r = await call<{ access_token: string }>(sim.url, '/oauth2/token', { method: 'POST', body });
  expect(r.status).toBe(200);
  return r.body.access_token;
}

const kind = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/**
 * Asserts `actual` has exactly the keys of `example`, each with the same JSON type (recursively; arrays
 * compare their first items; an empty example object stands for any object). Values may differ: the
 * seeds' examples come back with fresh values.
 */
export function expectSameShape(actual: unknown, example: unknown, path = '$'): void {
  expect(kind(actual), `type at ${path}`).toBe(kind(example));
  if (kind(example) === 'array') {
    const a = actual as unknown[];
    const e = example as unknown[];
    if (e.length > 0) {
      expect(a.length, `items at ${path}`).toBeGreaterThan(0);
      for (const item of a) expectSameShape(item, e[0], `${path}[]`);
    }
  } else if (kind(example) === 'object') {
    const a = actual as Record<string, unknown>;
    const e = example as Record<string, unknown>;
    if (Object.keys(e).length === 0) return;
    expect(Object.keys(a).sort(), `keys at ${path}`).toEqual(Object.keys(e).sort());
    for (const key of Object.keys(e)) expectSameShape(a[key], e[key], `${path}.${key}`);
  }
}

/** The Relay error body (reference §2.6). */
export function expectRelayError(reply: Reply, status: number, errorName: string): void {
  expect(reply.status).toBe(status);
  expectSameShape(reply.body, { errorCode: 1, errorName: 'x', errorMessage: 'x', errorDetails: {} });
  expect((reply.body as { errorName: string }).errorName).toBe(errorName);
}

/** Our OAuth error body: {code, message, error}. */
export function expectOAuthError(reply: Reply, status: number, error: string): void {
  expect(reply.status).toBe(status);
  expect(reply.body).toEqual({ code: status, message: expect.any(String), error });
}
