// Demo mode: "Explore with demo rooms" starts the built-in simulator inside main and adds a Relay-account
// connection to it with the simulator's published demo credentials. No account is needed. After a
// restart the old simulator is gone, so a saved demo connection is replaced by a fresh one.
import type { ConnectionView } from '../../contract/index.ts';
import { AppError } from '../ipc/app-error.ts';
import type { Logger } from '../ports.ts';
import type { ConnectionManager } from './connection-manager.ts';

export interface DemoSim {
  /** Origin serving /oauth2, /v1 and /api, e.g. http://127.0.0.1:45678 */
  url: string;
  relayAccount: { username: string; password: string };
  close(): Promise<void>;
}

export type StartDemoSim = () => Promise<DemoSim>;

export const DEMO_NAME = 'Demo rooms (simulator)';

export class Demo {
  readonly #manager: ConnectionManager;
  readonly #start: StartDemoSim | null;
  readonly #log: Logger;
  #sim: Promise<DemoSim> | null = null;

  constructor(manager: ConnectionManager, start: StartDemoSim | null, log: Logger) {
    this.#manager = manager;
    this.#start = start;
    this.#log = log;
  }

  async start(): Promise<ConnectionView> {
    const running = this.#sim !== null;
    const existing = this.#manager.list().find((v) => v.demo);
    if (existing && running && existing.state !== 'reconnect-needed') return existing;
    const sim = await this.#ensureSim();
    // A demo connection from an earlier run points at a simulator that no longer exists.
    for (const v of this.#manager.list()) if (v.demo) this.#manager.forget(v.id);
    return this.#manager.add(
      {
        kind: 'relay',
        name: DEMO_NAME,
        username: sim.relayAccount.username,
        password: sim.relayAccount.password,
        bases: { api: sim.url, authorize: sim.url, relay: sim.url },
      },
      { demo: true },
    );
  }

  /** At launch: bring the demo back if the user had it. */
  async restore(): Promise<void> {
    if (!this.#manager.list().some((v) => v.demo)) return;
    try {
      await this.start();
    } catch (error) {
      this.#log.warn('demo could not be restored', { code: error instanceof AppError ? error.code : 'internal' });
    }
  }

  async close(): Promise<void> {
    const sim = this.#sim;
    this.#sim = null;
    if (sim) await (await sim.catch(() => null))?.close();
  }

  #ensureSim(): Promise<DemoSim> {
    if (!this.#start) return Promise.reject(new AppError('unavailable', 'Demo rooms are not available in this build.'));
    if (!this.#sim) {
      this.#sim = this.#start().catch((error: unknown) => {
        this.#sim = null;
        throw new AppError('unavailable', 'The demo simulator could not be started.', { cause: error });
      });
    }
    return this.#sim;
  }
}
