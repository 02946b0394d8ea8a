// The token lifecycle against the simulator: early expiry → renewal, single-flight under 100 concurrent
// 401s (counted in the sim's request log), re-creation before expirationDate with the old token deleted,
// Reconnect where nothing kept can renew, sign-out revocation, and a restart.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { settle } from '../../helpers/manual-clock.ts';
import { fakeCipher } from '../../helpers/fake-cipher.ts';
import { completeSignIn, logged, startHarness, type Harness } from './harness.ts';

const DAY = 86_400_000;
const rooms = z.array(z.object({ id: z.string() }));
let h: Harness;
beforeEach(async () => {
  h = await startHarness({ browser: (url) => void completeSignIn(url, h.sim.credentials.admin) });
});
afterEach(async () => {
  await h.close();
});

const addClient = () => h.call('connectionsAdd', { kind: 'client', clientId: h.sim.credentials.app.clientId, clientSecret: h.sim.credentials.app.clientSecret, bases: h.bases });
const relayToken = (id: string) => h.manager.get(id).relay.current()!.token;
const tokenWorks = async (token: string) =>
  (await fetch(`${h.sim.url}/api/endpoints`, { headers: { 'x-access-token': token, accept: 'application/json' } })).status === 200;

describe('renewal', () => {
  it('100 concurrent 401s after an early expiry cause exactly one renewal; every call succeeds on its retry', async () => {
    // Through the host budget, as in the app: the strict sim then refuses none of the 200 requests.
    await h.close();
    h = await startHarness({ budget: true });
    const view = await addClient();
    const relay = await h.mod.relay(view.id);
    const old = relayToken(view.id);
    h.sim.control.clearLog();
    expect(h.sim.control.tokens.expire(old)).toBe(1);
    const results = await Promise.all(Array.from({ length: 100 }, () => relay.request({ method: 'GET', path: '/api/endpoints', schema: rooms })));
    expect(results.every((r) => r.length === 6)).toBe(true);
    expect(logged(h.sim, 'POST', '/api/auth/accesstokens')).toHaveLength(1);
    expect(logged(h.sim, 'POST', '/oauth2/token')).toHaveLength(0); // the Seam token was still good
    const list = logged(h.sim, 'GET', '/api/endpoints');
    expect(list.filter((e) => e.status === 401)).toHaveLength(100);
    expect(list.filter((e) => e.status === 200)).toHaveLength(100);
    expect(relayToken(view.id)).not.toBe(old);
    await settle();
    // The replaced token is deleted on the server (it can no longer authorise itself, so the new one does).
    expect(logged(h.sim, 'DELETE', '/api/auth/accesstokens/')).toEqual(expect.arrayContaining([expect.objectContaining({ status: 204 })]));
    expect(h.manager.get(view.id).deletions()).toEqual(['revoked']);
  });

  it('when every token expires early, the code grant refreshes once and re-creates the Relay token once', async () => {
    await h.close();
    h = await startHarness({ budget: true, browser: (url) => void completeSignIn(url, h.sim.credentials.admin) });
    const view = await h.call('connectionsAdd', { kind: 'code', clientId: h.sim.credentials.app.clientId, clientSecret: h.sim.credentials.app.clientSecret, bases: h.bases });
    const relay = await h.mod.relay(view.id);
    h.sim.control.clearLog();
    h.sim.control.tokens.expire();
    const results = await Promise.all(Array.from({ length: 30 }, () => relay.request({ method: 'GET', path: '/api/endpoints', schema: rooms })));
    expect(results).toHaveLength(30);
    expect(logged(h.sim, 'POST', '/oauth2/token').map((e) => e.bodyGrantType)).toEqual(['refresh_token']);
    expect(logged(h.sim, 'POST', '/api/auth/accesstokens').map((e) => e.status)).toEqual([401, 200]);
    // Refresh tokens rotate in the simulator: the new one was kept, so the next renewal works too.
    h.sim.control.tokens.expire();
    await relay.request({ method: 'GET', path: '/api/endpoints', schema: rooms });
    expect(logged(h.sim, 'POST', '/oauth2/token').map((e) => [e.bodyGrantType, e.status])).toEqual([
      ['refresh_token', 200],
      ['refresh_token', 200],
    ]);
    expect(h.manager.get(view.id).state).toBe('connected');
  });

  it('re-creates the Relay token before its expirationDate and deletes the old one (clock-driven, no sleep)', async () => {
    const view = await addClient();
    const old = relayToken(view.id);
    h.sim.control.clearLog();
    h.clock.advance(12 * DAY); // before the renewal point (13 days of 14)
    await settle();
    expect(logged(h.sim, 'POST', '/api/auth/accesstokens')).toHaveLength(0);
    h.clock.advance(1 * DAY + 1000);
    await settle();
    expect(logged(h.sim, 'POST', '/api/auth/accesstokens')).toHaveLength(1);
    const fresh = relayToken(view.id);
    expect(fresh).not.toBe(old);
    expect(logged(h.sim, 'DELETE', '/api/auth/accesstokens/').map((e) => e.status)).toEqual([204]);
    expect(await tokenWorks(old)).toBe(false);
    expect(await tokenWorks(fresh)).toBe(true);
    const after = h.manager.list().find((v) => v.id === view.id)!;
    expect(after.expiresAt! - h.clock.now()).toBeGreaterThan(13.9 * DAY);
  });

  it('renews the enterprise-app token ahead of its expiry with the kept secret', async () => {
    await addClient();
    h.sim.control.clearLog();
    h.clock.advance(47 * 60_000);
    await settle();
    expect(logged(h.sim, 'POST', '/oauth2/token')).toHaveLength(0);
    // To the renewal (80 % of the hour) and no further while it runs: a jump past it would be a server
    // that took a minute to answer, which the request's deadline cuts off.
    h.clock.advance(60_000);
    await settle();
    expect(logged(h.sim, 'POST', '/oauth2/token').map((e) => e.bodyGrantType)).toEqual(['client_credentials']);
  });
});

