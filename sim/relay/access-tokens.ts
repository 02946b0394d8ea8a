// POST /api/auth/accesstokens (Basic, seamaccesstoken, or seamaccesstoken + code for Zero Touch),
// GET and DELETE /api/auth/accesstokens/:token (reference §2.1; seed 003).
import { z } from 'zod';
import { query, readJson, sendEmpty, sendJson, type Ctx } from '../http.ts';
import { enterprise, userById } from '../world/accounts.ts';
import type { RelayToken } from '../tokens.ts';
import {
  ADMIN_ROLES,
  authenticate,
  basicIdentity,
  gate,
  isPairingToken,
  READ_ONLY_ROLES,
  sendRelayError,
  spend,
  type RelayIdentity,
} from './auth.ts';
import type { RelayContext } from './context.ts';

const TEN_YEARS_MS = 10 * 365 * 86_400_000;

const createBody = z
  .object({ clientName: z.string().max(200).nullish(), clientDeviceType: z.string().max(40).nullish() })
  .nullish();

/** The identity behind a Seam (OAuth) token; null when the token cannot be traded (meeting tokens). */
function seamIdentity(rc: RelayContext, value: string): RelayIdentity | 'expired' | null {
  const found = rc.world.tokens.findSeam(value);
  if (!found.ok) return found.reason === 'expired' ? 'expired' : null;
  const t = found.token;
  if (t.grant === 'meeting') return null;
  if (t.grant === 'client') {
    // An enterprise token acts for the enterprise: full rights (seed 003).
    return { username: t.clientId ?? 'enterprise', firstName: '', lastName: '', creator: t.clientId, seamId: enterprise.seamId, roles: ADMIN_ROLES };
  }
  const user = t.userId === null ? undefined : userById(t.userId);
  if (!user) return null;
  return {
    username: user.username,
    firstName: user.firstName,
    lastName: user.lastName,
    creator: user.username,
    seamId: enterprise.seamId,
    roles: user.enterpriseAdmin ? ADMIN_ROLES : READ_ONLY_ROLES,
  };
}

