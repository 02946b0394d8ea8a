// Relay reads: endpoints (the Endpoint entity), per-room and bulk status, offline rooms, enterprise,
// health, and provisioning writes with the read-only rule.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSim } from '../../../sim/index.ts';
import { call, expectRelayError, expectSameShape, relayTokenFor, start } from './helpers.ts';

let sim: RunningSim;
let rw: string;
let ro: string;
beforeAll(async () => {
  sim = await start();
  rw = await relayTokenFor(sim, 'relayAccount');
  ro = await relayTokenFor(sim, 'user');
});
afterAll(() => sim.close());

const get = (path: string, token = rw) => call(sim.url, path, { headers: { 'x-access-token': token } });

const endpointExample = {
  id: 'x', name: 'x', ipAddress: 'x', port: 1, listenerServiceId: 'x', controlProtocol: 'x', signalingProtocol: 'x', dialStyle: 'x',
  addressStyle: 'x', username: 'x', password: null, calendarId: 'x', calendarType: 'x', calendarPushMode: 'x', autoJoinMode: null,
  inMeetingControls: 'x', manualMeetingDialer: 'x', validatePasscodes: 'x', meetingPrivacyMode: 'x', registerToSipProxy: 'x',
  zeroTouchType: 'x', meshBaseUri: null, location: 'x', geolocation: { latitude: 1, longitude: 1 }, elevation: 1, pointOfContact: 'x',
  assetId: 'x', externalId: null, announcementId: null, contactListId: null, customData: {},
};
const statusExample = {
  endpointId: 'x', callState: 'x', callActive: true, dialing: true, microphoneMuted: true, meetingId: 'x', meetingTitle: 'x', reserved: true, timestamp: 1,
};

describe('GET /api/endpoints', () => {
  it('is a bare array of Endpoint entities with password always null', async () => {
    const r = await get('/api/endpoints');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    const list = r.body as Record<string, unknown>[];
    expect(list).toHaveLength(24);
    for (const e of list) {
      const keys = Object.keys(e).sort();
      expect(keys).toEqual(Object.keys(endpointExample).sort());
      expect(e['password']).toBeNull();
      expect(e['id']).toMatch(/^[0-9a-f]{24}$/);
      expect(e['customData']).toMatchObject({ site: expect.any(String), floor: expect.any(Number), model: expect.any(String) });
    }
    expect(new Set(list.map((e) => e['name'])).size).toBe(24);
    expect(new Set(list.map((e) => e['controlProtocol'])).size).toBeGreaterThan(3);
  });

  it('GET /api/endpoints/:id returns one; an unknown id is 404 EndpointNotFound', async () => {
    const id = sim.control.rooms.list()[0]!.id;
    const r = await get(`/api/endpoints/${id}`);
    expect(r.status).toBe(200);
    expect((r.body as { id: string }).id).toBe(id);
    expectRelayError(await get('/api/endpoints/000000000000000000000000'), 404, 'EndpointNotFound');
  });

  it('a read-only token reads endpoints but cannot change provisioning (403)', async () => {
    const id = sim.control.rooms.list()[0]!.id;
    expect((await get('/api/endpoints', ro)).status).toBe(200);
    expectRelayError(await call(sim.url, `/api/endpoints/${id}`, { method: 'PUT', headers: { 'x-access-token': ro }, body: { name: 'Renamed' } }), 403, 'AccessDenied');
    expectRelayError(await call(sim.url, '/api/endpoints', { method: 'POST', headers: { 'x-access-token': ro }, body: { name: 'New' } }), 403, 'AccessDenied');
    expectRelayError(await call(sim.url, `/api/endpoints/${id}`, { method: 'DELETE', headers: { 'x-access-token': ro } }), 403, 'AccessDenied');
  });

  it('a read-write token updates, creates and deletes endpoints; the list follows', async () => {
    const id = sim.control.rooms.list()[1]!.id;
    const put = await call(sim.url, `/api/endpoints/${id}`, { method: 'PUT', headers: { 'x-access-token': rw }, body: { name: 'Renamed room', password: 'secret' } });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ id, name: 'Renamed room', password: null });
    const ls = sim.control.listenerServices.list()[0]!;
    const body = { name: 'Brand new room', ipAddress: '10.9.8.7', port: 443, listenerServiceId: ls.id, controlProtocol: 'TANDBERG_HTTP' };
    const created = await call<{ id: string }>(sim.url, '/api/endpoints', { method: 'POST', headers: { 'x-access-token': rw }, body });
    expect(created.status).toBe(200);
    expect(Object.keys(created.body).sort()).toEqual(Object.keys(endpointExample).sort());
    expect(created.body).toMatchObject({ ...body, password: null });
    let list = (await get('/api/endpoints')).body as { id: string; name: string }[];
    expect(list).toHaveLength(25);
    expect(list.find((e) => e.id === id)?.name).toBe('Renamed room');
    expect((await call(sim.url, `/api/endpoints/${created.body.id}`, { method: 'DELETE', headers: { 'x-access-token': rw } })).status).toBe(204);
    list = (await get('/api/endpoints')).body as { id: string; name: string }[];
    expect(list).toHaveLength(24);
  });

  it('a malformed or invalid provisioning body is a 400', async () => {
    const id = sim.control.rooms.list()[2]!.id;
    expectRelayError(
      await call(sim.url, `/api/endpoints/${id}`, { method: 'PUT', headers: { 'x-access-token': rw, 'content-type': 'application/json' }, raw: '{"name":' }),
      400,
      'MalformedJson',
    );
    expectRelayError(await call(sim.url, `/api/endpoints/${id}`, { method: 'PUT', headers: { 'x-access-token': rw }, body: { port: 'eighty' } }), 400, 'InvalidRequest');
  });

  it('unknown paths are 404 and wrong methods 405, in the Relay error body', async () => {
    expectRelayError(await get('/api/nothing'), 404, 'NotFound');
    expectRelayError(await call(sim.url, '/api/endpoints/status', { method: 'POST', headers: { 'x-access-token': rw } }), 405, 'MethodNotAllowed');
  });
});

