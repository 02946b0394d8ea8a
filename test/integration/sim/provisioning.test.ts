// Endpoint provisioning in the simulator: each validation rule answers 400 in the Relay error body, the
// device password is write-only, and a read-only token is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSim } from '../../../sim/index.ts';
import { call, expectRelayError, relayTokenFor, start } from './helpers.ts';

let sim: RunningSim;
let rw: string;
let ro: string;
beforeAll(async () => {
  sim = await start();
  rw = await relayTokenFor(sim, 'relayAccount');
  ro = await relayTokenFor(sim, 'user');
});
afterAll(() => sim.close());

const send = (method: string, path: string, body: unknown, token = rw) => call<Record<string, unknown>>(sim.url, path, { method, headers: { 'x-access-token': token }, body });
const newRoom = (over: Record<string, unknown> = {}) => ({
  name: `Test room ${Math.random().toString(36).slice(2, 8)}`,
  ipAddress: '10.20.30.40',
  port: 443,
  listenerServiceId: sim.control.listenerServices.list()[1]!.id,
  controlProtocol: 'POLYCOM_HTTP_HDX',
  ...over,
});

describe('POST /api/endpoints', () => {
  it('creates a room at its Listener Service’s site, with what it was given and nothing invented', async () => {
    const body = newRoom({ calendarId: 'aus-new@resource.calendar.google.com', calendarType: 'GOOGLE', customData: { siteName: 'Austin', floor: 2 } });
    const r = await send('POST', '/api/endpoints', body);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ ...body, password: null, id: expect.stringMatching(/^[0-9a-f]{24}$/), assetId: null, location: null });
    const snap = sim.control.rooms.get(r.body['id'] as string)!;
    expect(snap).toMatchObject({ site: 'AUS', callState: 'inactive', offline: false, passwordSet: false });
  });

  it('needs a name, an address, a Listener Service and a control protocol', async () => {
    for (const field of ['name', 'ipAddress', 'listenerServiceId', 'controlProtocol']) {
      const body: Record<string, unknown> = newRoom();
      delete body[field];
      const r = await send('POST', '/api/endpoints', body);
      expectRelayError(r, 400, 'InvalidRequest');
      expect(r.body['errorDetails']).toMatchObject({ field });
    }
    expectRelayError(await send('POST', '/api/endpoints', newRoom({ name: '   ' })), 400, 'InvalidRequest');
    expectRelayError(await send('POST', '/api/endpoints', newRoom({ port: 70000 })), 400, 'InvalidRequest');
    expectRelayError(await send('POST', '/api/endpoints', newRoom({ controlProtocol: 'CARRIER_PIGEON' })), 400, 'InvalidRequest');
    expectRelayError(await send('POST', '/api/endpoints', newRoom({ id: '0123456789abcdef01234567' })), 400, 'InvalidRequest');
  });

  it('refuses a bad address', async () => {
    for (const ipAddress of ['10.1.2', '300.1.2.3', 'room one.corp', '-bad.example', '']) {
      const r = await send('POST', '/api/endpoints', newRoom({ ipAddress }));
      expectRelayError(r, 400, 'InvalidAddress');
      expect(r.body['errorDetails']).toMatchObject({ field: 'ipAddress' });
    }
    for (const ipAddress of ['10.1.2.3', 'fe80::1', 'codec-4.aus.northwind.example']) {
      expect((await send('POST', '/api/endpoints', newRoom({ ipAddress }))).status).toBe(200);
    }
  });

  it('refuses a duplicate name (without regard to case or spaces) and a duplicate calendar id', async () => {
    const existing = sim.control.rooms.list()[0]!;
    const r = await send('POST', '/api/endpoints', newRoom({ name: ` ${existing.name.toUpperCase()} ` }));
    expectRelayError(r, 400, 'DuplicateEndpointName');
    expect(r.body['errorDetails']).toMatchObject({ field: 'name', endpointId: existing.id });
    const first = await send('POST', '/api/endpoints', newRoom({ calendarId: 'shared@corp.example' }));
    expect(first.status).toBe(200);
    const dup = await send('POST', '/api/endpoints', newRoom({ calendarId: 'Shared@corp.example' }));
    expectRelayError(dup, 400, 'DuplicateCalendarId');
    expect(dup.body).toMatchObject({ errorCode: 1782937294, errorDetails: { message: expect.any(String), causeMessage: expect.any(String) } });
  });

  it('refuses an unknown Listener Service', async () => {
    const r = await send('POST', '/api/endpoints', newRoom({ listenerServiceId: '000000000000000000000000' }));
    expectRelayError(r, 400, 'UnknownListenerService');
    expect(r.body['errorDetails']).toMatchObject({ field: 'listenerServiceId', listenerServiceId: '000000000000000000000000' });
  });
});

