// The revoke list of a sign-out: a 404 is "already signed out on the server"; a 429 stays in the list
// and goes again after the backoff; a token past its expiry is dropped as moot.
import { MockAgent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PendingRevokes } from '../../../main/auth/pending-revokes.ts';
import { HttpClient } from '../../../main/net/http.ts';
import { silentLogger } from '../../../main/ports.ts';
import { ManualClock, settle } from '../../helpers/manual-clock.ts';

const ORIGIN = 'https://relay.example.test';
const bases = { api: ORIGIN, authorize: ORIGIN, relay: ORIGIN };

let agent: MockAgent;
let clock: ManualClock;
let changes: number;
let revokes: PendingRevokes;

beforeEach(() => {
  agent = new MockAgent();
  agent.disableNetConnect();
  clock = new ManualClock();
  changes = 0;
  const http = new HttpClient({ dispatcher: agent }, { clock });
  revokes = new PendingRevokes({ clock, log: silentLogger, ctx: () => ({ http, bases, clock }), authoriser: () => null, changed: () => void changes++ });
});
afterEach(async () => {
  revokes.dispose();
  await agent.close();
});

const relayDelete = (token: string) => ({ path: `/api/auth/accesstokens/${token}`, method: 'DELETE' });

describe('pending revokes', () => {
  it('reads a 404 as "already signed out on the server", not as a token that was no longer valid', async () => {
    agent.get(ORIGIN).intercept(relayDelete('t1')).reply(404, { errorName: 'AccessTokenNotFound', errorMessage: 'no such token' });
    revokes.add([{ what: 'relay', token: 't1', expiresAt: null }]);
    expect(await revokes.run()).toEqual(['Already signed out on the server (the Relay token was gone).']);
    expect(revokes.size).toBe(0);
    expect(revokes.signOutPending()).toBe(false);
  });

  it('keeps a revoke refused with 429 and tries again after the backoff, until the server confirms', async () => {
    agent.get(ORIGIN).intercept(relayDelete('t2')).reply(429, {}, { headers: { 'retry-after': '1' } });
    agent.get(ORIGIN).intercept(relayDelete('t2')).reply(204, '');
    revokes.add([{ what: 'relay', token: 't2', expiresAt: null }]);
    expect((await revokes.run())[0]).toMatch(/keeps trying/);
    expect(revokes.signOutPending()).toBe(true);
    expect(JSON.parse(revokes.serialize()!)).toEqual([{ what: 'relay', token: 't2', expiresAt: null }]);
    clock.advance(29_000);
    await settle();
    expect(revokes.size).toBe(1);
    clock.advance(1_000);
    await settle();
    expect(revokes.size).toBe(0);
    expect(revokes.serialize()).toBeUndefined();
    expect(changes).toBe(1);
  });

  it('drops a revoke whose token has expired on its own, without asking the server', async () => {
    revokes.add([{ what: 'seam', token: 't3', expiresAt: clock.now() - 1 }]);
    expect(await revokes.run()).toEqual(['The BlueJeans token has expired on its own.']);
    expect(revokes.size).toBe(0);
  });

  it('reads back what was saved, and drops what it cannot read', () => {
    const saved = JSON.stringify([{ what: 'relay', token: 'x', expiresAt: 5 }]);
    const again = new PendingRevokes({ clock, log: silentLogger, ctx: () => { throw new Error('unused'); }, authoriser: () => null, changed: () => {} }, saved);
    expect(again.size).toBe(1);
    expect(again.tokens()).toEqual(['x']);
    const broken = new PendingRevokes({ clock, log: silentLogger, ctx: () => { throw new Error('unused'); }, authoriser: () => null, changed: () => {} }, '{"not": "a list"}');
    expect(broken.size).toBe(0);
  });
});
