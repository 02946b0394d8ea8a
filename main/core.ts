// The composition root: the one place where ports meet capabilities. Electron (main/app/) and the
// preview host (main/preview/) both build a Core and bind its dispatcher and events to their transport.
import type { EventName, EventPayloads } from '../contract/index.ts';
import { createDispatcher, type Dispatch, type Handlers } from './ipc/dispatcher.ts';
import { roomHandlers } from './rooms/handlers.ts';
import { pollConnections } from './rooms/follow.ts';
import { RoomsService } from './rooms/service.ts';
import { createRelayTransport } from './relay/transport.ts';
import { systemClock, silentLogger, type Clock, type HostInfo, type Logger } from './ports.ts';
import { createConnections, type ConnectionsPorts } from './auth/connections-module.ts';
import type { ConnectionManager } from './auth/connection-manager.ts';
import { startBuiltInSim } from './auth/demo-sim.ts';
import { SecretRegistry, scrubbingLogger } from './vault/redact.ts';
import { createDesktopSettings } from './desktop/settings.ts';
import type { DesktopRuntime } from './desktop/ports.ts';
import { createMemorySettingsStore } from './vault/conf-store.ts';
import { createUpdateService } from './updates/update-service.ts';
import { createFleet } from './admin/fleet-module.ts';
import type { PolicyRead } from './updates/policy.ts';
import type { UpdateEngine } from './updates/ports.ts';

/** What the host gives the core; the connection ports are documented on ConnectionsPorts. */
export interface CorePorts extends Omit<ConnectionsPorts, 'clock' | 'log' | 'registry' | 'emit'> {
  host: HostInfo;
  clock?: Clock;
  log?: Logger;
  /** The desktop app's tray/notification/shortcut runtime (main/desktop); absent in the preview host. */
  desktop?: DesktopRuntime;
  /** The desktop app's updater and the administrator's update policy; absent in the preview host (updates off). */
  updates?: { engine: UpdateEngine; policy: PolicyRead };
}

export type EventSink = <E extends EventName>(event: E, payload: EventPayloads[E]) => void;

export interface Core {
  dispatch: Dispatch;
  /** Subscribe a transport (one window, one bridge socket) to events; returns unsubscribe. */
  subscribe(sink: EventSink): () => void;
  /** Resolves when no Relay request of the app is in flight (every one goes through the host budget): tests on a virtual clock. */
  whenIdle(): Promise<void>;
  dispose(): Promise<void>;
}

export function createCore(ports: CorePorts): Core {
  const clock = ports.clock ?? systemClock;
  // Every secret main learns is registered, and every log line is scrubbed of them (belt and braces).
  const registry = new SecretRegistry();
  const log = scrubbingLogger(ports.log ?? silentLogger, registry);
  const sinks = new Set<EventSink>();
  const emit: EventSink = (event, payload) => {
    for (const sink of sinks) {
      try {
        sink(event, payload);
      } catch (error) {
        log.warn('event sink failed', { event, error: error instanceof Error ? error.message : String(error) });
      }
    }
  };

  // One store for every feature; without a real one (tests, tools), one shared in memory.
  const settings = ports.settings ?? createMemorySettingsStore();

  // Issue 5: the poller and the room actions, over their own keep-alive pool; it follows the connections.
  const relayTransport = createRelayTransport({ clock, log, registry });
  // Set once the connection manager is up (it loads from the vault first); joins read passcodes from it.
  let manager: ConnectionManager | null = null;
  const rooms = new RoomsService({
    clock,
    log,
    http: relayTransport,
    emit,
    settings,
    meetingPasscode: (connectionId) => manager?.meetingPasscode(connectionId) ?? null,
    onRoomList: (connectionId, status) => manager?.noteRoomList(connectionId, status),
    // Each connection's own request budget (Relay's 2 req/s unless the admin set another).
    poller: { budgetFor: (view) => view.pollBudget },
  });

  const connections = createConnections({
    ...ports,
    settings,
    clock,
    log,
    registry,
    emit,
    // Every other Relay call (sign-in, renewal, sign-out, naming) goes through the poller's host budget.
    gate: (origin, send) => rooms.poller.gate(origin, send),
    startDemoSim: ports.startDemoSim === undefined ? startBuiltInSim : ports.startDemoSim,
    // Checks go through the poller (its Relay client and host budget); failures land in the event log.
    checkRelay: (id) => rooms.checkConnection(id),
    logEvent: (entry) => void rooms.events.append(entry),
  });
  const followConnections = (): void => {
    connections.manager().then((m) => {
      manager = m;
      rooms.sync(pollConnections(m));
    }, () => undefined);
  };
  sinks.add((event) => {
    if (event === 'connections.changed') followConnections();
  });
  // A store repaired (or a save failed) while running: the notice is in vault.status; every window hears now.
  const stopStoreNotices = settings.onNotice?.(() => {
    connections.manager().then((m) => emit('vault.changed', m.vaultStatus()), () => undefined);
  });
  followConnections();

  // Fleet administration: provisioning, CSV imports and the infrastructure, through the rooms' poller.
  const fleet = createFleet({ clock, log, registry, rooms, emit, connections: () => manager?.list() ?? [] });

  const desktop = createDesktopSettings({
    store: settings,
    runtime: ports.desktop ?? null,
    emit: (view) => emit('desktop.settings', view),
    log,
  });

  const updates = createUpdateService({
    currentVersion: ports.host.version,
    platform: ports.host.platform,
    engine: ports.updates?.engine ?? null,
    policy: ports.updates?.policy ?? { policy: null, notice: null },
    store: settings,
    clock,
    log,
    emit: (status) => emit('updates.status', status),
  });

  const handlers: Handlers = {
    appInfo: () => ({
      name: 'Relay Console',
      version: ports.host.version,
      platform: ports.host.platform,
      host: ports.host.kind,
      runtime: { node: process.versions.node, electron: ports.host.electronVersion },
    }),
    ping: ({ nonce }) => {
      const result = { nonce, at: clock.now() };
      emit('app.pong', result);
      return result;
    },
    ...roomHandlers(rooms),
    ...connections.handlers,
    ...desktop.handlers,
    ...updates.handlers,
    ...fleet.handlers,
  };

  let disposing: Promise<void> | null = null;
  return {
    dispatch: createDispatcher(handlers, log),
    subscribe(sink) {
      sinks.add(sink);
      return () => sinks.delete(sink);
    },
    whenIdle: () => rooms.poller.whenIdle(),
    // Once, however often it is called (window close and app quit may both ask).
    dispose() {
      disposing ??= (async () => {
        stopStoreNotices?.();
        sinks.clear();
        updates.dispose();
        fleet.dispose();
        rooms.dispose();
        await relayTransport.close();
        await connections.dispose();
      })();
      return disposing;
    },
  };
}