describe('status', () => {
  it('GET /api/endpoints/:id/status answers our documented shape', async () => {
    const room = sim.control.rooms.list().find((r) => r.callState === 'active' && !r.offline)!;
    const r = await get(`/api/endpoints/${room.id}/status`);
    expect(r.status).toBe(200);
    expectSameShape(r.body, statusExample);
    expect(r.body).toMatchObject({ endpointId: room.id, callState: 'active', callActive: true, dialing: false, meetingId: room.meetingId, timestamp: sim.control.clock.now() });
    const idle = sim.control.rooms.list().find((x) => x.callState === 'inactive' && !x.offline)!;
    expect((await get(`/api/endpoints/${idle.id}/status`)).body).toMatchObject({ callState: 'inactive', callActive: false, meetingId: null, meetingTitle: null });
    expectRelayError(await get('/api/endpoints/000000000000000000000000/status'), 404, 'EndpointNotFound');
  });

  it('GET /api/endpoints/status is every room in one bare array', async () => {
    const r = await get('/api/endpoints/status');
    expect(r.status).toBe(200);
    const items = r.body as Record<string, unknown>[];
    expect(items).toHaveLength(24);
    for (const item of items) expectSameShape(item, { endpointId: 'x', timestamp: 1, callActive: true, reserved: true, callState: 'x' });
    const rooms = sim.control.rooms.list();
    for (const item of items) {
      const room = rooms.find((x) => x.id === item['endpointId'])!;
      expect(item['callState']).toBe(room.callState);
      expect(item['callActive']).toBe(room.callState === 'active');
      expect(item['reserved']).toBe(room.reserved);
    }
  });

  it('an offline room: 504 CommandTimedOut per room, and a bulk timestamp frozen when it went offline', async () => {
    const room = sim.control.rooms.list().find((x) => !x.offline && x.callState === 'inactive')!;
    const wentOffline = sim.control.clock.now();
    sim.control.rooms.set(room.id, { offline: true, hold: true });
    const one = await get(`/api/endpoints/${room.id}/status`);
    // Only its device is down: the command timed out (catalog). ListenerOffline is for a Listener Service outage.
    expectRelayError(one, 504, 'CommandTimedOut');
    expect(one.body).toMatchObject({ errorCode: 1331991805, errorDetails: { commandName: 'Status', listenerServiceId: room.listenerServiceId } });
    sim.control.clock.advance(60_000);
    const items = (await get('/api/endpoints/status')).body as { endpointId: string; timestamp: number }[];
    expect(items.find((i) => i.endpointId === room.id)?.timestamp).toBe(wentOffline);
    const online = items.find((i) => i.endpointId !== room.id && !sim.control.rooms.get(i.endpointId)?.offline)!;
    expect(online.timestamp).toBe(wentOffline + 60_000);
    expectRelayError(await call(sim.url, `/api/endpoints/${room.id}/hangup`, { method: 'POST', headers: { 'x-access-token': rw } }), 504, 'CommandTimedOut');
    sim.control.rooms.set(room.id, { offline: false });
    expect((await get(`/api/endpoints/${room.id}/status`)).status).toBe(200);
  });

  it('the demo mix at start: a third of the rooms in calls, a few dialing, one offline', async () => {
    const fresh = await start({ seed: 99 });
    try {
      const rooms = fresh.control.rooms.list();
      const count = (f: (r: (typeof rooms)[number]) => boolean) => rooms.filter(f).length;
      expect(count((r) => r.offline)).toBe(1);
      expect(count((r) => r.callState === 'dialing')).toBe(2);
      expect(count((r) => r.callState === 'active')).toBe(8);
    } finally {
      await fresh.close();
    }
  });
});

describe('enterprise and health', () => {
  it('GET /api/system/health needs no credentials', async () => {
    const r = await call(sim.url, '/api/system/health');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ amqp: 'ok', db: 'ok', amqp_cluster: 'ok', api: 'ok', grid: 'ok', hostname: expect.any(String) });
  });

  it('GET /api/enterprises/self needs credentials', async () => {
    expectRelayError(await call(sim.url, '/api/enterprises/self'), 401, 'BadCredentialsException');
    expect((await get('/api/enterprises/self', ro)).body).toMatchObject({ name: sim.credentials.enterprise.name, password: null, tags: [] });
  });
});
