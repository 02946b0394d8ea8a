// The /_sim/ control API over HTTP, the request log (with every secret masked), determinism of the
// world for a fixed seed, startSim's options, and close() with open keep-alive and stalled sockets.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoomSnapshot, RunningSim } from '../../../sim/index.ts';
import { basic, call, control, relayTokenFor, seamToken, start, START } from './helpers.ts';

let sim: RunningSim;
beforeAll(async () => {
  sim = await start();
});
afterAll(() => sim.close());

describe('/_sim/ over HTTP', () => {
  it('lists rooms with pairing codes, sets a room state, and reads it back through Relay', async () => {
    const rooms = (await control<RoomSnapshot[]>(sim, '/_sim/rooms')).body;
    expect(rooms).toHaveLength(24);
    expect(rooms[0]).toMatchObject({ id: expect.stringMatching(/^[0-9a-f]{24}$/), pairingCode: expect.stringMatching(/^[A-Z]{5}$/) });
    const id = rooms.find((r) => !r.offline)!.id;
    const m = sim.credentials.meetings[1]!;
    const set = await control<RoomSnapshot>(sim, `/_sim/rooms/${id}`, { method: 'POST', body: { callState: 'active', muted: true, meetingId: m.numericId, hold: true } });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ callState: 'active', muted: true, meetingId: m.numericId, held: true });
    const token = await relayTokenFor(sim);
    const status = await call(sim.url, `/api/endpoints/${id}/status`, { headers: { 'x-access-token': token } });
    expect(status.body).toMatchObject({ callState: 'active', microphoneMuted: true, meetingId: m.numericId, meetingTitle: m.title });
    expect((await control(sim, `/_sim/rooms/${id}`, { method: 'POST', body: { callState: 'ringing' } })).status).toBe(400);
    expect((await control(sim, '/_sim/rooms/nope', { method: 'POST', body: { offline: true } })).status).toBe(404);
    expect((await control(sim, `/_sim/rooms/${id}`, { method: 'POST', body: { meetingId: '1' } })).status).toBe(400);
  });

  it('freezes, advances and resumes the clock', async () => {
    const frozen = (await control<{ now: number; frozen: boolean }>(sim, '/_sim/clock')).body;
    expect(frozen.frozen).toBe(true);
    const advanced = await control<{ now: number }>(sim, '/_sim/clock/advance', { method: 'POST', body: { ms: 5000 } });
    expect(advanced.body.now).toBe(frozen.now + 5000);
    expect((await control(sim, '/_sim/clock/advance', { method: 'POST', body: { ms: -1 } })).status).toBe(400);
    expect((await control(sim, '/_sim/clock/resume', { method: 'POST' })).body).toMatchObject({ frozen: false });
    expect((await control(sim, '/_sim/clock/freeze', { method: 'POST' })).body).toMatchObject({ frozen: true });
  });

  it('expires tokens, lists meetings and credentials', async () => {
    const token = await relayTokenFor(sim);
    expect((await control(sim, '/_sim/tokens/expire', { method: 'POST', body: { token } })).body).toEqual({ expired: 1 });
    expect((await call(sim.url, '/api/endpoints', { headers: { 'x-access-token': token } })).status).toBe(401);
    const all = await control<{ expired: number }>(sim, '/_sim/tokens/expire', { method: 'POST' });
    expect(all.body.expired).toBeGreaterThan(0);
    const meetings = (await control<{ numericId: string }[]>(sim, '/_sim/meetings')).body;
    expect(meetings.map((m) => m.numericId)).toEqual(expect.arrayContaining(sim.credentials.meetings.map((m) => m.numericId)));
    expect((await control(sim, '/_sim/credentials')).body).toEqual(sim.credentials);
  });
});

describe('request log', () => {
  it('records method, path, query, headers, status and grant type, with every secret masked', async () => {
    await control(sim, '/_sim/log', { method: 'DELETE' });
    const c = sim.credentials;
    const seam = await seamToken(sim, 'admin');
    const relay = await call<{ accessToken: string }>(sim.url, `/api/auth/accesstokens?seamaccesstoken=${encodeURIComponent(seam)}`, { method: 'POST' });
    const relayToken = relay.body.accessToken;
    await call(sim.url, `/api/endpoints?accesstoken=${relayToken}`);
    await call(sim.url, '/api/endpoints', { headers: { 'x-access-token': relayToken, cookie: 'session=abc123' } });
    await call(sim.url, `/v1/user/${c.admin.userId}`, { headers: { authorization: `Bearer ${seam}` } });
    await call(sim.url, '/api/enterprises/self', { headers: { authorization: basic(c.relayAccount.username, c.relayAccount.password) } });
    await call(sim.url, `/api/auth/accesstokens/${relayToken}`, { method: 'GET', headers: { 'x-access-token': relayToken } });
    await call(sim.url, `/oauth2/token?access_token=${encodeURIComponent(seam)}&client_secret=${c.app.clientSecret}&code=abc&refresh_token=r1&password=p`, { method: 'DELETE' });
    await call(sim.url, `/api/meetings/${c.meetings[0]!.numericId}/joinflow?passcode=${c.meetings[0]!.participantPasscode}`, { headers: { 'x-access-token': relayToken } });

    const reply = await control<Record<string, unknown>[]>(sim, '/_sim/log');
    const text = reply.text;
    for (const secret of [seam, relayToken, c.admin.password, c.app.clientSecret, 'abc123', Buffer.from(`${c.relayAccount.username}:${c.relayAccount.password}`).toString('base64')]) {
      expect(text).not.toContain(secret);
    }
    const log = reply.body;
    expect(log[0]).toMatchObject({ method: 'POST', path: '/oauth2/token', status: 200, bodyGrantType: 'password', at: expect.any(Number) });
    expect(log[1]).toMatchObject({ path: '/api/auth/accesstokens', query: { seamaccesstoken: '***' } });
    expect(log[2]).toMatchObject({ query: { accesstoken: '***' } });
    expect(log[3]).toMatchObject({ headers: { 'x-access-token': '***', cookie: '***' } });
    expect(log[4]).toMatchObject({ headers: { authorization: 'Bearer ***' } });
    expect(log[5]).toMatchObject({ headers: { authorization: 'Basic ***' } });
    expect(log[6]).toMatchObject({ path: '/api/auth/accesstokens/***' });
    expect(log[7]).toMatchObject({ query: { access_token: '***', client_secret: '***', code: '***', refresh_token: '***', password: '***' } });
    expect(log[8]).toMatchObject({ query: { passcode: '***' } });
    expect(log).toHaveLength(9);
    expect(sim.control.log()).toHaveLength(9);
    sim.control.clearLog();
    expect(sim.control.log()).toEqual([]);
  });

  it('keeps the newest entries up to its capacity', async () => {
    const small = await start({ logCapacity: 3 });
    try {
      for (let i = 0; i < 5; i++) await call(small.url, `/api/system/health?i=${i}`);
      expect(small.control.log().map((e) => e.query['i'])).toEqual(['2', '3', '4']);
    } finally {
      await small.close();
    }
  });
});

