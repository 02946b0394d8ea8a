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

  describe('errors that quote what the caller sent', () => {
    const markup = '<img src=x onerror="alert(1)">';
    const long = `${markup}${'z'.repeat(5_000)}`;
    const safe = (message: string): void => {
      expect(message.length).toBeLessThan(260);
      expect(message).not.toMatch(/[<>]/);
      expect(message).not.toContain('z'.repeat(100));
    };

    it('an unknown channel name is quoted short and never as markup', async () => {
      const r = await core().dispatch(long, undefined);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error.code).toBe('unknown_channel');
      safe(r.error.message);
      expect(r.error.message).toContain('img src=x');
    });

    it('unknown field names in a payload are quoted short, a few at most, never as markup', async () => {
      const payload: Record<string, unknown> = { nonce: 'a' };
      for (let i = 0; i < 50; i++) payload[`${long}${i}`] = 1;
      const r = await core().dispatch('app.ping', payload);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error.code).toBe('invalid_input');
      safe(r.error.message);
      expect(r.error.message).toMatch(/app\.ping/);
      expect(r.error.message).toMatch(/and \d+ more/);
    });

    it('an unknown field deeper in the payload is quoted the same way', async () => {
      const c = core();
      const r = await c.dispatch('desktop.settings.set', { notifications: { [long]: true } });
      expect(r.ok).toBe(false);
      if (!r.ok) safe(r.error.message);
    });

    it('a key name in a shortcut is quoted short and never as markup', async () => {
      const r = await core().dispatch('desktop.settings.set', { muteShortcut: `Ctrl+${markup}` });
      expect(r.ok).toBe(false);
      if (!r.ok) safe(r.error.message);
      const modifier = await core().dispatch('desktop.settings.set', { muteShortcut: `${markup}+M` });
      if (!modifier.ok) safe(modifier.error.message);
    });
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
