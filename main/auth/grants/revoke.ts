// Sign-out on the server: revoke OAuth tokens (reference §1.5) and delete Relay tokens (seeds). Both are
// best effort: a token that is already gone is not an error for the user.
import { z } from 'zod';
import type { AppError } from '../../ipc/app-error.ts';
import { accessTokenPath } from './relay-paths.ts';
import { TOKEN_PATH, type GrantContext } from './context.ts';

export type RevokeOutcome = 'revoked' | 'already-gone' | 'refused' | 'failed';

/**
 * DELETE /oauth2/token. The reference documents the token in `?access_token=`; the API also takes it as
 * `Authorization: Bearer` (reference §1.0), which keeps it out of the URL, so that is what we send.
 */
export async function revokeOAuthToken(
  ctx: GrantContext,
  token: string,
  app?: { clientId: string; clientSecret: string },
): Promise<RevokeOutcome> {
  return outcome(() =>
    ctx.http.request({
      method: 'DELETE',
      base: ctx.bases.api,
      path: TOKEN_PATH,
      headers: { authorization: `Bearer ${token}` },
      // A 3-legged token is revoked with the app's credentials in the body (reference §1.5).
      body: app ? { client_id: app.clientId, client_secret: app.clientSecret } : undefined,
      schema: z.unknown(),
      secrets: [token, app?.clientSecret],
    }),
  );
}

/**
 * DELETE /api/auth/accesstokens/:token (the seeds' unpairing call). Authorised by the token itself, or by
 * another token of the same account (a read-write token may delete any; a token that expired early can
 * no longer authorise its own deletion).
 */
export async function deleteRelayToken(ctx: GrantContext, token: string, authorisedBy: string = token): Promise<RevokeOutcome> {
  return outcome(() =>
    ctx.http.request({
      method: 'DELETE',
      base: ctx.bases.relay,
      path: accessTokenPath(token),
      headers: { 'x-access-token': authorisedBy },
      schema: z.unknown(),
      secrets: [token, authorisedBy],
    }),
  );
}

async function outcome(call: () => Promise<unknown>): Promise<RevokeOutcome> {
  try {
    await call();
    return 'revoked';
  } catch (error) {
    const code = (error as AppError).code;
    if (code === 'not_found' || code === 'rejected') return 'already-gone';
    if (code === 'unauthorized' || code === 'forbidden') return 'refused';
    return 'failed';
  }
}
