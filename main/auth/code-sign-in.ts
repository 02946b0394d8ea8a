// "Sign in with BlueJeans" the way native apps must do it (RFC 8252): the system browser opens the
// authorize page; the answer comes back to a one-shot loopback listener; `state` is random and checked;
// the code is exchanged at once. One sign-in at a time; it can be cancelled and it times out.
import { randomBytes } from 'node:crypto';
import type { SignInProgress } from '../../contract/index.ts';
import { AppError } from '../ipc/app-error.ts';
import type { Clock, OpenBrowser } from '../ports.ts';
import { authorizeUrl, exchangeCode } from './grants/code.ts';
import type { GrantContext } from './grants/context.ts';
import { startLoopback, type Loopback } from './grants/loopback.ts';
import type { SeamToken } from './tokens.ts';

export interface CodeSignInDeps {
  openBrowser: OpenBrowser;
  clock: Clock;
  timeoutMs: number;
  progress: (p: SignInProgress) => void;
}

export class CodeSignIn {
  readonly #deps: CodeSignInDeps;
  #active: Loopback | null = null;

  constructor(deps: CodeSignInDeps) {
    this.#deps = deps;
  }

  isActive(): boolean {
    return this.#active !== null;
  }

  cancel(): boolean {
    if (!this.#active) return false;
    this.#active.cancel();
    return true;
  }

  /**
   * Runs the browser sign-in, then `finish` with the tokens (e.g. to get a Relay token), all inside one
   * progress story: waiting → exchanging → done, or cancelled / timed-out / failed with the reason.
   */
  async run<T>(
    ctx: GrantContext,
    app: { clientId: string; clientSecret: string },
    connectionId: string | null,
    finish: (seam: SeamToken) => Promise<T>,
  ): Promise<T> {
    if (this.#active) throw new AppError('conflict', 'A browser sign-in is already waiting. Finish it or cancel it first.');
    const state = randomBytes(32).toString('base64url');
    const { clock, timeoutMs } = this.#deps;
    const loopback = await startLoopback({ state, timeoutMs, clock });
    this.#active = loopback;
    const startedAt = clock.now();
    const url = authorizeUrl(ctx.bases.authorize, { clientId: app.clientId, redirectUri: loopback.redirectUri, state });
    const report = (phase: SignInProgress['phase'], message: string): void =>
      this.#deps.progress({ phase, connectionId, startedAt, deadline: startedAt + timeoutMs, message, url: phase === 'waiting' ? url : null });
    let stage: 'browser' | 'exchange' = 'browser';
    try {
      report('waiting', 'Continue in your web browser: sign in to BlueJeans and allow Relay Console.');
      // The browser is not waited for: a port that never answers must not keep the sign-in from its
      // timeout, and one that fails leaves the address to be opened by hand on this computer.
      this.#deps.openBrowser.open(url).catch(() => {
        if (this.#active === loopback && stage === 'browser') {
          report('waiting', 'The web browser could not be opened here. Copy the address below into a browser on this computer, sign in to BlueJeans and allow Relay Console.');
        }
      });
      const code = await loopback.code;
      stage = 'exchange';
      report('exchanging', 'Signed in. Finishing the connection…');
      const result = await finish(await exchangeCode(ctx, app, loopback.redirectUri, code));
      report('done', 'Connected.');
      return result;
    } catch (error) {
      const appError = error instanceof AppError ? error : new AppError('internal', 'The sign-in failed unexpectedly.', { cause: error });
      const phase = appError.code === 'cancelled' ? 'cancelled' : appError.code === 'timeout' && stage === 'browser' ? 'timed-out' : 'failed';
      report(phase, appError.message);
      throw appError;
    } finally {
      loopback.cancel(); // no-op when it already finished; closes the listener otherwise
      this.#active = null;
    }
  }
}
