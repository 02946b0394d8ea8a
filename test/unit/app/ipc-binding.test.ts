import { describe, expect, it } from 'vitest';
import { channels } from '../../../contract/index.ts';
import { createCore } from '../../../main/core.ts';
import { silentLogger } from '../../../main/ports.ts';
import { bindIpc, isTrustedSender, type SenderFrame } from '../../../main/app/ipc-binding.ts';
import { createFakeElectron, FakeBrowserWindow } from './fake-electron.ts';

const appPage = 'app://relay/index.html';
const dev = 'http://localhost:5173';

function bound(devServerUrl: string | null = null) {
  const fake = createFakeElectron();
  const core = createCore({ host: { kind: 'electron', version: '0.1.0', platform: 'linux', electronVersion: '45.4.1' } });
  const unbind = bindIpc({ ipcMain: fake.ipcMain, core, devServerUrl, windows: () => FakeBrowserWindow.getAllWindows(), log: silentLogger });
  const call = (channel: string, frame: SenderFrame | null, payload?: unknown) => {
    const handler = fake.ipcMain.handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return handler({ senderFrame: frame }, payload);
  };
  return { fake, core, unbind, call };
}

const frame = (url: string, parent: SenderFrame['parent'] = null): SenderFrame => ({ url, parent });

describe('ipc binding', () => {
  it('binds a handler for every channel of the contract', () => {
    const { fake } = bound();
    for (const def of Object.values(channels)) expect(fake.ipcMain.handlers.has(def.channel), def.channel).toBe(true);
    expect(fake.ipcMain.handlers.size).toBe(Object.keys(channels).length);
  });

  it.each([
    ['a foreign web page', frame('https://evil.example/')],
    ['a file:// page', frame('file:///etc/passwd')],
    ['a look-alike host', frame('app://relay.evil.example/index.html')],
    ['another app:// host', frame('app://other/index.html')],
    ['a dev-server URL in a build', frame(`${dev}/`)],
    ['a sub-frame of the app page', frame(appPage, frame(appPage) as never)],
    ['a destroyed frame (null)', null],
  ])('refuses a call from %s with forbidden_sender, before the core sees it', async (_name, sender) => {
    const { call } = bound();
    for (const def of Object.values(channels)) {
      const result = await call(def.channel, sender, { nonce: 'n' });
      expect(result).toEqual({ ok: false, error: { code: 'forbidden_sender', message: expect.stringMatching(/own window/) } });
    }
  });

  it('refuses a frame whose properties throw (disposed)', () => {
    const disposed = {
      get url(): string {
        throw new Error('Render frame was disposed');
      },
      parent: null,
    };
    expect(isTrustedSender(disposed, null)).toBe(false);
  });

  it('passes a call from app://relay to the core', async () => {
    const { call } = bound();
    expect(await call('app.info', frame(appPage))).toEqual({
      ok: true,
      value: expect.objectContaining({ name: 'Relay Console', host: 'electron', runtime: expect.objectContaining({ electron: '45.4.1' }) }),
    });
    expect(await call('app.ping', frame('app://relay/'), { nonce: 'n1' })).toEqual({ ok: true, value: { nonce: 'n1', at: expect.any(Number) } });
  });

  it('answers invalid input from the app page with invalid_input', async () => {
    const { call } = bound();
    const result = await call('app.ping', frame(appPage), { nonce: 42 });
    expect(result).toEqual({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('app.ping') } });
  });

  it('trusts the dev server only when one is configured (development)', async () => {
    const { call } = bound(dev);
    expect(await call('app.info', frame(`${dev}/index.html`))).toMatchObject({ ok: true });
    expect(await call('app.info', frame('http://localhost:5174/'))).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
  });

  it("pushes core events to the app's windows, not to foreign pages, and stops after unbind", async () => {
    const { call, unbind, fake } = bound();
    const ours = new FakeBrowserWindow({});
    ours.webContents.url = appPage;
    const foreign = new FakeBrowserWindow({});
    foreign.webContents.url = 'https://evil.example/';
    await call('app.ping', frame(appPage), { nonce: 'e1' });
    expect(ours.webContents.sent).toEqual([['app.pong', { nonce: 'e1', at: expect.any(Number) }]]);
    expect(foreign.webContents.sent).toEqual([]);

    unbind();
    expect(fake.ipcMain.handlers.size).toBe(0);
  });
});
