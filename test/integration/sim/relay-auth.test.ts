// Relay access tokens: create (Basic, seamaccesstoken, Zero Touch), read, delete, lifetimes, the two
// ways to present a token, and the error body for bad credentials.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSim } from '../../../sim/index.ts';
import { basic, call, expectRelayError, expectSameShape, relayTokenFor, seamToken, start } from './helpers.ts';

let sim: RunningSim;
beforeAll(async () => {
  sim = await start();
});
afterAll(() => sim.close());

const create = (query: string, headers: Record<string, string> = {}) => call(sim.url, `/api/auth/accesstokens${query}`, { method: 'POST', headers });
const asToken = (t: string) => ({ headers: { 'x-access-token': t } });

describe('POST /api/auth/accesstokens', () => {
  it('Basic: a Relay account and an admin get read-write; a user who is not an admin gets read-only', async () => {
    const c = sim.credentials;
    for (const [who, roles] of [
      [c.relayAccount, ['ROLE_READWRITE', 'ROLE_READONLY']],
      [c.admin, ['ROLE_READWRITE', 'ROLE_READONLY']],
      [c.user, ['ROLE_READONLY']],
    ] as const) {
      const r = await create('', { authorization: basic(who.username, who.password) });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ roles, enterpriseName: c.enterprise.name });
    }
  });

  it('seamaccesstoken: enterprise (client) token → read-write; non-admin user token → read-only; meeting token refused', async () => {
    const client = await create(`?seamaccesstoken=${encodeURIComponent(await seamToken(sim, 'client'))}`);
    expect(client.body).toMatchObject({ roles: ['ROLE_READWRITE', 'ROLE_READONLY'] });
    const user = await create(`?seamaccesstoken=${encodeURIComponent(await seamToken(sim, 'user'))}`);
    expect(user.body).toMatchObject({ roles: ['ROLE_READONLY'] });
    const m = sim.credentials.meetings[0]!;
    const meeting = await call<{ access_token: string }>(sim.url, '/oauth2/token', {
      method: 'POST',
      body: { grant_type: 'meeting_passcode', meetingNumericId: m.numericId, meetingPasscode: m.participantPasscode },
    });
    expectRelayError(await create(`?seamaccesstoken=${encodeURIComponent(meeting.body.access_token)}`), 401, 'BadCredentialsException');
    expectRelayError(await create('?seamaccesstoken=unknown'), 401, 'BadCredentialsException');
  });

  it('refuses wrong or missing Basic credentials with BadCredentialsException', async () => {
    const r = await create('', { authorization: basic('relay-admin', 'wrong') });
    expectRelayError(r, 401, 'BadCredentialsException');
    expect(r.body).toMatchObject({ errorCode: 1285563821, errorMessage: 'Not Authorized.' });
    expectRelayError(await create(''), 401, 'BadCredentialsException');
  });

  it('an expired Seam token cannot be traded', async () => {
    const seam = await seamToken(sim, 'admin');
    sim.control.tokens.expire(seam);
    expectRelayError(await create(`?seamaccesstoken=${encodeURIComponent(seam)}`), 401, 'BadCredentialsException');
  });

  it('duration (ms) sets the lifetime; a bad duration is a 400', async () => {
    const c = sim.credentials.relayAccount;
    const r = await create('?duration=60000', { authorization: basic(c.username, c.password) });
    const body = r.body as { creationDate: number; expirationDate: number };
    expect(body.expirationDate - body.creationDate).toBe(60_000);
    expectRelayError(await create('?duration=-5', { authorization: basic(c.username, c.password) }), 400, 'InvalidRequest');
    expectRelayError(await create('?duration=abc', { authorization: basic(c.username, c.password) }), 400, 'InvalidRequest');
  });

  it('takes clientName from a JSON body; a malformed body is a 400', async () => {
    const c = sim.credentials.relayAccount;
    const named = await call(sim.url, '/api/auth/accesstokens', { method: 'POST', headers: { authorization: basic(c.username, c.password) }, body: { clientName: 'Relay Console' } });
    expect(named.body).toMatchObject({ clientName: 'Relay Console' });
    const bad = await call(sim.url, '/api/auth/accesstokens', {
      method: 'POST',
      headers: { authorization: basic(c.username, c.password), 'content-type': 'application/json' },
      raw: '{"clientName":',
    });
    expectRelayError(bad, 400, 'MalformedJson');
  });

  it('Zero Touch: an unknown pairing code is refused; codes are not case-sensitive', async () => {
    const seam = encodeURIComponent(await seamToken(sim, 'user'));
    expectRelayError(await create(`?seamaccesstoken=${seam}&code=ZZZZZ9`), 400, 'InvalidPairingCode');
    const code = sim.credentials.pairingCodes[1]!.code.toLowerCase();
    expect((await create(`?seamaccesstoken=${seam}&code=${code}`)).status).toBe(200);
  });
});

