import { describe, expect, it } from 'vitest';
import { createCore } from '../../../main/core.ts';
import { channels } from '../../../contract/index.ts';

const core = () =>
  createCore({ host: { kind: 'preview', version: '1.2.3', platform: 'linux', electronVersion: null } });

describe('dispatcher', () => {
  it('answers app.info with the host facts', async () => {
    const r = await core().dispatch(channels.appInfo.channel, undefined);
    expect(r).toEqual({
      ok: true,
      value: expect.objectContaining({ name: 'Relay Console', version: '1.2.3', host: 'preview', platform: 'linux' }),
    });
  });

  it('validates input and answers a typed error, not a throw', async () => {
    const c = core();
    for (const bad of [undefined, null, 42, {}, { nonce: '' }, { nonce: 'x'.repeat(65) }, { nonce: 'a', extra: 1 }]) {
      const r = await c.dispatch('app.ping', bad);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('invalid_input');
        expect(r.error.message).toMatch(/app\.ping/);
      }
    }
    const extra = await c.dispatch('app.info', { sneaky: true });
    expect(extra.ok).toBe(false);
  });

  it('refuses a channel that is not in the contract', async () => {
    const r = await core().dispatch('fs.readFile', { path: '/etc/passwd' });
    expect(r).toEqual({ ok: false, error: { code: 'unknown_channel', message: expect.stringContaining('fs.readFile') } });
  });

  it('emits app.pong to subscribers after a ping, and stops after unsubscribe', async () => {
    const c = core();
    const seen: unknown[] = [];
    const off = c.subscribe((event, payload) => seen.push([event, payload]));
    await c.dispatch('app.ping', { nonce: 'n1' });
    off();
    await c.dispatch('app.ping', { nonce: 'n2' });
    expect(seen).toEqual([['app.pong', { nonce: 'n1', at: expect.any(Number) }]]);
  });
});