describe('determinism and options', () => {
  const snapshot = (s: RunningSim) => s.control.rooms.list().map((r) => [r.id, r.name, r.callState, r.muted, r.offline, r.meetingId, r.pairingCode]);

  it('the same seed gives the same world and the same future, however often it is read', async () => {
    const a = await start({ seed: 42, rooms: 60 });
    const b = await start({ seed: 42, rooms: 60 });
    const c = await start({ seed: 43, rooms: 60 });
    try {
      expect(snapshot(a)).toEqual(snapshot(b));
      expect(snapshot(a)).not.toEqual(snapshot(c));
      // a is read every simulated minute, b only at the end: same state after 3 hours.
      for (let i = 0; i < 180; i++) {
        a.control.clock.advance(60_000);
        a.control.rooms.list();
      }
      b.control.clock.advance(180 * 60_000);
      expect(snapshot(a)).toEqual(snapshot(b));
      const changed = snapshot(a).filter((row, i) => JSON.stringify(row) !== JSON.stringify(snapshot(c)[i]));
      expect(changed.length).toBeGreaterThan(0);
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  });

  it('rooms change over time: every state occurs, mute flips, and some room goes offline and back', async () => {
    const s = await start({ seed: 5, rooms: 200 });
    try {
      const seen = new Set<string>();
      let flips = 0;
      let last = new Map(s.control.rooms.list().map((r) => [r.id, r]));
      for (let minute = 0; minute < 6 * 60; minute++) {
        s.control.clock.advance(60_000);
        const now = s.control.rooms.list();
        for (const r of now) {
          seen.add(r.offline ? 'offline' : r.callState);
          const before = last.get(r.id)!;
          if (before.callState === 'active' && r.callState === 'active' && before.muted !== r.muted) flips++;
        }
        last = new Map(now.map((r) => [r.id, r]));
      }
      expect([...seen].sort()).toEqual(['active', 'dialing', 'inactive', 'offline']);
      expect(flips).toBeGreaterThan(0);
      const inCalls = [...last.values()].filter((r) => r.callState === 'active').length;
      expect(inCalls).toBeGreaterThan(200 * 0.15);
      expect(inCalls).toBeLessThan(200 * 0.6);
    } finally {
      await s.close();
    }
  });

  it('validates its options', async () => {
    await expect(start({ rooms: 20_001 })).rejects.toThrow(RangeError);
    await expect(start({ rooms: -1 })).rejects.toThrow(RangeError);
    const custom = await start({ rooms: 0, tokenLifetimes: { client: 60 } });
    try {
      expect(custom.control.rooms.list()).toEqual([]);
      expect(custom.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(custom.urls).toEqual({ api: custom.url, authorize: `${custom.url}/oauth2/authorize`, relay: `${custom.url}/api`, control: `${custom.url}/_sim` });
      const c = custom.credentials.app;
      const r = await call(custom.url, '/oauth2/token', { method: 'POST', body: { grant_type: 'client_credentials', client_id: c.clientId, client_secret: c.clientSecret } });
      expect(r.body).toMatchObject({ expires_in: 60 });
      expect(custom.control.clock.now()).toBe(START);
    } finally {
      await custom.close();
    }
  });
});

describe('close()', () => {
  it('closes promptly with an idle keep-alive socket and a stalled response open', async () => {
    const s = await start();
    const keepAlive = await fetch(`${s.url}/api/system/health`);
    await keepAlive.text();
    s.control.faults.add({ kind: 'stall' });
    const stalled = new Promise<string>((resolve) => {
      const req = request(`${s.url}/api/system/health`, (res) => {
        res.on('data', () => undefined);
        res.on('close', () => resolve('closed'));
      });
      req.on('error', () => resolve('error'));
      req.end();
    });
    await new Promise((r) => setTimeout(r, 50));
    const t0 = performance.now();
    await s.close();
    expect(performance.now() - t0).toBeLessThan(1000);
    await expect(stalled).resolves.toMatch(/closed|error/);
  });
});
