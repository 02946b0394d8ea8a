// A connection is "Connected" only when its rooms can be read: the whole core (connections, poller, event
// log) against the simulator. A room list that fails shows on the connection's view in words, and the
// admin's "Check connection" and a failed reconnect leave their outcome on the row and in the event log.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectionView, EventLogEntry } from '../../../contract/index.ts';
import { createCore, type Core } from '../../../main/core.ts';
import { startSim, type RunningSim } from '../../../sim/index.ts';

const host = { kind: 'preview' as const, version: '0', platform: 'linux', electronVersion: null };
let sim: RunningSim;
let core: Core;

beforeEach(async () => {
  sim = await startSim({ rooms: 6, seed: 3, port: 0 });
  core = createCore({ host, startDemoSim: null });
});
afterEach(async () => {
  await core.dispose();
  await sim.close();
});

async function call<T>(channel: string, payload: unknown): Promise<T> {
  const r = await core.dispatch(channel, payload);
  if (!r.ok) throw Object.assign(new Error(r.error.message), r.error);
  return r.value as T;
}
const bases = () => ({ api: sim.url, authorize: sim.url, relay: sim.url });
const addRelay = () => call<ConnectionView>('connections.add', { kind: 'relay', ...sim.credentials.relayAccount, bases: bases(), name: 'Office' });
const connection = async (id: string) => (await call<ConnectionView[]>('connections.list', undefined)).find((c) => c.id === id)!;
const errors = () => call<EventLogEntry[]>('events.list', { kinds: ['error'] });

describe('the room list on the connection', () => {
  it('a room list that cannot be read shows on the connection, in words; once read, how many rooms', async () => {
    const fault = sim.control.faults.add({ match: { path: '/api/endpoint*', method: 'GET' }, kind: 'status', status: 500 });
    const view = await addRelay();
    await expect.poll(async () => (await connection(view.id)).roomList, { timeout: 15_000 }).toMatchObject({ status: 'failed', message: expect.stringMatching(/HTTP 500/) });
    expect((await connection(view.id)).state).toBe('connected'); // the token works; the rooms do not
    expect((await errors()).some((e) => e.connectionName === 'Office' && /room list could not be read/.test(e.message))).toBe(true);
    sim.control.faults.remove(fault);
    await expect.poll(async () => (await connection(view.id)).roomList, { timeout: 15_000 }).toEqual({ status: 'read', rooms: 6 });
  });
});

describe('Check connection', () => {
  it('a check that works says what Relay answered; one that fails says why, on the row and in the event log', async () => {
    const view = await addRelay();
    const checked = await call<ConnectionView>('connections.check', { id: view.id });
    expect(checked.check).toMatchObject({ ok: true, message: expect.stringMatching(/^Relay answered for Northwind Traders in \d+ ms\.$/) });
    expect(sim.control.log().filter((e) => e.path === '/api/enterprises/self')).toHaveLength(1);
    expect(sim.control.log().find((e) => e.path === '/api/enterprises/self')!.headers['x-access-token']).toBe('***');

    sim.control.faults.add({ match: { path: '/api/enterprises/self' }, kind: 'status', status: 503 });
    const failed = await call<ConnectionView>('connections.check', { id: view.id });
    expect(failed.check).toMatchObject({ ok: false, message: expect.stringMatching(/HTTP 503/) });
    expect((await connection(view.id)).check).toEqual(failed.check);
    const logged = (await errors()).filter((e) => e.message.startsWith('Connection check failed'));
    expect(logged).toEqual([expect.objectContaining({ kind: 'error', cause: 'user', connectionName: 'Office', message: expect.stringMatching(/HTTP 503/) })]);
  });

  it('a room pairing checks with its own room (the only calls its token reaches)', async () => {
    const { admin, pairingCodes } = sim.credentials;
    const pairing = await call<ConnectionView>('connections.add', {
      kind: 'pairing',
      pairingCode: pairingCodes[0]!.code,
      source: { from: 'password', username: admin.username, password: admin.password },
      bases: bases(),
    });
    const checked = await call<ConnectionView>('connections.check', { id: pairing.id });
    expect(checked.check).toMatchObject({ ok: true });
    expect(sim.control.log().some((e) => e.path === '/api/enterprises/self')).toBe(false);
  });

  it('a meeting passcode connection has nothing on Relay to check: said in words, and logged', async () => {
    const meeting = await call<ConnectionView>('connections.add', { kind: 'meeting', meetingId: '8675309000', passcode: '', bases: bases() });
    const checked = await call<ConnectionView>('connections.check', { id: meeting.id });
    expect(checked.check).toMatchObject({ ok: false, message: expect.stringMatching(/no Relay access/) });
    expect((await errors()).map((e) => e.message)).toEqual([expect.stringMatching(/^Connection check failed: .*no Relay access/)]);
  });
});

describe('a failed reconnect', () => {
  it('is an error in the event log, with the reason', async () => {
    const view = await addRelay();
    await expect(call('connections.reconnect', { id: view.id, password: 'not-the-password' })).rejects.toMatchObject({ code: 'unauthorized' });
    const logged = (await errors()).filter((e) => e.message.startsWith('Reconnect failed'));
    expect(logged).toEqual([expect.objectContaining({ connectionName: 'Office', cause: 'user', message: expect.stringMatching(/did not accept|not accepted|credentials/) })]);
    expect(JSON.stringify(await call('events.list', undefined))).not.toContain('not-the-password');
  });
});
