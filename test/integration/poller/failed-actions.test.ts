// A person's action that did not happen is an event: refused by the pre-join check (the dashboard stops
// there and never calls join), refused before sending (role, passcode connection), or failed on the
// server — each an 'error' line in the event log with its reason, found by the errors filter.
import { afterEach, describe, expect, it } from 'vitest';
import { holdAll, ON_PREMISES, startHarness, type Harness } from './harness.ts';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

async function started(options: Parameters<typeof startHarness>[0] = {}): Promise<Harness> {
  const harness = await startHarness({ sim: { rooms: 6, ...ON_PREMISES }, connect: false, ...options, rooms: { poller: { budgetFor: () => null }, ...options.rooms } });
  holdAll(harness, 'inactive');
  harness.rooms.sync([harness.conn]);
  await harness.advance(21_000);
  return harness;
}

const settled = async (p: Promise<unknown>): Promise<void> => {
  const done = p.catch(() => undefined);
  await h.advance(0);
  await done;
};
const errorLines = (key: string) => h.rooms.eventList({ roomKey: key, kinds: ['error'] }).map((e) => [e.kind, e.cause, e.message]);

describe('failed actions in the event log', () => {
  it('a passcode the pre-join check refuses is a refused join; asking for one is not', async () => {
    h = await started();
    const id = h.sim.control.rooms.list()[1]!.id;
    const key = h.key(id);
    const meeting = h.sim.control.meetings.list().find((m) => m.participantPasscode !== null)!;
    const ask = h.rooms.joinFlow(key, meeting.numericId, undefined);
    await settled(ask);
    await expect(ask).resolves.toBe('GET_PASSCODE');
    expect(errorLines(key)).toEqual([]);
    const wrong = h.rooms.joinFlow(key, meeting.numericId, '0');
    await settled(wrong);
    await expect(wrong).resolves.toBe('GET_GOOD_PASSCODE');
    expect(errorLines(key)).toEqual([['error', 'user', `Join of meeting ${meeting.numericId} failed: That passcode is not right for this meeting.`]]);
    expect(h.rooms.eventList({ kinds: ['error'] }).at(-1)?.roomName).toBe(h.view(id).name);
  });

  it('a mute, unmute or hang-up the server refuses is logged with the reason', async () => {
    h = await started();
    const id = h.sim.control.rooms.list()[0]!.id;
    const key = h.key(id);
    h.sim.control.rooms.set(id, { callState: 'active', muted: false, hold: true });
    await h.advance(6_000);
    h.sim.control.faults.add({ match: { path: `/api/endpoints/${id}/`, method: 'POST' }, kind: 'status', status: 500 });
    for (const action of ['mute', 'unmute', 'hangup'] as const) await settled(h.rooms.act(key, action));
    expect(errorLines(key)).toEqual([
      ['error', 'user', expect.stringMatching(/^Mute failed: .*HTTP 500/)],
      ['error', 'user', expect.stringMatching(/^Unmute failed: .*HTTP 500/)],
      ['error', 'user', expect.stringMatching(/^Hang up failed: .*HTTP 500/)],
    ]);
  });

  it('an action refused before anything is sent (role, passcode connection) is logged too', async () => {
    h = await started({ caps: { canView: true, canControl: false, canProvision: false, zeroTouch: null } });
    const id = h.sim.control.rooms.list()[0]!.id;
    const key = h.key(id);
    await settled(h.rooms.act(key, 'hangup'));
    await settled(h.rooms.join({ key, meetingId: '4085551212', passcodeConnectionId: 'gone' }));
    expect(errorLines(key)).toEqual([
      ['error', 'user', expect.stringMatching(/^Hang up failed: .*not control/)],
      ['error', 'user', expect.stringMatching(/^Join of meeting 4085551212 failed: .*not control/)],
    ]);
    // A key that names no room is answered in words, but is no room's event.
    await settled(h.rooms.act('c1/no-such-room', 'mute'));
    expect(h.rooms.eventList({ kinds: ['error'] })).toHaveLength(2);
  });
});