export async function createAccessToken(ctx: Ctx, rc: RelayContext): Promise<void> {
  const params = query(ctx);
  const seamValue = params.get('seamaccesstoken');
  const code = params.get('code');
  let identity: RelayIdentity | 'expired' | null;
  let rateKey: string;
  if (seamValue) {
    identity = seamIdentity(rc, seamValue);
    rateKey = `seam:${seamValue}`;
  } else {
    identity = basicIdentity(ctx.req.headers.authorization);
    rateKey = `basic:${identity?.username ?? ''}`;
  }
  if (identity === null || identity === 'expired') {
    return sendRelayError(ctx, 'BadCredentialsException', identity === 'expired' ? 'Not Authorized: the Seam access token has expired.' : undefined);
  }
  if (!spend(ctx, rc, rateKey)) return;

  const body = await readJson(ctx);
  if (!body.ok) return sendRelayError(ctx, body.reason === 'too_large' ? 'PayloadTooLarge' : 'MalformedJson');
  const parsed = createBody.safeParse(body.value);
  if (!parsed.success) return sendRelayError(ctx, 'InvalidRequest', 'clientName and clientDeviceType must be strings.');
  const clientName = params.get('clientName') ?? parsed.data?.clientName ?? null;
  const clientDeviceType = params.get('clientDeviceType') ?? parsed.data?.clientDeviceType ?? 'UNKNOWN';

  const durationRaw = params.get('duration');
  // The unit of `duration` is not documented (reference §2.1): ours is milliseconds, like every Relay date.
  const duration = durationRaw === null ? null : Number(durationRaw);
  if (duration !== null && !(Number.isInteger(duration) && duration > 0 && duration <= TEN_YEARS_MS)) {
    return sendRelayError(ctx, 'InvalidRequest', 'duration must be a whole number of milliseconds (1 … 10 years).');
  }
  const { tokens } = rc.world;

  if (code !== null) {
    if (!seamValue) return sendRelayError(ctx, 'InvalidRequest', 'A Zero Touch token needs seamaccesstoken with code.');
    const room = rc.world.rooms.byPairingCode(code);
    if (!room) return sendRelayError(ctx, 'InvalidPairingCode');
    const t = tokens.issueRelay(
      {
        roles: ['ROLE_PAIRINGCODE'],
        clientName,
        clientDeviceType,
        creator: 'anonymousUser',
        username: identity.username,
        firstName: identity.firstName,
        lastName: identity.lastName,
        seamId: identity.seamId,
        pairingCodeId: room.pairingCodeId,
        pairingCodeEndpointId: room.id,
      },
      duration ?? tokens.lifetimes.zeroTouch * 1000,
    );
    // Field for field as seed 003's Zero Touch reply.
    return sendJson(ctx, 'relay', 200, {
      accessToken: t.accessToken,
      creator: t.creator,
      enterpriseName: enterprise.name,
      creationDate: t.creationDate,
      expirationDate: t.expirationDate,
      clientName: t.clientName,
      roles: t.roles,
      seamId: t.seamId,
      pairingCodeId: t.pairingCodeId,
      pairingCodeEndpointId: t.pairingCodeEndpointId,
      clientDeviceType: t.clientDeviceType,
    });
  }

  const t = tokens.issueRelay(
    {
      roles: identity.roles,
      clientName,
      clientDeviceType,
      creator: identity.creator,
      username: identity.username,
      firstName: identity.firstName,
      lastName: identity.lastName,
      seamId: identity.seamId,
      pairingCodeId: null,
      pairingCodeEndpointId: null,
    },
    duration ?? tokens.lifetimes.relay * 1000,
  );
  // Field for field as seed 003's Basic and seamaccesstoken replies.
  sendJson(ctx, 'relay', 200, {
    enterpriseName: enterprise.name,
    accessToken: t.accessToken,
    creationDate: t.creationDate,
    expirationDate: t.expirationDate,
    roles: t.roles,
    clientName: t.clientName,
  });
}

/** The full AccessToken entity (reference §2.1). */
export function accessTokenEntity(t: RelayToken) {
  return {
    accessToken: t.accessToken,
    clientDeviceType: t.clientDeviceType,
    clientName: t.clientName,
    creationDate: t.creationDate,
    creator: t.creator,
    enterpriseName: enterprise.name,
    expirationDate: t.expirationDate,
    firstName: t.firstName,
    lastName: t.lastName,
    pairingCodeEndpointId: t.pairingCodeEndpointId,
    pairingCodeId: t.pairingCodeId,
    roles: t.roles,
    seamId: t.seamId,
    username: t.username,
  };
}

export function getAccessToken(ctx: Ctx, rc: RelayContext, value: string): void {
  if (!gate(ctx, rc, { kind: 'read' })) return;
  const found = rc.world.tokens.findRelay(value);
  if (!found.ok) return sendRelayError(ctx, 'AccessTokenNotFound');
  sendJson(ctx, 'relay', 200, accessTokenEntity(found.token));
}

/** Deletes a token: your own (the zero-touch unpairing call), or anyone's with ROLE_READWRITE. */
export function deleteAccessToken(ctx: Ctx, rc: RelayContext, value: string): void {
  const p = authenticate(ctx, rc);
  if (!p) return;
  const own = p.kind === 'token' && p.token.accessToken === value;
  if (!own && (isPairingToken(p) || !p.roles.includes('ROLE_READWRITE'))) {
    return sendRelayError(ctx, 'AccessDenied', 'Only your own token, or any with ROLE_READWRITE.');
  }
  if (!rc.world.tokens.deleteRelay(value)) return sendRelayError(ctx, 'AccessTokenNotFound');
  rc.world.paired.removeToken(value);
  sendEmpty(ctx, 204);
}
