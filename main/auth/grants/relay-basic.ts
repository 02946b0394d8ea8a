// Relay token from a Relay (or Seam) user name and password, with Basic auth, once (reference §2.1).
import { relayAccessToken, relayFromEntity, type RelayToken } from '../tokens.ts';
import { ACCESS_TOKENS_PATH, RELAY_CLIENT_NAME } from './relay-paths.ts';
import type { GrantContext } from './context.ts';

export async function relayTokenFromBasic(
  ctx: GrantContext,
  username: string,
  password: string,
  durationMs?: number,
): Promise<RelayToken> {
  const basic = Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
  const body = await ctx.http.request({
    method: 'POST',
    base: ctx.bases.relay,
    path: ACCESS_TOKENS_PATH,
    // The unit of `duration` is not documented (reference §2.1); we send milliseconds, like every Relay date.
    query: { duration: durationMs },
    headers: { authorization: `Basic ${basic}` },
    body: { clientName: RELAY_CLIENT_NAME },
    schema: relayAccessToken,
    secrets: [password, basic],
    messages: {
      unauthorized: 'Relay did not accept that user name and password.',
      forbidden: 'Relay did not accept that user name and password.',
    },
  });
  return relayFromEntity(body, ctx.clock.now());
}
