import { describe, expect, it } from 'vitest';
import type { AppLink, EventName, EventPayloads, RelayApi, Result, RoomsDiff, RoomsSnapshot } from '../../../contract/index.ts';
import { connectRoomStore, createRoomStore } from '../../../renderer/src/rooms/store.ts';
import { room } from './fixture.ts';

const snapshot = (seq: number, ids: string[]): RoomsSnapshot => ({ seq, rooms: ids.map((id) => room(id)) });

describe('room store', () => {
  it('applies a snapshot, then diffs in sequence, and counts states', () => {
    const store = createRoomStore();
    store.applySnapshot(snapshot(5, ['1', '2', '3']));
    expect(store.getState().counts).toMatchObject({ total: 3, idle: 3, 'in-call': 0 });
    expect(store.applyDiff({ seq: 6, upserted: [room('2', { call: 'in-call', muted: true })], removed: ['c1/3'] })).toBe('applied');
    const s = store.getState();
    expect(s.rooms.size).toBe(2);
    expect(s.counts).toMatchObject({ total: 2, idle: 1, 'in-call': 1, muted: 1 });
    expect(s.seq).toBe(6);
  });

  it('ignores diffs already in the snapshot and reports a gap', () => {
    const store = createRoomStore();
    store.applySnapshot(snapshot(10, ['1']));
    const v = store.getState().version;
    expect(store.applyDiff({ seq: 9, upserted: [room('1', { call: 'dialing' })], removed: [] })).toBe('ignored');
    expect(store.applyDiff({ seq: 10, upserted: [room('1', { call: 'dialing' })], removed: [] })).toBe('ignored');
    expect(store.getState().version).toBe(v);
    expect(store.applyDiff({ seq: 12, upserted: [], removed: [] })).toBe('gap');
    expect(store.getState().rooms.get('c1/1')?.call).toBe('idle');
  });

  it('knows which rooms changed since a version, or that it no longer knows', () => {
    const store = createRoomStore();
    store.applySnapshot(snapshot(0, ['1', '2', '3']));
    const v = store.getState().version;
    store.applyDiff({ seq: 1, upserted: [room('1', { call: 'dialing' })], removed: [] });
    store.applyDiff({ seq: 2, upserted: [room('2', { call: 'dialing' })], removed: [] });
    expect(store.changesSince(v)).toEqual(new Set(['c1/1', 'c1/2']));
    expect(store.changesSince(store.getState().version)).toEqual(new Set());
    expect(store.changesSince(v - 1)).toBe('all'); // reaches back past the snapshot
    for (let seq = 3; seq < 100; seq++) store.applyDiff({ seq, upserted: [room('3')], removed: [] });
    expect(store.changesSince(v)).toBe('all'); // history is bounded
  });

  it('counts the structure only when rooms come, go or move site', () => {
    const store = createRoomStore();
    store.applySnapshot(snapshot(0, ['1']));
    const s0 = store.getState().structure;
    store.applyDiff({ seq: 1, upserted: [room('1', { call: 'dialing' })], removed: [] });
    expect(store.getState().structure).toBe(s0);
    store.applyDiff({ seq: 2, upserted: [room('1', { site: 'Tokyo' })], removed: [] });
    expect(store.getState().structure).toBe(s0 + 1);
    store.applyDiff({ seq: 3, upserted: [room('2')], removed: [] });
    expect(store.getState().structure).toBe(s0 + 2);
  });
});

