// Following the connections, single-flight renewal on 401, and the renderer's copy kept by diffs.
import { afterEach, describe, expect, it } from 'vitest';
import type { RoomView } from '../../../contract/index.ts';
import { connectionView, holdAll, ON_PREMISES, startHarness, type Harness } from './harness.ts';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const unlimited = { poller: { budgetFor: () => null } };

describe('poller and connections', () => {
  it('adds rooms when a connection becomes connected and stops at once when it is removed', async () => {
    h = await startHarness({ sim: { rooms: 8 }, connect: false, rooms: unlimited });
    expect(h.rooms.list().rooms).toHaveLength(0);
    h.rooms.sync([{ ...h.conn, view: { ...h.conn.view, state: 'connecting' } }]);
    await h.advance(5_000);
    expect(h.requests(/\/api\/(endpoints|meetings)/)).toHaveLength(0);
    h.rooms.sync([h.conn]);
    await h.advance(1_000);
    expect(h.rooms.list().rooms).toHaveLength(8);
    expect(h.requests('/api/endpoints')).toHaveLength(1);
    await h.advance(30_000);
    // Removed: every room goes in the next diff and nothing more is sent.
    h.rooms.sync([]);
    const removedAt = h.clock.now();
    await h.advance(1_000);
    const removal = h.diffs.find((d) => d.at >= removedAt);
    expect(removal?.diff.removed.sort()).toEqual(h.keys().sort());
    expect(h.rooms.list().rooms).toHaveLength(0);
    await h.advance(60_000);
    expect(h.requests(/\/api\//, removedAt + 1)).toHaveLength(0);
    expect(h.rooms.eventList({ kinds: ['connection'] }).at(-1)?.message).toMatch(/removed/);
  });

  it('stops polling while a connection needs reconnecting, shows why, and resumes when it is back', async () => {
    h = await startHarness({ sim: { rooms: 5 }, rooms: unlimited });
    await h.advance(21_000);
    const reason = 'The Relay token has expired. Reconnect to go on.';
    h.rooms.sync([{ ...h.conn, view: connectionView(h.sim.url, undefined, { state: 'reconnect-needed', reason }) }]);
    const stoppedAt = h.clock.now();
    await h.advance(60_000);
    expect(h.requests(/\/api\//, stoppedAt + 1)).toHaveLength(0);
    const views = h.rooms.list().rooms;
    expect(views).toHaveLength(5);
    for (const v of views) {
      expect(v.error).toEqual({ code: 'unauthorized', message: reason });
      expect(v.allowed).toEqual({ control: false, reason });
      expect(v.stale).toBe(true);
    }
    h.rooms.sync([h.conn]);
    await h.advance(21_000);
    for (const v of h.rooms.list().rooms) {
      expect(v.error).toBeNull();
      expect(v.stale).toBe(false);
      expect(v.allowed.control).toBe(true);
    }
  });

  it('renews the token once for many 401s (single flight) and retries each request once', async () => {
    h = await startHarness({ sim: { rooms: 40, ...ON_PREMISES }, connect: false, rooms: { poller: { budgetFor: () => null, maxInFlight: 16 } } });
    holdAll(h, 'dialing');
    h.rooms.sync([h.conn]);
    await h.advance(21_000);
    const renewalsBefore = h.tokens.renewals();
    const before = h.clock.now();
    expect(h.sim.control.tokens.expire()).toBeGreaterThan(0);
    // Every room falls due at once (as after sleep): their status calls meet the 401 together.
    await h.jump(2_500);
    await h.advance(10_000);
    expect(h.tokens.renewals() - renewalsBefore).toBe(1);
    const refused = h.requests(/\/status$/, before).filter((r) => r.status === 401);
    expect(refused.length).toBeGreaterThan(1);
    expect(h.requests('/api/auth/accesstokens', before).filter((r) => r.method === 'POST')).toHaveLength(1);
    for (const v of h.rooms.list().rooms) {
      expect(v.error).toBeNull();
      expect(v.stale).toBe(false);
    }
  });

  it('keeps the renderer’s copy equal to the truth with coalesced diffs (no snapshots per tick)', async () => {
    h = await startHarness({ sim: { rooms: 60, speed: 50 }, rooms: unlimited });
    const copy = new Map<string, RoomView>();
    const snapshot = h.rooms.list();
    for (const v of snapshot.rooms) copy.set(v.key, v);
    let seq = snapshot.seq;
    await h.advance(120_000);
    for (const { diff } of h.diffs) {
      if (diff.seq <= seq) continue;
      expect(diff.seq).toBe(seq + 1);
      seq = diff.seq;
      for (const v of diff.upserted) copy.set(v.key, v);
      for (const k of diff.removed) copy.delete(k);
    }
    const flushedAt = h.emitted.length;
    h.rooms.batcher.flush();
    for (const { diff } of h.diffs.filter((d) => d.diff.seq > seq)) for (const v of diff.upserted) copy.set(v.key, v);
    const truth = h.rooms.list().rooms;
    expect(copy.size).toBe(truth.length);
    for (const v of truth) expect(copy.get(v.key)).toEqual(v);
    // At most one diff per 333 ms whatever happened, and each room at most once per diff.
    const timed = h.emitted.slice(0, flushedAt).filter((e) => e.event === 'rooms.diff');
    for (let i = 1; i < timed.length; i++) expect(timed[i]!.at - timed[i - 1]!.at).toBeGreaterThanOrEqual(333);
    for (const { diff } of h.diffs) expect(new Set(diff.upserted.map((v) => v.key)).size).toBe(diff.upserted.length);
    // Diffs carry changes, not the whole board every time.
    const sizes = h.diffs.map((d) => d.diff.upserted.length);
    expect(Math.min(...sizes.slice(5))).toBeLessThan(60);
    // Event-log batches: at most one a second; together ≤ 4 messages a second.
    const logBatches = h.emitted.slice(0, flushedAt).filter((e) => e.event === 'events.appended');
    for (let i = 1; i < logBatches.length; i++) expect(logBatches[i]!.at - logBatches[i - 1]!.at).toBeGreaterThanOrEqual(1_000);
    expect(h.events.length).toBeGreaterThan(0);
  });
});
