import { afterEach, describe, expect, it } from 'vitest';
import type { Result } from '../../../contract/index.ts';
import { createActionTracker, judge, type ActionRecord, type ActionTracker } from '../../../renderer/src/rooms/actions.ts';
import { createRoomStore } from '../../../renderer/src/rooms/store.ts';
import { whyNot } from '../../../renderer/src/rooms/model.ts';
import { room } from './fixture.ts';

const inCall = room('1', { call: 'in-call', muted: false, confirmedAt: 100, detailAt: 100 });
const confirming = (action: ActionRecord['action']): ActionRecord => ({
  id: 1,
  key: inCall.key,
  action,
  phase: 'confirming',
  message: '',
  startedAt: 0,
  baseline: { confirmedAt: 100, detailAt: 100, error: null },
});

describe('judging an action against the next poll', () => {
  it('waits while the action is pending or no newer poll came', () => {
    const r = confirming('mute');
    expect(judge(r, { ...inCall, pending: 'mute', muted: true, detailAt: 200 }, 10)).toBe(r);
    expect(judge(r, { ...inCall, muted: true }, 10)).toBe(r); // the same poll as before
    expect(judge(r, { ...inCall, muted: true, confirmedAt: 200 }, 10)).toBe(r); // a bulk poll says nothing of mute
  });

  it('confirms from a newer poll that shows the new state', () => {
    expect(judge(confirming('mute'), { ...inCall, muted: true, detailAt: 200 }, 10).phase).toBe('confirmed');
    expect(judge(confirming('hangup'), { ...inCall, call: 'idle', muted: null, confirmedAt: 200 }, 10).phase).toBe('confirmed');
    expect(judge(confirming('join'), { ...inCall, call: 'dialing', confirmedAt: 200 }, 10).phase).toBe('confirmed');
  });

  it('says so in words when the poll contradicts it, and when an error came', () => {
    const still = judge(confirming('mute'), { ...inCall, detailAt: 200 }, 10);
    expect(still).toMatchObject({ phase: 'unconfirmed', message: 'Mute was sent, but the room still reports in call, microphone live.' });
    const error = judge(confirming('hangup'), { ...inCall, confirmedAt: 200, error: { code: 'server_error', message: 'The room did not answer.' } }, 10);
    expect(error).toMatchObject({ phase: 'failed', message: 'The room did not answer.' });
    // An unconfirmed action is still confirmed by a later poll.
    expect(judge(still, { ...inCall, muted: true, detailAt: 300 }, 10).phase).toBe('confirmed');
  });

  it('times out with no poll', () => {
    expect(judge(confirming('mute'), inCall, 31_000)).toMatchObject({ phase: 'unconfirmed', message: 'Mute was sent, but no poll has confirmed it yet.' });
  });
});

describe('action tracker', () => {
  let tracker: ActionTracker | null = null;
  afterEach(() => tracker?.dispose());

  it('goes from sending to confirming to confirmed as diffs arrive', async () => {
    const store = createRoomStore();
    store.applySnapshot({ seq: 0, rooms: [inCall] });
    tracker = createActionTracker(store, () => 0);
    let answer: (r: Result<null>) => void = () => undefined;
    const done = tracker.run(inCall.key, 'mute', () => new Promise((resolve) => (answer = resolve)));
    expect(tracker.get().get(inCall.key)?.phase).toBe('sending');
    answer({ ok: true, value: null });
    expect((await done).phase).toBe('confirming');
    store.applyDiff({ seq: 1, upserted: [{ ...inCall, pending: 'mute' }], removed: [] });
    expect(tracker.get().get(inCall.key)?.phase).toBe('confirming');
    store.applyDiff({ seq: 2, upserted: [{ ...inCall, muted: true, detailAt: 150 }], removed: [] });
    expect(tracker.get().get(inCall.key)).toMatchObject({ phase: 'confirmed' });
  });

  it('shows a refused action in words', async () => {
    const store = createRoomStore();
    store.applySnapshot({ seq: 0, rooms: [inCall] });
    tracker = createActionTracker(store, () => 0);
    const r = await tracker.run(inCall.key, 'hangup', async () => ({ ok: false, error: { code: 'forbidden', message: 'This token may not control rooms.' } }));
    expect(r).toMatchObject({ phase: 'failed', message: 'This token may not control rooms.' });
  });
});

describe('why an action is not offered', () => {
  it('gives the role reason first, then the state', () => {
    expect(whyNot({ ...inCall, allowed: { control: false, reason: 'A pairing-code token reaches only its own room.' } }, 'mute')).toBe(
      'A pairing-code token reaches only its own room.',
    );
    expect(whyNot(room('2'), 'mute')).toBe('The room is not in a call.');
    expect(whyNot({ ...inCall, muted: true }, 'mute')).toBe('The microphone is already muted.');
    expect(whyNot(inCall, 'mute')).toBeNull();
    expect(whyNot(inCall, 'join')).toBe('The room is already in a call: hang up first.');
    expect(whyNot(room('3', { reachability: 'offline' }), 'join')).toBe('The room is offline.');
    expect(whyNot({ ...inCall, pending: 'hangup' }, 'mute')).toBe('Waiting for the room to confirm: hanging up.');
  });
});
