// Conformance with a strict Relay server: the whole app, ten simulated minutes per case, against the
// simulator in strict mode with ±50 ms arrival jitter (harness.ts). One connection and four connections to
// one host on the demo board (24 rooms; 10,000 rooms: strict-relay-10k.test.ts), with what an admin does
// meanwhile (scenario.ts): the detail panel (a room's meetings and pairing), joins, mutes, unmutes,
// hang-ups, a sign-out and a reconnect. The server must refuse nothing (0 × 429), and no three requests
// may leave within 1,100 ms (the budget's margin). Then a revoke the server refuses with 429: retried
// until the token is gone, shown as pending meanwhile.
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionView } from '../../../contract/index.ts';
import { startConformance, type Conformance } from './harness.ts';
import { conformanceCase, MINUTES, verdict } from './scenario.ts';

let c: Conformance | undefined;
afterEach(async () => {
  await c?.close();
  c = undefined;
});

describe('against a strict Relay server (rolling 1,000 ms window, ±50 ms arrival jitter)', () => {
  for (const four of [false, true]) {
    it(`${four ? 'four connections' : 'one connection'} to one host, the demo board (24 rooms), ${MINUTES} simulated minutes with the detail panel, actions and a sign-out: 0 × 429`, async () => {
      c = await startConformance({ rooms: 24 });
      await conformanceCase(c, four);
    });
  }

  it('retries a revoke the server refuses with 429 until the token is gone, showing "Signing out on the server…" meanwhile', async () => {
    c = await startConformance({ rooms: 24 });
    const h = c;
    const demo = await h.during(h.call<ConnectionView>('demo.start', undefined));
    await h.advance(30_000);
    // More 429s than the host budget retries at once (4): the revoke has to go on in the background.
    h.sim.control.faults.add({ match: { path: '/api/auth/accesstokens/*', method: 'DELETE' }, kind: 'rate_limit', retryAfterSec: 2, count: 6 });
    const out = await h.during(h.call<ConnectionView>('connections.signOut', { id: demo.id }));
    expect(out).toMatchObject({ state: 'reconnect-needed', signOutPending: true });
    const deletes = () => h.log().filter((e) => e.method === 'DELETE' && e.path.startsWith('/api/auth/accesstokens/'));
    expect(deletes().map((e) => e.status)).toEqual([429, 429, 429, 429]);
    // Meanwhile the list says so, and polling has stopped.
    expect((await h.call<ConnectionView[]>('connections.list', undefined))[0]).toMatchObject({ signOutPending: true, reason: expect.stringMatching(/signing out on the server/) });
    const stoppedAt = h.clock.now();
    await h.advance(90_000);
    expect(deletes().map((e) => e.status)).toEqual([429, 429, 429, 429, 429, 429, 204]);
    expect((await h.call<ConnectionView[]>('connections.list', undefined))[0]).toMatchObject({ signOutPending: false, reason: expect.stringMatching(/^Signed out\./) });
    expect(h.connectionLists.some((list) => list[0]?.signOutPending)).toBe(true);
    // Signed out: nothing polls any more.
    expect(h.log().filter((e) => e.at > stoppedAt && e.path.startsWith('/api/endpoints'))).toEqual([]);
    const v = verdict(h);
    expect(v.refused).toBe(0);
    expect(v.tightest).toBeGreaterThanOrEqual(1_100);
    // The slow-down was told once, not as an error.
    await h.advance(120_000);
    const told = h.events.filter((e) => /slow down/.test(e.message));
    expect(told.length).toBeGreaterThanOrEqual(1);
    expect(told.every((e) => e.kind === 'connection')).toBe(true);
    expect(told.map((e) => e.message).join(' ')).toMatch(/6 times/);
  });
});
