// The Relay infrastructure in the simulator: Listener Services with their state, a Listener Service
// taken offline (its rooms answer ListenerOffline, the bulk call freezes their timestamps, a failure record
// is written), failures from refused commands and injected faults, and health answering 503 when hosed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FailureRecord, RunningSim } from '../../../sim/index.ts';
import { call, control, expectRelayError, expectSameShape, relayTokenFor, start } from './helpers.ts';

let sim: RunningSim;
let rw: string;
beforeEach(async () => {
  sim = await start();
  rw = await relayTokenFor(sim, 'relayAccount');
});
afterEach(() => sim.close());

const get = <T = unknown>(path: string) => call<T>(sim.url, path, { headers: { 'x-access-token': rw } });
const failureExample = { id: 'x', subjectClass: 'x', subjectId: 'x', errorDate: 1, errorCode: 1, errorMessage: 'x', errorName: 'x', errorDetails: {} };

describe('GET /api/listenerservices', () => {
  it('lists one Listener Service per site with the documented fields and its state', async () => {
    const r = await get<Record<string, unknown>[]>('/api/listenerservices');
    expect(r.status).toBe(200);
    expect(r.body).toHaveLength(8);
    for (const ls of r.body) {
      expect(Object.keys(ls).sort()).toEqual(['assetId', 'externalId', 'id', 'location', 'name', 'online', 'pointOfContact'].sort());
      expect(ls['id']).toMatch(/^[0-9a-f]{24}$/);
      expect(ls['online']).toBe(true);
    }
    expect(r.body.map((ls) => ls['name'])).toContain('AUS-LS1');
    const rooms = sim.control.rooms.list();
    expect(rooms.every((room) => r.body.some((ls) => ls['id'] === room.listenerServiceId))).toBe(true);
    const one = await get(`/api/listenerservices/${r.body[0]!['id'] as string}`);
    expect(one.body).toEqual(r.body[0]);
    expectRelayError(await get('/api/listenerservices/000000000000000000000000'), 404, 'ListenerServiceNotFound');
  });
});

describe('a Listener Service outage', () => {
  it('makes its rooms answer ListenerOffline, freezes their bulk timestamps and writes a failure record', async () => {
    const ls = sim.control.listenerServices.list().find((l) => l.rooms.length >= 2)!;
    const at = sim.control.clock.now();
    const after = sim.control.listenerServices.set(ls.id, { online: false });
    expect(after).toMatchObject({ online: false, since: at });
    sim.control.clock.advance(30_000);
    for (const id of ls.rooms) {
      const r = await get(`/api/endpoints/${id}/status`);
      expectRelayError(r, 504, 'ListenerOffline');
      expect(r.body).toMatchObject({ errorCode: 208581637, errorDetails: { listenerServiceId: ls.id } });
      expect(sim.control.rooms.get(id)).toMatchObject({ offline: true, offlineCause: 'listener', since: at });
    }
    expectRelayError(await call(sim.url, `/api/endpoints/${ls.rooms[0]!}/hangup`, { method: 'POST', headers: { 'x-access-token': rw } }), 504, 'ListenerOffline');
    const bulk = (await get<{ endpointId: string; timestamp: number }[]>('/api/endpoints/status')).body;
    for (const id of ls.rooms) expect(bulk.find((b) => b.endpointId === id)?.timestamp).toBe(at);
    const listed = (await get<{ id: string; online: boolean }[]>('/api/listenerservices')).body;
    expect(listed.find((l) => l.id === ls.id)?.online).toBe(false);

    const failures = (await get<FailureRecord[]>('/api/failures/')).body;
    for (const f of failures) expectSameShape(f, failureExample);
    expect(failures[0]).toMatchObject({
      subjectClass: 'ListenerService',
      subjectId: ls.id,
      errorDate: at,
      errorCode: 208581637,
      errorName: 'ListenerOffline',
      errorMessage: 'The Listener Service is offline.',
      errorDetails: { listenerServiceId: ls.id },
    });
    // Each refused room call is a failed command, written once a minute per room at most.
    const perRoom = failures.filter((f) => f.subjectClass === 'Endpoint' && f.errorName === 'ListenerOffline');
    expect(new Set(perRoom.map((f) => f.subjectId))).toEqual(new Set(ls.rooms));
    expect(perRoom).toHaveLength(ls.rooms.length);

    sim.control.listenerServices.set(ls.id, { online: true });
    expect((await get(`/api/endpoints/${ls.rooms[0]!}/status`)).status).toBe(200);
  });

  it('works over the control API too, with its token', async () => {
    const ls = sim.control.listenerServices.list()[2]!;
    const r = await control<{ online: boolean }>(sim, `/_sim/listenerservices/${ls.id}`, { method: 'POST', body: { online: false } });
    expect(r.status).toBe(200);
    expect(r.body.online).toBe(false);
    expect((await control(sim, '/_sim/listenerservices/nope', { method: 'POST', body: { online: false } })).status).toBe(404);
    expect((await control(sim, `/_sim/listenerservices/${ls.id}`, { method: 'POST', body: { online: 'no' } })).status).toBe(400);
    expect((await call(sim.url, `/_sim/listenerservices/${ls.id}`, { method: 'POST', body: { online: true } })).status).toBe(401);
    expect((await control<FailureRecord[]>(sim, '/_sim/failures')).body.some((f) => f.subjectId === ls.id)).toBe(true);
    expect((await control(sim, '/_sim/failures', { method: 'DELETE' })).status).toBe(204);
    expect(sim.control.failures.list()).toEqual([]);
  });
});

