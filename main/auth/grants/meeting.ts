// Meeting grant (reference §1.2): numeric meeting id + passcode → a meeting token whose scope says
// moderator or participant. Nothing is kept: it is used for a join.
import { meetingGrantResponse, type MeetingToken } from '../tokens.ts';
import { TOKEN_PATH, type GrantContext } from './context.ts';

export async function meetingGrant(ctx: GrantContext, meetingNumericId: string, passcode: string): Promise<MeetingToken> {
  // meetingPasscode is always sent ("" when the meeting has none): the swagger's GrantRequestMeeting marks it
  // required, and "" is what working clients send (reference §1.2).
  const body = await ctx.http.request({
    method: 'POST',
    base: ctx.bases.api,
    path: `${TOKEN_PATH}?Meeting`,
    body: { grant_type: 'meeting_passcode', meetingNumericId, meetingPasscode: passcode },
    schema: meetingGrantResponse,
    secrets: [passcode],
    messages: {
      unauthorized: 'BlueJeans did not accept that meeting ID and passcode.',
      rejected: 'BlueJeans did not accept that meeting ID and passcode.',
      not_found: 'BlueJeans knows no meeting with that ID.',
    },
  });
  const now = ctx.clock.now();
  return {
    token: body.access_token,
    issuedAt: now,
    expiresAt: now + body.expires_in * 1000,
    numericId: body.scope.meeting.meetingNumericId ?? meetingNumericId,
    moderator: body.scope.meeting.isModerator,
    leaderId: body.scope.meeting.leaderId ?? null,
    meetingUri: body.scope.meeting.meetingUri ?? null,
  };
}
