// The connections: add, list, rename, reconnect, sign out, remove. Everything secret stays here (and in
// the vault); the renderer gets public views only, through 'connections.changed'. A failed add or
// reconnect changes nothing that is saved.
import { randomUUID } from 'node:crypto';
import {
  defaultBases,
  type AddConnection,
  type ConnectionBases,
  type EventName,
  type EventPayloads,
  type ConnectionView,
  type EventLogEntry,
  type RemoveResult,
  type RoomListStatus,
  type VaultStatus,
} from '../../contract/index.ts';
import { AppError } from '../ipc/app-error.ts';
import type { HttpClient } from '../net/http.ts';
import type { Clock, Logger, OpenBrowser } from '../ports.ts';
import type { SecretRegistry } from '../vault/redact.ts';
import type { Vault } from '../vault/vault.ts';
import { acquireClient, acquireFromSeam, acquireMeeting, acquirePairing, acquirePassword, acquireRelayBasic, type Acquired } from './acquire.ts';
import { CodeSignIn } from './code-sign-in.ts';
import { clientGrant } from './grants/client.ts';
import type { GrantContext } from './grants/context.ts';
import { passwordGrant } from './grants/password.ts';
import { LiveConnection } from './live-connection.ts';
import { defaultName, pairedRoomName } from './naming.ts';
import type { ConnectionRecord, KeptSecrets } from './records.ts';

type Emit = <E extends EventName>(event: E, payload: EventPayloads[E]) => void;

export interface ManagerDeps {
  vault: Vault<ConnectionRecord>;
  http: HttpClient;
  clock: Clock;
  log: Logger;
  registry: SecretRegistry;
  openBrowser: OpenBrowser;
  emit: Emit;
  /** How long a browser sign-in may take (default 5 min). */
  signInTimeoutMs?: number;
  newId?: () => string;
  /** A cheap Relay read as this connection, through the poller's path and budget; resolves with what Relay answered, in words. */
  checkRelay?: (connectionId: string) => Promise<string>;
  /** The event log, for what failed on an admin's request (a reconnect, a check). */
  logEvent?: (entry: Omit<EventLogEntry, 'id' | 'at'>) => void;
}

/** What a kind needs to (re)connect, gathered from the add form or the reconnect form. */
interface Credentials {
  clientSecret?: string;
  password?: string;
  pairingCode?: string;
  passcode?: string;
  sourceUsername?: string;
  sourceClientId?: string;
}

export class ConnectionManager {
  readonly #deps: ManagerDeps;
  readonly #live = new Map<string, LiveConnection>();
  /**
   * Meeting passcode connections' passcodes, for joins through them: in memory only, never stored (after a
   * restart the connection asks for it again when reconnected).
   */
  readonly #passcodes = new Map<string, string>();
  readonly #signIn: CodeSignIn;
  #changeQueued = false;
  #disposed = false;

