import { describe, expect, it } from 'vitest';
import { channels, eventNames } from '../../../contract/index.ts';
import { buildRelayApi, type RendererIpc } from '../../../preload/api.ts';

type Listener = (event: unknown, ...args: unknown[]) => void;

function fakeIpc(answer: (channel: string, payload: unknown) => unknown = () => ({ ok: true, value: null })) {
  const invoked: Array<[string, unknown[]]> = [];
  const listeners = new Map<string, Set<Listener>>();
  const ipc: RendererIpc = {
    async invoke(channel, ...args) {
      invoked.push([channel, args]);
      return answer(channel, args[0]);
    },
    on(channel, listener) {
      listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener));
    },
    removeListener(channel, listener) {
      listeners.get(channel)?.delete(listener);
    },
  };
  const emit = (channel: string, payload: unknown) => {
    for (const l of listeners.get(channel) ?? []) l({ sender: 'the ipcRenderer itself' }, payload);
  };
  return { ipc, invoked, listeners, emit };
}

describe('preload api', () => {
  it("exposes exactly the contract's methods plus on, all functions, frozen", () => {
    const api = buildRelayApi(fakeIpc().ipc);
    expect(Object.keys(api).sort()).toEqual([...Object.keys(channels), 'on'].sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect(Object.isFrozen(api)).toBe(true);
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('ipcRenderer');
  });

  it("invokes each method's own channel with the input", async () => {
    const { ipc, invoked } = fakeIpc((channel) => ({ ok: true, value: channel }));
    const api = buildRelayApi(ipc);
    expect(await api.appInfo()).toEqual({ ok: true, value: 'app.info' });
    expect(await api.ping({ nonce: 'x' })).toEqual({ ok: true, value: 'app.ping' });
    expect(invoked).toEqual([
      ['app.info', [undefined]],
      ['app.ping', [{ nonce: 'x' }]],
    ]);
    const methods = Object.entries(channels);
    const api2 = buildRelayApi(ipc) as unknown as Record<string, (input?: unknown) => Promise<unknown>>;
    for (const [method, def] of methods) {
      await api2[method]?.({ probe: method });
      expect(invoked.at(-1)).toEqual([def.channel, [{ probe: method }]]);
    }
  });

  it('turns a rejected invoke into a typed error instead of a rejection', async () => {
    const { ipc } = fakeIpc(() => {
      throw new Error("No handler registered for 'app.info'");
    });
    expect(await buildRelayApi(ipc).appInfo()).toEqual({ ok: false, error: { code: 'internal', message: expect.any(String) } });
  });

  it('on() accepts only contract events and hands the listener the payload alone', () => {
    const { ipc, emit } = fakeIpc();
    const api = buildRelayApi(ipc);
    const seen: unknown[][] = [];
    const off = api.on('app.pong', (...args: unknown[]) => seen.push(args));
    emit('app.pong', { nonce: 'a', at: 1 });
    expect(seen).toEqual([[{ nonce: 'a', at: 1 }]]);

    off();
    emit('app.pong', { nonce: 'b', at: 2 });
    expect(seen).toHaveLength(1);
    off(); // a second call is harmless
  });

  it('on() throws for an unknown event name or a non-function listener, and subscribes nothing', () => {
    const { ipc, listeners } = fakeIpc();
    const on = buildRelayApi(ipc).on as unknown as (event: unknown, listener: unknown) => () => void;
    expect(() => on('app.info', () => {})).toThrow(/Unknown event/);
    expect(() => on('electron-store-get-data', () => {})).toThrow(/Unknown event/);
    expect(() => on(eventNames[0], 'not a function')).toThrow(/function/);
    expect(listeners.size).toBe(0);
  });
});
