// Relay's 2 requests per second per token (429 + Retry-After above it), on the frozen sim clock so the
// refill is exact; unlimited mode for benchmarks; OAuth paths are never limited.
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningSim } from '../../../sim/index.ts';
import { basic, call, control, expectRelayError, relayTokenFor, start } from './helpers.ts';

let sim: RunningSim | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const statusOf = async (s: RunningSim, token: string) => (await call(s.url, '/api/enterprises/self', { headers: { 'x-access-token': token } })).status;

describe('realistic mode', () => {
  it('allows 2 requests at once per token, then 429 with Retry-After and a Relay error body; refills 2 per second', async () => {
    sim = await start({ rateLimit: 'realistic' });
    const t = await relayTokenFor(sim);
    expect(await statusOf(sim, t)).toBe(200);
    expect(await statusOf(sim, t)).toBe(200);
    const over = await call(sim.url, '/api/enterprises/self', { headers: { 'x-access-token': t } });
    expectRelayError(over, 429, 'TooManyRequests');
    expect(over.headers.get('retry-after')).toBe('1');
    sim.control.clock.advance(500);
    expect(await statusOf(sim, t)).toBe(200);
    expect(await statusOf(sim, t)).toBe(429);
    sim.control.clock.advance(1000);
    expect(await statusOf(sim, t)).toBe(200);
    expect(await statusOf(sim, t)).toBe(200);
    expect(await statusOf(sim, t)).toBe(429);
  });

  it('keeps one bucket per token and per Basic user', async () => {
    sim = await start({ rateLimit: 'realistic' });
    const a = await relayTokenFor(sim, 'relayAccount');
    const b = await relayTokenFor(sim, 'admin');
    for (let i = 0; i < 2; i++) expect(await statusOf(sim, a)).toBe(200);
    expect(await statusOf(sim, a)).toBe(429);
    expect(await statusOf(sim, b)).toBe(200);
    const c = sim.credentials.user;
    const viaBasic = () => call(sim!.url, '/api/enterprises/self', { headers: { authorization: basic(c.username, c.password) } });
    expect((await viaBasic()).status).toBe(200);
    expect((await viaBasic()).status).toBe(200);
    expect((await viaBasic()).status).toBe(429);
  });

  it('does not limit the OAuth paths', async () => {
    sim = await start({ rateLimit: 'realistic' });
    const c = sim.credentials.admin;
    for (let i = 0; i < 6; i++) {
      const r = await call(sim.url, '/oauth2/token', { method: 'POST', body: { grant_type: 'password', username: c.username, password: c.password } });
      expect(r.status).toBe(200);
    }
  });
});

describe('unlimited mode', () => {
  it('never answers 429, and the control API switches modes', async () => {
    sim = await start({ rateLimit: 'off' });
    const t = await relayTokenFor(sim);
    for (let i = 0; i < 20; i++) expect(await statusOf(sim, t)).toBe(200);
    sim.control.rateLimit.set('realistic');
    expect(await statusOf(sim, t)).toBe(200);
    expect(await statusOf(sim, t)).toBe(200);
    expect(await statusOf(sim, t)).toBe(429);
    const r = await control(sim, '/_sim/rate-limit', { method: 'POST', body: { mode: 'off' } });
    expect(r.body).toEqual({ mode: 'off' });
    expect(await statusOf(sim, t)).toBe(200);
  });
});
