// Client-credentials grant (reference §1.3): an enterprise app's key + secret → an enterprise token.
import { grantResponse, seamFromGrant, type SeamToken } from '../tokens.ts';
import { TOKEN_PATH, type GrantContext } from './context.ts';

export async function clientGrant(ctx: GrantContext, clientId: string, clientSecret: string): Promise<SeamToken> {
  const body = await ctx.http.request({
    method: 'POST',
    base: ctx.bases.api,
    path: `${TOKEN_PATH}?Client`,
    body: { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret },
    schema: grantResponse,
    secrets: [clientSecret],
    messages: {
      unauthorized: 'BlueJeans did not accept the app key and secret (the secret may have been revoked or regenerated).',
      rejected: 'BlueJeans did not accept the app key and secret (the secret may have been revoked or regenerated).',
    },
  });
  return seamFromGrant(body, ctx.clock.now());
}
