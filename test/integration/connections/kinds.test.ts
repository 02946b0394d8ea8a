// Every connection kind against the real simulator, sending the reference's request shapes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { completeSignIn, logged, startHarness, type Harness } from './harness.ts';

const DAY = 86_400_000;
let h: Harness;
beforeEach(async () => {
  h = await startHarness({ browser: (url) => void completeSignIn(url, h.sim.credentials.admin) });
});
afterEach(async () => {
  await h.close();
});

const endpoints = z.array(z.object({ id: z.string(), name: z.string() }));

describe('every connection kind against the simulator', () => {
  it('Relay account (Basic): read-write roles, enterprise, 14-day expiry; room calls send X-Access-Token, never the query', async () => {
    const { relayAccount } = h.sim.credentials;
    const view = await h.call('connectionsAdd', { kind: 'relay', username: relayAccount.username, password: relayAccount.password, bases: h.bases });
    expect(view).toMatchObject({
      kind: 'relay',
      state: 'connected',
      reason: null,
      roles: expect.arrayContaining(['ROLE_READWRITE', 'ROLE_READONLY']),
      enterprise: 'northwind',
      capabilities: { canView: true, canControl: true, canProvision: true, zeroTouch: null },
      account: relayAccount.username,
      persisted: true,
    });
    expect(view.expiresAt! - h.clock.now()).toBeGreaterThan(13.9 * DAY);
    const create = logged(h.sim, 'POST', '/api/auth/accesstokens');
    expect(create).toHaveLength(1);
    expect(create[0]!.headers['authorization']).toBe('Basic ***');
    expect(create[0]!.headers['content-type']).toBe('application/json');
    expect(create[0]!.headers['accept']).toBe('application/json');

    const rooms = await (await h.mod.relay(view.id)).request({ method: 'GET', path: '/api/endpoints', schema: endpoints });
    expect(rooms).toHaveLength(6);
    const list = logged(h.sim, 'GET', '/api/endpoints');
    expect(list[0]!.headers['x-access-token']).toBe('***');
    expect(list[0]!.query).toEqual({});
    expect(list[0]!.headers['authorization']).toBeUndefined();
  });

  it('Relay account with a custom duration sends it (ms) and shows the shorter expiry', async () => {
    const { relayAccount } = h.sim.credentials;
    const view = await h.call('connectionsAdd', { kind: 'relay', ...relayAccount, durationDays: 3, bases: h.bases });
    expect(view.expiresAt! - h.clock.now()).toBeGreaterThan(2.9 * DAY);
    expect(view.expiresAt! - h.clock.now()).toBeLessThan(3.1 * DAY);
    expect(logged(h.sim, 'POST', '/api/auth/accesstokens')[0]!.query).toEqual({ duration: String(3 * DAY) });
  });

  it('User password (admin → read-write; non-admin → read-only that controls but cannot provision)', async () => {
    const { admin, user } = h.sim.credentials;
    const a = await h.call('connectionsAdd', { kind: 'password', username: admin.username, password: admin.password, bases: h.bases });
    expect(a.capabilities.canProvision).toBe(true);
    expect(logged(h.sim, 'POST', '/oauth2/token')[0]).toMatchObject({ bodyGrantType: 'password' });
    const u = await h.call('connectionsAdd', { kind: 'password', username: user.username, password: user.password, bases: h.bases });
    expect(u).toMatchObject({ roles: ['ROLE_READONLY'], capabilities: { canView: true, canControl: true, canProvision: false } });
    // The Seam token went to Relay in the query, as the API requires (masked in the sim's log).
    expect(logged(h.sim, 'POST', '/api/auth/accesstokens').at(-1)!.query).toEqual({ seamaccesstoken: '***' });
    const relay = await h.mod.relay(u.id);
    const [room] = await relay.request({ method: 'GET', path: '/api/endpoints', schema: endpoints });
    await expect(relay.request({ method: 'PUT', path: `/api/endpoints/${room!.id}`, body: { name: 'x' }, schema: z.unknown() })).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringMatching(/read-only/),
    });
    expect(logged(h.sim, 'PUT', '/api/endpoints')).toHaveLength(0); // refused in main, never sent
  });

  it('Enterprise app (client grant): JSON body, enterprise token traded for a Relay token', async () => {
    const { app } = h.sim.credentials;
    const view = await h.call('connectionsAdd', { kind: 'client', clientId: app.clientId, clientSecret: app.clientSecret, bases: h.bases });
    expect(view).toMatchObject({ kind: 'client', state: 'connected', capabilities: { canProvision: true }, account: app.clientId });
    const grant = logged(h.sim, 'POST', '/oauth2/token')[0]!;
    expect(grant).toMatchObject({ bodyGrantType: 'client_credentials', status: 200 });
    expect(grant.headers['content-type']).toBe('application/json');
    const api = await h.mod.api(view.id);
    await api.request({ method: 'GET', path: `/oauth2/tokenInfo`, schema: z.unknown() });
    expect(logged(h.sim, 'GET', '/oauth2/tokenInfo')[0]!.headers['authorization']).toBe('Bearer ***');
  });

  it('Sign in with BlueJeans (code grant) through the authorize page and a loopback redirect', async () => {
    const { app } = h.sim.credentials;
    const view = await h.call('connectionsAdd', { kind: 'code', clientId: app.clientId, clientSecret: app.clientSecret, bases: h.bases });
    expect(view).toMatchObject({ kind: 'code', state: 'connected', roles: expect.arrayContaining(['ROLE_READWRITE']) });
    const url = new URL(h.browserUrls[0]!);
    expect(url.origin + url.pathname).toBe(`${h.sim.url}/oauth2/authorize`);
    expect([...url.searchParams.keys()].sort()).toEqual(['appName', 'clientId', 'redirectUri', 'responseType', 'scope', 'state']);
    expect(url.searchParams.get('redirectUri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(url.searchParams.get('state')!.length).toBeGreaterThanOrEqual(40);
    expect(logged(h.sim, 'POST', '/oauth2/token').map((e) => e.bodyGrantType)).toEqual(['authorization_code']);
    const phases = h.events.filter((e) => e.event === 'connections.signIn').map((e) => (e.payload as { phase: string }).phase);
    expect(phases).toEqual(['waiting', 'exchanging', 'done']);
  });

  it('Room pairing from a one-off password, from another connection, and from an app: one room, zero-touch calls only', async () => {
    const { admin, app, pairingCodes } = h.sim.credentials;
    const [first, second] = pairingCodes;
    const a = await h.call('connectionsAdd', {
      kind: 'pairing',
      pairingCode: first!.code.toLowerCase(),
      source: { from: 'password', username: admin.username, password: admin.password },
      bases: h.bases,
    });
    expect(a).toMatchObject({
      kind: 'pairing',
      state: 'connected',
      name: `Room: ${first!.name}`,
      roles: ['ROLE_PAIRINGCODE'],
      capabilities: { canProvision: false, canControl: true, zeroTouch: { endpointId: first!.endpointId, pairingCodeId: first!.pairingCodeId } },
    });
    expect(a.expiresAt! - h.clock.now()).toBeLessThanOrEqual(DAY);
    expect(logged(h.sim, 'POST', '/api/auth/accesstokens')[0]!.query).toEqual({ seamaccesstoken: '***', code: '***' });

    const relay = await h.mod.relay(a.id);
    await expect(relay.request({ method: 'GET', path: `/api/endpoints/${first!.endpointId}/status`, schema: z.unknown() })).resolves.toBeDefined();
    await expect(relay.request({ method: 'GET', path: `/api/endpoints/${second!.endpointId}/status`, schema: z.unknown() })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(relay.request({ method: 'GET', path: '/api/endpoints', schema: z.unknown() })).rejects.toMatchObject({ code: 'forbidden' });

    const source = await h.call('connectionsAdd', { kind: 'client', clientId: app.clientId, clientSecret: app.clientSecret, bases: h.bases });
    const b = await h.call('connectionsAdd', { kind: 'pairing', pairingCode: second!.code, source: { from: 'connection', connectionId: source.id } });
    expect(b).toMatchObject({ state: 'connected', bases: h.bases, capabilities: { zeroTouch: { endpointId: second!.endpointId } } });
    const c = await h.call('connectionsAdd', {
      kind: 'pairing',
      pairingCode: second!.code,
      source: { from: 'client', clientId: app.clientId, clientSecret: app.clientSecret },
      bases: h.bases,
    });
    expect(c.state).toBe('connected');
  });

  it('Meeting passcode: moderator and participant scopes are shown; the token lasts a day and is never saved', async () => {
    const meeting = h.sim.credentials.meetings.find((m) => m.moderatorPasscode && m.participantPasscode)!;
    const mod = await h.call('connectionsAdd', { kind: 'meeting', meetingId: meeting.numericId, passcode: meeting.moderatorPasscode!, bases: h.bases });
    expect(mod).toMatchObject({ kind: 'meeting', state: 'connected', meeting: { numericId: meeting.numericId, scope: 'moderator' }, persisted: false, name: `Meeting ${meeting.numericId}` });
    expect(mod.expiresAt! - h.clock.now()).toBe(DAY);
    const part = await h.call('connectionsAdd', { kind: 'meeting', meetingId: meeting.numericId, passcode: meeting.participantPasscode!, bases: h.bases });
    expect(part.meeting).toEqual({ numericId: meeting.numericId, scope: 'participant' });
    expect(logged(h.sim, 'POST', '/oauth2/token').map((e) => e.bodyGrantType)).toEqual(['meeting_passcode', 'meeting_passcode']);
    const restarted = await h.restart();
    try {
      const after = await restarted.call('connectionsList', undefined);
      expect(after.find((v) => v.id === mod.id)).toMatchObject({ state: 'reconnect-needed', reason: expect.stringMatching(/passcode/) });
    } finally {
      await restarted.close(); // the simulator stays: afterEach closes it with the first harness
    }
  });
});
