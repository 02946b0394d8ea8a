// A 429 is the server asking to slow down: the host waits what Retry-After asks (seconds or an HTTP date),
// but never more than RETRY_AFTER_CAP_SEC (a hostile `Retry-After: 99999999` used to pause polling for
// three years and make the timer fire every millisecond), then one request probes; if it is refused again,
// the wait starts again. It is not an error: one event-log line per episode, with the count.
import { afterEach, describe, expect, it } from 'vitest';
import { RETRY_AFTER_CAP_SEC } from '../../../contract/index.ts';
import { MAX_TIMER_DELAY_MS } from '../../../main/ports.ts';
import { seededRandom } from '../../unit/poller/fake-clock.ts';
import { holdAll, startHarness, type Harness } from './harness.ts';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const CAP_MS = RETRY_AFTER_CAP_SEC * 1000;

/** 10 idle rooms under Relay's limit against the strict sim, every timer delay the poller asks for recorded. */
async function started(): Promise<{ delays: number[] }> {
  h = await startHarness({ sim: { rooms: 10 }, connect: false, rooms: { poller: { random: seededRandom(3) } } });
  holdAll(h, 'inactive');
  const delays: number[] = [];
  const setTimeout = h.clock.setTimeout.bind(h.clock);
  h.clock.setTimeout = (fn, ms) => {
    delays.push(ms);
    return setTimeout(fn, ms);
  };
  h.rooms.sync([h.conn]);
  await h.advance(30_000);
  return { delays };
}

const refused = (since = -Infinity) => h.requests(/^\/api\//, since).filter((r) => r.status === 429);

describe('Retry-After', () => {
  for (const asked of [99_999_999, 3_600]) {
    it(`honours Retry-After: ${asked} for at most ${RETRY_AFTER_CAP_SEC} s, then one request probes and polling goes on; no timer beyond the cap`, async () => {
      const { delays } = await started();
      h.sim.control.faults.add({ match: { path: '/api/endpoints/status' }, kind: 'rate_limit', retryAfterSec: asked, count: 1 });
      delays.length = 0;
      await h.advance(10_000);
      const [hit] = refused();
      expect(hit).toBeDefined();
      const host = h.rooms.status().hosts[0]!;
      expect(host.askedWaitSec).toBe(asked);
      expect(host.pausedUntil).toBe(hit!.at + CAP_MS);
      expect(host.slowDown).toMatchObject({ count: 1 });
      await h.advance(CAP_MS);
      const after = h.requests(/^\/api\//, hit!.at + 1);
      // Nothing during the wait; the first request right at its end, and polling as before after it.
      expect(after[0]!.at).toBe(hit!.at + CAP_MS);
      expect(after.filter((r) => r.at < hit!.at + CAP_MS)).toHaveLength(0);
      await h.advance(20_000);
      expect(h.requests(/^\/api\//, hit!.at + CAP_MS).length).toBeGreaterThan(20);
      expect(h.rooms.status().hosts[0]!.pausedUntil).toBeNull();
      expect(h.rooms.status().hosts[0]!.askedWaitSec).toBeNull();
      // No timer was armed for the wait asked (the longest: the episode's quiet minute after the capped
      // wait), let alone past what Node takes (2^31 − 1 ms).
      expect(Math.max(...delays)).toBeLessThanOrEqual(CAP_MS + 60_000);
      expect(Math.max(...delays)).toBeLessThan(MAX_TIMER_DELAY_MS);
    });
  }

  it('when the probe is refused again, waits again: one request per capped wait, never a flood', async () => {
    await started();
    h.sim.control.faults.add({ match: { path: '/api/**' }, kind: 'rate_limit', retryAfterSec: 99_999_999 });
    const from = h.clock.now();
    await h.advance(10 * 60_000);
    const sent = h.requests(/^\/api\//, from);
    // The first refusal, then one probe every 120 s: 1 + 5 in 10 minutes.
    expect(sent.length).toBeGreaterThanOrEqual(5);
    expect(sent.length).toBeLessThanOrEqual(6);
    for (let i = 1; i < sent.length; i++) expect(sent[i]!.at - sent[i - 1]!.at).toBe(CAP_MS);
    expect(h.rooms.status().hosts[0]!.slowDown?.count).toBe(sent.length);
  });

  it('reads an HTTP-date Retry-After', async () => {
    await started();
    h.sim.control.faults.add({ match: { path: '/api/endpoints/status' }, kind: 'rate_limit', retryAfterSec: 7, retryAfterAsDate: true, count: 1 });
    await h.advance(30_000);
    const [hit] = refused();
    expect(hit).toBeDefined();
    // An HTTP date has whole seconds: the wait ends within the second before hit + 7 s.
    const next = h.requests(/^\/api\//, hit!.at + 1)[0]!;
    expect(next.at - hit!.at).toBeGreaterThan(6_000);
    expect(next.at - hit!.at).toBeLessThanOrEqual(7_000);
  });
});

describe('a 429 in the event log', () => {
  it('is one "asked to slow down" line per episode with the count of 429s, not an error, after a quiet minute', async () => {
    await started();
    h.sim.control.faults.add({ match: { path: '/api/endpoints/*/status' }, kind: 'rate_limit', retryAfterSec: 2, count: 3 });
    const from = h.clock.now();
    await h.advance(30_000);
    expect(refused(from)).toHaveLength(3);
    // While it lasts, the poller bar has it; the log does not yet.
    expect(h.rooms.status().hosts[0]!.slowDown).toMatchObject({ count: 3 });
    await h.advance(60_000);
    const lines = h.rooms.eventList({}).filter((e) => /slow down/.test(e.message));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ kind: 'connection', connectionName: 'Sim', roomKey: null });
    expect(lines[0]!.message).toMatch(/^The server asked to slow down \(3 times/);
    expect(h.rooms.eventList({ kinds: ['error'] })).toHaveLength(0);
    expect(h.rooms.status().hosts[0]!.slowDown).toBeNull();
    // The rooms that met a 429 are not marked failed for it.
    for (const v of h.rooms.list().rooms) expect(v.error).toBeNull();
    // A later 429 is another episode, another line.
    h.sim.control.faults.add({ match: { path: '/api/endpoints/status' }, kind: 'rate_limit', count: 1 });
    await h.advance(90_000);
    expect(h.rooms.eventList({}).filter((e) => /slow down/.test(e.message))).toHaveLength(2);
  });
});
