// Password grant (reference §1.1): user name + password → a user token (an admin's is an admin token).
// The password is used once and not kept.
import { grantResponse, seamFromGrant, type SeamToken } from '../tokens.ts';
import { TOKEN_PATH, type GrantContext } from './context.ts';

export async function passwordGrant(ctx: GrantContext, username: string, password: string): Promise<SeamToken> {
  const body = await ctx.http.request({
    method: 'POST',
    base: ctx.bases.api,
    path: `${TOKEN_PATH}?Password`,
    body: { grant_type: 'password', username, password },
    schema: grantResponse,
    secrets: [password],
    messages: {
      unauthorized: 'BlueJeans did not accept that user name and password.',
      rejected: 'BlueJeans did not accept that user name and password.',
    },
  });
  return seamFromGrant(body, ctx.clock.now());
}
