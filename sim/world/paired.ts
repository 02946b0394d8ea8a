// PairedStatus (seed 003): who is paired with a room through Zero Touch. A pairing-code token's zero-touch
// call creates or refreshes its record; the record goes when the token is deleted or after a quiet minute.
import type { RelayToken } from '../tokens.ts';
import { hashInts } from '../random.ts';

/** Our shape (the reference has none). */
export interface PairedStatus {
  id: string;
  endpointId: string;
  pairingCodeId: string;
  username: string;
  firstName: string;
  lastName: string;
  clientName: string | null;
  clientDeviceType: string;
  /** When the pairing began (first zero-touch call), ms. */
  creationDate: number;
  /** Last zero-touch call, ms. */
  lastUpdated: number;
  /** lastUpdated + the paired-status lifetime (1 minute), ms. */
  expirationDate: number;
}

export interface PairedStore {
  touch(token: RelayToken, now: number): void;
  list(endpointId: string, now: number): PairedStatus[];
  removeToken(accessToken: string): void;
}

export function createPairedStore(lifetimeMs: number): PairedStore {
  // Keyed by access token; the token never leaves this module.
  const byToken = new Map<string, PairedStatus>();
  let serial = 0;
  return {
    touch(token, now) {
      if (!token.pairingCodeEndpointId || !token.pairingCodeId) return;
      const existing = byToken.get(token.accessToken);
      if (existing && existing.expirationDate > now) {
        existing.lastUpdated = now;
        existing.expirationDate = now + lifetimeMs;
        return;
      }
      serial++;
      byToken.set(token.accessToken, {
        id: (hashInts(serial, now % 2_147_483_647) >>> 0).toString(16).padStart(8, '0') + token.pairingCodeId.slice(8),
        endpointId: token.pairingCodeEndpointId,
        pairingCodeId: token.pairingCodeId,
        username: token.username,
        firstName: token.firstName,
        lastName: token.lastName,
        clientName: token.clientName,
        clientDeviceType: token.clientDeviceType,
        creationDate: now,
        lastUpdated: now,
        expirationDate: now + lifetimeMs,
      });
    },
    list(endpointId, now) {
      const out: PairedStatus[] = [];
      for (const [key, status] of byToken) {
        if (status.expirationDate <= now) byToken.delete(key);
        else if (status.endpointId === endpointId) out.push({ ...status });
      }
      return out;
    },
    removeToken: (accessToken) => void byToken.delete(accessToken),
  };
}
