// The seeds' example responses (../shared/seeds/*.txt) and the reference's examples come back field for
// field: the same keys with the same JSON types, with fresh values.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSim } from '../../../sim/index.ts';
import { basic, call, expectSameShape, seamToken, start } from './helpers.ts';

// Seed 001 (client grant, "JSON Return Values").
const seed001Client = {
  access_token: '7db847d4fcb04f79982d9fa776592a31',
  expires_in: 3600,
  scope: { enterprise: 28663, partitionName: 'z2', partition: { id: 2, name: 'z2' } },
};
// Seed 003 (Basic, and again for seamaccesstoken).
const seed003Relay = {
  enterpriseName: 'myenterprise',
  accessToken: 'DFG67SD876DFG76SDF5',
  creationDate: 1418375348052,
  expirationDate: 1419584948052,
  roles: ['ROLE_READWRITE', 'ROLE_READONLY'],
  clientName: null,
};
// Seed 003 (Zero Touch).
const seed003ZeroTouch = {
  accessToken: 'r9vp3vrlu47chg9shon87vmd76vpa3nh',
  creator: 'anonymousUser',
  enterpriseName: 'myenterprise',
  creationDate: 1629158942852,
  expirationDate: 1630368542852,
  clientName: 'my_relay_client_app',
  roles: ['ROLE_PAIRINGCODE'],
  seamId: 783,
  pairingCodeId: '611afe8d58320c7828ebd1a7',
  pairingCodeEndpointId: '5f8772d7e16c9da04f43df5e',
  clientDeviceType: 'NATIVE_IOS',
};
// Reference §1.1 (password grant), §1.2 (meeting grant), §2.2 (enterprise).
const refPassword = { access_token: 'x@z2', expires_in: 1209600, refresh_token: '', scope: { user: 1442589, partitionName: 'z2', partition: { id: 2, name: 'z2' } } };
const refMeeting = {
  access_token: 'x@z2',
  expires_in: 86400,
  scope: {
    meeting: { id: 72660, leaderId: 4835, meetingNumericId: '494435558', meetingUri: '/v1/user/4835/live_meetings/494435558', isModerator: true, endpointUriSet: [], meetingId: '72660' },
    partitionName: 'z2',
    partition: { id: 2, name: 'z2' },
  },
};
const refEnterprise = { id: 'x', name: 'myenterprise', label: 'My Enterprise', password: null, tags: [], publicKey: null, pointOfContact: 'relay-admin@corp.com' };

let sim: RunningSim;
beforeAll(async () => {
  sim = await start();
});
afterAll(() => sim.close());

describe('seed examples, field by field', () => {
  it('seed 001: client grant at /oauth2/token?Client', async () => {
    const r = await call<typeof seed001Client>(sim.url, '/oauth2/token?Client', {
      method: 'POST',
      body: { grant_type: 'client_credentials', client_id: sim.credentials.app.clientId, client_secret: sim.credentials.app.clientSecret },
    });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
    expectSameShape(r.body, seed001Client);
    expect(r.body.expires_in).toBe(3600);
    expect(r.body.access_token).not.toBe(seed001Client.access_token);
  });

  it('seed 003: Basic → Relay access token, two weeks', async () => {
    const c = sim.credentials.relayAccount;
    const r = await call<typeof seed003Relay>(sim.url, '/api/auth/accesstokens', { method: 'POST', headers: { authorization: basic(c.username, c.password) } });
    expect(r.status).toBe(200);
    expectSameShape(r.body, seed003Relay);
    expect(r.body.roles).toEqual(['ROLE_READWRITE', 'ROLE_READONLY']);
    expect(r.body.expirationDate - r.body.creationDate).toBe(14 * 86_400_000);
    expect(r.body.accessToken).toMatch(/^[0-9a-v]{32}$/);
  });

  it('seed 003: seamaccesstoken → Relay access token', async () => {
    const seam = await seamToken(sim, 'admin');
    const r = await call<typeof seed003Relay>(sim.url, `/api/auth/accesstokens?seamaccesstoken=${encodeURIComponent(seam)}`, { method: 'POST', body: {} });
    expect(r.status).toBe(200);
    expectSameShape(r.body, seed003Relay);
    expect(r.body.roles).toEqual(['ROLE_READWRITE', 'ROLE_READONLY']);
  });

  it('seed 003: Zero Touch (seamaccesstoken + code) → one-room token for 1 day', async () => {
    const seam = await seamToken(sim, 'user');
    const room = sim.credentials.pairingCodes[0]!;
    const r = await call<typeof seed003ZeroTouch>(
      sim.url,
      `/api/auth/accesstokens?seamaccesstoken=${encodeURIComponent(seam)}&code=${room.code}&clientName=my_relay_client_app&clientDeviceType=NATIVE_IOS`,
      { method: 'POST' },
    );
    expect(r.status).toBe(200);
    expectSameShape(r.body, seed003ZeroTouch);
    expect(r.body).toMatchObject({ creator: 'anonymousUser', roles: ['ROLE_PAIRINGCODE'], pairingCodeId: room.pairingCodeId, pairingCodeEndpointId: room.endpointId, clientName: 'my_relay_client_app' });
    expect(r.body.expirationDate - r.body.creationDate).toBe(86_400_000);
  });

  it('reference §1.1 and §1.2: password and meeting grants', async () => {
    const c = sim.credentials;
    const p = await call(sim.url, '/oauth2/token?Password', { method: 'POST', body: { grant_type: 'password', username: c.admin.username, password: c.admin.password } });
    expectSameShape(p.body, refPassword);
    expect(p.body).toMatchObject({ expires_in: 1209600, refresh_token: '', scope: { user: c.admin.userId } });
    expect((p.body as { access_token: string }).access_token).toMatch(/^[a-z0-9]{32}@z2$/);
    const m = c.meetings[0]!;
    const g = await call(sim.url, '/oauth2/token?Meeting', {
      method: 'POST',
      body: { grant_type: 'meeting_passcode', meetingNumericId: m.numericId, meetingPasscode: m.moderatorPasscode },
    });
    expectSameShape(g.body, refMeeting);
    expect(g.body).toMatchObject({ expires_in: 86400, scope: { meeting: { meetingNumericId: m.numericId, isModerator: true } } });
  });

  it('reference §2.2: GET /api/enterprises/self', async () => {
    const c = sim.credentials.relayAccount;
    const r = await call(sim.url, '/api/enterprises/self', { headers: { authorization: basic(c.username, c.password) } });
    expect(r.status).toBe(200);
    expectSameShape(r.body, refEnterprise);
  });
});
