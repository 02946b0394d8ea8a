// Getting credentials for each kind, from what the user typed. Nothing is stored here: the manager keeps
// the result only when every step succeeded, so a failure leaves the saved connections as they were.
import type { GrantContext } from './grants/context.ts';
import { clientGrant } from './grants/client.ts';
import { passwordGrant } from './grants/password.ts';
import { meetingGrant } from './grants/meeting.ts';
import { relayTokenFromBasic } from './grants/relay-basic.ts';
import { relayTokenFromSeam } from './grants/relay-from-seam.ts';
import { relayTokenFromPairingCode } from './grants/zero-touch.ts';
import type { KeptSecrets } from './records.ts';
import type { MeetingToken, RelayToken, SeamToken } from './tokens.ts';

export interface Acquired {
  seam: SeamToken | null;
  relay: RelayToken | null;
  meeting: MeetingToken | null;
  /** Secrets besides the Relay token that the kind keeps (app secret, refresh token). */
  keep: Omit<KeptSecrets, 'relayToken'>;
}

export async function acquireFromSeam(ctx: GrantContext, seam: SeamToken, keep: Acquired['keep']): Promise<Acquired> {
  const relay = await relayTokenFromSeam(ctx, seam.token);
  return { seam, relay, meeting: null, keep };
}

export async function acquireClient(ctx: GrantContext, clientId: string, clientSecret: string): Promise<Acquired> {
  return acquireFromSeam(ctx, await clientGrant(ctx, clientId, clientSecret), { clientSecret });
}

export async function acquirePassword(ctx: GrantContext, username: string, password: string): Promise<Acquired> {
  // The password is used once: only the Relay token (and the Seam token, in memory) remain.
  return acquireFromSeam(ctx, await passwordGrant(ctx, username, password), {});
}

export async function acquireRelayBasic(ctx: GrantContext, username: string, password: string, durationDays: number | null): Promise<Acquired> {
  const relay = await relayTokenFromBasic(ctx, username, password, durationDays ? durationDays * 86_400_000 : undefined);
  return { seam: null, relay, meeting: null, keep: {} };
}

export async function acquirePairing(ctx: GrantContext, seamToken: string, pairingCode: string): Promise<Acquired> {
  const relay = await relayTokenFromPairingCode(ctx, seamToken, pairingCode);
  return { seam: null, relay, meeting: null, keep: {} };
}

export async function acquireMeeting(ctx: GrantContext, meetingId: string, passcode: string): Promise<Acquired> {
  return { seam: null, relay: null, meeting: await meetingGrant(ctx, meetingId, passcode), keep: {} };
}
