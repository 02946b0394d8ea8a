// The control API answers only its own run: the per-run token in a header (which a foreign page's no-cors
// request cannot send), the sim's own Host (no DNS rebinding) and no foreign Origin; and the in-app
// demo's simulator has no control API at all.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInSim } from '../../../main/auth/demo-sim.ts';
import type { RunningSim } from '../../../sim/index.ts';
import { call, control, start } from './helpers.ts';

let sim: RunningSim;
beforeAll(async () => {
  sim = await start();
});
afterAll(() => sim.close());

const rule = { kind: 'status', status: 503 };

/** A raw request, so the Host header can be anything. */
function rawPost(url: string, path: string, headers: Record<string, string>, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { method: 'POST', headers, agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('the control API guard', () => {
  it('has a token per run, and answers with it', async () => {
    expect(sim.controlToken).toMatch(/^[\w-]{32}$/);
    const other = await start();
    try {
      expect(other.controlToken).not.toBe(sim.controlToken);
    } finally {
      await other.close();
    }
    const added = await control<{ id: string }>(sim, '/_sim/faults', { method: 'POST', body: rule });
    expect(added.status).toBe(201);
    sim.control.faults.clear();
  });

  it('refuses a POST without the token, or with a wrong one, and adds no rule', async () => {
    const none = await call<{ error: string }>(sim.url, '/_sim/faults', { method: 'POST', body: rule });
    expect(none.status).toBe(401);
    expect(none.body.error).toMatch(/control token/);
    expect((await control(sim, '/_sim/faults', { method: 'POST', body: rule, headers: { 'x-sim-control-token': 'guessed' } })).status).toBe(401);
    expect((await call(sim.url, '/_sim/rooms')).status).toBe(401);
    expect(sim.control.faults.list()).toEqual([]);
  });

  it('refuses a cross-origin POST, the token notwithstanding, and a foreign page’s no-cors form post', async () => {
    const evil = await control(sim, '/_sim/faults', { method: 'POST', body: rule, headers: { origin: 'https://evil.example' } });
    expect(evil.status).toBe(403);
    const crossSite = await control(sim, '/_sim/faults', { method: 'POST', body: rule, headers: { 'sec-fetch-site': 'cross-site' } });
    expect(crossSite.status).toBe(403);
    // What a foreign page's fetch(…, {mode: 'no-cors', method: 'POST'}) sends: a simple request, its Origin, no custom header.
    const form = await call(sim.url, '/_sim/faults', {
      method: 'POST',
      raw: JSON.stringify(rule),
      headers: { 'content-type': 'text/plain;charset=UTF-8', origin: 'https://evil.example', 'sec-fetch-mode': 'no-cors', 'sec-fetch-site': 'cross-site' },
    });
    expect(form.status).toBe(403);
    // Its own origin is fine (a page the sim itself served, or a tool that sends one).
    expect((await control(sim, '/_sim/faults', { headers: { origin: sim.url } })).status).toBe(200);
    expect(sim.control.faults.list()).toEqual([]);
  });

  it('refuses another Host (DNS rebinding), and a preflight', async () => {
    const port = new URL(sim.url).port;
    const body = JSON.stringify(rule);
    const headers = { 'content-type': 'application/json', 'x-sim-control-token': sim.controlToken as string };
    expect(await rawPost(sim.url, '/_sim/faults', { ...headers, host: `rebound.example:${port}` }, body)).toBe(421);
    expect(await rawPost(sim.url, '/_sim/faults', { ...headers, host: `localhost:${port}` }, body)).toBe(201);
    sim.control.faults.clear();
    const preflight = await call(sim.url, '/_sim/faults', { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('can be switched off: no control API over HTTP, the in-process one still works', async () => {
    const quiet = await start({ controlApi: false });
    try {
      expect(quiet.controlToken).toBeNull();
      expect((await call(quiet.url, '/_sim/faults', { method: 'POST', body: rule })).status).toBe(404);
      expect((await call(quiet.url, '/_sim/rooms', { headers: { 'x-sim-control-token': 'anything' } })).status).toBe(404);
      expect(quiet.control.rooms.list()).toHaveLength(24);
    } finally {
      await quiet.close();
    }
  });

  it('the in-app demo’s simulator has no control API, unless a test turns it on', async () => {
    const demo = await builtInSim()();
    try {
      expect((await call(demo.url, '/_sim/faults', { method: 'POST', body: rule })).status).toBe(404);
      expect((await call(demo.url, '/_sim/credentials')).status).toBe(404);
      expect((await call(demo.url, '/api/system/health')).status).toBe(200);
    } finally {
      await demo.close();
    }
    const testing = await builtInSim({ controlApi: true })();
    try {
      expect((await call(testing.url, '/_sim/rooms', { headers: { 'x-sim-control-token': testing.controlToken ?? '' } })).status).toBe(200);
    } finally {
      await testing.close();
    }
  });
});
