// How the api side reads a token: `Authorization: Bearer <t>` (scheme word in any case) or
// `?access_token=<t>` (reference §1.0).
import { oauthError } from '../errors.ts';
import { query, sendJson, type Ctx } from '../http.ts';
import type { SeamToken } from '../tokens.ts';
import type { World } from '../world/world.ts';

const BEARER = /^bearer\s+(\S+)\s*$/i;

export function presentedToken(ctx: Ctx): string | undefined {
  const auth = ctx.req.headers.authorization;
  if (auth) {
    const m = BEARER.exec(auth);
    if (m) return m[1];
  }
  return query(ctx).get('access_token') ?? undefined;
}

export function sendOAuthError(ctx: Ctx, e: ReturnType<typeof oauthError>): void {
  sendJson(ctx, 'api', e.status, e.body);
}

/** The caller's valid token, or null after answering 401. */
export function requireSeamToken(ctx: Ctx, world: World): SeamToken | null {
  const value = presentedToken(ctx);
  if (!value) {
    sendOAuthError(ctx, oauthError(401, 'invalid_token', 'No access token: send Authorization: Bearer <token> or ?access_token='));
    return null;
  }
  const found = world.tokens.findSeam(value);
  if (!found.ok) {
    sendOAuthError(ctx, oauthError(401, 'invalid_token', found.reason === 'expired' ? 'The access token has expired' : 'The access token is not valid'));
    return null;
  }
  return found.token;
}
