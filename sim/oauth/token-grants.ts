// POST /oauth2/token: the grant is chosen by `grant_type`, whatever marker the caller put in the query
// (`?Client`, `?Meeting`, `#User`...: reference §1.0). Bodies are JSON (form-encoded is accepted too).
import { z } from 'zod';
import { oauthError } from '../errors.ts';
import { readBody, sendJson, type Ctx } from '../http.ts';
import { adminUser, checkSeamPassword, enterprise, oauthApp, userById, type OAuthApp, type SeamUser } from '../world/accounts.ts';
import { passcodeRole } from '../world/meetings.ts';
import type { World } from '../world/world.ts';
import { sendOAuthError } from './bearer.ts';
import { appPermissions, partitionFields } from './scopes.ts';

const text = z.string().min(1);
const passwordBody = z.object({ username: text, password: z.string() });
const meetingBody = z.object({
  meetingNumericId: z.union([text, z.number().int()]).transform(String),
  // Required, as the swagger's GrantRequestMeeting marks it (reference §1.2): "" for a meeting with no passcode.
  meetingPasscode: z.union([z.string(), z.number().int()]).transform(String),
});
const clientBody = z.object({ client_id: text, client_secret: text });
const codeBody = clientBody.extend({
  code: text,
  // camelCase on the wire (reference §1.4); the snake_case spelling is accepted as well.
  redirectUri: text.optional(),
  redirect_uri: text.optional(),
});
const refreshBody = clientBody.extend({ refresh_token: text });

const invalidRequest = (message: string) => oauthError(400, 'invalid_request', message);