describe('PUT /api/endpoints/:id', () => {
  it('keeps its own name, refuses another room’s, and never changes the id', async () => {
    const [a, b] = sim.control.rooms.list();
    expect((await send('PUT', `/api/endpoints/${a!.id}`, { name: a!.name, ipAddress: 'codec.example' })).status).toBe(200);
    expectRelayError(await send('PUT', `/api/endpoints/${a!.id}`, { name: b!.name }), 400, 'DuplicateEndpointName');
    expectRelayError(await send('PUT', `/api/endpoints/${a!.id}`, { id: b!.id }), 400, 'InvalidRequest');
    expectRelayError(await send('PUT', `/api/endpoints/${a!.id}`, { ipAddress: 'not an address' }), 400, 'InvalidAddress');
    expectRelayError(await send('PUT', `/api/endpoints/${a!.id}`, { listenerServiceId: 'nope' }), 400, 'UnknownListenerService');
    // The whole entity as read (unknown fields included) goes back unchanged.
    const read = (await call<Record<string, unknown>>(sim.url, `/api/endpoints/${a!.id}`, { headers: { 'x-access-token': rw } })).body;
    const again = await send('PUT', `/api/endpoints/${a!.id}`, { ...read, somethingNew: 1 });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(read);
  });

  it('the device password is write-only: accepted, kept, never returned', async () => {
    const room = sim.control.rooms.list()[3]!;
    expect(sim.control.rooms.get(room.id)!.passwordSet).toBe(false);
    const r = await send('PUT', `/api/endpoints/${room.id}`, { password: 'codec-secret-42' });
    expect(r.status).toBe(200);
    expect(r.body['password']).toBeNull();
    expect(JSON.stringify(r.body)).not.toContain('codec-secret-42');
    expect(sim.control.rooms.get(room.id)!.passwordSet).toBe(true);
    // null leaves it as it is (every read gives null).
    await send('PUT', `/api/endpoints/${room.id}`, { password: null, name: room.name });
    expect(sim.control.rooms.get(room.id)!.passwordSet).toBe(true);
    const list = await call(sim.url, '/api/endpoints', { headers: { 'x-access-token': rw } });
    expect(list.text).not.toContain('codec-secret-42');
    const created = await send('POST', '/api/endpoints', newRoom({ password: 'another-secret-7' }));
    expect(created.body['password']).toBeNull();
    expect(sim.control.rooms.get(created.body['id'] as string)!.passwordSet).toBe(true);
  });

  it('a read-only token cannot create, update or delete (403 AccessDenied)', async () => {
    const id = sim.control.rooms.list()[0]!.id;
    expectRelayError(await send('POST', '/api/endpoints', newRoom(), ro), 403, 'AccessDenied');
    expectRelayError(await send('PUT', `/api/endpoints/${id}`, { name: 'x' }, ro), 403, 'AccessDenied');
    expectRelayError(await call(sim.url, `/api/endpoints/${id}`, { method: 'DELETE', headers: { 'x-access-token': ro } }), 403, 'AccessDenied');
  });
});
