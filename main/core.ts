// The composition root: the one place where ports meet capabilities. Electron (main/app/) and the
// preview host (main/preview/) both build a Core and bind its dispatcher and events to their transport.
import type { EventName, EventPayloads } from '../contract/index.ts';
import { createDispatcher, type Dispatch, type Handlers } from './ipc/dispatcher.ts';
import { systemClock, silentLogger, type Clock, type HostInfo, type Logger } from './ports.ts';

export interface CorePorts {
  host: HostInfo;
  clock?: Clock;
  log?: Logger;
}

export type EventSink = <E extends EventName>(event: E, payload: EventPayloads[E]) => void;

export interface Core {
  dispatch: Dispatch;
  /** Subscribe a transport (one window, one bridge socket) to events; returns unsubscribe. */
  subscribe(sink: EventSink): () => void;
  dispose(): Promise<void>;
}

export function createCore(ports: CorePorts): Core {
  const clock = ports.clock ?? systemClock;
  const log = ports.log ?? silentLogger;
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
  };

  return {
    dispatch: createDispatcher(handlers, log),
    subscribe(sink) {
      sinks.add(sink);
      return () => sinks.delete(sink);
    },
    async dispose() {
      sinks.clear();
    },
  };
}
