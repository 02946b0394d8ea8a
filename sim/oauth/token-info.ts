// GET /oauth2/tokenInfo: is a token valid, and whose is it (reference §1.5). The swagger documents only
// `user`; the other fields are our choice.
import { oauthError } from '../errors.ts';
import { sendJson, type Ctx } from '../http.ts';
import { userById } from '../world/accounts.ts';
import type { World } from '../world/world.ts';
import { requireSeamToken, sendOAuthError } from './bearer.ts';

export function handleTokenInfo(ctx: Ctx, world: World): void {
  const token = requireSeamToken(ctx, world);
  if (!token) return;
  const meeting = token.meetingNumericId ? world.meetings.byNumericId(token.meetingNumericId) : undefined;
  // A meeting token has no user of its own: its owner is the meeting's leader.
  const user = token.userId ?? meeting?.leaderId;
  if (user === undefined) return sendOAuthError(ctx, oauthError(401, 'invalid_token', 'The access token is not valid'));
  sendJson(ctx, 'api', 200, {
    user,
    enterprise: token.enterpriseId,
    grantType: token.grant,
    isEnterpriseAdmin: token.grant === 'client' || (token.grant !== 'meeting' && (userById(user)?.enterpriseAdmin ?? false)),
    expires_in: Math.max(0, Math.floor((token.expiresAt - world.clock.now()) / 1000)),
    scope: token.scope,
  });
}
