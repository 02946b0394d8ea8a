// A sign-out the server cannot confirm (429, a server error) used to leave the token alive on the server
// while the app said "signed out". Now it signs out here at once, shows "Signing out on the server…",
// keeps the token (encrypted) and retries in the background until the server confirms — across a restart
// too (a 404 on the revoke: test/unit/auth/pending-revokes.test.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { settle } from '../../helpers/manual-clock.ts';
import { logged, startHarness, type Harness } from './harness.ts';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const tokenWorks = async (token: string) => (await fetch(`${h.sim.url}/api/enterprises/self`, { headers: { 'x-access-token': token, accept: 'application/json' } })).status === 200;
const addRelayAccount = () => h.call('connectionsAdd', { kind: 'relay', ...h.sim.credentials.relayAccount, bases: h.bases, name: 'Basic' });
const view = (id: string) => h.manager.list().find((v) => v.id === id);

/** Lets the revoke retries run: the manual clock for the backoff, then the requests. */
async function waitOut(ms: number): Promise<void> {
  for (let t = 0; t < ms; t += 5_000) {
    h.clock.advance(5_000);
    await settle(60);
  }
}

describe('a sign-out the server cannot confirm', () => {
  it('is retried until the token is gone on the server, showing "Signing out on the server…" meanwhile', async () => {
    h = await startHarness({ budget: true });
    const v = await addRelayAccount();
    const token = h.manager.get(v.id).relay.current()!.token;
    // Refused with 429 three times (this harness's host budget does not retry a 429 itself; the app's does, see
    // test/integration/conformance): the first try and two background retries.
    h.sim.control.faults.add({ match: { path: '/api/auth/accesstokens/*', method: 'DELETE' }, kind: 'rate_limit', retryAfterSec: 1, count: 3 });
    const out = await h.call('connectionsSignOut', { id: v.id });
    expect(out).toMatchObject({ state: 'reconnect-needed', signOutPending: true, reason: expect.stringMatching(/signing out on the server/) });
    expect(await tokenWorks(token)).toBe(true);
    // The token waits encrypted in the settings file, never in plain text.
    const file = readFileSync(join(h.dir, 'settings.json'), 'utf8');
    expect(JSON.parse(file).secrets?.[v.id]).toBeDefined();
    expect(file).not.toContain(token);
    // Backoff from 30 s: tries at 0, 30 s, 90 s and 210 s.
    await waitOut(200_000);
    expect(view(v.id)).toMatchObject({ signOutPending: true });
    await waitOut(15_000);
    expect(await tokenWorks(token)).toBe(false);
    expect(view(v.id)).toMatchObject({ signOutPending: false, reason: expect.stringMatching(/^Signed out\./) });
    const deletes = logged(h.sim, 'DELETE', '/api/auth/accesstokens/').map((e) => e.status);
    expect(deletes.filter((s) => s === 429)).toHaveLength(3);
    expect(deletes.at(-1)).toBe(204);
    expect(JSON.parse(readFileSync(join(h.dir, 'settings.json'), 'utf8')).secrets).toBeUndefined();
    // The renderer was told both: pending, then done.
    const lists = h.events.filter((e) => e.event === 'connections.changed').map((e) => (e.payload as { id: string; signOutPending: boolean }[]).find((c) => c.id === v.id));
    expect(lists.some((c) => c?.signOutPending)).toBe(true);
    expect(lists.at(-1)?.signOutPending).toBe(false);
  });

  it('goes on after a restart', async () => {
    h = await startHarness({ budget: true });
    const v = await addRelayAccount();
    const token = h.manager.get(v.id).relay.current()!.token;
    const fault = h.sim.control.faults.add({ match: { path: '/api/auth/accesstokens/*', method: 'DELETE' }, kind: 'status', status: 503 });
    expect(await h.call('connectionsSignOut', { id: v.id })).toMatchObject({ signOutPending: true });
    const again = await h.restart();
    h = again;
    expect(view(v.id)).toMatchObject({ state: 'reconnect-needed', signOutPending: true });
    expect(await tokenWorks(token)).toBe(true);
    h.sim.control.faults.remove(fault);
    await waitOut(60_000);
    expect(await tokenWorks(token)).toBe(false);
    expect(view(v.id)).toMatchObject({ signOutPending: false });
  });

  it('a removed connection disappears at once and its revoke goes on until the server confirms it', async () => {
    h = await startHarness({ budget: true });
    const v = await addRelayAccount();
    const token = h.manager.get(v.id).relay.current()!.token;
    h.sim.control.faults.add({ match: { path: '/api/auth/accesstokens/*', method: 'DELETE' }, kind: 'status', status: 502, count: 2 });
    const result = await h.call('connectionsRemove', { id: v.id });
    expect(result.notes.join(' ')).toMatch(/keeps trying/);
    expect(h.manager.list()).toEqual([]);
    await waitOut(120_000);
    expect(await tokenWorks(token)).toBe(false);
    expect(JSON.parse(readFileSync(join(h.dir, 'settings.json'), 'utf8')).connections).toEqual([]);
  });
});
