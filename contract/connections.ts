// Connections: the IPC shapes of issue 4. Inputs carry credentials (renderer → main, once); every output
// is a public view that never carries a secret.
import { z } from 'zod';
import { defineChannel, returns, type ChannelDef } from './define.ts';

export const connectionKinds = ['code', 'client', 'password', 'relay', 'pairing', 'meeting'] as const;
export type ConnectionKind = (typeof connectionKinds)[number];

export const connectionStates = ['connecting', 'connected', 'reconnect-needed', 'error'] as const;
export type ConnectionState = (typeof connectionStates)[number];

/** Relay roles (reference §2.1). Unknown roles from a server are kept as strings. */
export type RelayRole = 'ROLE_READONLY' | 'ROLE_READWRITE' | 'ROLE_PAIRINGCODE' | (string & {});

export interface Capabilities {
  /** Can list rooms and read their status. */
  canView: boolean;
  /** Can join, mute, unmute and hang up rooms (ROLE_READONLY already allows this). */
  canControl: boolean;
  /** Can create, edit or delete provisioning data (ROLE_READWRITE). */
  canProvision: boolean;
  /** A pairing-code token: one room, only the zero-touch calls. */
  zeroTouch: { endpointId: string; pairingCodeId: string } | null;
}

export interface ConnectionBases {
  /** onVideo/OAuth API origin, e.g. https://api.bluejeans.com */
  api: string;
  /** Origin of the authorize page, e.g. https://bluejeans.com */
  authorize: string;
  /** Relay origin, e.g. https://relay.bluejeans.com (paths are /api/…) */
  relay: string;
}

/** What the renderer may know about a connection: never a token, secret or password. */
export interface ConnectionView {
  id: string;
  name: string;
  kind: ConnectionKind;
  state: ConnectionState;
  /** Why the state is not 'connected', in words; null when connected. */
  reason: string | null;
  roles: RelayRole[];
  enterprise: string | null;
  /** When the credential in use expires (ms since the epoch, this computer's clock), if known. */
  expiresAt: number | null;
  capabilities: Capabilities;
  bases: ConnectionBases;
  /** The demo connection to the built-in simulator. */
  demo: boolean;
  /** Whether this connection's secrets are saved on disk (false: memory only, for this session). */
  persisted: boolean;
  /** Not secret, shown in forms: the app key, the user name, the meeting id. */
  account: string | null;
  /** Room pairing: where its BlueJeans token came from (a reconnect asks for that again). */
  pairingSource?: 'connection' | 'password' | 'client' | null;
  /** Meeting-passcode connections: which meeting, and moderator or participant scope. */
  meeting: { numericId: string; scope: 'moderator' | 'participant' } | null;
  /**
   * The Relay host's limit in requests a second (default Relay's 2; null = no limit, for on-premises
   * servers): Relay Console keeps every rolling second at or under it, with a margin (budget.ts).
   * Connections to one host share the strictest.
   */
  pollBudget: number | null;
  /**
   * Signed out here, but the server has not confirmed it yet (the revoke was refused with 429, or the
   * server could not be reached): the token is kept, encrypted, and the revoke is retried in the background.
   */
  signOutPending: boolean;
  createdAt: number;
  /** What polling last learned of this connection's room list; null (or absent) before the first read. */
  roomList?: RoomListStatus | null;
  /** The outcome of the admin's last "Check connection"; null (or absent) before the first. */
  check?: ConnectionCheck | null;
}

/** A connection's room list as the poller last read it: how many rooms, or why it could not be read, in words. */
export type RoomListStatus = { status: 'read'; rooms: number } | { status: 'failed'; message: string };

export interface ConnectionCheck {
  /** When the check ended (ms since the epoch). */
  at: number;
  ok: boolean;
  /** What Relay answered, in words. */
  message: string;
}

export const defaultBases: ConnectionBases = {
  api: 'https://api.bluejeans.com',
  authorize: 'https://bluejeans.com',
  relay: 'https://relay.bluejeans.com',
};

// ---- input schemas (validated in main) ----

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
// Printable characters only; no control characters in anything we show or send.
const printable = /^[^\p{Cc}]*$/u;

