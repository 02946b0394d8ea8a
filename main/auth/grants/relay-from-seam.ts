// Relay token from a Seam (BlueJeans) access token (reference §2.1): the API takes it only as the
// `seamaccesstoken` query parameter, so that URL is never logged (the HTTP layer logs paths only).
import { relayAccessToken, relayFromEntity, type RelayToken } from '../tokens.ts';
import { ACCESS_TOKENS_PATH, RELAY_CLIENT_NAME } from './relay-paths.ts';
import type { GrantContext } from './context.ts';

export async function relayTokenFromSeam(ctx: GrantContext, seamToken: string): Promise<RelayToken> {
  const body = await ctx.http.request({
    method: 'POST',
    base: ctx.bases.relay,
    path: ACCESS_TOKENS_PATH,
    query: { seamaccesstoken: seamToken },
    body: { clientName: RELAY_CLIENT_NAME },
    schema: relayAccessToken,
    secrets: [seamToken],
    messages: {
      unauthorized: 'Relay did not accept the BlueJeans sign-in.',
      forbidden: 'Relay refused this BlueJeans account (it may not belong to a Relay enterprise).',
    },
  });
  return relayFromEntity(body, ctx.clock.now());
}
