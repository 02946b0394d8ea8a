// GET /v1/user/{user_id} and /v1/user/{user_id}/enterprise_profile (reference §3.1), for a token that
// may see that user: the user's own token, an enterprise admin's, or the enterprise's client token.
// Code-grant tokens are held to their appPermissions.
import { oauthError } from '../errors.ts';
import { sendJson, type Ctx } from '../http.ts';
import { enterprise, userById } from '../world/accounts.ts';
import type { World } from '../world/world.ts';
import { requireSeamToken, sendOAuthError } from './bearer.ts';
import { permits } from './scopes.ts';

const USER_PATH = /^\/v1\/user\/(\d+)(\/enterprise_profile)?\/?$/;

export function handleUser(ctx: Ctx, world: World): void {
  const m = USER_PATH.exec(ctx.path);
  if (!m) return sendOAuthError(ctx, oauthError(404, 'not_found', 'No such resource'));
  if (ctx.method !== 'GET') return sendOAuthError(ctx, oauthError(405, 'invalid_request', 'Method not allowed'));
  const token = requireSeamToken(ctx, world);
  if (!token) return;
  const id = Number(m[1]);
  const caller = token.userId === null ? undefined : userById(token.userId);
  const allowed =
    token.grant === 'client' ||
    (token.grant === 'password' && (token.userId === id || caller?.enterpriseAdmin === true)) ||
    (token.grant === 'code' && token.userId === id && permits(token.scopes, ctx.method, ctx.path));
  // 401 also means "lacking permission" on this API (reference §1.6).
  if (!allowed) return sendOAuthError(ctx, oauthError(401, 'insufficient_scope', 'The access token may not read this user'));
  const user = userById(id);
  if (!user) return sendOAuthError(ctx, oauthError(404, 'not_found', 'No such user'));
  const now = world.clock.now();
  if (m[2]) {
    return sendJson(ctx, 'api', 200, {
      id: user.id,
      enterprise: enterprise.seamId,
      enterpriseAdmin: user.enterpriseAdmin,
      joinDate: user.joinDate,
      expiryDate: null,
      enterpriseName: enterprise.label,
      customLandingDomain: enterprise.customLandingDomain,
    });
  }
  sendJson(ctx, 'api', 200, {
    id: user.id,
    username: user.username,
    firstName: user.firstName,
    middleName: '',
    lastName: user.lastName,
    emailId: user.email,
    company: enterprise.label,
    title: user.title,
    phone: '',
    profilePicture: '',
    timezone: 'America/Los_Angeles',
    timeFormat: 12,
    language: 'en',
    defaultEndpoint: 'Browser',
    lastLogin: now - 3_600_000,
    dateJoined: user.joinDate,
    isVerified: true,
  });
}
