// The preview host's stand-in for the Electron preload: defines `window.relay` over the loopback
// WebSocket bridge, with exactly the contract's methods and `on`. Served only by the preview host.
// The link itself (heartbeat, reconnect, a host restarted with a new key) is bridge-link.ts; its state
// reaches the page as the contract's 'app.link' event.
import {
  bridgeKeyCheckPath,
  bridgeKeyHeader,
  channels,
  eventNames,
  quoteCallerText,
  type AppErrorBody,
  type AppLink,
  type EventName,
  type RelayApi,
  type Result,
} from '../contract/index.ts';
import { linkWords, startLink, type KeyCheck, type LinkTimers } from './bridge-link.ts';

type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: AppErrorBody };
type Pending = (result: Result<unknown>) => void;

const tokenKey = 'relay-console.bridge-token';
// A lost link settles every pending call at once, so this is only a safety net for a host that stays
// connected but never answers. It must outlast the slowest call: a browser sign-in (5 min).
const callTimeoutMs = 10 * 60_000;
const keyCheckTimeoutMs = 3_000;


function takeToken(): string | null {
  // The token arrives once in the URL fragment; keep it for reloads of this tab, then clean the address bar.
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(tokenKey, match[1]);
    history.replaceState(null, '', location.pathname + location.search);
  }
  return sessionStorage.getItem(tokenKey);
}

const browserTimers: LinkTimers = {
  now: () => Date.now(),
  setTimeout(fn, ms) {
    const handle = setTimeout(fn, ms);
    return { cancel: () => clearTimeout(handle) };
  },
};

async function checkKey(token: string): Promise<KeyCheck> {
  try {
    const response = await fetch(bridgeKeyCheckPath, {
      headers: { [bridgeKeyHeader]: token },
      cache: 'no-store',
      signal: AbortSignal.timeout(keyCheckTimeoutMs),
    });
    if (response.status === 401) return 'refused';
    return response.ok ? 'valid' : 'unreachable';
  } catch {
    return 'unreachable';
  }
}

function createBridge(): RelayApi {
  const token = takeToken();
  const pending = new Map<number, Pending>();
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  let nextId = 1;

  const deliver = <E extends EventName>(event: E, payload: unknown): void => {
    for (const listener of listeners.get(event) ?? []) listener(payload as never);
  };

  const onChange = (state: AppLink): void => {
    if (state.state !== 'live') {
      for (const settle of pending.values()) settle({ ok: false, error: { code: 'offline', message: state.message } });
      pending.clear();
    }
    deliver('app.link', state);
  };

  const onMessage = (text: string): void => {
    let data: Reply | { event: EventName; payload: unknown };
    try {
      data = JSON.parse(text) as typeof data;
    } catch {
      return;
    }
    if ('event' in data) return deliver(data.event, data.payload);
    const settle = pending.get(data.id);
    if (!settle) return;
    pending.delete(data.id);
    settle(data.ok ? { ok: true, value: data.result } : { ok: false, error: data.error });
  };

  const link = startLink({
    open: token ? () => new WebSocket(`${location.origin.replace(/^http/, 'ws')}/bridge?token=${encodeURIComponent(token)}`) : null,
    checkKey: () => (token ? checkKey(token) : Promise.resolve('refused')),
    timers: browserTimers,
    onMessage,
    onChange,
  });

  const call = async (channel: string, payload: unknown): Promise<Result<unknown>> => {
    const ws = await link.socket();
    if (!ws) {
      const state = link.current();
      return { ok: false, error: { code: 'offline', message: state && state.state !== 'live' ? state.message : linkWords.lost } };
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
    if (!(eventNames as readonly string[]).includes(event)) throw new Error(`Unknown event ${quoteCallerText(event)}.`);
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    set.add(listener);
    // A late listener of the link learns where it stands now (nothing while the first attempt is under way).
    const now = link.current();
    if (event === 'app.link' && now) queueMicrotask(() => set.has(listener) && listener(now as never));
    return () => void set.delete(listener);
  };
  return Object.freeze(api) as RelayApi;
}

Object.defineProperty(window, 'relay', { value: createBridge(), writable: false, configurable: false });
