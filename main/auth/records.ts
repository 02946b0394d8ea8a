// What is saved about a connection besides its secrets. Nothing here is secret; it is validated strictly
// on every read, so a record edited by hand (tampered) is dropped alone, after the vault keeps a copy of
// the file, instead of reaching the app.
import { z } from 'zod';
import { connectionKinds } from '../../contract/index.ts';

const id = z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/);
const origin = z.string().regex(/^https?:\/\/[^\s/?#]+$/).max(2048);

export const connectionRecord = z
  .object({
    id,
    name: z.string().min(1).max(80),
    kind: z.enum(connectionKinds),
    bases: z.object({ api: origin, authorize: origin, relay: origin }).strict(),
    createdAt: z.number().int().nonnegative(),
    demo: z.boolean(),
    /** The app key (code, client grants; pairing from an app). */
    clientId: z.string().max(128).nullable(),
    /** The user name (password grant, Relay account; pairing from a password). */
    username: z.string().max(256).nullable(),
    meetingId: z.string().max(15).nullable(),
    /** Meeting passcode connections: the scope the passcode gave (the passcode itself is never kept); absent in older records. */
    meetingScope: z.enum(['moderator', 'participant']).nullable().optional(),
    /** Room pairing: where the Seam token came from. */
    pairingSource: z.enum(['connection', 'password', 'client']).nullable(),
    sourceConnectionId: id.nullable(),
    durationDays: z.number().int().min(1).max(365).nullable(),
    /** Room status requests per second at most (null: no limit); absent: Relay's limit (records from before it). */
    pollBudget: z.number().min(0.2).max(100).nullable().optional(),
    /** Signed out by the user: nothing is kept until a reconnect (but tokens the server must still delete). */
    signedOut: z.boolean(),
    /** Removed by the user while its sign-out still waited for the server: hidden, gone once it is done. */
    removed: z.boolean().optional(),
    /** What the Relay token said about itself, kept so the list shows roles and expiry after a restart. */
    relay: z
      .object({
        issuedAt: z.number(),
        expiresAt: z.number(),
        roles: z.array(z.string().max(64)).max(20),
        enterprise: z.string().max(256).nullable(),
        pairing: z.object({ endpointId: z.string().max(64), pairingCodeId: z.string().max(64) }).strict().nullable(),
      })
      .strict()
      .nullable(),
  })
  .strict();

export type ConnectionRecord = z.output<typeof connectionRecord>;

/** The secret half, encrypted by the vault: only what the kind needs to stay connected. */
export interface KeptSecrets {
  relayToken?: string;
  refreshToken?: string;
  clientSecret?: string;
  /** Tokens the server has not confirmed deleting yet (JSON, pending-revokes.ts). */
  pendingRevokes?: string;
}
