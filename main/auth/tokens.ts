// The token shapes main works with, after validation: lifetimes are turned into this computer's clock
// (expires_in, or Relay's expirationDate − creationDate), so a server clock that differs changes nothing.
import { z } from 'zod';

/** An onVideo/OAuth ("Seam") access token. */
export interface SeamToken {
  token: string;
  issuedAt: number;
  expiresAt: number;
  /** Only the code grant (and refresh) gives one; the password grant sends "". */
  refreshToken: string | null;
  user: number | null;
  enterprise: number | null;
}

export interface RelayToken {
  token: string;
  issuedAt: number;
  expiresAt: number;
  roles: string[];
  enterprise: string | null;
  pairing: { endpointId: string; pairingCodeId: string } | null;
}

export interface MeetingToken {
  token: string;
  issuedAt: number;
  expiresAt: number;
  numericId: string;
  moderator: boolean;
  leaderId: number | null;
  meetingUri: string | null;
}

const partition = z.object({ id: z.number().optional(), name: z.string().optional() }).optional();

/** Reference §1.1, 1.3, 1.4: every grant's answer; extra fields are tolerated. */
export const grantResponse = z.object({
  access_token: z.string().min(1).max(512),
  expires_in: z.number().positive(),
  refresh_token: z.string().max(512).nullish(),
  scope: z
    .object({
      user: z.number().optional(),
      enterprise: z.number().optional(),
      partitionName: z.string().optional(),
      partition,
    })
    .optional(),
});

/** Reference §1.2. */
export const meetingGrantResponse = z.object({
  access_token: z.string().min(1).max(512),
  expires_in: z.number().positive(),
  scope: z.object({
    meeting: z.object({
      meetingNumericId: z.union([z.string(), z.number()]).transform(String).optional(),
      leaderId: z.number().optional(),
      meetingUri: z.string().optional(),
      isModerator: z.boolean(),
    }),
  }),
});

/** Reference §2.1, the AccessToken entity. */
export const relayAccessToken = z.object({
  accessToken: z.string().min(1).max(512),
  creationDate: z.number().optional(),
  expirationDate: z.number(),
  enterpriseName: z.string().nullish(),
  roles: z.array(z.string().max(64)).max(20).default([]),
  pairingCodeEndpointId: z.string().nullish(),
  pairingCodeId: z.string().nullish(),
});

export function seamFromGrant(body: z.output<typeof grantResponse>, now: number): SeamToken {
  return {
    token: body.access_token,
    issuedAt: now,
    expiresAt: now + body.expires_in * 1000,
    refreshToken: body.refresh_token ? body.refresh_token : null,
    user: body.scope?.user ?? null,
    enterprise: body.scope?.enterprise ?? null,
  };
}

export function relayFromEntity(body: z.output<typeof relayAccessToken>, now: number): RelayToken {
  const lifetime = body.creationDate !== undefined ? body.expirationDate - body.creationDate : body.expirationDate - now;
  return {
    token: body.accessToken,
    issuedAt: now,
    expiresAt: now + Math.max(0, lifetime),
    roles: body.roles,
    enterprise: body.enterpriseName ?? null,
    pairing:
      body.pairingCodeEndpointId && body.pairingCodeId
        ? { endpointId: body.pairingCodeEndpointId, pairingCodeId: body.pairingCodeId }
        : null,
  };
}
