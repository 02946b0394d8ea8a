// One connection at run time: its saved record, the secrets it keeps, its two token sources (the Seam
// token for onVideo calls, the Relay token for room calls), its state in words, and its renewal timers.
import { defaultPollBudget, type ConnectionCheck, type ConnectionState, type ConnectionView, type RoomListStatus } from '../../contract/index.ts';
import { AppError } from '../ipc/app-error.ts';
import type { Clock, Logger } from '../ports.ts';
import type { SecretRegistry } from '../vault/redact.ts';
import type { Acquired } from './acquire.ts';
import { clientGrant } from './grants/client.ts';
import type { GrantContext } from './grants/context.ts';
import { refreshGrant } from './grants/refresh.ts';
import { relayTokenFromSeam } from './grants/relay-from-seam.ts';
import { deleteRelayToken } from './grants/revoke.ts';
import { PendingRevokes, type PendingRevoke } from './pending-revokes.ts';
import type { ConnectionRecord, KeptSecrets } from './records.ts';
import { capabilitiesFor } from './roles.ts';
import { expiryMessage, reconnectMessage } from './messages.ts';
import { TokenSource, withToken, type RenewReason } from './token-source.ts';
import type { MeetingToken, RelayToken, SeamToken } from './tokens.ts';
import { renewAt, Timers } from './timers.ts';

export interface LiveDeps {
  clock: Clock;
  log: Logger;
  registry: SecretRegistry;
  ctx(record: ConnectionRecord): GrantContext;
  /** Save the record and the kept secrets (the vault decides whether secrets reach the disk). */
  save(record: ConnectionRecord, secrets: KeptSecrets): Promise<void>;
  /** Tell the renderer the list changed. */
  changed(): void;
}

const RETRY_FIRST_MS = 60_000;
const SIGNED_OUT = 'Signed out. Reconnect to use this connection again.';
const SIGNING_OUT = 'Signed out here; signing out on the server… Relay Console keeps trying until the server confirms.';
const RETRY_MAX_MS = 30 * 60_000;
/** How long a sign-out waits for the server's answer before it goes on in the background. */
const SIGN_OUT_WAIT_MS = 10_000;

export class LiveConnection {
  record: ConnectionRecord;
  state: ConnectionState = 'connected';
  reason: string | null = null;
  meeting: MeetingToken | null = null;
  /** What the poller last reported of the room list, and the last connection check (this run only). */
  roomList: RoomListStatus | null = null;
  check: ConnectionCheck | null = null;
  readonly seam: TokenSource<SeamToken>;
  readonly relay: TokenSource<RelayToken>;
  #kept: Omit<KeptSecrets, 'relayToken' | 'pendingRevokes'>;
  readonly #deps: LiveDeps;
  /** Tokens to delete on the server that it has not confirmed yet (pending-revokes.ts). */
  readonly #revokes: PendingRevokes;
  /** Called once nothing waits for the server any more (a removal that waited for its revoke). */
  onRevokesDone: (() => void) | null = null;
  readonly #timers: Timers;
  #retryMs = RETRY_FIRST_MS;
  #disposed = false;
  /** Outcomes of deleting replaced Relay tokens, newest last (diagnostics and tests). */
  readonly #deletions: string[] = [];

  constructor(record: ConnectionRecord, kept: KeptSecrets, deps: LiveDeps) {
    this.record = record;
    this.#deps = deps;
    this.#timers = new Timers(deps.clock);
    const { relayToken, pendingRevokes, ...rest } = kept;
    this.#kept = rest;
    this.#revokes = new PendingRevokes(
      {
        clock: deps.clock,
        log: deps.log,
        ctx: () => deps.ctx(this.record),
        authoriser: () => {
          const current = this.relay.current();
          return current && current.roles.includes('ROLE_READWRITE') ? current.token : null;
        },
        changed: () => void this.#revokesChanged(),
      },
      pendingRevokes,
    );
    const relay: RelayToken | null =
      relayToken && record.relay ? { token: relayToken, ...record.relay } : null;

