// Authorization-code grant (reference §1.4): the authorize URL (camelCase parameters, host of the
// authorize page) and the exchange of the code, which lives 30 s, so it is exchanged at once.
import { grantResponse, seamFromGrant, type SeamToken } from '../tokens.ts';
import { TOKEN_PATH, type GrantContext } from './context.ts';

export const codeGrantScopes = ['user_info', 'list_meetings'];

export function authorizeUrl(
  authorizeBase: string,
  params: { clientId: string; redirectUri: string; state: string; appName?: string },
): string {
  const url = new URL('/oauth2/authorize', authorizeBase);
  url.searchParams.set('clientId', params.clientId);
  url.searchParams.set('redirectUri', params.redirectUri);
  url.searchParams.set('state', params.state);
  url.searchParams.set('scope', codeGrantScopes.join(','));
  url.searchParams.set('responseType', 'code');
  url.searchParams.set('appName', params.appName ?? 'Relay Console');
  return url.toString();
}

export async function exchangeCode(
  ctx: GrantContext,
  app: { clientId: string; clientSecret: string },
  redirectUri: string,
  code: string,
): Promise<SeamToken> {
  const body = await ctx.http.request({
    method: 'POST',
    base: ctx.bases.api,
    path: `${TOKEN_PATH}?Code`,
    body: { grant_type: 'authorization_code', client_id: app.clientId, client_secret: app.clientSecret, redirectUri, code },
    schema: grantResponse,
    secrets: [app.clientSecret, code],
    messages: {
      unauthorized: 'BlueJeans refused the sign-in code (it may have expired, or the app secret is wrong).',
      rejected: 'BlueJeans refused the sign-in code (it may have expired, or the app secret is wrong).',
    },
  });
  return seamFromGrant(body, ctx.clock.now());
}
