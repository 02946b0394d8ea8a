// The code grant over real HTTP: the authorize page of the simulator, its login and consent form, and the
// redirect to the one-shot loopback listener. A forged state, a declined consent, cancel and timeout
// are refused in words and leave the saved connections alone.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SignInProgress } from '../../../contract/index.ts';
import { settle } from '../../helpers/manual-clock.ts';
import { completeSignIn, logged, startHarness, type Harness } from './harness.ts';

let h: Harness;
afterEach(async () => {
  await h.close();
});

const app = () => ({ kind: 'code' as const, clientId: h.sim.credentials.app.clientId, clientSecret: h.sim.credentials.app.clientSecret, bases: h.bases });
const phases = () => h.events.filter((e) => e.event === 'connections.signIn').map((e) => (e.payload as SignInProgress).phase);
const file = () => readFileSync(join(h.dir, 'settings.json'), 'utf8');
async function withOneSaved(): Promise<string> {
  await h.call('connectionsAdd', { kind: 'relay', ...h.sim.credentials.relayAccount, bases: h.bases, name: 'Kept' });
  return file();
}

describe('code grant over real HTTP', () => {
  it('a non-admin user signs in: read-only Relay token; the redirect page says the tab can be closed', async () => {
    let page: Promise<Response> | undefined;
    h = await startHarness({ browser: (url) => void (page = completeSignIn(url, h.sim.credentials.user)) });
    const view = await h.call('connectionsAdd', app());
    expect(view).toMatchObject({ state: 'connected', roles: ['ROLE_READONLY'], capabilities: { canProvision: false } });
    const res = await page!;
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/You can close this tab/);
    expect(phases()).toEqual(['waiting', 'exchanging', 'done']);
  });

  it('a redirect with a tampered state is refused', async () => {
    let page: Promise<Response> | undefined;
    h = await startHarness({ browser: (url) => void (page = completeSignIn(url, h.sim.credentials.admin, { tamperState: 'forged-state-value' })) });
    const saved = await withOneSaved();
    await expect(h.call('connectionsAdd', app())).rejects.toMatchObject({ code: 'forbidden', message: expect.stringMatching(/did not match/) });
    expect((await page!).status).toBe(400);
    expect(logged(h.sim, 'POST', '/oauth2/token')).toHaveLength(0); // the code was never exchanged
    expect(file()).toBe(saved);
    expect(h.manager.list()).toHaveLength(1);
    expect(phases()).toEqual(['waiting', 'failed']);
  });

  it('a declined consent (error=401 on the redirect) is reported in words', async () => {
    h = await startHarness({ browser: (url) => void completeSignIn(url, h.sim.credentials.admin, { decision: 'deny' }) });
    const saved = await withOneSaved();
    await expect(h.call('connectionsAdd', app())).rejects.toMatchObject({ code: 'unauthorized', message: expect.stringMatching(/declined/) });
    expect(file()).toBe(saved);
  });

  it('cancel stops the wait and closes the listener', async () => {
    let redirectUri = '';
    h = await startHarness({ browser: (url) => void (redirectUri = new URL(url).searchParams.get('redirectUri')!) });
    const saved = await withOneSaved();
    const pending = h.call('connectionsAdd', app());
    await expect.poll(() => redirectUri).not.toBe('');
    expect(await h.call('connectionsCancelSignIn', undefined)).toEqual({ cancelled: true });
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
    expect(phases()).toEqual(['waiting', 'cancelled']);
    await expect(fetch(`${redirectUri}?code=x&state=y`)).rejects.toThrow();
    expect(file()).toBe(saved);
    expect(await h.call('connectionsCancelSignIn', undefined)).toEqual({ cancelled: false });
  });

  it('times out when nobody signs in (clock-driven)', async () => {
    h = await startHarness({ signInTimeoutMs: 120_000 });
    const pending = h.call('connectionsAdd', app());
    await expect.poll(() => h.browserUrls.length).toBe(1);
    h.clock.advance(120_000);
    await expect(pending).rejects.toMatchObject({ code: 'timeout', message: expect.stringMatching(/stopped waiting/) });
    expect(phases()).toEqual(['waiting', 'timed-out']);
    const waiting = h.events.find((e) => e.event === 'connections.signIn')!.payload as SignInProgress;
    expect(waiting.deadline - waiting.startedAt).toBe(120_000);
  });

  it('one sign-in at a time', async () => {
    h = await startHarness();
    const first = h.call('connectionsAdd', app());
    await expect.poll(() => h.browserUrls.length).toBe(1);
    await expect(h.call('connectionsAdd', app())).rejects.toMatchObject({ code: 'conflict' });
    h.manager.cancelSignIn();
    await expect(first).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('reconnect signs in again in the browser and replaces (and deletes) the old Relay token', async () => {
    h = await startHarness({ browser: (url) => void completeSignIn(url, h.sim.credentials.admin) });
    const view = await h.call('connectionsAdd', app());
    h.sim.control.clearLog();
    const again = await h.call('connectionsReconnect', { id: view.id });
    expect(again).toMatchObject({ id: view.id, state: 'connected' });
    await settle();
    expect(logged(h.sim, 'DELETE', '/api/auth/accesstokens/').map((e) => e.status)).toEqual([204]);
    const reconnectPhase = h.events.filter((e) => e.event === 'connections.signIn').at(-1)!.payload as SignInProgress;
    expect(reconnectPhase).toMatchObject({ phase: 'done', connectionId: view.id });
  });
});
