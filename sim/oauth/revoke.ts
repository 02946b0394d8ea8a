// DELETE /oauth2/token?access_token=<t>: 204 revoked, 400 unknown or already revoked (reference §1.5).
// A code-grant (3-legged) token needs the app's {client_id, client_secret} in a JSON body as well.
import { z } from 'zod';
import { oauthError } from '../errors.ts';
import { readJson, sendEmpty, type Ctx } from '../http.ts';
import { oauthApp } from '../world/accounts.ts';
import type { World } from '../world/world.ts';
import { presentedToken, sendOAuthError } from './bearer.ts';

const appBody = z.object({ client_id: z.string(), client_secret: z.string() });

export async function handleRevoke(ctx: Ctx, world: World): Promise<void> {
  const body = await readJson(ctx);
  const value = presentedToken(ctx);
  const bad = (message: string) => sendOAuthError(ctx, oauthError(400, 'invalid_request', message));
  if (!value) return bad('access_token is required');
  // Expired tokens can still be revoked; only unknown ones are refused.
  const token = world.tokens.peekSeam(value);
  if (!token) return bad('Token not found or already revoked');
  if (token.grant === 'code') {
    const app = body.ok ? appBody.safeParse(body.value) : null;
    if (!app?.success || app.data.client_id !== oauthApp.clientId || app.data.client_secret !== oauthApp.clientSecret) {
      return bad('A 3-legged token is revoked with the app\'s client_id and client_secret in the body');
    }
  }
  world.tokens.revokeSeam(value);
  sendEmpty(ctx, 204);
}
