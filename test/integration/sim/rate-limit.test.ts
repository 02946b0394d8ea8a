// Relay's limit (reference §2.0: below 2 requests per second, 429 above) as the simulator enforces it, on
// the frozen sim clock so the windows are exact. Strict by default: a third request per credential within
// any rolling 1,000 ms gets 429; lenient (a bucket that forgives exactly 2/s) and off only when asked.
// OAuth paths are never limited. These requests go out unpaced (plain fetch), unlike call()'s.
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningSim } from '../../../sim/index.ts';
import { basic, call, control, expectRelayError, relayTokenFor, start, type Reply } from './helpers.ts';

let sim: RunningSim | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function unpaced(s: RunningSim, headers: Record<string, string>): Promise<Reply> {
  const res = await fetch(`${s.url}/api/enterprises/self`, { headers: { accept: 'application/json', ...headers } });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as unknown) : undefined, text };
}
const statusOf = async (s: RunningSim, token: string) => (await unpaced(s, { 'x-access-token': token })).status;

describe('strict mode (the default)', () => {
  it('refuses the third request of a token within 1,000 ms, even at exactly 2 per second, with Retry-After and a Relay error body', async () => {
    sim = await start();
    expect(sim.control.rateLimit.get()).toEqual({ mode: 'strict', arrivalJitterMs: 0 });
    const t = await relayTokenFor(sim);
    expect(await statusOf(sim, t)).toBe(200);
    sim.control.clock.advance(500);
    expect(await statusOf(sim, t)).toBe(200);
    sim.control.clock.advance(499);
    const over = await unpaced(sim, { 'x-access-token': t });
    expectRelayError(over, 429, 'TooManyRequests');
    expect(over.headers.get('retry-after')).toBe('1');
    sim.control.clock.advance(1);
    expect(await statusOf(sim, t)).toBe(200);
    expect(await statusOf(sim, t)).toBe(429);
    sim.control.clock.advance(500);
    expect(await statusOf(sim, t)).toBe(200);
  });

  it('counts per token and per Basic user', async () => {
    sim = await start();
    const a = await relayTokenFor(sim, 'relayAccount');
    const b = await relayTokenFor(sim, 'admin');
    for (let i = 0; i < 2; i++) expect(await statusOf(sim, a)).toBe(200);
    expect(await statusOf(sim, a)).toBe(429);
    expect(await statusOf(sim, b)).toBe(200);
    const c = sim.credentials.user;
    const viaBasic = () => unpaced(sim!, { authorization: basic(c.username, c.password) });
    expect((await viaBasic()).status).toBe(200);
    expect((await viaBasic()).status).toBe(200);
    expect((await viaBasic()).status).toBe(429);
  });

  it('with arrival jitter, refuses a client that keeps exactly 500 ms between requests, and not one that keeps 550 ms', async () => {
    sim = await start({ arrivalJitterMs: 50 });
    const t = await relayTokenFor(sim);
    const run = async (spacing: number): Promise<number> => {
      let refused = 0;
      for (let i = 0; i < 40; i++) {
        sim!.control.clock.advance(spacing);
        if ((await statusOf(sim!, t)) === 429) refused++;
      }
      return refused;
    };
    expect(await run(550)).toBe(0);
    sim.control.clock.advance(5_000);
    expect(await run(500)).toBeGreaterThan(0);
  });

  it('does not limit the OAuth paths', async () => {
    sim = await start();
    const c = sim.credentials.admin;
    for (let i = 0; i < 6; i++) {
      const r = await call(sim.url, '/oauth2/token', { method: 'POST', body: { grant_type: 'password', username: c.username, password: c.password } });
      expect(r.status).toBe(200);
    }
  });
});

describe('lenient and unlimited modes, only when asked', () => {
  it('lenient forgives exactly 2 per second (a bucket of 2); off never answers 429; the control API switches modes', async () => {
    sim = await start({ rateLimit: 'lenient' });
    const t = await relayTokenFor(sim);
    expect(await statusOf(sim, t)).toBe(200);
    sim.control.clock.advance(500);
    expect(await statusOf(sim, t)).toBe(200);
    sim.control.clock.advance(500);
    expect(await statusOf(sim, t)).toBe(200);
    expect(await statusOf(sim, t)).toBe(200); // the bucket had one saved up
    expect(await statusOf(sim, t)).toBe(429);
    sim.control.rateLimit.set('off');
    for (let i = 0; i < 20; i++) expect(await statusOf(sim, t)).toBe(200);
    const r = await control(sim, '/_sim/rate-limit', { method: 'POST', body: { mode: 'strict', arrivalJitterMs: 20 } });
    expect(r.body).toEqual({ mode: 'strict', arrivalJitterMs: 20 });
    expect((await control(sim, '/_sim/rate-limit')).body).toEqual({ mode: 'strict', arrivalJitterMs: 20 });
    expect(await statusOf(sim, t)).toBe(200);
    expect(await statusOf(sim, t)).toBe(200);
    expect(await statusOf(sim, t)).toBe(429);
    expect((await control(sim, '/_sim/rate-limit', { method: 'POST', body: { mode: 'realistic' } })).status).toBe(400);
    expect((await control(sim, '/_sim/rate-limit', { method: 'POST', body: { mode: 'off' } })).body).toEqual({ mode: 'off', arrivalJitterMs: 20 });
    expect(await statusOf(sim, t)).toBe(200);
  });
});
