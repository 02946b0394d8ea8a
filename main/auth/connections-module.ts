// Issue 4 assembled: the vault, the HTTP client, the connection manager, demo mode, and the IPC handlers
// of the connection channels. core.ts only passes ports in and spreads the handlers.
import type { connectionChannels, EventLogEntry, EventName, EventPayloads } from '../../contract/index.ts';
import type { Handlers } from '../ipc/dispatcher.ts';
import { HttpClient, type HttpGate, type HttpOptions } from '../net/http.ts';
import type { Clock, Logger, OpenBrowser, SecretCipher, SettingsStore } from '../ports.ts';
import { createMemorySettingsStore } from '../vault/conf-store.ts';
import type { SecretRegistry } from '../vault/redact.ts';
import { Vault } from '../vault/vault.ts';
import { apiAccess, relayAccess, type ServerAccess } from './access.ts';
import { ConnectionManager } from './connection-manager.ts';
import { Demo, type StartDemoSim } from './demo.ts';
import { connectionRecord, type ConnectionRecord } from './records.ts';

export type ConnectionMethod = keyof typeof connectionChannels;

export interface ConnectionsPorts {
  clock: Clock;
  log: Logger;
  registry: SecretRegistry;
  emit: <E extends EventName>(event: E, payload: EventPayloads[E]) => void;
  /** safeStorage in the app; absent: no keychain (secrets in memory unless the user accepts the risk). */
  cipher?: SecretCipher;
  /** electron-store in the app, conf under Node; absent: memory only. */
  settings?: SettingsStore;
  /** shell.openExternal in the app; absent: the browser sign-in says it cannot open a browser. */
  openBrowser?: OpenBrowser;
  /** Timeouts and connection caps of the shared HTTP client. */
  http?: HttpOptions;
  /**
   * Where every request of the shared HTTP client waits its turn: the host's request budget (core.ts wires
   * the poller's), so sign-in, renewal, sign-out and naming count against Relay's limit like the polls.
   */
  gate?: HttpGate;
  /** Demo mode's simulator (default: the built-in one, in-process); null turns demo mode off. */
  startDemoSim?: StartDemoSim | null;
  /** How long a browser sign-in may take (default 5 min). */
  signInTimeoutMs?: number;
  /** "Check connection": a cheap Relay read through the poller (its path and budget); absent: checks are unavailable. */
  checkRelay?: (connectionId: string) => Promise<string>;
  /** The event log, for failed reconnects and checks. */
  logEvent?: (entry: Omit<EventLogEntry, 'id' | 'at'>) => void;
}

export interface ConnectionsModule {
  handlers: Pick<Handlers, ConnectionMethod>;
  /** Resolves when the saved connections are loaded. */
  ready: Promise<void>;
  /** For other features (rooms, poller, join): call the servers as a connection. */
  relay(connectionId: string): Promise<ServerAccess>;
  api(connectionId: string): Promise<ServerAccess>;
  manager(): Promise<ConnectionManager>;
  http: HttpClient;
  dispose(): Promise<void>;
}

/** Where no OS keychain exists (the preview host, tests): secrets stay in memory unless the user accepts the risk. */
export const noKeychainCipher: SecretCipher = {
  availability: async () => ({ available: false, reason: 'This host has no system keychain (it runs without Electron).' }),
  encrypt: () => Promise.reject(new Error('no keychain')),
  decrypt: () => Promise.reject(new Error('no keychain')),
};

/** Without a real browser port (tests, a host that cannot open one) the code grant says so in words. */
const noBrowser: OpenBrowser = { open: () => Promise.reject(new Error('no browser')) };

export function createConnections(ports: ConnectionsPorts): ConnectionsModule {
  const { clock, log, registry } = ports;
  const http = new HttpClient(ports.http ?? {}, { log, registry, clock, gate: ports.gate });
  let demo: Demo | null = null;
  let disposed = false;

  const opened = (async () => {
    const vault = await Vault.open<ConnectionRecord>({
      store: ports.settings ?? createMemorySettingsStore(),
      cipher: ports.cipher ?? noKeychainCipher,
      recordSchema: connectionRecord,
      log,
    });
    const manager = new ConnectionManager({
      vault,
      http,
      clock,
      log,
      registry,
      openBrowser: ports.openBrowser ?? noBrowser,
      emit: ports.emit,
      signInTimeoutMs: ports.signInTimeoutMs,
      checkRelay: ports.checkRelay,
      logEvent: ports.logEvent,
    });
    manager.init();
    demo = new Demo(manager, ports.startDemoSim ?? null, log);
    void demo.restore();
    return manager;
  })();
  opened.catch((error: unknown) => log.error('connections could not be loaded', { error: error instanceof Error ? error.name : 'unknown' }));
  const m = (): Promise<ConnectionManager> => opened;

  const handlers: Pick<Handlers, ConnectionMethod> = {
    connectionsList: async () => (await m()).list(),
    connectionsAdd: async (input) => (await m()).add(input),
    connectionsRename: async ({ id, name }) => (await m()).rename(id, name),
    connectionsSetPollBudget: async ({ id, perSec }) => (await m()).setPollBudget(id, perSec),
    connectionsReconnect: async (input) => (await m()).reconnect(input),
    connectionsCheck: async ({ id }) => (await m()).check(id),
    connectionsSignOut: async ({ id }) => (await m()).signOut(id),
    connectionsRemove: async ({ id }) => (await m()).remove(id),
    connectionsCancelSignIn: async () => (await m()).cancelSignIn(),
    vaultStatus: async () => (await m()).vaultStatus(),
    vaultAcceptRisk: async ({ accept }) => (await m()).acceptRisk(accept),
    demoStart: async () => {
      await m();
      if (!demo) throw new Error('demo not ready');
      return demo.start();
    },
  };

  return {
    handlers,
    ready: opened.then(() => undefined),
    relay: async (id) => relayAccess((await m()).get(id), http),
    api: async (id) => apiAccess((await m()).get(id), http),
    manager: m,
    http,
    async dispose() {
      if (disposed) return;
      disposed = true;
      try {
        (await m()).dispose();
      } catch {
        // nothing was loaded: nothing to stop
      }
      await demo?.close();
      await http.close();
    },
  };
}