// An origin with no path, query or user info. Parsed by hand: the contract sees neither DOM nor Node (no URL type).
const ORIGIN = /^(https?):\/\/([a-z0-9.-]+|\[[0-9a-f:]+\])(?::(\d{1,5}))?\/?$/i;

/** An origin: https anywhere, plain http only on this computer (secrets never cross a network unencrypted). */
export const baseUrl = z
  .string()
  .trim()
  .max(2048)
  .refine((value) => {
    const m = ORIGIN.exec(value);
    if (!m) return false;
    if (Number(m[3] ?? 0) > 65535) return false;
    // Stryker disable next-line OptionalChaining: equivalent, the scheme group is always there when the pattern matched
    if (m[1]?.toLowerCase() === 'https') return true;
    // Stryker disable next-line StringLiteral: equivalent, the host group is always there when the pattern matched
    return LOOPBACK_HOSTS.has((m[2] ?? '').toLowerCase());
  }, 'must be an https:// address with no path (plain http:// only for 127.0.0.1 or localhost)')
  .transform((value) => value.toLowerCase().replace(/\/$/, ''));

export const basesInput = z
  .object({ api: baseUrl.optional(), authorize: baseUrl.optional(), relay: baseUrl.optional() })
  .strict();

const connectionName = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(80, 'must be at most 80 characters')
  .regex(printable, 'must not contain control characters');

const clientId = z
  .string()
  .trim()
  .min(1, 'App key is required')
  .max(128)
  .regex(/^[\x21-\x7e]+$/, 'App key must be printable characters without spaces');
// Secrets are taken exactly as typed (no trimming): a space may be part of a password.
const clientSecret = z.string().min(1, 'App secret is required').max(256).regex(printable, 'must not contain control characters');
const username = z.string().trim().min(1, 'User name is required').max(256).regex(printable, 'must not contain control characters');
const password = z.string().min(1, 'Password is required').max(1024).regex(printable, 'must not contain control characters');
export const pairingCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9]{4,16}$/, 'Pairing code must be 4 to 16 letters or digits, as shown in the room')
  .transform((v) => v.toUpperCase());
const meetingId = z.string().trim().regex(/^\d{4,15}$/, 'Meeting ID must be 4 to 15 digits');
const passcode = z.string().trim().regex(/^\d{0,12}$/, 'Passcode must be digits (leave empty for none)');
const connectionId = z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, 'not a connection id');

const common = { name: connectionName.optional(), bases: basesInput.optional() };

export const pairingSource = z.discriminatedUnion('from', [
  z.object({ from: z.literal('connection'), connectionId }).strict(),
  z.object({ from: z.literal('password'), username, password }).strict(),
  z.object({ from: z.literal('client'), clientId, clientSecret }).strict(),
]);
export type PairingSource = z.input<typeof pairingSource>;

export const addConnectionInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('code'), ...common, clientId, clientSecret }).strict(),
  z.object({ kind: z.literal('client'), ...common, clientId, clientSecret }).strict(),
  z.object({ kind: z.literal('password'), ...common, username, password }).strict(),
  z
    .object({
      kind: z.literal('relay'),
      ...common,
      username,
      password,
      // A custom token lifetime in days (Relay's `duration` unit is undocumented: main sends milliseconds).
      durationDays: z.number().int().min(1).max(365).optional(),
    })
    .strict(),
  z.object({ kind: z.literal('pairing'), ...common, pairingCode, source: pairingSource }).strict(),
  z.object({ kind: z.literal('meeting'), ...common, meetingId, passcode }).strict(),
]).refine((input) => !(input.kind === 'pairing' && input.source.from === 'connection' && input.bases), {
  // A secret only goes to the hosts it was entered for: the source's BlueJeans token goes to its own servers.
  message: 'A room pairing made from a connection uses the servers of the connection it comes from; leave the server addresses out',
  path: ['bases'],
});
export type AddConnectionInput = z.input<typeof addConnectionInput>;
export type AddConnection = z.output<typeof addConnectionInput>;

