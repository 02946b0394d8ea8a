// Every credential the simulator hands out: OAuth (Seam) access tokens, refresh tokens and authorization
// codes, and Relay access tokens. Lifetimes follow the sim clock; expired tokens stay known (so early
// expiry and natural expiry look the same to a client: 401).
import type { SimClock } from './clock.ts';
import { opaqueSecret, relayToken, seamToken } from './random.ts';

/** Lifetimes in seconds. */
export interface TokenLifetimes {
  password: number;
  meeting: number;
  client: number;
  /** Access tokens from the code and refresh grants. */
  code: number;
  /** Authorization codes from the authorize page. */
  authCode: number;
  /** Relay tokens by default (two weeks). */
  relay: number;
  /** Relay Zero Touch (pairing-code) tokens. */
  zeroTouch: number;
  /** A PairedStatus lives this long after its last zero-touch call. */
  pairedStatus: number;
}

export const defaultLifetimes: TokenLifetimes = {
  password: 1_209_600,
  meeting: 86_400,
  client: 3_600,
  code: 3_600,
  authCode: 30,
  relay: 1_209_600,
  zeroTouch: 86_400,
  pairedStatus: 60,
};

export type SeamGrant = 'password' | 'meeting' | 'client' | 'code';

export interface SeamToken {
  value: string;
  grant: SeamGrant;
  /** The user the token acts as (for a client token: the app's owner); null for meeting tokens. */
  userId: number | null;
  enterpriseId: number;
  clientId: string | null;
  /** Meeting tokens: the numeric meeting id and the role the passcode gave. */
  meetingNumericId: string | null;
  isModerator: boolean;
  /** Code-grant scopes (list_meetings, user_info, ...). */
  scopes: string[];
  /** The `scope` object the grant returned. */
  scope: Record<string, unknown>;
  issuedAt: number;
  expiresAt: number;
}

export interface RefreshToken {
  value: string;
  clientId: string;
  userId: number;
  scopes: string[];
}

export interface AuthCode {
  value: string;
  clientId: string;
  redirectUri: string;
  userId: number;
  scopes: string[];
  expiresAt: number;
  used: boolean;
}

export type RelayRole = 'ROLE_READONLY' | 'ROLE_READWRITE' | 'ROLE_PAIRINGCODE';

export interface RelayToken {
  accessToken: string;
  roles: RelayRole[];
  creationDate: number;
  expirationDate: number;
  clientName: string | null;
  clientDeviceType: string;
  creator: string | null;
  username: string;
  firstName: string;
  lastName: string;
  seamId: number | null;
  pairingCodeId: string | null;
  pairingCodeEndpointId: string | null;
}

export type Lookup<T> = { ok: true; token: T } | { ok: false; reason: 'unknown' | 'expired' };

export interface TokenStore {
  readonly lifetimes: TokenLifetimes;
  issueSeam(fields: Omit<SeamToken, 'value' | 'issuedAt' | 'expiresAt'>, partitionName: string): SeamToken;
  findSeam(value: string): Lookup<SeamToken>;
  /** The token whether or not it has expired. */
  peekSeam(value: string): SeamToken | undefined;
  /** Removes the token; false when it was not there (already revoked or never issued). */
  revokeSeam(value: string): boolean;
  issueRefresh(fields: Omit<RefreshToken, 'value'>): RefreshToken;
  /** Refresh tokens rotate: using one retires it. */
  consumeRefresh(value: string): RefreshToken | undefined;
  issueCode(fields: Omit<AuthCode, 'value' | 'expiresAt' | 'used'>): AuthCode;
  /** Single use: the first call marks it used, whatever the outcome of the exchange. */
  consumeCode(value: string): { ok: true; code: AuthCode } | { ok: false; reason: 'unknown' | 'expired' | 'used' };
  issueRelay(fields: Omit<RelayToken, 'accessToken' | 'creationDate' | 'expirationDate'>, lifetimeMs: number): RelayToken;
  findRelay(value: string): Lookup<RelayToken>;
  deleteRelay(value: string): boolean;
  /** Early expiry (control API): one token or all of them. Returns how many were expired. */
  expire(value?: string): number;
}

export function createTokenStore(clock: SimClock, lifetimes: TokenLifetimes): TokenStore {
  const seam = new Map<string, SeamToken>();
  const refresh = new Map<string, RefreshToken>();
  const codes = new Map<string, AuthCode>();
  const relay = new Map<string, RelayToken>();

  return {
    lifetimes,
    issueSeam(fields, partitionName) {
      const now = clock.now();
      const lifetime = lifetimes[fields.grant];
      const token: SeamToken = { ...fields, value: seamToken(partitionName), issuedAt: now, expiresAt: now + lifetime * 1000 };
      seam.set(token.value, token);
      return token;
    },
    findSeam(value) {
      const token = seam.get(value);
      if (!token) return { ok: false, reason: 'unknown' };
      return clock.now() < token.expiresAt ? { ok: true, token } : { ok: false, reason: 'expired' };
    },
    peekSeam: (value) => seam.get(value),
    revokeSeam: (value) => seam.delete(value),
    issueRefresh(fields) {
      const token = { ...fields, value: opaqueSecret(32) };
      refresh.set(token.value, token);
      return token;
    },
    consumeRefresh(value) {
      const token = refresh.get(value);
      refresh.delete(value);
      return token;
    },
    issueCode(fields) {
      const code: AuthCode = { ...fields, value: opaqueSecret(24), expiresAt: clock.now() + lifetimes.authCode * 1000, used: false };
      codes.set(code.value, code);
      return code;
    },
    consumeCode(value) {
      const code = codes.get(value);
      if (!code) return { ok: false, reason: 'unknown' };
      if (code.used) return { ok: false, reason: 'used' };
      code.used = true;
      return clock.now() < code.expiresAt ? { ok: true, code } : { ok: false, reason: 'expired' };
    },
    issueRelay(fields, lifetimeMs) {
      const now = clock.now();
      const token: RelayToken = { ...fields, accessToken: relayToken(), creationDate: now, expirationDate: now + lifetimeMs };
      relay.set(token.accessToken, token);
      return token;
    },
    findRelay(value) {
      const token = relay.get(value);
      if (!token) return { ok: false, reason: 'unknown' };
      return clock.now() < token.expirationDate ? { ok: true, token } : { ok: false, reason: 'expired' };
    },
    deleteRelay: (value) => relay.delete(value),
    expire(value) {
      const past = clock.now() - 1;
      let n = 0;
      for (const t of seam.values()) {
        if ((value === undefined || t.value === value) && t.expiresAt > past) {
          t.expiresAt = past;
          n++;
        }
      }
      for (const t of relay.values()) {
        if ((value === undefined || t.accessToken === value) && t.expirationDate > past) {
          t.expirationDate = past;
          n++;
        }
      }
      return n;
    },
  };
}
