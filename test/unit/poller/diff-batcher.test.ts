import { describe, expect, it } from 'vitest';
import type { EventLogEntry, RoomView, RoomsDiff } from '../../../contract/index.ts';
import { DiffBatcher } from '../../../main/poller/diff-batcher.ts';
import { FakeClock } from './fake-clock.ts';

function setup() {
  const clock = new FakeClock(0);
  const state = new Map<string, number>();
  const diffs: { at: number; diff: RoomsDiff }[] = [];
  const events: { at: number; entries: EventLogEntry[] }[] = [];
  const batcher = new DiffBatcher({
    clock,
    flushMs: 250,
    eventFlushMs: 1_000,
    render: (key) => (state.has(key) ? ({ key, intervalMs: state.get(key) } as RoomView) : null),
    emitDiff: (diff) => diffs.push({ at: clock.now(), diff }),
    emitEvents: (entries) => events.push({ at: clock.now(), entries }),
  });
  return { clock, state, diffs, events, batcher };
}

const entry = (id: number): EventLogEntry => ({ id, at: id, roomKey: null, roomName: null, connectionName: null, kind: 'state', cause: 'poll', message: `e${id}` });

describe('DiffBatcher', () => {
  it('coalesces any number of changes into at most one diff per window, each room once, as it is at flush', async () => {
    const { clock, state, diffs, batcher } = setup();
    for (let t = 0; t < 10_000; t += 10) {
      for (let r = 0; r < 50; r++) {
        state.set(`r${r}`, t);
        batcher.dirty(`r${r}`);
      }
      await clock.advance(10);
    }
    await clock.advance(1_000);
    expect(diffs.length).toBeLessThanOrEqual(10_000 / 250 + 1);
    for (let i = 1; i < diffs.length; i++) expect(diffs[i]!.at - diffs[i - 1]!.at).toBeGreaterThanOrEqual(250);
    for (const { diff } of diffs) expect(new Set(diff.upserted.map((v) => v.key)).size).toBe(diff.upserted.length);
    const last = diffs.at(-1)!.diff;
    expect(last.upserted.find((v) => v.key === 'r0')?.intervalMs).toBe(9_990);
    expect(diffs.map((d) => d.diff.seq)).toEqual(diffs.map((_, i) => i + 1));
    expect(batcher.seq).toBe(diffs.length);
  });

  it('sends a removal once, and a room that is gone at flush as removed', async () => {
    const { clock, state, diffs, batcher } = setup();
    state.set('a', 1);
    batcher.dirty('a');
    batcher.dirty('b');
    batcher.removed('c');
    await clock.advance(0);
    expect(diffs[0]?.diff.upserted.map((v) => v.key)).toEqual(['a']);
    expect(diffs[0]?.diff.removed.sort()).toEqual(['b', 'c']);
    await clock.advance(5_000);
    expect(diffs).toHaveLength(1);
  });

  it('sends nothing when nothing changed', async () => {
    const { clock, diffs, events } = setup();
    await clock.advance(10_000);
    expect(diffs).toHaveLength(0);
    expect(events).toHaveLength(0);
  });

  it('coalesces event-log lines on their own cadence', async () => {
    const { clock, events, batcher } = setup();
    for (let i = 1; i <= 100; i++) {
      batcher.event(entry(i));
      await clock.advance(50);
    }
    await clock.advance(2_000);
    expect(events.length).toBeLessThanOrEqual(6);
    expect(events.flatMap((e) => e.entries.map((x) => x.id))).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
  });

  it('sends a change a person waits for without waiting for the next batch', async () => {
    const { clock, state, diffs, batcher } = setup();
    state.set('bulk', 1);
    batcher.dirty('bulk');
    await clock.advance(0);
    expect(diffs).toHaveLength(1);
    state.set('acted', 1);
    batcher.dirty('other');
    batcher.dirtyNow('acted');
    await clock.advance(60);
    expect(diffs).toHaveLength(2);
    expect(diffs[1]!.at).toBe(50);
    expect(diffs[1]!.diff.upserted.map((v) => v.key)).toEqual(['acted']);
    expect(diffs[1]!.diff.removed).toEqual(['other']);
  });
});