/** A fake window.relay: roomsList answers when the test says so; diffs are pushed by the test. */
function fakeApi(snapshots: RoomsSnapshot[]) {
  const listeners = new Set<(d: RoomsDiff) => void>();
  const linkListeners = new Set<(l: AppLink) => void>();
  const answers: ((r: Result<RoomsSnapshot>) => void)[] = [];
  let calls = 0;
  const api: Pick<RelayApi, 'roomsList' | 'on'> = {
    roomsList: () => {
      calls++;
      return new Promise((resolve) => answers.push(resolve));
    },
    on<E extends EventName>(event: E, listener: (p: EventPayloads[E]) => void) {
      if (event === 'app.link') {
        const l = listener as unknown as (link: AppLink) => void;
        linkListeners.add(l);
        return () => linkListeners.delete(l);
      }
      if (event !== 'rooms.diff') return () => undefined;
      const l = listener as unknown as (d: RoomsDiff) => void;
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  return {
    api,
    calls: () => calls,
    answer: async (r?: Result<RoomsSnapshot>) => {
      answers.shift()?.(r ?? { ok: true, value: snapshots.shift()! });
      await new Promise((resolve) => setTimeout(resolve, 0));
    },
    push: (d: RoomsDiff) => listeners.forEach((l) => l(d)),
    link: (l: AppLink) => linkListeners.forEach((listener) => listener(l)),
  };
}

describe('connectRoomStore', () => {
  it('keeps diffs that arrive before the snapshot and applies the newer ones after it', async () => {
    const fake = fakeApi([snapshot(5, ['1', '2'])]);
    const store = createRoomStore();
    connectRoomStore(fake.api, store);
    fake.push({ seq: 5, upserted: [room('1', { call: 'dialing' })], removed: [] }); // already in the snapshot
    fake.push({ seq: 6, upserted: [room('2', { call: 'in-call' })], removed: [] });
    await fake.answer();
    expect(store.getState().rooms.get('c1/1')?.call).toBe('idle');
    expect(store.getState().rooms.get('c1/2')?.call).toBe('in-call');
    expect(store.getState().seq).toBe(6);
  });

  it('fetches the snapshot again on a gap', async () => {
    const fake = fakeApi([snapshot(1, ['1']), snapshot(9, ['1', '2'])]);
    const store = createRoomStore();
    connectRoomStore(fake.api, store);
    await fake.answer();
    fake.push({ seq: 2, upserted: [], removed: [] });
    fake.push({ seq: 4, upserted: [], removed: [] }); // 3 was lost
    expect(fake.calls()).toBe(2);
    await fake.answer();
    expect(store.getState().seq).toBe(9);
    expect(store.getState().rooms.size).toBe(2);
  });

  it('shows a failure in words and loads again when main speaks', async () => {
    const fake = fakeApi([snapshot(3, ['1'])]);
    const store = createRoomStore();
    connectRoomStore(fake.api, store);
    await fake.answer({ ok: false, error: { code: 'unavailable', message: 'Room monitoring is not available.' } });
    expect(store.getState()).toMatchObject({ status: 'failed', error: 'Room monitoring is not available.' });
    fake.push({ seq: 4, upserted: [], removed: [] });
    await fake.answer();
    expect(store.getState().status).toBe('ready');
  });

  it('marks every room stale when the link to Relay Console is lost, and reloads when it is back', async () => {
    const fake = fakeApi([snapshot(40, ['1', '2']), snapshot(2, ['1', '2', '3'])]);
    const store = createRoomStore();
    connectRoomStore(fake.api, store);
    await fake.answer();
    expect(store.getState().counts.stale).toBe(0);
    fake.link({ state: 'lost', message: 'Lost contact with Relay Console — reconnecting…' });
    expect([...store.getState().rooms.values()].map((r) => r.stale)).toEqual([true, true]);
    expect(store.getState().counts.stale).toBe(2);
    expect(fake.calls()).toBe(1);
    // The host restarted: its sequence starts again, so only a fresh snapshot can be trusted.
    fake.link({ state: 'live' });
    expect(fake.calls()).toBe(2);
    await fake.answer();
    expect(store.getState()).toMatchObject({ seq: 2, counts: { stale: 0, total: 3 } });
    fake.link({ state: 'live' }); // live while live: nothing to do
    expect(fake.calls()).toBe(2);
  });

  it('a refused link (the host restarted with a new key) leaves every room stale', async () => {
    const fake = fakeApi([snapshot(1, ['1'])]);
    const store = createRoomStore();
    connectRoomStore(fake.api, store);
    await fake.answer();
    fake.link({ state: 'refused', why: 'restarted', message: 'Relay Console was restarted: open the new address it printed.' });
    expect(store.getState().rooms.get('c1/1')?.stale).toBe(true);
  });
});
