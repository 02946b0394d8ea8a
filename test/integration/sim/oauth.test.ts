// api.bluejeans.com: every grant of POST /oauth2/token, tokenInfo, revoke, /v1/user — happy paths and errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSim } from '../../../sim/index.ts';
import { call, expectOAuthError, expectSameShape, seamToken, start } from './helpers.ts';

let sim: RunningSim;
beforeAll(async () => {
  sim = await start();
});
afterAll(() => sim.close());

const post = (path: string, body: unknown) => call(sim.url, path, { method: 'POST', body });

describe('POST /oauth2/token', () => {
  it('chooses the grant by grant_type whatever marker the query carries', async () => {
    const c = sim.credentials;
    const body = { grant_type: 'client_credentials', client_id: c.app.clientId, client_secret: c.app.clientSecret };
    for (const marker of ['', '?Client', '?client', '?Meeting', '?Password', '?meeting_passcode', '?Code']) {
      const r = await post(`/oauth2/token${marker}`, body);
      expect(r.status, marker).toBe(200);
      expect(r.body).toMatchObject({ expires_in: 3600, scope: { enterprise: c.enterprise.seamId } });
    }
    const p = await post('/oauth2/token?Client', { grant_type: 'password', username: c.user.username, password: c.user.password });
    expect(p.body).toMatchObject({ expires_in: 1209600, scope: { user: c.user.userId } });
  });

  it('answers the server headers of the real api host', async () => {
    const r = await post('/oauth2/token', { grant_type: 'password', username: sim.credentials.admin.username, password: sim.credentials.admin.password });
    expect(r.headers.get('server')).toBe('BlueJeans Proxy');
    expect(r.headers.get('content-type')).toBe('application/json; charset=UTF-8');
  });

  it('accepts a form-encoded body too', async () => {
    const c = sim.credentials.admin;
    const res = await fetch(`${sim.url}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', username: c.username, password: c.password }),
    });
    expect(res.status).toBe(200);
  });

  it('meeting grant: moderator and participant passcodes give their scope; a meeting with no passcode needs none', async () => {
    const [m, , open] = sim.credentials.meetings;
    const mod = await post('/oauth2/token?Meeting', { grant_type: 'meeting_passcode', meetingNumericId: m!.numericId, meetingPasscode: m!.moderatorPasscode });
    expect(mod.body).toMatchObject({ scope: { meeting: { isModerator: true, meetingUri: expect.stringMatching(/^\/v1\/user\/\d+\/live_meetings\/\d+$/) } } });
    const part = await post('/oauth2/token?Meeting', { grant_type: 'meeting_passcode', meetingNumericId: m!.numericId, meetingPasscode: m!.participantPasscode });
    expect(part.body).toMatchObject({ expires_in: 86400, scope: { meeting: { isModerator: false, meetingNumericId: m!.numericId } } });
    const none = await post('/oauth2/token', { grant_type: 'meeting_passcode', meetingNumericId: open!.numericId, meetingPasscode: '' });
    expect(none.status).toBe(200);
    // The swagger marks meetingPasscode required (GrantRequestMeeting): left out, it is refused.
    expectOAuthError(await post('/oauth2/token', { grant_type: 'meeting_passcode', meetingNumericId: open!.numericId }), 400, 'invalid_request');
  });

  it('refuses a wrong passcode, an unknown meeting, a wrong password and a wrong client secret with 401', async () => {
    const c = sim.credentials;
    const m = c.meetings[0]!;
    expectOAuthError(await post('/oauth2/token', { grant_type: 'meeting_passcode', meetingNumericId: m.numericId, meetingPasscode: '0000' }), 401, 'invalid_grant');
    expectOAuthError(await post('/oauth2/token', { grant_type: 'meeting_passcode', meetingNumericId: m.numericId, meetingPasscode: '' }), 401, 'invalid_grant');
    expectOAuthError(await post('/oauth2/token', { grant_type: 'meeting_passcode', meetingNumericId: '1', meetingPasscode: '1' }), 401, 'invalid_grant');
    expectOAuthError(await post('/oauth2/token', { grant_type: 'password', username: c.admin.username, password: 'nope' }), 401, 'invalid_grant');
    expectOAuthError(await post('/oauth2/token', { grant_type: 'client_credentials', client_id: c.app.clientId, client_secret: 'nope' }), 401, 'invalid_client');
  });

  it('refuses a bad grant, a missing field and a malformed body with 400', async () => {
    expectOAuthError(await post('/oauth2/token', { grant_type: 'implicit' }), 400, 'unsupported_grant_type');
    expectOAuthError(await post('/oauth2/token', { username: 'x' }), 400, 'invalid_request');
    expectOAuthError(await post('/oauth2/token', { grant_type: 'password', username: 'x' }), 400, 'invalid_request');
    expectOAuthError(await call(sim.url, '/oauth2/token', { method: 'POST', raw: '{"grant_type":', headers: { 'content-type': 'application/json' } }), 400, 'invalid_request');
    expectOAuthError(await call(sim.url, '/oauth2/token', { method: 'POST', raw: '[1]', headers: { 'content-type': 'application/json' } }), 400, 'invalid_request');
  });

  it('expires tokens on the sim clock, per grant lifetime', async () => {
    const client = await seamToken(sim, 'client');
    const info = () => call(sim.url, `/oauth2/tokenInfo?access_token=${encodeURIComponent(client)}`);
    expect((await info()).status).toBe(200);
    sim.control.clock.advance(3599_000);
    expect((await info()).status).toBe(200);
    sim.control.clock.advance(1000);
    expectOAuthError(await info(), 401, 'invalid_token');
  });
});

describe('using a token', () => {
  it('accepts Authorization: Bearer in any case, and ?access_token=', async () => {
    const t = await seamToken(sim, 'user');
    const id = sim.credentials.user.userId;
    for (const scheme of ['Bearer', 'bearer', 'BEARER']) {
      const r = await call(sim.url, `/v1/user/${id}`, { headers: { authorization: `${scheme} ${t}` } });
      expect(r.status, scheme).toBe(200);
    }
    const q = await call(sim.url, `/v1/user/${id}?access_token=${encodeURIComponent(t)}`);
    expect(q.status).toBe(200);
    expect(q.body).toMatchObject({ id, username: sim.credentials.user.username });
  });

  it('GET /v1/user/{id} and /enterprise_profile: own user, admin, client token; others and meeting tokens get 401', async () => {
    const c = sim.credentials;
    const user = await seamToken(sim, 'user');
    const admin = await seamToken(sim, 'admin');
    const client = await seamToken(sim, 'client');
    const get = (path: string, t: string) => call(sim.url, path, { headers: { authorization: `Bearer ${t}` } });
    const profile = await get(`/v1/user/${c.admin.userId}/enterprise_profile`, admin);
    expect(profile.status).toBe(200);
    expectSameShape(profile.body, { id: 1, enterprise: 1, enterpriseAdmin: true, joinDate: 1, expiryDate: null, enterpriseName: 'x', customLandingDomain: 'x' });
    expect(profile.body).toMatchObject({ enterprise: c.enterprise.seamId, enterpriseAdmin: true });
    expect((await get(`/v1/user/${c.user.userId}`, admin)).status).toBe(200);
    expect((await get(`/v1/user/${c.admin.userId}`, client)).status).toBe(200);
    expectOAuthError(await get(`/v1/user/${c.admin.userId}`, user), 401, 'insufficient_scope');
    const m = c.meetings[0]!;
    const meeting = await post('/oauth2/token', { grant_type: 'meeting_passcode', meetingNumericId: m.numericId, meetingPasscode: m.participantPasscode });
    expectOAuthError(await get(`/v1/user/${c.admin.userId}`, (meeting.body as { access_token: string }).access_token), 401, 'insufficient_scope');
    expectOAuthError(await get(`/v1/user/${c.admin.userId}`, 'nope@z2'), 401, 'invalid_token');
    expectOAuthError(await call(sim.url, `/v1/user/${c.admin.userId}`), 401, 'invalid_token');
    expect((await get('/v1/user/999', admin)).status).toBe(404);
  });

  it('GET /oauth2/tokenInfo tells who owns a valid token', async () => {
    const t = await seamToken(sim, 'admin');
    const r = await call(sim.url, '/oauth2/tokenInfo', { headers: { authorization: `Bearer ${t}` } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ user: sim.credentials.admin.userId, enterprise: sim.credentials.enterprise.seamId, grantType: 'password', isEnterpriseAdmin: true });
    expectOAuthError(await call(sim.url, '/oauth2/tokenInfo?access_token=unknown'), 401, 'invalid_token');
  });

  it('early expiry from the control API makes a token answer 401', async () => {
    const t = await seamToken(sim, 'user');
    expect(sim.control.tokens.expire(t)).toBe(1);
    expectOAuthError(await call(sim.url, `/v1/user/${sim.credentials.user.userId}?access_token=${encodeURIComponent(t)}`), 401, 'invalid_token');
  });
});

describe('DELETE /oauth2/token (revoke)', () => {
  it('204 on revoke, then 400 for the same token; the token no longer works', async () => {
    const t = await seamToken(sim, 'admin');
    const path = `/oauth2/token?access_token=${encodeURIComponent(t)}`;
    const first = await call(sim.url, path, { method: 'DELETE' });
    expect(first.status).toBe(204);
    expect(first.text).toBe('');
    expectOAuthError(await call(sim.url, path, { method: 'DELETE' }), 400, 'invalid_request');
    expect((await call(sim.url, `/oauth2/tokenInfo?access_token=${encodeURIComponent(t)}`)).status).toBe(401);
    expectOAuthError(await call(sim.url, '/oauth2/token?access_token=neverissued', { method: 'DELETE' }), 400, 'invalid_request');
  });
});
