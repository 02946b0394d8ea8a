// What every conformance case does: the connections, ten simulated minutes of an admin's work on the
// board, and the verdict read from the simulator's request log.
import { expect } from 'vitest';
import type { ConnectionView, RoomView } from '../../../contract/index.ts';
import type { Conformance } from './harness.ts';

export const MINUTES = 10;
const STEP_MS = 5_000;

/** The four kinds of connection to one Relay host the simulator serves, each with its own token. */
export async function connectFour(h: Conformance): Promise<ConnectionView[]> {
  const { admin, app } = h.sim.credentials;
  const bases = { api: h.sim.url, authorize: h.sim.url, relay: h.sim.url };
  const demo = await h.during(h.call<ConnectionView>('demo.start', undefined));
  const basic = await h.during(h.call<ConnectionView>('connections.add', { kind: 'relay', name: 'Admin (Basic)', username: admin.username, password: admin.password, bases }));
  const password = await h.during(h.call<ConnectionView>('connections.add', { kind: 'password', name: 'Admin (password)', username: admin.username, password: admin.password, bases }));
  const client = await h.during(h.call<ConnectionView>('connections.add', { kind: 'client', name: 'Enterprise app', clientId: app.clientId, clientSecret: app.clientSecret, bases }));
  return [demo, basic, password, client];
}

export interface Tally {
  details: number;
  joins: number;
  mutes: number;
  hangups: number;
  signOuts: number;
  failures: string[];
}

/** What an admin does every few seconds while the board runs; failures are kept (none may be a 429). */
async function work(h: Conformance, connections: ConnectionView[], tally: Tally): Promise<void> {
  const meeting = h.sim.credentials.meetings.find((m) => m.participantPasscode !== null) ?? h.sim.credentials.meetings[0]!;
  const relayConn = connections.find((v) => v.kind === 'relay' && !v.demo) ?? connections[0]!;
  const steps = (MINUTES * 60_000) / STEP_MS;
  const attempt = async (what: keyof Omit<Tally, 'failures'>, call: Promise<unknown>): Promise<void> => {
    try {
      await h.during(call);
      tally[what]++;
    } catch (error) {
      tally.failures.push(`${what}: ${(error as { code?: string }).code ?? ''} ${(error as Error).message}`);
    }
  };
  let rooms: RoomView[] = [];
  for (let step = 0; step < steps; step++) {
    await h.advance(STEP_MS);
    if (step % 6 === 0) {
      rooms = await h.rooms();
      // The rooms on screen: the first dozen, moving down the list now and then.
      const offset = (step * 3) % Math.max(1, rooms.length - 12);
      await h.call('rooms.focus', { keys: rooms.slice(offset, offset + 12).map((r) => r.key) });
    }
    const live = rooms.filter((r) => r.allowed.control && r.reachability === 'online');
    const pick = (filter: (r: RoomView) => boolean): RoomView | undefined => live.filter(filter)[step % Math.max(1, live.filter(filter).length)];
    switch (step % 8) {
      case 1: {
        const r = pick(() => true);
        if (r) await attempt('details', h.call('rooms.detail', { key: r.key }));
        break;
      }
      case 3: {
        const r = pick((x) => x.call === 'idle');
        if (!r) break;
        const passcode = meeting.participantPasscode ?? undefined;
        await attempt('joins', h.call('rooms.joinflow', { key: r.key, meetingId: meeting.numericId, ...(passcode ? { passcode } : {}) }));
        await attempt('joins', h.call('rooms.join', { key: r.key, meetingId: meeting.numericId, ...(passcode ? { passcode } : {}) }));
        break;
      }
      case 5: {
        const r = pick((x) => x.call === 'in-call' && x.pending === null);
        if (r) await attempt('mutes', h.call('rooms.act', { key: r.key, action: r.muted ? 'unmute' : 'mute' }));
        break;
      }
      case 7: {
        const r = pick((x) => x.call === 'in-call' && x.pending === null);
        if (r && step % 16 === 7) await attempt('hangups', h.call('rooms.act', { key: r.key, action: 'hangup' }));
        break;
      }
    }
    // Sign out of one connection at minute 4 and back in at minute 6; the detail panel of one of its rooms meanwhile is refused in words.
    if (step === (4 * 60_000) / STEP_MS) await attempt('signOuts', h.call('connections.signOut', { id: relayConn.id }));
    if (step === (6 * 60_000) / STEP_MS) {
      const password = relayConn.demo ? h.sim.credentials.relayAccount.password : h.sim.credentials.admin.password;
      await attempt('signOuts', h.call('connections.reconnect', { id: relayConn.id, password }));
    }
  }
}

/** Every request the server saw, and the ones it refused (an injected fault's are not the limit's). */
export function verdict(h: Conformance): { total: number; refused: number; tightest: number } {
  const log = h.log();
  const at = log.map((e) => e.at).sort((a, b) => a - b);
  let tightest = Infinity;
  for (let i = 2; i < at.length; i++) tightest = Math.min(tightest, at[i]! - at[i - 2]!);
  return { total: log.length, refused: log.filter((e) => e.status === 429 && !e.fault).length, tightest };
}


/** One case: connect (one or four connections), work for ten simulated minutes, and check the verdict. */
export async function conformanceCase(h: Conformance, four: boolean): Promise<void> {
  const start = h.clock.now();
  const connections = four ? await connectFour(h) : [await h.during(h.call<ConnectionView>('demo.start', undefined))];
  const tally: Tally = { details: 0, joins: 0, mutes: 0, hangups: 0, signOuts: 0, failures: [] };
  await work(h, connections, tally);
  const v = verdict(h);
  expect(v.refused).toBe(0);
  // Per host (one host here, every token on it): never 3 requests within 1,100 ms as they left.
  expect(v.tightest).toBeGreaterThanOrEqual(1_100);
  // The budget was used: ≥ 85 % of what the strict rule allows (2 a second), from minute 1 to 4 (before the sign-out).
  expect(h.log().filter((e) => e.at >= start + 60_000 && e.at < start + 240_000).length).toBeGreaterThanOrEqual(0.85 * 2 * 180);
  // The admin's work went through, and none of it met a 429.
  expect(tally.details).toBeGreaterThan(5);
  expect(tally.joins).toBeGreaterThan(2);
  expect(tally.mutes).toBeGreaterThan(2);
  expect(tally.hangups).toBeGreaterThan(0);
  expect(tally.signOuts).toBe(2);
  expect(tally.failures.filter((f) => /rate_limited|slow down/.test(f))).toEqual([]);
  expect(h.events.filter((e) => /slow down/.test(e.message))).toEqual([]);
  const status = await h.call<{ hosts: { names: string[]; slowDown: unknown }[] }>('poller.status', undefined);
  expect(status.hosts).toHaveLength(1);
  expect(status.hosts[0]!.slowDown).toBeNull();
  expect(status.hosts[0]!.names).toHaveLength(four ? 4 : 1);
}
