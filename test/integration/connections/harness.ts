// Shared set-up for the connection integration tests: a real simulator on a free loopback port, and the
// connections module of main over it (conf store in a temp dir, a test cipher, a manual clock).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSim, type RunningSim, type SimOptions } from '../../../sim/index.ts';
import { channels, type ConnectionBases, type EventName, type EventPayloads } from '../../../contract/index.ts';
import { createConnections, type ConnectionMethod, type ConnectionsModule } from '../../../main/auth/connections-module.ts';
import type { ConnectionManager } from '../../../main/auth/connection-manager.ts';
import type { OpenBrowser, SecretCipher } from '../../../main/ports.ts';
import { defaultPollBudget } from '../../../contract/index.ts';
import type { HttpGate } from '../../../main/net/http.ts';
import { Scheduler } from '../../../main/poller/scheduler.ts';
import { createConfSettingsStore } from '../../../main/vault/conf-store.ts';
import { SecretRegistry, scrubbingLogger } from '../../../main/vault/redact.ts';
import { fakeCipher } from '../../helpers/fake-cipher.ts';
import { ManualClock } from '../../helpers/manual-clock.ts';
import { simPacedClock } from '../../helpers/sim-paced-clock.ts';
import type { InputOf } from '../../../contract/define.ts';

export interface Harness {
  sim: RunningSim;
  mod: ConnectionsModule;
  manager: ConnectionManager;
  bases: ConnectionBases;
  clock: ManualClock;
  dir: string;
  events: { event: EventName; payload: unknown }[];
  logLines: string[];
  browserUrls: string[];
  /** The secrets the module registered (scrubbed from the log lines). */
  registry: SecretRegistry;
  /** Validates like the dispatcher (the channel's zod schema), then runs the handler. */
  call<M extends ConnectionMethod>(method: M, input: InputOf<(typeof channels)[M]>): Promise<Awaited<ReturnType<ConnectionsModule['handlers'][M]>>>;
  /** A second module over the same settings folder: the app after a restart. */
  restart(options?: { cipher?: SecretCipher }): Promise<Harness>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  sim?: SimOptions;
  cipher?: SecretCipher;
  /** Plays the system browser: gets the authorize URL. */
  browser?: (url: string) => void;
  /** How opening the system browser ends (default: it opens); e.g. a promise that never settles. */
  browserOpens?: () => Promise<void>;
  signInTimeoutMs?: number;
  timeoutMs?: number;
  dir?: string;
  existingSim?: RunningSim;
  clock?: ManualClock;
  /**
   * Every request of the module waits at a host budget of Relay's limit, as the app's poller gives it
   * (core.ts), on the frozen sim's clock (its waits cost no real time): for bursts of calls.
   */
  budget?: boolean;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const sim = options.existingSim ?? (await startSim({ rooms: 6, seed: 7, port: 0, ...options.sim, ...(options.budget ? { clock: { frozen: true } } : {}) }));
  let budget: Scheduler | null = null;
  const paced = options.budget ? simPacedClock(sim, () => budget?.whenIdle() ?? Promise.resolve()) : null;
  if (paced) budget = new Scheduler({ clock: paced, classes: 1, defaultHost: { budgetPerSec: defaultPollBudget, maxInFlight: 4 } });
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'relay-conn-'));
  const clock = options.clock ?? new ManualClock(Date.now());
  const events: Harness['events'] = [];
  const logLines: string[] = [];
  const browserUrls: string[] = [];
  const registry = new SecretRegistry();
  const raw = {
    info: (m: string, f?: Record<string, unknown>) => logLines.push(`info ${m} ${JSON.stringify(f ?? {})}`),
    warn: (m: string, f?: Record<string, unknown>) => logLines.push(`warn ${m} ${JSON.stringify(f ?? {})}`),
    error: (m: string, f?: Record<string, unknown>) => logLines.push(`error ${m} ${JSON.stringify(f ?? {})}`),
  };
  const openBrowser: OpenBrowser = {
    async open(url) {
      browserUrls.push(url);
      options.browser?.(url);
      if (options.browserOpens) return options.browserOpens();
    },
  };
  const cipher = options.cipher ?? fakeCipher();
  const mod = createConnections({
    clock,
    log: scrubbingLogger(raw, registry),
    registry,
    emit: <E extends EventName>(event: E, payload: EventPayloads[E]) => void events.push({ event, payload }),
    cipher,
    settings: createConfSettingsStore({ cwd: dir }),
    openBrowser,
    http: { timeoutMs: options.timeoutMs ?? 2000 },
    ...(budget ? { gate: gateOf(budget) } : {}),
    startDemoSim: null,
    signInTimeoutMs: options.signInTimeoutMs,
  });
  await mod.ready;
  const manager = await mod.manager();
  const harness: Harness = {
    sim,
    mod,
    manager,
    bases: { api: sim.url, authorize: sim.url, relay: sim.url },
    clock,
    dir,
    events,
    logLines,
    browserUrls,
    registry,
    async call(method, input) {
      const parsed = channels[method].input.parse(input);
      const handler = mod.handlers[method] as (i: unknown) => Promise<never>;
      return handler(parsed);
    },
    async restart(o = {}) {
      await mod.dispose();
      return startHarness({ ...options, cipher: o.cipher ?? cipher, dir, existingSim: sim, clock });
    },
    async close() {
      paced?.stop();
      budget?.dispose();
      await mod.dispose();
      if (!options.existingSim) await sim.close();
    },
  };
  return harness;
}

/** The app's gate (the poller's, core.ts) without the poller: a host budget on the Scheduler. */
function gateOf(budget: Scheduler): HttpGate {
  return (origin, send) => budget.urgent(origin, send, { uncapped: true });
}

/** Requests in the sim's log (secrets masked) matching a method and a path prefix. */
export function logged(sim: RunningSim, method: string, pathPrefix: string) {
  return sim.control.log().filter((e) => e.method === method && e.path.startsWith(pathPrefix));
}

/** Plays the user in the system browser: GET the authorize page, submit the login + consent form, follow the redirect. */
export async function completeSignIn(
  url: string,
  user: { username: string; password: string },
  options: { decision?: 'allow' | 'deny'; tamperState?: string } = {},
): Promise<Response> {
  const target = new URL(url);
  if (options.tamperState) target.searchParams.set('state', options.tamperState);
  const page = await fetch(target);
  const html = await page.text();
  if (page.status !== 200) throw new Error(`authorize page answered ${page.status}`);
  const form = new URLSearchParams();
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) form.set(m[1]!, unescapeHtml(m[2]!));
  form.set('username', user.username);
  form.set('password', user.password);
  form.set('decision', options.decision ?? 'allow');
  const submit = await fetch(new URL('/oauth2/authorize', target.origin), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
    redirect: 'manual',
  });
  const location = submit.headers.get('location');
  if (submit.status !== 302 && submit.status !== 303) throw new Error(`authorize form answered ${submit.status}`);
  if (!location) throw new Error('no redirect');
  return fetch(location);
}

function unescapeHtml(s: string): string {
  return s.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'");
}
