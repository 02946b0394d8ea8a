// One credential (an access token of some kind) and the only way to renew it. Renewal is single-flight:
// however many callers find the token expired or get a 401 with it at once, one renewal runs and they
// all wait for it. Callers that report a token that was already replaced get the new one at once.
import { AppError } from '../ipc/app-error.ts';
import type { Clock } from '../ports.ts';

export interface Credential {
  token: string;
  expiresAt: number;
}

export type RenewReason = 'expiring' | 'expired' | 'unauthorized';

export interface TokenSourceOptions<C extends Credential> {
  clock: Clock;
  /** How to get a new credential, or null when no kept credential allows it (the user must reconnect). */
  renew: ((reason: RenewReason, stale: C | null) => Promise<C>) | null;
  /** Said when the token is gone and cannot be renewed. */
  reconnectMessage: string;
  onRenewed?: (fresh: C, old: C | null) => void | Promise<void>;
  onFailed?: (error: AppError, reason: RenewReason) => void;
}

export class TokenSource<C extends Credential = Credential> {
  #current: C | null;
  #inflight: Promise<C> | null = null;
  #renewals = 0;
  /** Set while the connection needs the user: calls fail at once instead of knocking on the server. */
  #blocked: AppError | null = null;
  readonly #options: TokenSourceOptions<C>;

  constructor(initial: C | null, options: TokenSourceOptions<C>) {
    this.#current = initial;
    this.#options = options;
  }

  current(): C | null {
    return this.#current;
  }

  canRenew(): boolean {
    return this.#options.renew !== null;
  }

  /** How many renewals ran (for tests and diagnostics). */
  renewals(): number {
    return this.#renewals;
  }

  /** A token that is not expired: the current one, or the result of the renewal in flight or started now. */
  async getToken(): Promise<string> {
    if (this.#blocked) throw this.#blocked;
    if (this.#inflight) return (await this.#inflight).token;
    const current = this.#current;
    if (current && current.expiresAt > this.#options.clock.now()) return current.token;
    return (await this.#renew(current ? 'expired' : 'unauthorized')).token;
  }

  /** The server refused `stale`: renew once, unless that already happened, and return the token to retry with. */
  async onUnauthorized(stale: string): Promise<string> {
    if (this.#blocked) throw this.#blocked;
    if (this.#inflight) return (await this.#inflight).token;
    if (this.#current && this.#current.token !== stale) return this.#current.token;
    return (await this.#renew('unauthorized')).token;
  }

  /** Renew ahead of expiry (the scheduler calls this); joins a renewal already in flight. */
  async renewNow(reason: RenewReason = 'expiring'): Promise<C> {
    if (this.#inflight) return this.#inflight;
    return this.#renew(reason);
  }

  /** Replace the credential from outside (a reconnect) or drop it (sign-out). */
  set(credential: C | null): void {
    this.#current = credential;
    this.#blocked = null;
  }

  /** Until a new credential is set, every call fails at once with this error (null lifts it). */
  block(error: AppError | null): void {
    this.#blocked = error;
  }

  #renew(reason: RenewReason): Promise<C> {
    const renew = this.#options.renew;
    if (!renew) {
      const error = new AppError('unauthorized', this.#options.reconnectMessage);
      this.#options.onFailed?.(error, reason);
      return Promise.reject(error);
    }
    const old = this.#current;
    this.#renewals++;
    const flight = (async () => {
      try {
        const fresh = await renew(reason, old);
        this.#current = fresh;
        await this.#options.onRenewed?.(fresh, old);
        return fresh;
      } catch (error) {
        const appError = error instanceof AppError ? error : new AppError('internal', 'Renewing the sign-in failed unexpectedly.', { cause: error });
        this.#options.onFailed?.(appError, reason);
        throw appError;
      }
    })();
    this.#inflight = flight;
    const clear = (): void => {
      if (this.#inflight === flight) this.#inflight = null;
    };
    flight.then(clear, clear);
    return flight;
  }
}

/**
 * Run a call with the source's token; on a 401, renew once (single-flight) and retry once.
 * A second 401 is returned to the caller as it is.
 */
export async function withToken<T, C extends Credential>(source: TokenSource<C>, call: (token: string) => Promise<T>): Promise<T> {
  const token = await source.getToken();
  try {
    return await call(token);
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'unauthorized') throw error;
    const fresh = await source.onUnauthorized(token);
    return call(fresh);
  }
}
