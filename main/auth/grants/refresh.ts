// Refresh grant (reference §1.4): only for code-grant tokens; needs the app key and secret too.
import { grantResponse, seamFromGrant, type SeamToken } from '../tokens.ts';
import { TOKEN_PATH, type GrantContext } from './context.ts';

export async function refreshGrant(
  ctx: GrantContext,
  app: { clientId: string; clientSecret: string },
  refreshToken: string,
): Promise<SeamToken> {
  const body = await ctx.http.request({
    method: 'POST',
    base: ctx.bases.api,
    path: `${TOKEN_PATH}?Refresh`,
    body: { grant_type: 'refresh_token', client_id: app.clientId, client_secret: app.clientSecret, refresh_token: refreshToken },
    schema: grantResponse,
    secrets: [app.clientSecret, refreshToken],
    messages: {
      unauthorized: 'BlueJeans no longer accepts the saved sign-in. Sign in with BlueJeans again.',
      rejected: 'BlueJeans no longer accepts the saved sign-in. Sign in with BlueJeans again.',
    },
  });
  const token = seamFromGrant(body, ctx.clock.now());
  // A server that does not rotate refresh tokens sends none back: the old one stays good.
  return { ...token, refreshToken: token.refreshToken ?? refreshToken };
}
