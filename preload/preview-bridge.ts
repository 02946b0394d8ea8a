// The preview host's stand-in for the Electron preload: defines `window.relay` over the loopback
// WebSocket bridge, with exactly the contract's methods and `on`. Served only by the preview host.
import { channels, eventNames, type AppErrorBody, type EventName, type RelayApi, type Result } from '../contract/index.ts';

type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: AppErrorBody };
type Pending = (result: Result<unknown>) => void;

const tokenKey = 'relay-console.bridge-token';
// A lost socket settles every pending call at once (see `lost`), so this is only a safety net for a host
// that stays connected but never answers. It must outlast the slowest call: a browser sign-in (5 min).
const callTimeoutMs = 10 * 60_000;

function takeToken(): string | null {
  // The token arrives once in the URL fragment; keep it for reloads of this tab, then clean the address bar.
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(tokenKey, match[1]);
    history.replaceState(null, '', location.pathname + location.search);
  }
  return sessionStorage.getItem(tokenKey);
}

function createBridge(): RelayApi {
  const token = takeToken();
  const pending = new Map<number, Pending>();
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  let nextId = 1;
  let socket: WebSocket | null = null;
  let opened: Promise<WebSocket> | null = null;

  const lost = (message: string): void => {
    for (const settle of pending.values()) settle({ ok: false, error: { code: 'offline', message } });
    pending.clear();
    socket = null;
    opened = null;
  };

  const connect = (): Promise<WebSocket> => {
    if (opened) return opened;
    opened = new Promise<WebSocket>((resolve, reject) => {
      if (!token) return reject(new Error('This page was opened without its bridge token. Open the address printed by "npm run preview".'));
      const ws = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/bridge?token=${encodeURIComponent(token)}`);
      ws.addEventListener('open', () => {
        socket = ws;
        resolve(ws);
      });
      ws.addEventListener('close', () => {
        lost('The connection to Relay Console was lost. Reload the page to reconnect.');
        reject(new Error('The preview host refused the connection or is not running.'));
      });
      ws.addEventListener('message', (message: MessageEvent<string>) => {
        const data = JSON.parse(message.data) as Reply | { event: EventName; payload: unknown };
        if ('event' in data) {
          for (const listener of listeners.get(data.event) ?? []) listener(data.payload as never);
          return;
        }
        const settle = pending.get(data.id);
        if (!settle) return;
        pending.delete(data.id);
        settle(data.ok ? { ok: true, value: data.result } : { ok: false, error: data.error });
      });
    });
    return opened;
  };

  const call = async (channel: string, payload: unknown): Promise<Result<unknown>> => {
    let ws: WebSocket;
    try {
      ws = socket ?? (await connect());
    } catch (error) {
      return { ok: false, error: { code: 'offline', message: error instanceof Error ? error.message : String(error) } };
    }
    const id = nextId++;
    return new Promise<Result<unknown>>((resolve) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        resolve({ ok: false, error: { code: 'timeout', message: 'Relay Console did not answer in time.' } });
      }, callTimeoutMs);
      pending.set(id, (result) => {
        clearTimeout(timer);
        resolve(result);
      });
      ws.send(JSON.stringify({ id, channel, payload }));
    });
  };

  const api: Record<string, unknown> = {};
  for (const [method, def] of Object.entries(channels)) api[method] = (input?: unknown) => call(def.channel, input);
  api.on = (event: EventName, listener: (payload: never) => void): (() => void) => {
    if (!(eventNames as readonly string[]).includes(event)) throw new Error(`Unknown event "${String(event)}".`);
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    set.add(listener);
    void connect().catch(() => undefined); // events need the socket even before the first call
    return () => void set.delete(listener);
  };
  return Object.freeze(api) as RelayApi;
}

Object.defineProperty(window, 'relay', { value: createBridge(), writable: false, configurable: false });
