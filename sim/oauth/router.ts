// Routes the api.bluejeans.com paths (/oauth2/*, /v1/*) and the bluejeans.com authorize page.
import { oauthError } from '../errors.ts';
import type { Ctx } from '../http.ts';
import type { World } from '../world/world.ts';
import { handleAuthorizePage, handleAuthorizeSubmit } from './authorize.ts';
import { sendOAuthError } from './bearer.ts';
import { handleRevoke } from './revoke.ts';
import { handleTokenGrant } from './token-grants.ts';
import { handleTokenInfo } from './token-info.ts';
import { handleUser } from './users.ts';

const notAllowed = (ctx: Ctx) => sendOAuthError(ctx, oauthError(405, 'invalid_request', `${ctx.method} is not allowed on ${ctx.path}`));

export function routeOAuth(ctx: Ctx, world: World): void | Promise<void> {
  const path = ctx.path.endsWith('/') && ctx.path.length > 1 ? ctx.path.slice(0, -1) : ctx.path;
  const m = ctx.method;
  switch (path) {
    case '/oauth2/token':
      return m === 'POST' ? handleTokenGrant(ctx, world) : m === 'DELETE' ? handleRevoke(ctx, world) : notAllowed(ctx);
    case '/oauth2/tokenInfo':
      return m === 'GET' ? handleTokenInfo(ctx, world) : notAllowed(ctx);
    case '/oauth2/authorize':
      return m === 'GET' ? handleAuthorizePage(ctx) : m === 'POST' ? handleAuthorizeSubmit(ctx, world) : notAllowed(ctx);
  }
  if (path.startsWith('/v1/user/')) return handleUser(ctx, world);
  return sendOAuthError(ctx, oauthError(404, 'not_found', `No such resource: ${m} ${ctx.path}`));
}
