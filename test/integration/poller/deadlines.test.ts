// A total deadline per request: a slow drip (one byte every second, so no between-chunk timeout ever
// fires) on four rooms must not hold the host's in-flight slots, and every dripping request ends by its
// deadline, as a timeout in words, on the poller's (virtual) clock.
import { afterEach, describe, expect, it } from 'vitest';
import { callDeadlines } from '../../../main/net/deadline.ts';
import type { FastGetRequest } from '../../../main/relay/fast-get.ts';
import { seededRandom } from '../../unit/poller/fake-clock.ts';
import { holdAll, ON_PREMISES, startHarness, type Harness } from './harness.ts';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const STATUS_DEADLINE_MS = callDeadlines.status;
const gaps = (times: number[]): number[] => times.slice(1).map((t, i) => t - (times[i] as number));

describe('request deadlines', () => {
  it('a slow drip on 4 rooms: the other rooms are polled on, and each dripping request ends by its deadline', async () => {
    const dripping = new Set<string>();
    const stuck: { path: string; start: number; end: number | null; error: { code: string; message: string } | null }[] = [];
    const open = () => stuck.filter((s) => s.end === null).length;
    h = await startHarness({
      sim: { rooms: 12, ...ON_PREMISES },
      connect: false,
      // Four requests in flight per host: the cap a host under a request budget gets.
      rooms: { poller: { budgetFor: () => null, maxInFlight: 4, random: seededRandom(5), batchMs: 25 } },
      stuckInFlight: open,
    });
    // Watch the status polls of the dripping rooms: when each starts and ends, and how.
    const fast = h.transport.fast;
    const get = fast.get.bind(fast);
    fast.get = <T>(req: FastGetRequest<T>): Promise<T> => {
      if (!dripping.has(req.path)) return get(req);
      const entry: (typeof stuck)[number] = { path: req.path, start: h.clock.now(), end: null, error: null };
      stuck.push(entry);
      return get(req).then(
        (value) => {
          entry.end = h.clock.now();
          return value;
        },
        (error: { code: string; message: string }) => {
          entry.end = h.clock.now();
          entry.error = { code: error.code, message: error.message };
          throw error;
        },
      );
    };
    holdAll(h, 'active');
    h.rooms.sync([h.conn]);
    await h.advance(21_000);

    const ids = h.sim.control.rooms.list().map((r) => r.id);
    const drips = ids.slice(0, 4);
    const rest = ids.slice(4);
    for (const id of drips) {
      const path = `/api/endpoints/${id}/status`;
      dripping.add(path);
      // One byte a second (real time): far inside undici's 5 s between-chunk timeout.
      h.sim.control.faults.add({ match: { path }, kind: 'slow_drip', ms: 1_000 });
    }
    const from = h.clock.now();
    await h.advance(90_000);

    // The other rooms went on being polled: a poll waits at most one deadline for a slot (while all four
    // are dripping at once), and every room stays fresh.
    for (const id of rest) {
      const polls = h.requests(`/api/endpoints/${id}/status`, from).map((r) => r.at);
      expect(polls.length, id).toBeGreaterThanOrEqual(12);
      for (const x of gaps(polls)) expect(x).toBeLessThanOrEqual(5_000 + STATUS_DEADLINE_MS + 25);
      expect(h.view(id).error).toBeNull();
      expect(h.view(id).stale).toBe(false);
    }
    // Every dripping request ended by its deadline (the last ones may still be running), as a timeout in words.
    const ended = stuck.filter((s) => s.end !== null);
    expect(ended.length).toBeGreaterThanOrEqual(8);
    for (const s of ended) {
      expect((s.end as number) - s.start).toBeLessThanOrEqual(STATUS_DEADLINE_MS);
      expect(s.error).toEqual({ code: 'timeout', message: expect.stringMatching(/did not answer within 6 s\.$/) });
    }
    for (const s of stuck.filter((x) => x.end === null)) expect(h.clock.now() - s.start).toBeLessThanOrEqual(STATUS_DEADLINE_MS);
    for (const id of drips) {
      expect(h.view(id).error?.code).toBe('timeout');
      expect(h.view(id).stale).toBe(true);
    }
  });
});
