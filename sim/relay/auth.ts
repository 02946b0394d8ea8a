// Who is calling the Relay API, and may they (reference §2.0, §2.1; seed 003). A Relay token comes in the
// `X-Access-Token` header or the `accesstoken` query parameter; otherwise HTTP Basic with a Relay or Seam
// username and password. Every authenticated request counts against its credential's rate limit.
import { relayError, type RelayErrorName } from '../errors.ts';
import { query, sendJson, type Ctx } from '../http.ts';
import { checkSeamPassword, enterprise, relayAccount } from '../world/accounts.ts';
import type { RelayRole, RelayToken } from '../tokens.ts';
import type { RelayContext } from './context.ts';

export const ADMIN_ROLES: RelayRole[] = ['ROLE_READWRITE', 'ROLE_READONLY'];
export const READ_ONLY_ROLES: RelayRole[] = ['ROLE_READONLY'];

/** The person or app behind a credential, as an AccessToken describes them. */
export interface RelayIdentity {
  username: string;
  firstName: string;
  lastName: string;
  creator: string | null;
  seamId: number | null;
  roles: RelayRole[];
}

export type Principal =
  | { kind: 'token'; token: RelayToken; roles: RelayRole[] }
  | { kind: 'basic'; identity: RelayIdentity; roles: RelayRole[] };

export function sendRelayError(ctx: Ctx, name: RelayErrorName, message?: string, details?: Record<string, unknown>): void {
  const e = relayError(name, message, details);
  sendJson(ctx, 'relay', e.status, e.body);
}

/** Decodes a Basic header into an identity; null when it is absent, malformed or wrong. */
export function basicIdentity(header: string | undefined): RelayIdentity | null {
  if (!header || !/^basic\s/i.test(header)) return null;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  const username = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  if (username === relayAccount.username && password === relayAccount.password) {
    const { firstName, lastName } = relayAccount;
    return { username, firstName, lastName, creator: username, seamId: enterprise.seamId, roles: ADMIN_ROLES };
  }
  // Seam credentials work as well; a user who is not an enterprise admin is read-only (seed 003).
  const user = checkSeamPassword(username, password);
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

/** The token a request presents, header first. */
export function presentedRelayToken(ctx: Ctx): string | undefined {
  const header = ctx.req.headers['x-access-token'];
  if (typeof header === 'string' && header !== '') return header;
  if (ctx.rawQuery === '') return undefined;
  return query(ctx).get('accesstoken') ?? undefined;
}

/** Counts one request of the credential; answers 429 with Retry-After and returns false when it is over the limit. */
export function spend(ctx: Ctx, rc: RelayContext, key: string): boolean {
  if (rc.rateLimit.mode === 'off') return true;
  const wait = rc.limiter.take(key);
  if (wait === 0) return true;
  const e = relayError('TooManyRequests');
  sendJson(ctx, 'relay', e.status, e.body, { 'retry-after': String(wait) });
  return false;
}

/** The caller, or null after answering 401 or 429. */
export function authenticate(ctx: Ctx, rc: RelayContext): Principal | null {
  const value = presentedRelayToken(ctx);
  if (value !== undefined) {
    const found = rc.world.tokens.findRelay(value);
    if (!found.ok) {
      sendRelayError(ctx, 'BadCredentialsException', found.reason === 'expired' ? 'Not Authorized: the access token has expired.' : undefined);
      return null;
    }
    return spend(ctx, rc, value) ? { kind: 'token', token: found.token, roles: found.token.roles } : null;
  }
  const identity = basicIdentity(ctx.req.headers.authorization);
  if (!identity) {
    sendRelayError(ctx, 'BadCredentialsException');
    return null;
  }
  return spend(ctx, rc, `basic:${identity.username}`) ? { kind: 'basic', identity, roles: identity.roles } : null;
}

export const isPairingToken = (p: Principal): p is Extract<Principal, { kind: 'token' }> =>
  p.kind === 'token' && p.roles.includes('ROLE_PAIRINGCODE');

/** What a route needs: plain reads and endpoint control, provisioning writes, or a zero-touch call. */
export type Access =
  | { kind: 'read' }
  | { kind: 'write' }
  /** Allowed to pairing-code tokens, for their own endpoint or pairing code only. */
  | { kind: 'zeroTouch'; endpointId?: string; pairingCodeId?: string };

/**
 * Authenticates and applies the role rules: read-only tokens read and control endpoints but change no
 * provisioning; pairing-code tokens reach only the zero-touch calls for their own endpoint (403 otherwise).
 * A pairing-code token's zero-touch call refreshes its PairedStatus.
 */
export function gate(ctx: Ctx, rc: RelayContext, access: Access): Principal | null {
  const p = authenticate(ctx, rc);
  if (!p) return null;
  if (isPairingToken(p)) {
    const t = p.token;
    const own =
      access.kind === 'zeroTouch' &&
      (access.endpointId === undefined || access.endpointId === t.pairingCodeEndpointId) &&
      (access.pairingCodeId === undefined || access.pairingCodeId === t.pairingCodeId);
    if (!own) {
      sendRelayError(ctx, 'AccessDenied', 'A Zero Touch token reaches only the zero-touch calls of its own Endpoint.');
      return null;
    }
    // Only calls naming the endpoint or pairing code keep the pairing alive (seed 003), not joinflow.
    if (access.kind === 'zeroTouch' && (access.endpointId !== undefined || access.pairingCodeId !== undefined)) {
      rc.world.paired.touch(t, rc.world.clock.now());
    }
    return p;
  }
  if (access.kind === 'write' && !p.roles.includes('ROLE_READWRITE')) {
    sendRelayError(ctx, 'AccessDenied', 'Read-only access: provisioning data cannot be changed.');
    return null;
  }
  if (!p.roles.includes('ROLE_READONLY') && !p.roles.includes('ROLE_READWRITE')) {
    sendRelayError(ctx, 'AccessDenied');
    return null;
  }
  return p;
}
