// Every fault kind, as a plain HTTP client sees it; matching by path (prefix, glob) and method; counts;
// the same over the /_sim/faults HTTP API; and the request log naming the fault.
import { request } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSim } from '../../../sim/index.ts';
import { call, control, expectRelayError, relayTokenFor, start } from './helpers.ts';

let sim: RunningSim;
let token: string;
let roomPath: string;
beforeAll(async () => {
  sim = await start();
  token = await relayTokenFor(sim);
  const room = sim.control.rooms.list().find((r) => !r.offline)!;
  roomPath = `/api/endpoints/${room.id}/status`;
});
afterAll(() => sim.close());
afterEach(() => sim.control.faults.clear());

const getStatus = () => call(sim.url, roomPath, { headers: { 'x-access-token': token } });

/** One raw request with node:http, reporting what arrived before the connection ended or the wait ran out. */
function raw(path: string, waitMs: number): Promise<{ error?: string; status?: number; bytes: number; ended: boolean }> {
  return new Promise((resolve) => {
    let bytes = 0;
    let status: number | undefined;
    const req = request(`${sim.url}${path}`, { headers: { 'x-access-token': token }, agent: false }, (res) => {
      status = res.statusCode;
      res.on('data', (c: Buffer) => (bytes += c.length));
      res.on('end', () => finish({ status, bytes, ended: true }));
      res.on('error', (e: NodeJS.ErrnoException) => finish({ error: e.code ?? e.message, status, bytes, ended: false }));
    });
    const timer = setTimeout(() => {
      finish({ status, bytes, ended: false });
      req.destroy();
    }, waitMs);
    let done = false;
    const finish = (r: { error?: string; status?: number; bytes: number; ended: boolean }) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(r);
    };
    req.on('error', (e: NodeJS.ErrnoException) => finish({ error: e.code ?? e.message, status, bytes, ended: false }));
    req.end();
  });
}