  constructor(deps: ManagerDeps) {
    this.#deps = deps;
    this.#signIn = new CodeSignIn({
      openBrowser: deps.openBrowser,
      clock: deps.clock,
      timeoutMs: deps.signInTimeoutMs ?? 5 * 60_000,
      progress: (p) => deps.emit('connections.signIn', p),
    });
  }

  /** Bring back the saved connections (after the vault is open). */
  init(): void {
    for (const record of this.#deps.vault.records()) {
      const live = this.#newLive(record, (this.#deps.vault.secrets(record.id) ?? {}) as KeptSecrets);
      this.#live.set(record.id, live);
      if (record.removed) this.#removeWhenRevoked(live);
      live.restore();
    }
    this.#changed();
  }

  list(): ConnectionView[] {
    const persisted = this.#deps.vault.persistsSecrets();
    return [...this.#live.values()].filter((l) => !l.record.removed).map((l) => l.view(persisted)).sort((a, b) => a.createdAt - b.createdAt);
  }

  get(id: string): LiveConnection {
    const live = this.#live.get(id);
    if (!live || live.record.removed) throw new AppError('not_found', 'There is no such connection (it may have been removed).');
    return live;
  }

  async add(input: AddConnection, options: { demo?: boolean } = {}): Promise<ConnectionView> {
    const source = input.kind === 'pairing' && input.source.from === 'connection' ? this.get(input.source.connectionId) : null;
    // A secret only goes to the hosts it was entered for: the source's token goes to the source's servers.
    if (source && input.bases) throw new AppError('invalid_input', `${sourceServers(source.record.name)} Leave the server addresses out.`);
    const record: ConnectionRecord = {
      id: (this.#deps.newId ?? randomUUID)(),
      name: input.name ?? 'New connection',
      kind: input.kind,
      bases: source ? { ...source.record.bases } : ({ ...defaultBases, ...input.bases } as ConnectionBases),
      createdAt: this.#deps.clock.now(),
      demo: options.demo ?? false,
      clientId: null,
      username: null,
      meetingId: null,
      pairingSource: null,
      sourceConnectionId: null,
      durationDays: null,
      signedOut: false,
      relay: null,
    };
    const credentials: Credentials = {};
    switch (input.kind) {
      case 'code':
      case 'client':
        record.clientId = input.clientId;
        credentials.clientSecret = input.clientSecret;
        break;
      case 'password':
        record.username = input.username;
        credentials.password = input.password;
        break;
      case 'relay':
        record.username = input.username;
        record.durationDays = input.durationDays ?? null;
        credentials.password = input.password;
        break;
      case 'pairing':
        record.pairingSource = input.source.from;
        credentials.pairingCode = input.pairingCode;
        if (input.source.from === 'connection') record.sourceConnectionId = input.source.connectionId;
        if (input.source.from === 'password') Object.assign(credentials, { sourceUsername: input.source.username, password: input.source.password });
        if (input.source.from === 'client') Object.assign(credentials, { sourceClientId: input.source.clientId, clientSecret: input.source.clientSecret });
        if (input.source.from === 'password') record.username = input.source.username;
        if (input.source.from === 'client') record.clientId = input.source.clientId;
        break;
      case 'meeting':
        record.meetingId = input.meetingId;
        credentials.passcode = input.passcode;
        break;
    }
    const acquired = await this.#trying(credentials, () => this.#acquire(record, credentials, null));
    if (!input.name) record.name = await this.#defaultName(record, acquired);
    const live = this.#newLive(record, {});
    this.#live.set(record.id, live);
    try {
      await live.install(acquired);
    } catch (error) {
      this.#live.delete(record.id);
      live.dispose();
      throw error;
    }
    if (record.kind === 'meeting') this.#keepPasscode(record.id, credentials.passcode ?? '');
    this.#changed();
    return live.view(this.#deps.vault.persistsSecrets());
  }

  async reconnect(input: {
    id: string;
    password?: string;
    clientSecret?: string;
    pairingCode?: string;
    passcode?: string;
  }): Promise<ConnectionView> {
    const live = this.get(input.id);
    const record = live.record;
    const credentials = this.#reconnectCredentials(live, input);
    const before = { state: live.state, reason: live.reason };
    live.setState('connecting', null);
    try {
      const acquired = await this.#trying(credentials, () => this.#acquire(record, credentials, record.id));
      await live.install(acquired);
    } catch (error) {
      live.setState(before.state, before.reason);
      if (!(error instanceof AppError && error.code === 'cancelled')) this.#logFailure(live, 'Reconnect', error);
      throw error;
    }
    if (record.kind === 'meeting') this.#keepPasscode(record.id, credentials.passcode ?? '');
    return live.view(this.#deps.vault.persistsSecrets());
  }

  /** "Check connection": one cheap Relay read with the connection's token; the outcome goes in its view (and a failure in the event log). */
  async check(id: string): Promise<ConnectionView> {
    const live = this.get(id);
    let outcome: { ok: boolean; message: string };
    try {
      if (!live.view(false).capabilities.canView) throw new AppError('unavailable', 'This connection has no Relay access to check (a meeting passcode is used only to join).');
      if (!this.#deps.checkRelay) throw new AppError('unavailable', 'Checking a connection is not available here.');
      outcome = { ok: true, message: await this.#deps.checkRelay(id) };
      this.#deps.logEvent?.({ roomKey: null, roomName: null, connectionName: live.record.name, kind: 'connection', cause: 'user', message: `Connection check: ${outcome.message}` });
    } catch (error) {
      outcome = { ok: false, message: this.#logFailure(live, 'Connection check', error) };
    }
    if (this.#live.get(id) === live) {
      live.check = { at: this.#deps.clock.now(), ...outcome };
      this.#changed();
    }
    return live.view(this.#deps.vault.persistsSecrets());
  }

  /** The poller read (or failed to read) a connection's room list: its view says so. */
  noteRoomList(id: string, status: RoomListStatus): void {
    const live = this.#live.get(id);
    if (!live || JSON.stringify(live.roomList) === JSON.stringify(status)) return;
    live.roomList = status;
    this.#changed();
  }

  /** The meeting and passcode of a connected Meeting passcode connection, for a room's join; else null. */
  meetingPasscode(id: string): { numericId: string; passcode: string } | null {
    const live = this.#live.get(id);
    const passcode = this.#passcodes.get(id);
    if (!live || live.record.kind !== 'meeting' || !live.record.meetingId || passcode === undefined || live.state !== 'connected') return null;
    return { numericId: live.record.meetingId, passcode };
  }

  async rename(id: string, name: string): Promise<ConnectionView> {
    const live = this.get(id);
    live.record = { ...live.record, name };
    await live.save();
    this.#changed();
    return live.view(this.#deps.vault.persistsSecrets());
  }

  async setPollBudget(id: string, perSec: number | null): Promise<ConnectionView> {
    const live = this.get(id);
    live.record = { ...live.record, pollBudget: perSec };
    await live.save();
    this.#changed();
    return live.view(this.#deps.vault.persistsSecrets());
  }

  /** Signs out (live.signOut): the secrets go, but tokens the server has not confirmed deleting stay, encrypted. */
  async signOut(id: string): Promise<ConnectionView> {
    const live = this.get(id);
    await live.signOut();
    this.#keepPasscode(id, null);
    return live.view(this.#deps.vault.persistsSecrets());
  }

  /** Signs out and forgets; a sign-out the server has not confirmed yet goes on, hidden, until it is done. */
  async remove(id: string): Promise<RemoveResult> {
    const live = this.get(id);
    const notes = await live.signOut();
    if (!live.revokesPending()) {
      this.forget(id);
      await this.#deps.vault.deleteSecrets(id);
      return { id, notes };
    }
    live.record = { ...live.record, removed: true };
    await live.save();
    this.#keepPasscode(id, null);
    this.#removeWhenRevoked(live);
    this.#changed();
    return { id, notes };
  }

  /** A removed connection whose revoke waited goes for good once the server confirmed it. */
  #removeWhenRevoked(live: LiveConnection): void {
    const id = live.record.id;
    live.onRevokesDone = () => {
      if (this.#live.get(id) !== live) return;
      this.forget(id);
    };
    if (!live.revokesPending()) queueMicrotask(() => live.onRevokesDone?.());
  }

  /** Drop a connection without asking any server (the demo's simulator is gone after a restart). */
  forget(id: string): void {
    const live = this.#live.get(id);
    if (!live) return;
    live.dispose();
    this.#live.delete(id);
    this.#keepPasscode(id, null);
    this.#deps.vault.deleteRecord(id);
    void this.#deps.vault.deleteSecrets(id);
    this.#changed();
  }

  cancelSignIn(): { cancelled: boolean } {
    return { cancelled: this.#signIn.cancel() };
  }

  vaultStatus(): VaultStatus {
    return this.#deps.vault.status();
  }

  async acceptRisk(accept: boolean): Promise<VaultStatus> {
    const status = await this.#deps.vault.acceptRisk(accept);
    this.#deps.emit('vault.changed', status);
    this.#changed();
    return status;
  }

  dispose(): void {
    this.#disposed = true;
    this.#signIn.cancel();
    for (const live of this.#live.values()) live.dispose();
  }

  ctx(record: ConnectionRecord): GrantContext {
    return { http: this.#deps.http, bases: record.bases, clock: this.#deps.clock };
  }

  // ---- internals ----

  /** The typed values are known to the registry while they are tried, and forgotten after (a connection holds what it keeps). */
  async #trying<T>(c: Credentials, attempt: () => Promise<T>): Promise<T> {
    const typed = [c.clientSecret, c.password, c.passcode];
    this.#deps.registry.add(...typed);
    try {
      return await attempt();
    } finally {
      this.#deps.registry.forget(...typed);
    }
  }

  #keepPasscode(id: string, passcode: string | null): void {
    if (passcode === null) this.#passcodes.delete(id);
    else this.#passcodes.set(id, passcode);
    this.#deps.registry.hold(`${id}/passcode`, [passcode]);
  }

  #newLive(record: ConnectionRecord, kept: KeptSecrets): LiveConnection {
    return new LiveConnection(record, kept, {
      clock: this.#deps.clock,
      log: this.#deps.log,
      registry: this.#deps.registry,
      ctx: (r) => this.ctx(r),
      save: async (r, secrets) => {
        if (!this.#live.has(r.id) || this.#disposed) return; // removed meanwhile: never resurrect it
        this.#deps.vault.saveRecord(r);
        await this.#deps.vault.setSecrets(r.id, defined(secrets));
      },
      changed: () => this.#changed(),
    });
  }

  /** An admin's request on a connection failed: one error line in the event log; returns the reason in words. */
  #logFailure(live: LiveConnection, what: string, error: unknown): string {
    const message = error instanceof AppError ? error.message : 'Something went wrong inside Relay Console. The details are in the log.';
    if (!(error instanceof AppError)) this.#deps.log.error(`${what.toLowerCase()} failed`, { id: live.record.id, error: error instanceof Error ? error.name : 'unknown' });
    this.#deps.logEvent?.({ roomKey: null, roomName: null, connectionName: live.record.name, kind: 'error', cause: 'user', message: `${what} failed: ${message}` });
    return message;
  }

  /** Coalesced: a burst of state changes sends one list. */
  #changed(): void {
    if (this.#changeQueued || this.#disposed) return;
    this.#changeQueued = true;
    queueMicrotask(() => {
      this.#changeQueued = false;
      if (!this.#disposed) this.#deps.emit('connections.changed', this.list());
    });
  }

  async #acquire(record: ConnectionRecord, c: Credentials, reconnectingId: string | null): Promise<Acquired> {
    const ctx = this.ctx(record);
    switch (record.kind) {
      case 'code': {
        const app = { clientId: need(record.clientId, 'app key'), clientSecret: need(c.clientSecret, 'app secret') };
        return this.#signIn.run(ctx, app, reconnectingId, (seam) =>
          acquireFromSeam(ctx, seam, { clientSecret: app.clientSecret, ...(seam.refreshToken ? { refreshToken: seam.refreshToken } : {}) }),
        );
      }
      case 'client':
        return acquireClient(ctx, need(record.clientId, 'app key'), need(c.clientSecret, 'app secret'));
      case 'password':
        return acquirePassword(ctx, need(record.username, 'user name'), need(c.password, 'password'));
      case 'relay':
        return acquireRelayBasic(ctx, need(record.username, 'user name'), need(c.password, 'password'), record.durationDays);
      case 'pairing':
        return acquirePairing(ctx, await this.#pairingSeamToken(record, c, ctx), need(c.pairingCode, 'pairing code'));
      case 'meeting':
        return acquireMeeting(ctx, need(record.meetingId, 'meeting ID'), c.passcode ?? '');
    }
  }

  /** The Seam token a pairing code is traded with: from another connection, or a one-off grant. */
  async #pairingSeamToken(record: ConnectionRecord, c: Credentials, ctx: GrantContext): Promise<string> {
    switch (record.pairingSource) {
      case 'connection': {
        const source = this.#live.get(record.sourceConnectionId ?? '');
        if (!source) throw new AppError('not_found', 'The connection this room pairing used is gone. Remove the pairing and add it again.');
        if (source.record.kind !== 'code' && source.record.kind !== 'client' && source.record.kind !== 'password') {
          throw new AppError('invalid_input', 'Pick a BlueJeans sign-in, enterprise app or user-password connection as the source.');
        }
        // A pairing saved with other servers than its source's (possible before this check) never gets the token.
        if (!sameServers(record.bases, source.record.bases)) {
          throw new AppError('invalid_input', `${sourceServers(source.record.name)} This one points elsewhere, so nothing was sent: remove it and pair the room again.`);
        }
        return source.seam.getToken();
      }
      case 'password':
        return (await passwordGrant(ctx, need(record.username, 'user name'), need(c.password, 'password'))).token;
      case 'client':
        return (await clientGrant(ctx, need(record.clientId, 'app key'), need(c.clientSecret, 'app secret'))).token;
      default:
        throw new AppError('invalid_input', 'This room pairing has no token source.');
    }
  }

  #reconnectCredentials(
    live: LiveConnection,
    input: { password?: string; clientSecret?: string; pairingCode?: string; passcode?: string },
  ): Credentials {
    const { kind, pairingSource } = live.record;
    const missing = (what: string): never => {
      throw new AppError('invalid_input', `Enter the ${what} to reconnect.`);
    };
    switch (kind) {
      case 'code':
      case 'client':
        return { clientSecret: input.clientSecret ?? live.kept().clientSecret ?? missing('app secret') };
      case 'password':
      case 'relay':
        return { password: input.password ?? missing('password') };
      case 'meeting':
        return { passcode: input.passcode ?? missing('meeting passcode (leave it empty if the meeting has none)') };
      case 'pairing':
        return {
          pairingCode: input.pairingCode ?? missing('pairing code shown in the room'),
          ...(pairingSource === 'password' ? { password: input.password ?? missing('password') } : {}),
          ...(pairingSource === 'client' ? { clientSecret: input.clientSecret ?? missing('app secret') } : {}),
        };
    }
  }

  async #defaultName(record: ConnectionRecord, acquired: Acquired): Promise<string> {
    if (record.kind === 'pairing' && acquired.relay?.pairing) {
      const room = await pairedRoomName(this.ctx(record), acquired.relay.token, acquired.relay.pairing.pairingCodeId);
      if (room) return room;
    }
    return defaultName(record, acquired);
  }
}

function sourceServers(sourceName: string): string {
  return `A room pairing made from a connection uses the servers of "${sourceName}", the connection its BlueJeans sign-in comes from.`;
}

function sameServers(a: ConnectionBases, b: ConnectionBases): boolean {
  return a.api === b.api && a.authorize === b.authorize && a.relay === b.relay;
}

function need<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined || value === '') throw new AppError('invalid_input', `The ${what} is missing.`);
  return value;
}

function defined(secrets: KeptSecrets): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(secrets)) if (typeof v === 'string' && v) out[k] = v;
  return out;
}