    this.seam = new TokenSource<SeamToken>(null, {
      clock: deps.clock,
      renew: this.#seamRenewer(),
      reconnectMessage: `Sign in to "${record.name}" again: its BlueJeans token is not kept.`,
      onRenewed: (fresh) => this.#seamRenewed(fresh),
      onFailed: (error) => {
        // Only kinds that live on the Seam token lose their connection with it.
        if ((record.kind === 'code' || record.kind === 'client') && isCredentialError(error)) this.setState('reconnect-needed', error.message);
      },
    });
    this.relay = new TokenSource<RelayToken>(relay, {
      clock: deps.clock,
      renew: record.kind === 'code' || record.kind === 'client' ? (reason, stale) => this.#renewRelay(reason, stale) : null,
      reconnectMessage: reconnectMessage(record.kind),
      onRenewed: (fresh, old) => this.#relayRenewed(fresh, old),
      onFailed: (error, reason) => this.#relayFailed(error, reason),
    });
    this.#holdSecrets();
  }

  /** Decide the state after loading from disk, and start the timers. */
  restore(): void {
    const { kind } = this.record;
    const relay = this.relay.current();
    // Revokes the server had not confirmed before the restart go on.
    if (this.#revokes.size > 0) void this.#revokes.run();
    if (this.record.signedOut) return this.setState('reconnect-needed', this.#revokes.signOutPending() ? SIGNING_OUT : SIGNED_OUT);
    if (kind === 'meeting') return this.setState('reconnect-needed', reconnectMessage('meeting'));
    if (relay && relay.expiresAt > this.#deps.clock.now()) {
      this.setState('connected', null);
      this.schedule();
      return;
    }
    if (this.relay.canRenew() && this.#hasRenewalSecrets()) {
      this.setState('connecting', null);
      this.#renewInBackground(relay ? 'expired' : 'unauthorized');
      return;
    }
    this.setState('reconnect-needed', relay ? expiryMessage(kind) : notKeptMessage(kind));
  }

  /** Put fresh credentials in place (after add or reconnect), save them, and delete a replaced Relay token. */
  async install(acquired: Acquired): Promise<void> {
    const oldRelay = this.relay.current();
    this.#kept = { ...this.#kept, ...acquired.keep };
    if (acquired.seam) this.seam.set(acquired.seam);
    if (acquired.relay) {
      this.relay.set(acquired.relay);
      this.record = { ...this.record, relay: relayMeta(acquired.relay) };
    }
    this.record = { ...this.record, signedOut: false };
    this.#revokes.keepQuiet();
    this.roomList = null; // fresh credentials: the poller reads the rooms again and says how it went
    if (acquired.meeting) {
      this.meeting = acquired.meeting;
      this.record = { ...this.record, meetingScope: acquired.meeting.moderator ? 'moderator' : 'participant' };
    }
    await this.save();
    this.#retryMs = RETRY_FIRST_MS;
    this.setState('connected', null);
    this.schedule();
    if (oldRelay && acquired.relay && oldRelay.token !== acquired.relay.token) void this.#deleteOldRelay(oldRelay.token, acquired.relay);
  }

  /** Saves, and tells the registry the secrets held now (so it forgets the ones replaced or signed out). */
  async save(): Promise<void> {
    this.#holdSecrets();
    const relay = this.relay.current();
    const pendingRevokes = this.#revokes.serialize();
    await this.#deps.save(this.record, { ...this.#kept, ...(relay ? { relayToken: relay.token } : {}), ...(pendingRevokes ? { pendingRevokes } : {}) });
  }

  /** Whether a token still waits to be deleted on the server. */
  revokesPending(): boolean {
    return this.#revokes.size > 0;
  }

  deletions(): readonly string[] {
    return this.#deletions;
  }

  kept(): Readonly<Omit<KeptSecrets, 'relayToken'>> {
    return this.#kept;
  }

  setState(state: ConnectionState, reason: string | null): void {
    if (this.#disposed) return;
    // A connection that needs the user stops using its token at once (no 401 storm from the poller).
    if (state === 'reconnect-needed') this.relay.block(new AppError('unauthorized', reason ?? reconnectMessage(this.record.kind)));
    else if (state === 'connected') this.relay.block(null);
    if (this.state === state && this.reason === reason) return;
    this.state = state;
    this.reason = reason;
    this.#deps.changed();
  }

  view(persisted: boolean): ConnectionView {
    const r = this.record;
    const roles = r.relay?.roles ?? [];
    return {
      id: r.id,
      name: r.name,
      kind: r.kind,
      state: this.state,
      reason: this.reason,
      roles,
      enterprise: r.relay?.enterprise ?? null,
      expiresAt: r.kind === 'meeting' ? (this.meeting?.expiresAt ?? null) : (r.relay?.expiresAt ?? null),
      capabilities: capabilitiesFor(r.kind, roles, r.relay?.pairing ?? null),
      bases: { ...r.bases },
      demo: r.demo,
      persisted: persisted && r.kind !== 'meeting',
      account: r.clientId ?? r.username ?? r.meetingId,
      pairingSource: r.pairingSource,
      meeting:
        r.kind === 'meeting' && r.meetingId
          ? { numericId: r.meetingId, scope: (this.meeting ? this.meeting.moderator : r.meetingScope === 'moderator') ? 'moderator' : 'participant' }
          : null,
      pollBudget: r.pollBudget === undefined ? defaultPollBudget : r.pollBudget,
      signOutPending: this.#revokes.signOutPending(),
      createdAt: r.createdAt,
      roomList: this.roomList,
      check: this.check,
    };
  }

  /** Timers: renew ahead of expiry where a kept credential allows, otherwise mark the expiry. */
  schedule(): void {
    const relay = this.relay.current();
    if (relay) {
      if (this.relay.canRenew()) {
        this.#timers.at('relay', renewAt(relay.issuedAt, relay.expiresAt), () => this.#renewInBackground('expiring'));
      } else {
        this.#timers.at('relay', relay.expiresAt, () => this.setState('reconnect-needed', expiryMessage(this.record.kind)));
      }
    }
    const seam = this.seam.current();
    if (seam && this.seam.canRenew()) {
      this.#timers.at('seam', renewAt(seam.issuedAt, seam.expiresAt), () => {
        this.seam.renewNow('expiring').catch((error: unknown) => this.#deps.log.warn('seam renewal failed', { id: this.record.id, code: codeOf(error) }));
      });
    }
    if (this.meeting) {
      this.#timers.at('meeting', this.meeting.expiresAt, () => {
        this.meeting = null;
        this.#holdSecrets();
        this.setState('reconnect-needed', expiryMessage('meeting'));
      });
    }
  }

  /**
   * Signs out here at once and revokes on the server what the API allows. What the server does not
   * confirm within a few seconds (a 429, a server error, no network) stays in the list, encrypted, and is
   * tried again in the background: the connection shows "Signing out on the server…" until it is done.
   * Returns what happened, in words.
   */
  async signOut(): Promise<string[]> {
    this.#timers.cancelAll();
    const relay = this.relay.current();
    const app = this.record.kind === 'code' && this.record.clientId && this.#kept.clientSecret
      ? { clientId: this.record.clientId, clientSecret: this.#kept.clientSecret }
      : undefined;
    const seam = this.seam.current();
    const items: PendingRevoke[] = [];
    if (relay) items.push({ what: 'relay', token: relay.token, expiresAt: relay.expiresAt });
    if (seam) items.push({ what: 'seam', token: seam.token, expiresAt: seam.expiresAt, ...(app ? { app } : {}) });
    if (this.meeting) items.push({ what: 'meeting', token: this.meeting.token, expiresAt: this.meeting.expiresAt, ...(app ? { app } : {}) });
    this.#revokes.add(items);
    this.relay.set(null);
    this.seam.set(null);
    this.meeting = null;
    this.#kept = {};
    this.record = { ...this.record, signedOut: true };
    await this.save();
    this.setState('reconnect-needed', this.#revokes.signOutPending() ? SIGNING_OUT : SIGNED_OUT);
    // A person waits for the answer: at most a few seconds, the rest goes on in the background.
    let timer: { cancel(): void } | null = null;
    const late = new Promise<null>((resolve) => (timer = this.#deps.clock.setTimeout(() => resolve(null), SIGN_OUT_WAIT_MS)));
    const notes = await Promise.race([this.#revokes.run(), late]);
    (timer as { cancel(): void } | null)?.cancel();
    await this.#revokesChanged();
    return notes ?? ['The server has not answered yet; Relay Console keeps signing out there in the background.'];
  }

  /** The revoke list moved: save it, and say whether the server still has to confirm a sign-out. */
  async #revokesChanged(): Promise<void> {
    await this.save();
    if (this.record.signedOut && this.state === 'reconnect-needed') this.setState('reconnect-needed', this.#revokes.signOutPending() ? SIGNING_OUT : SIGNED_OUT);
    this.#deps.changed();
    if (this.#revokes.size === 0) this.onRevokesDone?.();
  }

  dispose(): void {
    this.#disposed = true;
    this.#timers.cancelAll();
    this.#revokes.dispose();
    this.#deps.registry.release(this.record.id);
  }

  /** The secrets this connection lives on now, for the registry (main/vault/redact.ts). */
  #holdSecrets(): void {
    const seam = this.seam.current();
    // Tokens a revoke still waits on stay secrets until the server confirmed it.
    const held = [this.relay.current()?.token, seam?.token, seam?.refreshToken, this.meeting?.token, this.#kept.clientSecret, this.#kept.refreshToken, ...this.#revokes.tokens()];
    this.#deps.registry.hold(this.record.id, held);
  }

  // ---- renewal ----

  #hasRenewalSecrets(): boolean {
    if (this.record.kind === 'client') return Boolean(this.#kept.clientSecret);
    if (this.record.kind === 'code') return Boolean(this.#kept.clientSecret && this.#kept.refreshToken);
    return false;
  }

  #seamRenewer(): ((reason: RenewReason) => Promise<SeamToken>) | null {
    const { kind, clientId } = this.record;
    if ((kind !== 'code' && kind !== 'client') || !clientId) return null;
    return async () => {
      const ctx = this.#deps.ctx(this.record);
      const clientSecret = this.#kept.clientSecret;
      if (!clientSecret) throw new AppError('unauthorized', notKeptMessage(kind));
      if (kind === 'client') return clientGrant(ctx, clientId, clientSecret);
      const refreshToken = this.#kept.refreshToken;
      if (!refreshToken) throw new AppError('unauthorized', notKeptMessage(kind));
      return refreshGrant(ctx, { clientId, clientSecret }, refreshToken);
    };
  }

  async #seamRenewed(fresh: SeamToken): Promise<void> {
    this.#holdSecrets();
    if (this.record.kind === 'code' && fresh.refreshToken && fresh.refreshToken !== this.#kept.refreshToken) {
      this.#kept = { ...this.#kept, refreshToken: fresh.refreshToken };
      await this.save();
    }
    this.schedule();
  }

  /** A new Relay token from a (fresh if need be) Seam token: one retry after a Seam renewal on 401. */
  #renewRelay(_reason: RenewReason, _stale: RelayToken | null): Promise<RelayToken> {
    const ctx = this.#deps.ctx(this.record);
    return withToken(this.seam, (seamToken) => relayTokenFromSeam(ctx, seamToken));
  }

  async #relayRenewed(fresh: RelayToken, old: RelayToken | null): Promise<void> {
    this.record = { ...this.record, relay: relayMeta(fresh) };
    await this.save();
    this.#retryMs = RETRY_FIRST_MS;
    this.setState('connected', null);
    this.schedule();
    this.#deps.changed(); // expiry and roles may have changed even when the state did not
    if (old && old.token !== fresh.token) void this.#deleteOldRelay(old.token, fresh);
  }

  #relayFailed(error: AppError, reason: RenewReason): void {
    if (isCredentialError(error) || !this.relay.canRenew()) {
      this.#timers.cancel('relay');
      this.setState('reconnect-needed', error.message);
      return;
    }
    // Offline, timeout, server trouble: keep what we have and try again later.
    const relay = this.relay.current();
    const expired = !relay || relay.expiresAt <= this.#deps.clock.now();
    if (expired || reason === 'unauthorized') this.setState('error', `${error.message} Relay Console will try again.`);
    const delay = this.#retryMs;
    this.#retryMs = Math.min(this.#retryMs * 2, RETRY_MAX_MS);
    this.#timers.at('relay', this.#deps.clock.now() + delay, () => this.#renewInBackground('expiring'));
  }

  #renewInBackground(reason: RenewReason): void {
    this.relay.renewNow(reason).catch((error: unknown) => this.#deps.log.warn('relay token renewal failed', { id: this.record.id, code: codeOf(error) }));
  }

  /**
   * The replaced token is deleted on the server: with itself if it still works, else with the new one.
   * One the server does not confirm waits in the revoke list, as a sign-out's does.
   */
  async #deleteOldRelay(token: string, fresh: RelayToken): Promise<void> {
    const ctx = this.#deps.ctx(this.record);
    let outcome = await deleteRelayToken(ctx, token);
    if (outcome === 'refused' && fresh.roles.includes('ROLE_READWRITE')) outcome = await deleteRelayToken(ctx, token, fresh.token);
    this.#deps.log.info('replaced relay token deleted', { id: this.record.id, outcome });
    this.#deletions.push(outcome);
    if (outcome === 'failed' && !this.#disposed) {
      this.#revokes.add([{ what: 'relay', token, expiresAt: this.record.relay?.expiresAt ?? null, replaced: true }]);
      await this.save();
      void this.#revokes.run();
    }
  }
}

function relayMeta(relay: RelayToken): NonNullable<ConnectionRecord['relay']> {
  return { issuedAt: relay.issuedAt, expiresAt: relay.expiresAt, roles: relay.roles, enterprise: relay.enterprise, pairing: relay.pairing };
}

function isCredentialError(error: AppError): boolean {
  return error.code === 'unauthorized' || error.code === 'forbidden' || error.code === 'rejected';
}

function codeOf(error: unknown): string {
  return error instanceof AppError ? error.code : 'internal';
}

function notKeptMessage(kind: ConnectionRecord['kind']): string {
  return kind === 'code'
    ? 'The saved sign-in is not available on this computer. Sign in with BlueJeans again.'
    : kind === 'client'
      ? 'The app secret is not saved on this computer. Enter it again to reconnect.'
      : 'The credentials were kept only for the last session (this computer could not encrypt them). Enter them again to reconnect.';
}