describe('fault kinds', () => {
  it('latency delays the answer by at least ms', async () => {
    sim.control.faults.add({ kind: 'latency', ms: 150, match: { path: roomPath } });
    const t0 = performance.now();
    const r = await getStatus();
    expect(r.status).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
  });

  it('status: a burst of count 500/502/503 answers, then normal service', async () => {
    sim.control.faults.add({ kind: 'status', status: 503, count: 2, match: { path: '/api/' } });
    expectRelayError(await getStatus(), 503, 'ServiceUnavailable');
    expectRelayError(await getStatus(), 503, 'ServiceUnavailable');
    expect((await getStatus()).status).toBe(200);
    sim.control.faults.add({ kind: 'status', count: 1 });
    expect((await getStatus()).status).toBe(500);
    sim.control.faults.add({ kind: 'status', status: 502, count: 1, match: { path: '/oauth2/' } });
    const oauth = await call(sim.url, '/oauth2/tokenInfo?access_token=x');
    expect(oauth.status).toBe(502);
    expect(oauth.body).toMatchObject({ code: 502 });
  });

  it('reset drops the connection without an answer', async () => {
    sim.control.faults.add({ kind: 'reset', count: 1 });
    const r = await raw(roomPath, 2000);
    expect(r.status).toBeUndefined();
    expect(r.error).toBe('ECONNRESET');
    await expect(getStatus()).resolves.toMatchObject({ status: 200 });
  });

  it('rate_limit answers 429 with the given Retry-After', async () => {
    sim.control.faults.add({ kind: 'rate_limit', retryAfterSec: 7, count: 1 });
    const r = await getStatus();
    expectRelayError(r, 429, 'TooManyRequests');
    expect(r.headers.get('retry-after')).toBe('7');
  });

  it('malformed_json answers 200 with a JSON content type and a body that does not parse', async () => {
    sim.control.faults.add({ kind: 'malformed_json', count: 1 });
    const res = await fetch(sim.url + roomPath, { headers: { 'x-access-token': token } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    await expect(res.json()).rejects.toThrow(SyntaxError);
  });

  it('html answers an HTML error page (502 by default)', async () => {
    sim.control.faults.add({ kind: 'html', count: 1 });
    const res = await fetch(sim.url + roomPath, { headers: { 'x-access-token': token } });
    expect(res.status).toBe(502);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toContain('<h1>502 Bad Gateway</h1>');
    sim.control.faults.add({ kind: 'html', status: 503, count: 1 });
    expect((await fetch(sim.url + roomPath)).status).toBe(503);
  });

  it('huge_body answers a very large (valid) JSON body of the given size', async () => {
    sim.control.faults.add({ kind: 'huge_body', bytes: 5 * 1024 * 1024, count: 1 });
    const res = await fetch(sim.url + roomPath, { headers: { 'x-access-token': token } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String(5 * 1024 * 1024));
    const buf = Buffer.from(await res.arrayBuffer());
    expect(buf.length).toBe(5 * 1024 * 1024);
    expect(JSON.parse(buf.toString('latin1'))).toHaveProperty('padding');
  });

  it('stall sends headers and part of the body, then nothing', async () => {
    sim.control.faults.add({ kind: 'stall', count: 1 });
    const r = await raw(roomPath, 300);
    expect(r.status).toBe(200);
    expect(r.bytes).toBeGreaterThan(0);
    expect(r.ended).toBe(false);
    expect((await getStatus()).status).toBe(200);
  });

  it('slow_drip sends headers, then one byte per gap: alive, never idle long, hardly progressing', async () => {
    sim.control.faults.add({ kind: 'slow_drip', ms: 20, count: 1 });
    const r = await raw(roomPath, 300);
    expect(r.status).toBe(200);
    expect(r.bytes).toBeGreaterThan(0);
    expect(r.bytes).toBeLessThan(4096);
    expect(r.ended).toBe(false);
    // A short drip ends with a whole JSON document.
    sim.control.faults.add({ kind: 'slow_drip', ms: 1, bytes: 24, count: 1 });
    const short = await raw(roomPath, 5_000);
    expect(short).toMatchObject({ status: 200, bytes: 24, ended: true });
    expect((await getStatus()).status).toBe(200);
  });

  it('early token expiry: the control API expires a token now', async () => {
    const t = await relayTokenFor(sim);
    expect((await call(sim.url, roomPath, { headers: { 'x-access-token': t } })).status).toBe(200);
    sim.control.tokens.expire(t);
    expectRelayError(await call(sim.url, roomPath, { headers: { 'x-access-token': t } }), 401, 'BadCredentialsException');
  });
});

describe('matching', () => {
  it('by glob and method; other paths and methods are untouched', async () => {
    sim.control.faults.add({ kind: 'status', status: 500, match: { path: '/api/endpoints/*/status', method: 'get' } });
    expect((await getStatus()).status).toBe(500);
    expect((await call(sim.url, '/api/endpoints/status', { headers: { 'x-access-token': token } })).status).toBe(200);
    const room = sim.control.rooms.list().find((r) => !r.offline)!;
    const post = await call(sim.url, `/api/endpoints/${room.id}/status`, { method: 'POST', headers: { 'x-access-token': token } });
    expect(post.status).toBe(405);
  });

  it('latencies add up and still let a terminal fault answer', async () => {
    sim.control.faults.add({ kind: 'latency', ms: 60 });
    sim.control.faults.add({ kind: 'latency', ms: 60 });
    sim.control.faults.add({ kind: 'status', status: 502, count: 1 });
    const t0 = performance.now();
    expect((await getStatus()).status).toBe(502);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(110);
    expect(sim.control.faults.list().map((f) => f.kind)).toEqual(['latency', 'latency']);
  });

  it('a bad spec is refused', () => {
    expect(() => sim.control.faults.add({ kind: 'status', status: 404 as 500 })).toThrow();
  });
});

describe('over HTTP: /_sim/faults and /_sim/log', () => {
  it('POST adds a rule, GET lists it, DELETE :id removes it, DELETE clears all', async () => {
    const added = await control<{ id: string }>(sim, '/_sim/faults', { method: 'POST', body: { kind: 'status', status: 503, match: { path: '/api/' } } });
    expect(added.status).toBe(201);
    expect((await getStatus()).status).toBe(503);
    const list = await control<{ id: string; applied: number }[]>(sim, '/_sim/faults');
    expect(list.body).toMatchObject([{ id: added.body.id, kind: 'status', applied: 1, remaining: null }]);
    expect((await control(sim, `/_sim/faults/${added.body.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await getStatus()).status).toBe(200);
    await control(sim, '/_sim/faults', { method: 'POST', body: { kind: 'html' } });
    expect((await control(sim, '/_sim/faults', { method: 'DELETE' })).status).toBe(204);
    expect((await getStatus()).status).toBe(200);
    const bad = await control(sim, '/_sim/faults', { method: 'POST', body: { kind: 'explode' } });
    expect(bad.status).toBe(400);
  });

  it('the request log records the fault that answered', async () => {
    await control(sim, '/_sim/log', { method: 'DELETE' });
    sim.control.faults.add({ kind: 'reset', count: 1 });
    await raw(roomPath, 2000);
    sim.control.faults.add({ kind: 'rate_limit', count: 1 });
    await getStatus();
    const log = (await control<{ status: number; fault?: string; path: string }[]>(sim, '/_sim/log')).body;
    expect(log.map((e) => [e.path, e.status, e.fault])).toEqual([
      [roomPath, 0, 'reset'],
      [roomPath, 429, 'rate_limit'],
    ]);
  });
});
