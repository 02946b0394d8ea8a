// Interval per state, phase spread and jitter bounds, against the simulator on a virtual clock.
import { afterEach, describe, expect, it } from 'vitest';
import { seededRandom } from '../../unit/poller/fake-clock.ts';
import { holdAll, ON_PREMISES, startHarness, type Harness } from './harness.ts';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const gaps = (times: number[]): number[] => times.slice(1).map((t, i) => t - (times[i] as number));

describe('poller intervals (no budget)', () => {
  it('polls dialing rooms every 2 s, active every 5 s, the rest every 20 s, within the jitter', async () => {
    h = await startHarness({ sim: { rooms: 30, ...ON_PREMISES }, connect: false, rooms: { poller: { budgetFor: () => null, random: seededRandom(1) } } });
    holdAll(h, 'inactive');
    const ids = h.sim.control.rooms.list().map((r) => r.id);
    const dialing = ids.slice(0, 3);
    const active = ids.slice(3, 9);
    for (const id of dialing) h.sim.control.rooms.set(id, { callState: 'dialing', hold: true });
    for (const id of active) h.sim.control.rooms.set(id, { callState: 'active', hold: true });
    const t0 = h.clock.now();
    h.rooms.sync([h.conn]);
    await h.advance(25_000); // first poll (spread over up to 20 s) learns the states
    const from = h.clock.now();
    await h.advance(120_000);
    const polls = (id: string) => h.requests(`/api/endpoints/${id}/status`, from).map((r) => r.at);
    for (const id of dialing) {
      const g = gaps(polls(id));
      expect(g.length).toBeGreaterThanOrEqual(57);
      for (const x of g) expect(Math.abs(x - 2_000)).toBeLessThanOrEqual(2 * 100 + 100); // ±5 % jitter each side, 100 ms batch
      expect(h.view(id).intervalMs).toBe(2_000);
      expect(h.view(id).call).toBe('dialing');
    }
    for (const id of active) {
      const g = gaps(polls(id));
      expect(g.length).toBeGreaterThanOrEqual(21);
      for (const x of g) expect(Math.abs(x - 5_000)).toBeLessThanOrEqual(2 * 250 + 100);
      expect(h.view(id).intervalMs).toBe(5_000);
    }
    for (const id of ids.slice(9)) {
      const g = gaps(polls(id));
      expect(g.length).toBeGreaterThanOrEqual(4); // 120 s at 20 s: 5 or 6 polls, depending on the phase
      for (const x of g) expect(Math.abs(x - 20_000)).toBeLessThanOrEqual(2 * 1_000 + 100);
      expect(h.view(id).call).toBe('idle');
      expect(h.view(id).intervalMs).toBe(20_000);
    }
    // Jitter is there (not every gap exact).
    const all = ids.slice(9).flatMap((id) => gaps(polls(id)));
    expect(new Set(all).size).toBeGreaterThan(5);
    // The first polls are spread over the interval by phase, not all at once.
    const firsts = ids.slice(9).map((id) => (h.requests(`/api/endpoints/${id}/status`)[0]?.at ?? 0) - t0);
    expect(Math.max(...firsts) - Math.min(...firsts)).toBeGreaterThan(10_000);
    // Without a budget the bulk call is not used.
    expect(h.requests('/api/endpoints/status')).toHaveLength(0);
  });

  it('moves a room to its new interval when its state changes, and back', async () => {
    h = await startHarness({ sim: { rooms: 5, ...ON_PREMISES }, connect: false, rooms: { poller: { budgetFor: () => null } } });
    holdAll(h, 'inactive');
    const id = h.sim.control.rooms.list()[0]!.id;
    h.rooms.sync([h.conn]);
    await h.advance(21_000);
    expect(h.view(id).call).toBe('idle');
    h.sim.control.rooms.set(id, { callState: 'active', hold: true });
    const changedAt = h.clock.now();
    await h.advance(21_000);
    const seen = h.requests(`/api/endpoints/${id}/status`, changedAt).map((r) => r.at);
    expect(h.view(id).call).toBe('in-call');
    // It learns the change within one old interval, then polls at 5 s.
    expect((seen[0] as number) - changedAt).toBeLessThanOrEqual(21_000);
    const after = gaps(seen.slice(1));
    for (const g of after) expect(Math.abs(g - 5_000)).toBeLessThanOrEqual(2 * 250 + 100);
    const entries = h.rooms.eventList({ roomKey: h.key(id) });
    expect(entries.map((e) => e.message).some((m) => m.startsWith('In a call'))).toBe(true);
    expect(entries.every((e) => e.cause === 'poll' && e.roomName === h.view(id).name)).toBe(true);
  });
});