describe('using a Relay token', () => {
  it('works as X-Access-Token header and as accesstoken query parameter', async () => {
    const t = await relayTokenFor(sim);
    expect((await call(sim.url, '/api/enterprises/self', asToken(t))).status).toBe(200);
    expect((await call(sim.url, `/api/enterprises/self?accesstoken=${t}`)).status).toBe(200);
    expectRelayError(await call(sim.url, '/api/enterprises/self', asToken('0000')), 401, 'BadCredentialsException');
  });

  it('lives two weeks of sim time by default, then 401', async () => {
    const t = await relayTokenFor(sim);
    sim.control.clock.advance(14 * 86_400_000 - 1);
    expect((await call(sim.url, '/api/enterprises/self', asToken(t))).status).toBe(200);
    sim.control.clock.advance(1);
    expectRelayError(await call(sim.url, '/api/enterprises/self', asToken(t)), 401, 'BadCredentialsException');
  });

  it('early expiry (control API) gives 401', async () => {
    const t = await relayTokenFor(sim);
    expect(sim.control.tokens.expire(t)).toBe(1);
    expectRelayError(await call(sim.url, '/api/endpoints', asToken(t)), 401, 'BadCredentialsException');
  });
});

describe('GET and DELETE /api/auth/accesstokens/:token', () => {
  it('GET returns the AccessToken entity; an unknown token is 404', async () => {
    const t = await relayTokenFor(sim, 'admin');
    const r = await call(sim.url, `/api/auth/accesstokens/${t}`, asToken(t));
    expect(r.status).toBe(200);
    expectSameShape(r.body, {
      accessToken: 'x', clientDeviceType: 'x', clientName: null, creationDate: 1, creator: 'x', enterpriseName: 'x', expirationDate: 1,
      firstName: 'x', lastName: 'x', pairingCodeEndpointId: null, pairingCodeId: null, roles: ['x'], seamId: 1, username: 'x',
    });
    expect(r.body).toMatchObject({ accessToken: t, username: sim.credentials.admin.username });
    expectRelayError(await call(sim.url, '/api/auth/accesstokens/nosuchtoken', asToken(t)), 404, 'AccessTokenNotFound');
  });

  it('DELETE: 204, then the token is gone (401 to use, 404 to delete again)', async () => {
    const t = await relayTokenFor(sim);
    const del = await call(sim.url, `/api/auth/accesstokens/${t}`, { method: 'DELETE', ...asToken(t) });
    expect(del.status).toBe(204);
    expect(del.text).toBe('');
    expectRelayError(await call(sim.url, '/api/endpoints', asToken(t)), 401, 'BadCredentialsException');
    const other = await relayTokenFor(sim);
    expectRelayError(await call(sim.url, `/api/auth/accesstokens/${t}`, { method: 'DELETE', ...asToken(other) }), 404, 'AccessTokenNotFound');
  });

  it('a read-only token may delete itself but not another token', async () => {
    const ro = await relayTokenFor(sim, 'user');
    const rw = await relayTokenFor(sim);
    expectRelayError(await call(sim.url, `/api/auth/accesstokens/${rw}`, { method: 'DELETE', ...asToken(ro) }), 403, 'AccessDenied');
    expect((await call(sim.url, `/api/auth/accesstokens/${ro}`, { method: 'DELETE', ...asToken(ro) })).status).toBe(204);
    const ro2 = await relayTokenFor(sim, 'user');
    expect((await call(sim.url, `/api/auth/accesstokens/${ro2}`, { method: 'DELETE', ...asToken(rw) })).status).toBe(204);
  });
});