describe('Reconnect where no kept credential can renew', () => {
  it('a password connection whose token expires early turns to Reconnect with the reason; the password brings it back', async () => {
    const { admin } = h.sim.credentials;
    const view = await h.call('connectionsAdd', { kind: 'password', username: admin.username, password: admin.password, bases: h.bases });
    const relay = await h.mod.relay(view.id);
    const old = relayToken(view.id);
    h.sim.control.tokens.expire(old);
    h.sim.control.clearLog();
    const settled = await Promise.allSettled(Array.from({ length: 10 }, () => relay.request({ method: 'GET', path: '/api/endpoints', schema: rooms })));
    expect(settled.every((s) => s.status === 'rejected' && (s.reason as { code: string }).code === 'unauthorized')).toBe(true);
    expect(logged(h.sim, 'POST', '/api/auth/accesstokens')).toHaveLength(0);
    await settle();
    expect(h.manager.list()[0]).toMatchObject({ state: 'reconnect-needed', reason: expect.stringMatching(/Enter the password again/) });
    const changed = h.events.filter((e) => e.event === 'connections.changed').at(-1)!.payload as { state: string }[];
    expect(changed[0]!.state).toBe('reconnect-needed');
    // Calls fail fast in words until the user reconnects, without knocking on the server (the poller
    // holds the token source itself).
    h.sim.control.clearLog();
    await expect(relay.request({ method: 'GET', path: '/api/endpoints', schema: rooms })).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(h.manager.get(view.id).relay.getToken()).rejects.toMatchObject({ code: 'unauthorized', message: expect.stringMatching(/password/) });
    await expect(h.manager.get(view.id).relay.onUnauthorized(old)).rejects.toMatchObject({ code: 'unauthorized' });
    expect(h.sim.control.log()).toHaveLength(0);

    const back = await h.call('connectionsReconnect', { id: view.id, password: admin.password });
    expect(back).toMatchObject({ id: view.id, state: 'connected', reason: null });
    await expect(relay.request({ method: 'GET', path: '/api/endpoints', schema: rooms })).resolves.toHaveLength(6);
  });

  it('a Relay-account token reaching its expiry turns to Reconnect by the clock', async () => {
    const view = await h.call('connectionsAdd', { kind: 'relay', ...h.sim.credentials.relayAccount, durationDays: 2, bases: h.bases });
    h.clock.advance(2 * DAY + 1);
    await settle();
    expect(h.manager.list().find((v) => v.id === view.id)).toMatchObject({ state: 'reconnect-needed', reason: 'The Relay token expired. Enter the password again to reconnect.' });
  });

  it('a room pairing ends after a day and asks for the pairing code again', async () => {
    const { admin, pairingCodes } = h.sim.credentials;
    const view = await h.call('connectionsAdd', {
      kind: 'pairing',
      pairingCode: pairingCodes[0]!.code,
      source: { from: 'password', username: admin.username, password: admin.password },
      bases: h.bases,
    });
    h.clock.advance(DAY);
    await settle();
    expect(h.manager.list()[0]).toMatchObject({ state: 'reconnect-needed', reason: expect.stringMatching(/pairing code shown in the room/) });
    await expect(h.call('connectionsReconnect', { id: view.id, pairingCode: pairingCodes[0]!.code })).rejects.toMatchObject({ code: 'invalid_input', message: /password/ });
    const back = await h.call('connectionsReconnect', { id: view.id, pairingCode: pairingCodes[0]!.code, password: admin.password });
    expect(back.state).toBe('connected');
  });
});