describe('failures from faults', () => {
  it('an injected server error on a room’s command is a failure record of that room', async () => {
    const room = sim.control.rooms.list().find((r) => r.callState === 'active' && !r.offline)!;
    sim.control.faults.add({ match: { path: `/api/endpoints/${room.id}/mutemicrophone` }, kind: 'status', status: 502, count: 1 });
    expect((await call(sim.url, `/api/endpoints/${room.id}/mutemicrophone`, { method: 'POST', headers: { 'x-access-token': rw } })).status).toBe(502);
    expect(sim.control.failures.list()).toEqual([
      expect.objectContaining({ subjectClass: 'Endpoint', subjectId: room.id, errorName: 'BadGateway', errorDetails: { command: 'mutemicrophone', status: 502 } }),
    ]);
  });

  it('a room whose device is down writes CommandTimedOut', async () => {
    const room = sim.control.rooms.list().find((r) => !r.offline)!;
    sim.control.rooms.set(room.id, { offline: true, hold: true });
    await get(`/api/endpoints/${room.id}/status`);
    expect(sim.control.failures.list()).toEqual([expect.objectContaining({ subjectClass: 'Endpoint', subjectId: room.id, errorName: 'CommandTimedOut', errorCode: 1331991805 })]);
  });
});

describe('GET /api/system/health', () => {
  it('answers 200 when every service is ok and 503 with the hosed ones when one is faulted', async () => {
    const ok = await call<Record<string, string>>(sim.url, '/api/system/health');
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ amqp: 'ok', db: 'ok', amqp_cluster: 'ok', api: 'ok', grid: 'ok', hostname: 'relay-storm-sim' });
    sim.control.health.set('amqp', 'hosed');
    const bad = await call<Record<string, string>>(sim.url, '/api/system/health');
    expect(bad.status).toBe(503);
    expect(bad.body).toMatchObject({ amqp: 'hosed', db: 'ok' });
    expect((await control(sim, '/_sim/health', { method: 'POST', body: { service: 'amqp', state: 'ok' } })).status).toBe(200);
    expect((await call(sim.url, '/api/system/health')).status).toBe(200);
    expect((await control(sim, '/_sim/health', { method: 'POST', body: { service: 'dns', state: 'hosed' } })).status).toBe(400);
  });
});
