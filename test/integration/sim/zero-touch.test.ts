// Zero Touch: a pairing-code token reaches only its own room and only the zero-touch calls; its calls
// keep a PairedStatus alive, which goes after a quiet minute or when the token is deleted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSim } from '../../../sim/index.ts';
import { call, expectRelayError, expectSameShape, relayTokenFor, seamToken, start } from './helpers.ts';

let sim: RunningSim;
let admin: string;
beforeAll(async () => {
  sim = await start();
  admin = await relayTokenFor(sim);
});
afterAll(() => sim.close());

interface Paired {
  token: string;
  endpointId: string;
  pairingCodeId: string;
}

async function pair(index: number): Promise<Paired> {
  const room = sim.credentials.pairingCodes[index]!;
  sim.control.rooms.set(room.endpointId, { offline: false, callState: 'inactive', hold: true });
  const seam = await seamToken(sim, 'user');
  const r = await call<{ accessToken: string; pairingCodeEndpointId: string; pairingCodeId: string }>(
    sim.url,
    `/api/auth/accesstokens?seamaccesstoken=${encodeURIComponent(seam)}&code=${room.code}`,
    { method: 'POST', body: { clientName: 'Room tablet' } },
  );
  expect(r.status).toBe(200);
  return { token: r.body.accessToken, endpointId: r.body.pairingCodeEndpointId, pairingCodeId: r.body.pairingCodeId };
}

const as = (token: string, path: string, method = 'GET', body?: unknown) => call(sim.url, path, { method, headers: { 'x-access-token': token }, body });

describe('a pairing-code token', () => {
  it('may make every zero-touch call on its own endpoint, in the seed order', async () => {
    const p = await pair(0);
    const info = await as(p.token, `/api/endpoints/${p.pairingCodeId}/pairingcode`);
    expect(info.status).toBe(200);
    expectSameShape(info.body, {
      id: 'x', code: 'x', endpointId: 'x', endpointName: 'x', location: 'x', controlProtocol: 'x', zeroTouchType: 'x',
      capabilities: { JOIN: true, HANGUP: true, STATUS: true, MUTE_MICROPHONE: true, CALENDAR_PUSH: true },
    });
    expect(info.body).toMatchObject({ id: p.pairingCodeId, endpointId: p.endpointId, code: sim.credentials.pairingCodes[0]!.code });
    const meetings = await as(p.token, `/api/meetings/?endpoint=${p.endpointId}`);
    expect(meetings.status).toBe(200);
    const m = sim.credentials.meetings[0]!;
    expect((await as(p.token, `/api/meetings/${m.numericId}/joinflow?passcode=${m.participantPasscode}`)).body).toBe('JOIN_NOW');
    expect((await as(p.token, `/api/endpoints/${p.endpointId}/join`, 'POST', { meetingId: m.numericId, passcode: m.participantPasscode })).status).toBe(204);
    sim.control.clock.advance(10_000);
    expect((await as(p.token, `/api/endpoints/${p.endpointId}/status`)).body).toMatchObject({ callState: 'active' });
    expect((await as(p.token, `/api/endpoints/${p.endpointId}/paired`)).status).toBe(200);
    expect((await as(p.token, `/api/endpoints/${p.endpointId}/mutemicrophone`, 'POST')).status).toBe(204);
    expect((await as(p.token, `/api/endpoints/${p.endpointId}/unmutemicrophone`, 'POST')).status).toBe(204);
    expect((await as(p.token, `/api/endpoints/${p.endpointId}/hangup`, 'POST')).status).toBe(204);
    expect((await as(p.token, `/api/auth/accesstokens/${p.token}`, 'DELETE')).status).toBe(204);
  });

  it('gets 403 for any other room and for every call outside the zero-touch list', async () => {
    const p = await pair(1);
    const other = sim.credentials.pairingCodes[2]!;
    for (const [method, path] of [
      ['GET', `/api/endpoints/${other.endpointId}/status`],
      ['POST', `/api/endpoints/${other.endpointId}/hangup`],
      ['GET', `/api/endpoints/${other.endpointId}/paired`],
      ['GET', `/api/endpoints/${other.pairingCodeId}/pairingcode`],
      ['GET', `/api/meetings/?endpoint=${other.endpointId}`],
      ['GET', '/api/endpoints'],
      ['GET', '/api/endpoints/status'],
      ['GET', `/api/endpoints/${p.endpointId}`],
      ['PUT', `/api/endpoints/${p.endpointId}`],
      ['GET', '/api/enterprises/self'],
      ['GET', `/api/auth/accesstokens/${p.token}`],
      ['DELETE', `/api/auth/accesstokens/${admin}`],
    ] as const) {
      expectRelayError(await as(p.token, path, method, method === 'PUT' ? { name: 'x' } : undefined), 403, 'AccessDenied');
    }
  });

  it('lives one day of sim time', async () => {
    const p = await pair(3);
    sim.control.clock.advance(86_400_000);
    expectRelayError(await as(p.token, `/api/endpoints/${p.endpointId}/status`), 401, 'BadCredentialsException');
  });
});

describe('PairedStatus', () => {
  it('is created by a zero-touch call, refreshed by the next, and gone after a minute without one', async () => {
    const p = await pair(4);
    const list = async () => (await as(admin, `/api/endpoints/${p.endpointId}/paired`)).body as Record<string, unknown>[];
    expect(await list()).toEqual([]); // creating the token is not yet a zero-touch call
    await as(p.token, `/api/meetings/${sim.credentials.meetings[0]!.numericId}/joinflow`);
    expect(await list()).toEqual([]); // joinflow names no endpoint, so it pairs nothing
    const t0 = sim.control.clock.now();
    await as(p.token, `/api/endpoints/${p.endpointId}/status`);
    const [first] = await list();
    expectSameShape(first, {
      id: 'x', endpointId: 'x', pairingCodeId: 'x', username: 'x', firstName: 'x', lastName: 'x', clientName: 'x',
      clientDeviceType: 'x', creationDate: 1, lastUpdated: 1, expirationDate: 1,
    });
    expect(first).toMatchObject({ endpointId: p.endpointId, username: sim.credentials.user.username, clientName: 'Room tablet', lastUpdated: t0, expirationDate: t0 + 60_000 });
    sim.control.clock.advance(50_000);
    const t1 = sim.control.clock.now();
    await as(p.token, `/api/endpoints/${p.endpointId}/status`);
    sim.control.clock.advance(50_000);
    expect(await list()).toMatchObject([{ creationDate: t0, lastUpdated: t1 }]);
    sim.control.clock.advance(10_000);
    expect(await list()).toEqual([]);
  });

  it('goes when its token is deleted', async () => {
    const p = await pair(5);
    await as(p.token, `/api/endpoints/${p.endpointId}/paired`);
    expect(((await as(admin, `/api/endpoints/${p.endpointId}/paired`)).body as unknown[]).length).toBe(1);
    expect((await as(admin, `/api/auth/accesstokens/${p.token}`, 'DELETE')).status).toBe(204);
    expect((await as(admin, `/api/endpoints/${p.endpointId}/paired`)).body).toEqual([]);
  });

  it('GET /api/endpoints/:pairingCodeId/pairingcode for an unknown id is 404', async () => {
    expectRelayError(await as(admin, '/api/endpoints/000000000000000000000000/pairingcode'), 404, 'PairingCodeNotFound');
  });
});
