// Bad input and faults: per-room backoff and recovery, a malformed body, an offline room, stale marking,
// and a host-wide pause on 429 that honours Retry-After.
import { afterEach, describe, expect, it } from 'vitest';
import { seededRandom } from '../../unit/poller/fake-clock.ts';
import { holdAll, ON_PREMISES, startHarness, type Harness } from './harness.ts';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const gaps = (times: number[]): number[] => times.slice(1).map((t, i) => t - (times[i] as number));
// A 25 ms batch window (default 100 ms unlimited) keeps the timing bounds below tight.
const unlimited = { poller: { budgetFor: () => null, random: seededRandom(5), batchMs: 25 } };

async function started(rooms = 10): Promise<Harness> {
  const harness = await startHarness({ sim: { rooms, ...ON_PREMISES }, connect: false, rooms: unlimited });
  holdAll(harness, 'active');
  harness.rooms.sync([harness.conn]);
  // Every room's first poll falls somewhere in its first (idle, 20 s) interval, by phase.
  await harness.advance(21_000);
  return harness;
}

describe('poller faults', () => {
  it('backs off a failing room exponentially (capped), leaves the others alone, and recovers after the backoff', async () => {
    h = await started();
    const [bad, ...rest] = h.sim.control.rooms.list().map((r) => r.id) as [string, ...string[]];
    const fault = h.sim.control.faults.add({ match: { path: `/api/endpoints/${bad}/status` }, kind: 'status', status: 503 });
    const from = h.clock.now();
    await h.advance(240_000);
    const attempts = h.requests(`/api/endpoints/${bad}/status`, from).map((r) => r.at);
    const g = gaps(attempts);
    // 1, 2, 4, 8, 16, 32 s ceilings, then capped at 60 s; each wait is at least the 1 s base.
    expect(g.length).toBeGreaterThanOrEqual(6);
    expect(g.length).toBeLessThan(40);
    // (Polls due within the 25 ms batch window go out together, so a wait can look 25 ms short.)
    for (const [i, x] of g.entries()) {
      expect(x).toBeGreaterThanOrEqual(1_000 - 25);
      expect(x).toBeLessThanOrEqual(Math.min(60_000, 1_000 * 2 ** (i + 1)) + 25);
    }
    const view = h.view(bad);
    expect(view.error?.code).toBe('server_error');
    expect(view.reachability).toBe('error');
    expect(view.stale).toBe(true);
    // The other rooms kept their 5 s rhythm and stayed fresh.
    for (const id of rest) {
      const polls = h.requests(`/api/endpoints/${id}/status`, from).map((r) => r.at);
      expect(polls.length).toBeGreaterThanOrEqual(46);
      for (const x of gaps(polls)) expect(Math.abs(x - 5_000)).toBeLessThanOrEqual(525);
      expect(h.view(id).error).toBeNull();
      expect(h.view(id).stale).toBe(false);
    }
    // The server comes back: the room recovers within one interval after its backoff ends (≤ 60 s + 5 s).
    h.sim.control.faults.remove(fault);
    const back = h.clock.now();
    await h.advance(65_000);
    const ok = h.requests(`/api/endpoints/${bad}/status`, back).filter((r) => r.status === 200);
    expect(ok.length).toBeGreaterThan(0);
    expect(h.view(bad).error).toBeNull();
    expect(h.view(bad).reachability).toBe('online');
    expect(h.view(bad).stale).toBe(false);
    const messages = h.rooms.eventList({ roomKey: h.key(bad) }).map((e) => e.message);
    expect(messages.some((m) => m.startsWith('Status failed'))).toBe(true);
    expect(messages.some((m) => m.startsWith('Unreachable after 3 failed status calls'))).toBe(true);
    expect(messages).toContain('The room answers again.');
    // Back on its grid.
    await h.advance(30_000);
    const after = gaps(h.requests(`/api/endpoints/${bad}/status`, h.clock.now() - 25_000).map((r) => r.at));
    for (const x of after) expect(Math.abs(x - 5_000)).toBeLessThanOrEqual(525);
  });

  it('treats a malformed status body as that room’s error, not a crash', async () => {
    h = await started(6);
    const [bad, good] = h.sim.control.rooms.list().map((r) => r.id) as [string, string];
    h.sim.control.faults.add({ match: { path: `/api/endpoints/${bad}/status` }, kind: 'malformed_json' });
    h.sim.control.faults.add({ match: { path: `/api/endpoints/${good}/status` }, kind: 'html', count: 1 });
    await h.advance(20_000);
    expect(h.view(bad).error?.code).toBe('bad_response');
    expect(h.view(bad).error?.message).toMatch(/not valid JSON/);
    // One bad answer, then fine again.
    expect(h.view(good).error).toBeNull();
    expect(h.view(good).call).toBe('in-call');
    expect(h.requests(`/api/endpoints/${good}/status`).some((r) => r.status === 502)).toBe(true);
  });

  it('calls a gateway’s HTML error page (nginx 502/503) server trouble that the poller retries, not a wrong address', async () => {
    h = await started(4);
    const [a, b] = h.sim.control.rooms.list().map((r) => r.id) as [string, string];
    h.sim.control.faults.add({ match: { path: `/api/endpoints/${a}/status` }, kind: 'html', status: 502 });
    h.sim.control.faults.add({ match: { path: `/api/endpoints/${b}/status` }, kind: 'html', status: 503 });
    await h.advance(10_000);
    expect(h.view(a).error).toEqual({ code: 'server_error', message: 'The server is having trouble (HTTP 502); Relay Console will retry.' });
    expect(h.view(b).error).toEqual({ code: 'server_error', message: 'The server is having trouble (HTTP 503); Relay Console will retry.' });
    expect(h.requests(`/api/endpoints/${a}/status`).length).toBeGreaterThan(1);
  });

  it('shows a room whose Listener Service is offline as offline, not as an error, and keeps polling it at the idle rate', async () => {
    h = await started(4);
    const id = h.sim.control.rooms.list()[0]!.id;
    h.sim.control.rooms.set(id, { offline: true, hold: true });
    await h.advance(30_000);
    const v = h.view(id);
    expect(v.reachability).toBe('offline');
    expect(v.error).toBeNull();
    expect(v.call).toBe('unknown');
    const from = h.clock.now();
    await h.advance(60_000);
    const g = gaps(h.requests(`/api/endpoints/${id}/status`, from).map((r) => r.at));
    for (const x of g) expect(Math.abs(x - 20_000)).toBeLessThanOrEqual(2_025);
    h.sim.control.rooms.set(id, { offline: false, callState: 'active', hold: true });
    await h.advance(21_000);
    expect(h.view(id).reachability).toBe('online');
    expect(h.rooms.eventList({ roomKey: h.key(id) }).map((e) => e.message)).toEqual(
      expect.arrayContaining(['Went offline: Relay cannot reach the room.', 'Back online.']),
    );
  });

  it('marks a room stale after two intervals without a confirmation, and fresh again, through diffs', async () => {
    h = await started(3);
    const id = h.sim.control.rooms.list()[0]!.id;
    const key = h.key(id);
    const fault = h.sim.control.faults.add({ match: { path: `/api/endpoints/${id}/status` }, kind: 'status', status: 500 });
    const confirmedAt = h.view(id).confirmedAt as number;
    expect(h.view(id).intervalMs).toBe(5_000);
    await h.advance(confirmedAt + 9_900 - h.clock.now());
    expect(h.view(id).stale).toBe(false);
    await h.advance(3_000);
    expect(h.view(id).stale).toBe(true);
    // Stale once now − confirmedAt > 2 × interval (a sweep each second notices), and sent as a diff.
    const staleDiff = h.diffs.find((d) => d.diff.upserted.some((v) => v.key === key && v.stale));
    expect(staleDiff).toBeDefined();
    expect((staleDiff as { at: number }).at - confirmedAt).toBeGreaterThan(10_000);
    expect((staleDiff as { at: number }).at - confirmedAt).toBeLessThanOrEqual(11_000 + 333);
    h.sim.control.faults.remove(fault);
    await h.advance(70_000);
    expect(h.view(id).stale).toBe(false);
    expect(h.diffs.at(-1)?.diff.upserted.find((v) => v.key === key)?.stale ?? h.view(id).stale).toBe(false);
  });

  it('pauses the whole host on 429 for as long as Retry-After says', async () => {
    h = await started(10);
    const id = h.sim.control.rooms.list()[0]!.id;
    h.sim.control.faults.add({ match: { path: `/api/endpoints/${id}/status` }, kind: 'rate_limit', retryAfterSec: 7, count: 1 });
    await h.advance(6_000);
    const limited = h.requests(/\/api\/endpoints\//).find((r) => r.status === 429);
    expect(limited).toBeDefined();
    const at = (limited as { at: number }).at;
    await h.advance(20_000);
    const during = h.requests(/\/api\//, at + 1).filter((r) => r.at < at + 7_000);
    expect(during).toHaveLength(0);
    const resumed = h.requests(/\/api\//, at + 7_000);
    expect(resumed.length).toBeGreaterThan(10);
    expect(resumed[0]!.at - at).toBeLessThanOrEqual(7_100);
    // The room that met the 429 is not marked failed for it, and it is no error (slow-down.test.ts).
    expect(h.view(id).error).toBeNull();
    expect(h.rooms.eventList({ kinds: ['error'] })).toHaveLength(0);
    expect(h.emitted.some((e) => e.event === 'poller.status')).toBe(true);
  });
});