/** Parses a JSON or form body into a plain object; null when it is neither. */
async function readGrantBody(ctx: Ctx): Promise<Record<string, unknown> | 'too_large' | null> {
  const body = await readBody(ctx);
  if (!body.ok) return 'too_large';
  const type = ctx.req.headers['content-type'] ?? '';
  if (type.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(body.text));
  try {
    const value: unknown = JSON.parse(body.text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function findApp(clientId: string, clientSecret: string): OAuthApp | undefined {
  return clientId === oauthApp.clientId && clientSecret === oauthApp.clientSecret ? oauthApp : undefined;
}

function userScope(user: SeamUser) {
  return { user: user.id, ...partitionFields() };
}

export async function handleTokenGrant(ctx: Ctx, world: World): Promise<void> {
  const body = await readGrantBody(ctx);
  if (body === 'too_large') return sendOAuthError(ctx, oauthError(413, 'invalid_request', 'The request body is too large'));
  if (body === null) return sendOAuthError(ctx, invalidRequest('The body must be a JSON object'));
  const grantType = body['grant_type'];
  if (typeof grantType !== 'string' || grantType === '') return sendOAuthError(ctx, invalidRequest('grant_type is required'));
  ctx.grantType = grantType.slice(0, 64);
  const tokens = world.tokens;
  const partition = enterprise.partition.name;

  switch (grantType) {
    case 'password': {
      const p = passwordBody.safeParse(body);
      if (!p.success) return sendOAuthError(ctx, invalidRequest('username and password are required'));
      const user = checkSeamPassword(p.data.username, p.data.password);
      if (!user) return sendOAuthError(ctx, oauthError(401, 'invalid_grant', 'Invalid username or password'));
      const scope = userScope(user);
      const token = tokens.issueSeam(
        { grant: 'password', userId: user.id, enterpriseId: enterprise.seamId, clientId: null, meetingNumericId: null, isModerator: false, scopes: [], scope },
        partition,
      );
      // Password grants carry an empty refresh_token (reference §1.1).
      return sendJson(ctx, 'api', 200, { access_token: token.value, expires_in: tokens.lifetimes.password, refresh_token: '', scope });
    }
    case 'meeting_passcode': {
      const p = meetingBody.safeParse(body);
      if (!p.success) return sendOAuthError(ctx, invalidRequest('meetingNumericId and meetingPasscode are required ("" for a meeting with no passcode)'));
      const meeting = world.meetings.byNumericId(p.data.meetingNumericId);
      const role = meeting ? passcodeRole(meeting, p.data.meetingPasscode) : null;
      if (!meeting || !role) return sendOAuthError(ctx, oauthError(401, 'invalid_grant', 'Invalid meeting id or passcode'));
      const scope = {
        meeting: {
          id: meeting.id,
          leaderId: meeting.leaderId,
          meetingNumericId: meeting.numericId,
          meetingUri: `/v1/user/${meeting.leaderId}/live_meetings/${meeting.numericId}`,
          isModerator: role === 'moderator',
          endpointUriSet: [],
          meetingId: String(meeting.id),
        },
        ...partitionFields(),
      };
      const token = tokens.issueSeam(
        { grant: 'meeting', userId: null, enterpriseId: enterprise.seamId, clientId: null, meetingNumericId: meeting.numericId, isModerator: role === 'moderator', scopes: [], scope },
        partition,
      );
      return sendJson(ctx, 'api', 200, { access_token: token.value, expires_in: tokens.lifetimes.meeting, scope });
    }
    case 'client_credentials': {
      const p = clientBody.safeParse(body);
      if (!p.success) return sendOAuthError(ctx, invalidRequest('client_id and client_secret are required'));
      const app = findApp(p.data.client_id, p.data.client_secret);
      if (!app) return sendOAuthError(ctx, oauthError(401, 'invalid_client', 'Invalid client_id or client_secret'));
      const scope = { enterprise: enterprise.seamId, ...partitionFields() };
      const token = tokens.issueSeam(
        { grant: 'client', userId: app.ownerUserId, enterpriseId: enterprise.seamId, clientId: app.clientId, meetingNumericId: null, isModerator: false, scopes: [], scope },
        partition,
      );
      return sendJson(ctx, 'api', 200, { access_token: token.value, expires_in: tokens.lifetimes.client, scope });
    }
    case 'authorization_code': {
      const p = codeBody.safeParse(body);
      if (!p.success) return sendOAuthError(ctx, invalidRequest('client_id, client_secret, redirectUri and code are required'));
      const redirectUri = p.data.redirectUri ?? p.data.redirect_uri;
      if (!redirectUri) return sendOAuthError(ctx, invalidRequest('redirectUri is required'));
      const app = findApp(p.data.client_id, p.data.client_secret);
      if (!app) return sendOAuthError(ctx, oauthError(401, 'invalid_client', 'Invalid client_id or client_secret'));
      const used = tokens.consumeCode(p.data.code);
      if (!used.ok) {
        const why = used.reason === 'used' ? 'has already been used' : used.reason === 'expired' ? 'has expired (good for only 30 s)' : 'is not valid';
        return sendOAuthError(ctx, oauthError(401, 'invalid_grant', `The authorization code ${why}`));
      }
      if (used.code.clientId !== app.clientId || used.code.redirectUri !== redirectUri) {
        return sendOAuthError(ctx, oauthError(401, 'invalid_grant', 'The authorization code was issued for another client or redirectUri'));
      }
      return issueUserTokens(ctx, world, app, used.code.userId, used.code.scopes, true);
    }
    case 'refresh_token': {
      const p = refreshBody.safeParse(body);
      if (!p.success) return sendOAuthError(ctx, invalidRequest('client_id, client_secret and refresh_token are required'));
      const app = findApp(p.data.client_id, p.data.client_secret);
      if (!app) return sendOAuthError(ctx, oauthError(401, 'invalid_client', 'Invalid client_id or client_secret'));
      const old = tokens.consumeRefresh(p.data.refresh_token);
      if (!old || old.clientId !== app.clientId) return sendOAuthError(ctx, oauthError(401, 'invalid_grant', 'The refresh token is not valid'));
      return issueUserTokens(ctx, world, app, old.userId, old.scopes, false);
    }
    default:
      return sendOAuthError(ctx, oauthError(400, 'unsupported_grant_type', `Unsupported grant_type: ${grantType.slice(0, 64)}`));
  }
}

/** The code grant's reply, or the refresh grant's (the same without scope.clientId: reference §1.4). */
function issueUserTokens(ctx: Ctx, world: World, app: OAuthApp, userId: number, scopes: string[], withClientId: boolean): void {
  const user = userById(userId) ?? adminUser;
  const scope: Record<string, unknown> = {
    user: user.id,
    appPermissions: appPermissions(scopes),
    ...partitionFields(),
    bearerPermissions: scopes.join(','),
  };
  if (withClientId) scope['clientId'] = app.clientId;
  const token = world.tokens.issueSeam(
    { grant: 'code', userId: user.id, enterpriseId: enterprise.seamId, clientId: app.clientId, meetingNumericId: null, isModerator: false, scopes, scope },
    enterprise.partition.name,
  );
  const refresh = world.tokens.issueRefresh({ clientId: app.clientId, userId: user.id, scopes });
  sendJson(ctx, 'api', 200, { access_token: token.value, refresh_token: refresh.value, expires_in: world.tokens.lifetimes.code, scope });
}
