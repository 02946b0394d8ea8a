// Tokens to delete on the server that the server has not confirmed yet: a sign-out's Relay and BlueJeans
// tokens, a replaced Relay token. A revoke refused with 429 (after the host budget's own retries), or one
// that met a server error or no network, is not dropped: it is tried again in the background (backoff,
// capped) until the server confirms it, says the token is gone, or the token's own expiry makes it moot
// (docs/rate-limit.md, "Sign-out"). The list is kept with the connection's secrets, encrypted, so it
// survives a restart.
import { z } from 'zod';
import type { Clock, Logger } from '../ports.ts';
import type { GrantContext } from './grants/context.ts';
import { deleteRelayToken, revokeOAuthToken, type RevokeOutcome } from './grants/revoke.ts';
import { Timers } from './timers.ts';

const pendingRevoke = z
  .object({
    what: z.enum(['relay', 'seam', 'meeting']),
    token: z.string().min(1).max(4096),
    /** When the token dies on its own (ms since the epoch): after that the revoke is moot. */
    expiresAt: z.number().nullable(),
    /** A 3-legged token is revoked with its app's credentials (reference §1.5). */
    app: z.object({ clientId: z.string().max(128), clientSecret: z.string().max(256) }).strict().optional(),
    /** A Relay token replaced by a newer one, not a sign-out (nothing is shown while it waits). */
    replaced: z.boolean().optional(),
  })
  .strict();
export type PendingRevoke = z.output<typeof pendingRevoke>;

/** At most this many wait (a sign-out has three tokens at most; replaced ones are few). */
const MAX_PENDING = 20;
const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = 10 * 60_000;

export interface PendingRevokesDeps {
  clock: Clock;
  log: Logger;
  ctx(): GrantContext;
  /** A read-write Relay token of the same account, for a replaced token that can no longer delete itself. */
  authoriser(): string | null;
  /** The list changed (save it, show it). */
  changed(): void;
}

export class PendingRevokes {
  readonly #deps: PendingRevokesDeps;
  readonly #timers: Timers;
  #items: PendingRevoke[] = [];
  #retryMs = FIRST_RETRY_MS;
  #running: Promise<string[]> | null = null;
  #disposed = false;

  constructor(deps: PendingRevokesDeps, saved?: string) {
    this.#deps = deps;
    this.#timers = new Timers(deps.clock);
    if (saved) {
      try {
        this.#items = z.array(pendingRevoke).max(MAX_PENDING).parse(JSON.parse(saved));
      } catch {
        deps.log.warn('pending revocations unreadable; dropped');
      }
    }
  }

  /** The tokens in the list (the secret registry must know them). */
  tokens(): string[] {
    return this.#items.flatMap((i) => [i.token, i.app?.clientSecret].filter((s): s is string => typeof s === 'string'));
  }

  /** What is saved with the connection's secrets; undefined when nothing waits. */
  serialize(): string | undefined {
    return this.#items.length > 0 ? JSON.stringify(this.#items) : undefined;
  }

  /** Whether a sign-out still waits for the server. */
  signOutPending(): boolean {
    return this.#items.some((i) => !i.replaced);
  }

  get size(): number {
    return this.#items.length;
  }

  add(items: readonly PendingRevoke[]): void {
    for (const item of items) if (!this.#items.some((i) => i.token === item.token)) this.#items.push(item);
    if (this.#items.length > MAX_PENDING) this.#items.splice(0, this.#items.length - MAX_PENDING);
    this.#retryMs = FIRST_RETRY_MS;
  }

  /** Signed in again: what a sign-out left waiting is now just an old token to clean up (not shown). */
  keepQuiet(): void {
    this.#items = this.#items.map((i) => ({ ...i, replaced: true }));
  }

  /** Tries every waiting revoke now (single-flight); resolves with what happened, in words. */
  run(): Promise<string[]> {
    this.#timers.cancel('retry');
    this.#running ??= this.#pass().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  dispose(): void {
    this.#disposed = true;
    this.#timers.cancelAll();
  }

  async #pass(): Promise<string[]> {
    const notes: string[] = [];
    let changed = false;
    for (const item of [...this.#items]) {
      if (this.#disposed) return notes;
      const done = item.expiresAt !== null && item.expiresAt <= this.#deps.clock.now() ? 'moot' : await this.#attempt(item);
      if (done === 'failed') {
        if (!item.replaced) notes.push(waitingNote(item));
        continue;
      }
      this.#items = this.#items.filter((i) => i !== item);
      changed = true;
      if (!item.replaced) notes.push(doneNote(item, done));
      this.#deps.log.info('token revoked on the server', { what: item.what, outcome: done, replaced: item.replaced ?? false });
    }
    if (this.#disposed) return notes;
    if (this.#items.length > 0) {
      const delay = this.#retryMs;
      this.#retryMs = Math.min(this.#retryMs * 2, MAX_RETRY_MS);
      this.#timers.at('retry', this.#deps.clock.now() + delay, () => void this.run());
    } else this.#retryMs = FIRST_RETRY_MS;
    if (changed) this.#deps.changed();
    return notes;
  }

  async #attempt(item: PendingRevoke): Promise<RevokeOutcome> {
    const ctx = this.#deps.ctx();
    if (item.what !== 'relay') return revokeOAuthToken(ctx, item.token, item.app);
    const outcome = await deleteRelayToken(ctx, item.token);
    // A token that can no longer authorise itself is deleted with a read-write token of the same account.
    const other = outcome === 'refused' ? this.#deps.authoriser() : null;
    return other && other !== item.token ? deleteRelayToken(ctx, item.token, other) : outcome;
  }
}

function doneNote(item: PendingRevoke, outcome: RevokeOutcome | 'moot'): string {
  const relay = item.what === 'relay';
  switch (outcome) {
    case 'revoked':
      return relay ? 'Relay token deleted.' : 'BlueJeans token revoked.';
    case 'already-gone':
      return relay ? 'Already signed out on the server (the Relay token was gone).' : 'Already signed out of BlueJeans (the token was gone).';
    case 'refused':
      return relay ? 'The Relay token is no longer valid on the server: nothing left to sign out.' : 'The BlueJeans token is no longer valid: nothing left to revoke.';
    default:
      return relay ? 'The Relay token has expired on its own.' : 'The BlueJeans token has expired on its own.';
  }
}

function waitingNote(item: PendingRevoke): string {
  return item.what === 'relay'
    ? 'The server has not confirmed the Relay token’s deletion yet; Relay Console keeps trying (the token stays encrypted here until then).'
    : 'BlueJeans has not confirmed the token’s revocation yet; Relay Console keeps trying.';
}
