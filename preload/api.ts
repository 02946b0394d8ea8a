// window.relay for the Electron window, built from the contract: one method per channel and `on` for the
// contract's events. Nothing else crosses: no ipcRenderer, no generic invoke, no IPC event objects (an
// IpcRendererEvent carries `sender`, which is ipcRenderer itself).
import { channels, eventNames, fail, quoteCallerText, type EventName, type RelayApi, type Result } from '../contract/index.ts';

/** The slice of ipcRenderer the API needs; a fake in unit tests. */
export interface RendererIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

const isEventName = (name: unknown): name is EventName => (eventNames as readonly unknown[]).includes(name);

export function buildRelayApi(ipc: RendererIpc): RelayApi {
  const api: Record<string, unknown> = {};

  for (const [method, def] of Object.entries(channels)) {
    api[method] = async (input?: unknown): Promise<Result<unknown>> => {
      try {
        // main answers every call with a Result; a rejection means main had no handler or went away.
        return (await ipc.invoke(def.channel, input)) as Result<unknown>;
      } catch {
        return fail('internal', 'Relay Console did not answer. Restart the app if this persists.');
      }
    };
  }

  api['on'] = (event: unknown, listener: unknown): (() => void) => {
    if (!isEventName(event)) throw new TypeError(`Unknown event ${quoteCallerText(event)}.`);
    if (typeof listener !== 'function') throw new TypeError('The listener must be a function.');
    const forward = (_event: unknown, payload: unknown): void => void listener(payload);
    ipc.on(event, forward);
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      ipc.removeListener(event, forward);
    };
  };

  // Built by walking `channels`, so the compiler cannot see the shape; the unit test checks it instead.
  return Object.freeze(api) as RelayApi;
}
