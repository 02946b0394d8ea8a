// Zero Touch (seeds): a Seam token plus the pairing code shown in the room → a one-room Relay token
// (ROLE_PAIRINGCODE, one day). Both go in the query, as the API requires; never logged.
import { AppError } from '../../ipc/app-error.ts';
import { relayAccessToken, relayFromEntity, type RelayToken } from '../tokens.ts';
import { ACCESS_TOKENS_PATH, RELAY_CLIENT_NAME } from './relay-paths.ts';
import type { GrantContext } from './context.ts';

const unknownCode = 'Relay does not know that pairing code. Check the code shown on the room screen (codes change).';

export async function relayTokenFromPairingCode(ctx: GrantContext, seamToken: string, pairingCode: string): Promise<RelayToken> {
  const body = await ctx.http.request({
    method: 'POST',
    base: ctx.bases.relay,
    path: ACCESS_TOKENS_PATH,
    query: { seamaccesstoken: seamToken, code: pairingCode },
    body: { clientName: RELAY_CLIENT_NAME },
    schema: relayAccessToken,
    secrets: [seamToken, pairingCode],
    messages: { not_found: unknownCode, rejected: unknownCode },
  });
  const token = relayFromEntity(body, ctx.clock.now());
  if (!token.pairing) throw new AppError('bad_response', 'Relay answered the pairing without naming the room it belongs to.');
  return token;
}
