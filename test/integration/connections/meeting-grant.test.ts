// The meeting grant as the official swagger has it (GrantRequestMeeting: grant_type, meetingNumericId and
// meetingPasscode all required, reference §1.2), against the simulator, which refuses a grant without
// meetingPasscode: "" is sent for a meeting with none. The role a meeting connection was made with
// (moderator or participant) is kept across a restart; the passcode never is.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

describe('meeting grant', () => {
  it('sends meetingPasscode "" for a meeting with no passcode', async () => {
    const open = h.sim.credentials.meetings.find((m) => m.moderatorPasscode === null && m.participantPasscode === null)!;
    const view = await h.call('connectionsAdd', { kind: 'meeting', meetingId: open.numericId, passcode: '', bases: h.bases });
    expect(view).toMatchObject({ state: 'connected', meeting: { numericId: open.numericId, scope: 'participant' } });
  });

  it('a moderator connection is still a moderator one after a restart (the passcode is not kept)', async () => {
    const meeting = h.sim.credentials.meetings.find((m) => m.moderatorPasscode && m.participantPasscode)!;
    const mod = await h.call('connectionsAdd', { kind: 'meeting', meetingId: meeting.numericId, passcode: meeting.moderatorPasscode!, bases: h.bases });
    const part = await h.call('connectionsAdd', { kind: 'meeting', meetingId: meeting.numericId, passcode: meeting.participantPasscode!, bases: h.bases });
    expect([mod.meeting?.scope, part.meeting?.scope]).toEqual(['moderator', 'participant']);
    const restarted = await h.restart();
    try {
      const after = await restarted.call('connectionsList', undefined);
      expect(after.find((v) => v.id === mod.id)).toMatchObject({ state: 'reconnect-needed', meeting: { scope: 'moderator' } });
      expect(after.find((v) => v.id === part.id)).toMatchObject({ state: 'reconnect-needed', meeting: { scope: 'participant' } });
      const saved = readFileSync(join(h.dir, 'settings.json'), 'utf8');
      expect(saved).not.toContain(meeting.moderatorPasscode!);
      // Reconnected with the participant passcode, it says so.
      const back = await restarted.call('connectionsReconnect', { id: mod.id, passcode: meeting.participantPasscode! });
      expect(back).toMatchObject({ state: 'connected', meeting: { scope: 'participant' } });
    } finally {
      await restarted.close(); // the simulator stays: afterEach closes it with the first harness
    }
  });
});