describe('sign-out and remove', () => {
  it('signing out deletes the Relay token, revokes the BlueJeans token, and forgets the secrets', async () => {
    const view = await addClient();
    const relayTok = relayToken(view.id);
    const seamTok = h.manager.get(view.id).seam.current()!.token;
    h.sim.control.clearLog();
    const out = await h.call('connectionsSignOut', { id: view.id });
    expect(out).toMatchObject({ state: 'reconnect-needed', reason: expect.stringMatching(/Signed out/) });
    expect(logged(h.sim, 'DELETE', '/api/auth/accesstokens/').map((e) => e.status)).toEqual([204]);
    const revoke = logged(h.sim, 'DELETE', '/oauth2/token');
    expect(revoke.map((e) => e.status)).toEqual([204]);
    expect(revoke[0]!.headers['authorization']).toBe('Bearer ***');
    expect(revoke[0]!.query).toEqual({}); // the token went in the header, not the URL
    expect(await tokenWorks(relayTok)).toBe(false);
    const info = await fetch(`${h.sim.url}/oauth2/tokenInfo`, { headers: { authorization: `Bearer ${seamTok}` } });
    expect(info.status).toBe(401);
    const file = readFileSync(join(h.dir, 'settings.json'), 'utf8');
    expect(JSON.parse(file).secrets).toBeUndefined();
  });

  it('signing out of a code-grant connection revokes the 3-legged token with the app credentials', async () => {
    const view = await h.call('connectionsAdd', { kind: 'code', clientId: h.sim.credentials.app.clientId, clientSecret: h.sim.credentials.app.clientSecret, bases: h.bases });
    h.sim.control.clearLog();
    const result = await h.call('connectionsRemove', { id: view.id });
    expect(result.notes).toEqual(['Relay token deleted.', 'BlueJeans token revoked.']);
    expect(logged(h.sim, 'DELETE', '/oauth2/token').map((e) => e.status)).toEqual([204]);
    expect(h.manager.list()).toEqual([]);
    expect(JSON.parse(readFileSync(join(h.dir, 'settings.json'), 'utf8')).connections).toEqual([]);
  });

  it('a meeting connection revokes its meeting token on remove', async () => {
    const m = h.sim.credentials.meetings[0]!;
    const view = await h.call('connectionsAdd', { kind: 'meeting', meetingId: m.numericId, passcode: m.moderatorPasscode ?? '', bases: h.bases });
    h.sim.control.clearLog();
    await h.call('connectionsRemove', { id: view.id });
    expect(logged(h.sim, 'DELETE', '/oauth2/token').map((e) => e.status)).toEqual([204]);
  });
});

describe('restart', () => {
  it('with a keychain: connections come back connected, with their saved tokens (no new sign-in)', async () => {
    const a = await addClient();
    const b = await h.call('connectionsAdd', { kind: 'relay', ...h.sim.credentials.relayAccount, bases: h.bases, name: 'Basic' });
    h.sim.control.clearLog();
    const again = await h.restart();
    try {
      expect(again.manager.list().map((v) => [v.id, v.state, v.name])).toEqual([
        [a.id, 'connected', a.name],
        [b.id, 'connected', 'Basic'],
      ]);
      await (await again.mod.relay(b.id)).request({ method: 'GET', path: '/api/endpoints', schema: rooms });
      expect(logged(h.sim, 'POST', '/api/auth/accesstokens')).toHaveLength(0);
      expect(logged(h.sim, 'POST', '/oauth2/token')).toHaveLength(0);
    } finally {
      await again.close();
    }
  });

  it('without a keychain: secrets were in memory only, so connections ask to reconnect, in words', async () => {
    await h.close();
    h = await startHarness({ cipher: fakeCipher({ available: false }) });
    await addClient();
    const status = await h.call('vaultStatus', undefined);
    expect(status.mode).toBe('memory');
    const again = await h.restart();
    try {
      expect(again.manager.list()[0]).toMatchObject({ state: 'reconnect-needed', reason: expect.stringMatching(/app secret is not saved/) });
      const back = await again.call('connectionsReconnect', { id: again.manager.list()[0]!.id, clientSecret: h.sim.credentials.app.clientSecret });
      expect(back.state).toBe('connected');
    } finally {
      await again.close();
    }
  });

  it('"store anyway" keeps them across a restart even without a keychain', async () => {
    await h.close();
    h = await startHarness({ cipher: fakeCipher({ available: false }) });
    await addClient();
    await h.call('vaultAcceptRisk', { accept: true });
    const again = await h.restart();
    try {
      expect(again.manager.list()[0]!.state).toBe('connected');
    } finally {
      await again.close();
    }
  });
});
