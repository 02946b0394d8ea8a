// Actions: pending, the confirming poll at once, never retried, the join flow with its pre-join check,
// and refusal by role.
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../main/ipc/app-error.ts';
import { holdAll, ON_PREMISES, startHarness, type Harness } from './harness.ts';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

async function started(options: Parameters<typeof startHarness>[0] = {}): Promise<Harness> {
  const harness = await startHarness({ sim: { rooms: 6, ...ON_PREMISES }, connect: false, ...options, rooms: { poller: { budgetFor: () => null }, ...options.rooms } });
  holdAll(harness, 'active');
  harness.rooms.sync([harness.conn]);
  await harness.advance(21_000);
  return harness;
}

async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected a failure');
}

describe('room actions', () => {
  it('shows pending, sends the action once, polls the room at once to confirm, then shows the new state', async () => {
    h = await started();
    const id = h.sim.control.rooms.list()[0]!.id;
    const key = h.key(id);
    h.sim.control.rooms.set(id, { callState: 'active', muted: false, hold: true });
    await h.advance(6_000);
    expect(h.view(id).muted).toBe(false);
    const at = h.clock.now();
    const done = h.rooms.act(key, 'mute');
    expect(h.view(id).pending).toBe('mute');
    await h.advance(0);
    await expect(done).resolves.toBeNull();
    expect(h.view(id).pending).toBe('mute');
    await h.advance(400);
    const posts = h.requests(`/api/endpoints/${id}/mutemicrophone`);
    expect(posts).toHaveLength(1);
    const confirm = h.requests(`/api/endpoints/${id}/status`, posts[0]!.at);
    expect(confirm.length).toBeGreaterThanOrEqual(1);
    expect(confirm[0]!.at - at).toBeLessThanOrEqual(400);
    const v = h.view(id);
    expect(v.pending).toBeNull();
    expect(v.muted).toBe(true);
    // The renderer saw pending and then the confirmed state (diffs leave at most every 333 ms).
    await h.advance(400);
    const seen = h.diffs.filter((d) => d.at >= at).flatMap((d) => d.diff.upserted.filter((u) => u.key === key));
    expect(seen.some((u) => u.pending === 'mute')).toBe(true);
    expect(seen.at(-1)).toMatchObject({ pending: null, muted: true });
    const log = h.rooms.eventList({ roomKey: key, kinds: ['action'] });
    expect(log.map((e) => [e.cause, e.message])).toEqual([['user', 'Mute sent; confirming.']]);
  });

  it('never retries a failed action, and says why in words', async () => {
    h = await started();
    const id = h.sim.control.rooms.list()[1]!.id;
    h.sim.control.faults.add({ match: { path: `/api/endpoints/${id}/hangup`, method: 'POST' }, kind: 'status', status: 503 });
    const p = failure(h.rooms.act(h.key(id), 'hangup'));
    await h.advance(0);
    const e = await p;
    expect(e.code).toBe('server_error');
    expect(e.message).toMatch(/^The server is having trouble \(HTTP 503\)\. Try again in a moment\./);
    await h.advance(30_000);
    expect(h.requests(`/api/endpoints/${id}/hangup`)).toHaveLength(1);
    expect(h.view(id).pending).toBeNull();
    expect(h.rooms.eventList({ roomKey: h.key(id), kinds: ['error'] }).at(-1)?.message).toMatch(/^Hang up failed:/);
    // A server refusal (not in a call) is an error in words too, also not retried.
    h.sim.control.rooms.set(id, { callState: 'inactive', hold: true });
    const q = failure(h.rooms.act(h.key(id), 'unmute'));
    await h.advance(0);
    expect((await q).code).toBe('conflict');
    expect(h.requests(`/api/endpoints/${id}/unmutemicrophone`)).toHaveLength(1);
  });

  it('checks the join flow first: asks for a passcode, refuses a wrong one, joins with the right one', async () => {
    h = await started();
    holdAll(h, 'inactive');
    await h.advance(21_000);
    const id = h.sim.control.rooms.list()[2]!.id;
    const key = h.key(id);
    const meeting = h.sim.control.meetings.list().find((m) => m.participantPasscode !== null)!;
    const flow = h.rooms.joinFlow(key, meeting.numericId, undefined);
    await h.advance(0);
    await expect(flow).resolves.toBe('GET_PASSCODE');
    const noCode = failure(h.rooms.join({ key, meetingId: meeting.numericId }));
    await h.advance(0);
    expect((await noCode).message).toMatch(/needs a passcode/);
    const wrong = failure(h.rooms.join({ key, meetingId: meeting.numericId, passcode: '0' }));
    await h.advance(0);
    expect((await wrong).message).toMatch(/not right/);
    expect(h.requests(`/api/endpoints/${id}/join`)).toHaveLength(0);
    expect(h.view(id).pending).toBeNull();
    const ok = h.rooms.join({ key, meetingId: meeting.numericId, passcode: meeting.participantPasscode as string });
    await h.advance(0);
    await expect(ok).resolves.toBeNull();
    await h.advance(400);
    expect(h.requests(`/api/endpoints/${id}/join`)).toHaveLength(1);
    expect(h.view(id)).toMatchObject({ call: 'dialing', pending: null, intervalMs: 2_000 });
    expect(h.view(id).meeting?.id).toBe(meeting.numericId);
    // The passcode never reaches the log lines.
    const lines = JSON.stringify(h.rooms.eventList({}));
    expect(lines).not.toContain(`passcode=${meeting.participantPasscode}`);
  });

  it('uses the passcode a Meeting passcode connection holds', async () => {
    const kept = new Map<string, { numericId: string; passcode: string }>();
    h = await started({ rooms: { meetingPasscode: (id) => kept.get(id) ?? null } });
    holdAll(h, 'inactive');
    await h.advance(21_000);
    const id = h.sim.control.rooms.list()[3]!.id;
    const meeting = h.sim.control.meetings.list().find((m) => m.participantPasscode !== null)!;
    kept.set('meet-1', { numericId: meeting.numericId, passcode: meeting.participantPasscode as string });
    const other = h.rooms.join({ key: h.key(id), meetingId: '12345678', passcodeConnectionId: 'meet-1' });
    expect((await failure(other)).message).toMatch(/is for meeting/);
    const p = h.rooms.join({ key: h.key(id), meetingId: meeting.numericId, passcodeConnectionId: 'meet-1' });
    await h.advance(400);
    await expect(p).resolves.toBeNull();
    expect(h.view(id).call).toBe('dialing');
  });

  it('refuses actions the role does not allow, with the reason, before sending anything', async () => {
    h = await started({ caps: { canView: true, canControl: false, canProvision: false, zeroTouch: null } });
    const id = h.sim.control.rooms.list()[0]!.id;
    const v = h.view(id);
    expect(v.allowed.control).toBe(false);
    expect(v.allowed.reason).toMatch(/not control/);
    const e = await failure(h.rooms.act(h.key(id), 'mute'));
    expect(e.code).toBe('forbidden');
    expect(e.message).toBe(v.allowed.reason);
    expect(h.requests(/mutemicrophone/)).toHaveLength(0);
  });

  it('gives the room detail: its meetings and who is paired', async () => {
    h = await started();
    const id = h.sim.control.rooms.list()[0]!.id;
    const p = h.rooms.detail(h.key(id));
    await h.advance(0);
    const detail = await p;
    expect(detail.room.key).toBe(h.key(id));
    expect(Array.isArray(detail.meetings)).toBe(true);
    for (const m of detail.meetings) expect(m.id).toMatch(/^\d+$/);
    expect(detail.paired).toEqual([]);
    // The calendar's passcodes stay in main.
    expect(JSON.stringify(detail)).not.toMatch(/passcode"\s*:\s*"\d/);
    await expect(h.rooms.detail('c1/nope')).rejects.toMatchObject({ code: 'not_found' });
  });
});