/** What a reconnect may need again: each kind uses only its fields (password, secret, pairing code, passcode). */
export const reconnectInput = z
  .object({
    id: connectionId,
    password: password.optional(),
    clientSecret: clientSecret.optional(),
    pairingCode: pairingCode.optional(),
    passcode: passcode.optional(),
  })
  .strict();
export type ReconnectInput = z.input<typeof reconnectInput>;

export const connectionIdInput = z.object({ id: connectionId }).strict();
export const renameInput = z.object({ id: connectionId, name: connectionName }).strict();
export const pollBudgetInput = z
  .object({ id: connectionId, perSec: z.number().min(0.2, 'at least 0.2 requests a second').max(100, 'at most 100 requests a second').nullable() })
  .strict();
export const acceptRiskInput = z.object({ accept: z.boolean() }).strict();

// ---- sign-in progress (code grant) ----

export const signInPhases = ['waiting', 'exchanging', 'done', 'cancelled', 'timed-out', 'failed'] as const;
export type SignInPhase = (typeof signInPhases)[number];

export interface SignInProgress {
  phase: SignInPhase;
  /** Set when a reconnect, not a new connection. */
  connectionId: string | null;
  startedAt: number;
  /** When the wait for the browser ends on its own. */
  deadline: number;
  /** In words, for the UI. */
  message: string;
  /**
   * While waiting: the sign-in page to open, shown with Copy for a machine where no browser opens. It
   * carries the app key and `state`, never a secret; null once the sign-in has ended.
   */
  url: string | null;
}

// ---- vault ----

export interface VaultStatus {
  /** 'encrypted': secrets saved with the OS keychain; 'memory': this session only; 'weak': saved with no real protection because the user accepted it. */
  mode: 'encrypted' | 'memory' | 'weak';
  /** safeStorage backend name when known (e.g. 'keychain', 'dpapi', 'gnome_libsecret', 'basic_text'). */
  backend: string | null;
  /** Why secrets cannot be protected here, in words; null when they are. */
  warning: string | null;
  riskAccepted: boolean;
  /** One-off notices, e.g. a damaged settings file moved aside. */
  notices: string[];
}

export interface RemoveResult {
  id: string;
  /** What sign-out did on the server, in words (e.g. "Relay token deleted."). */
  notes: string[];
}

// ---- channels and events (spread into channels.ts) ----

export const connectionChannels = {
  connectionsList: defineChannel('connections.list', z.undefined(), returns<ConnectionView[]>()),
  connectionsAdd: defineChannel('connections.add', addConnectionInput, returns<ConnectionView>()),
  connectionsRename: defineChannel('connections.rename', renameInput, returns<ConnectionView>()),
  connectionsSetPollBudget: defineChannel('connections.setPollBudget', pollBudgetInput, returns<ConnectionView>()),
  connectionsReconnect: defineChannel('connections.reconnect', reconnectInput, returns<ConnectionView>()),
  /** A cheap Relay read with the connection's token, through the same path and budget as every Relay call; the outcome is in the view's `check`. */
  connectionsCheck: defineChannel('connections.check', connectionIdInput, returns<ConnectionView>()),
  connectionsSignOut: defineChannel('connections.signOut', connectionIdInput, returns<ConnectionView>()),
  connectionsRemove: defineChannel('connections.remove', connectionIdInput, returns<RemoveResult>()),
  connectionsCancelSignIn: defineChannel('connections.cancelSignIn', z.undefined(), returns<{ cancelled: boolean }>()),
  vaultStatus: defineChannel('vault.status', z.undefined(), returns<VaultStatus>()),
  vaultAcceptRisk: defineChannel('vault.acceptRisk', acceptRiskInput, returns<VaultStatus>()),
  demoStart: defineChannel('demo.start', z.undefined(), returns<ConnectionView>()),
} as const satisfies Record<string, ChannelDef>;

export interface ConnectionEventPayloads {
  /** The whole list of public views, after any change. */
  'connections.changed': ConnectionView[];
  /** Progress of a browser sign-in (code grant). */
  'connections.signIn': SignInProgress;
  'vault.changed': VaultStatus;
}
export const connectionEventNames = ['connections.changed', 'connections.signIn', 'vault.changed'] as const;
