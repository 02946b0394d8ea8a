// The demo credentials the CLI prints and startSim() returns.
import { adminUser, enterprise, oauthApp, regularUser, relayAccount } from './world/accounts.ts';
import { demoMeetings } from './world/meetings.ts';
import type { World } from './world/world.ts';

export interface DemoUser {
  userId: number;
  username: string;
  password: string;
}

export interface DemoCredentials {
  enterprise: { seamId: number; relayId: string; name: string; label: string };
  /** Enterprise admin: password grant → admin token; its Relay token → ROLE_READWRITE + ROLE_READONLY. */
  admin: DemoUser;
  /** Not an admin: its Relay token (from the Seam token or Basic) → ROLE_READONLY only. */
  user: DemoUser;
  /** Enterprise app for the client and code grants. */
  app: { clientId: string; clientSecret: string; appName: string; redirectUrls: string[]; loopbackRedirect: string };
  /** Relay account for HTTP Basic (→ ROLE_READWRITE + ROLE_READONLY). */
  relayAccount: { username: string; password: string };
  meetings: { numericId: string; title: string; moderatorPasscode: string | null; participantPasscode: string | null }[];
  /** Every room's Zero Touch pairing code. */
  pairingCodes: { endpointId: string; name: string; code: string; pairingCodeId: string }[];
}

const demoUser = (u: typeof adminUser): DemoUser => ({ userId: u.id, username: u.username, password: u.password });

export function demoCredentials(world: World): DemoCredentials {
  return {
    enterprise: { seamId: enterprise.seamId, relayId: enterprise.relayId, name: enterprise.name, label: enterprise.label },
    admin: demoUser(adminUser),
    user: demoUser(regularUser),
    app: {
      clientId: oauthApp.clientId,
      clientSecret: oauthApp.clientSecret,
      appName: oauthApp.appName,
      redirectUrls: [...oauthApp.redirectUrls],
      loopbackRedirect: 'http://127.0.0.1:<any port>/<any path> (RFC 8252 §7.3)',
    },
    relayAccount: { username: relayAccount.username, password: relayAccount.password },
    meetings: demoMeetings.map((m) => ({
      numericId: m.numericId,
      title: m.title,
      moderatorPasscode: m.moderatorPasscode,
      participantPasscode: m.participantPasscode,
    })),
    pairingCodes: world.rooms.list.map((r) => ({ endpointId: r.id, name: r.name, code: r.pairingCode, pairingCodeId: r.pairingCodeId })),
  };
}
