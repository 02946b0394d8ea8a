import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { channels } from '../../../contract/index.ts';
import { createCore } from '../../../main/core.ts';
import { silentLogger } from '../../../main/ports.ts';
import { startShell, type ShellOptions } from '../../../main/app/shell.ts';
import { createFakeElectron, fakeEvent, FakeBrowserWindow, FakeWebContents, type FakeElectronOptions } from './fake-electron.ts';
import { memorySettings } from './memory-settings.ts';
import { createConfSettingsStore } from '../../../main/vault/conf-store.ts';

function options(overrides: Partial<ShellOptions> = {}): ShellOptions {
  return {
    createCore: () => createCore({ host: { kind: 'electron', version: '0.1.0', platform: 'linux', electronVersion: '45.4.1' } }),
    createSettings: () => memorySettings(),
    preloadPath: '/app/out/preload/index.cjs',
    rendererRoot: '/app/out/renderer',
    devServerUrl: null,
    platform: 'linux',
    log: silentLogger,
    ...overrides,
  };
}

async function started(fakeOptions: FakeElectronOptions = {}, overrides: Partial<ShellOptions> = {}) {
  const fake = createFakeElectron(fakeOptions);
  const shell = startShell(fake.electron, options(overrides));
  fake.ready();
  await shell?.ready;
  return { fake, shell };
}

describe('shell: single instance', () => {
  it('quits at once when another instance holds the lock, and builds nothing', () => {
    const fake = createFakeElectron({ lock: false });
    const createCore = vi.fn();
    const shell = startShell(fake.electron, options({ createCore }));
    expect(shell).toBeNull();
    expect(fake.app.quitCalls).toBe(1);
    expect(createCore).not.toHaveBeenCalled();
    expect(fake.protocol.privileged).toEqual([]);
    expect(fake.app.listenerCount('second-instance')).toBe(0);
  });

  it('brings the existing window back when a second launch happens', async () => {
    const { fake, shell } = await started();
    const win = shell?.mainWindow() as unknown as FakeBrowserWindow;
    win.minimized = true;
    win.visible = false;
    fake.app.emit('second-instance', fakeEvent(), ['relay-console'], '/');
    expect(win.minimized).toBe(false);
    expect(win.visible).toBe(true);
    expect(win.focused).toBe(true);
  });
});

describe('shell: start-up', () => {
  it('sandboxes renderers and registers app:// as a privileged scheme before ready', async () => {
    const { fake } = await started();
    expect(fake.app.sandboxEnabled).toBe(true);
    expect(fake.protocol.privileged).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
    expect(fake.protocol.privileged[0]?.privileges?.bypassCSP).toBeFalsy();
    const order = fake.calls;
    expect(order.indexOf('registerSchemesAsPrivileged')).toBeLessThan(order.indexOf('ready'));
    expect(order.indexOf('ready')).toBeLessThan(order.indexOf('protocol.handle:app'));
  });

  it('builds settings, then the core with them, only once the app is ready', async () => {
    const fake = createFakeElectron();
    const settings = memorySettings();
    const createCore = vi.fn(options().createCore);
    const shell = startShell(fake.electron, options({ createSettings: () => settings, createCore }));
    expect(createCore).not.toHaveBeenCalled();
    fake.ready();
    await shell?.ready;
    expect(createCore).toHaveBeenCalledExactlyOnceWith({ settings, prepareQuit: expect.any(Function) });
  });

  it('binds every contract channel with ipcMain.handle, and nothing else', async () => {
    const { fake } = await started();
    const wire = Object.values(channels).map((c) => c.channel);
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual([...wire].sort());
  });

  it('opens one window on app://relay with the secure webPreferences', async () => {
    const { fake } = await started();
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    const win = FakeBrowserWindow.instances[0]!;
    expect(win.loaded).toEqual(['app://relay/index.html']);
    expect(win.options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      preload: '/app/out/preload/index.cjs',
    });
    expect(win.visible).toBe(false);
    win.emit('ready-to-show');
    expect(win.visible).toBe(true);
    expect(fake.Menu.applicationMenu).not.toBeNull();
  });

  it('loads the dev server in development, but never when packaged', async () => {
    const dev = 'http://localhost:5173';
    await started({ isPackaged: false }, { devServerUrl: dev });
    expect(FakeBrowserWindow.instances[0]?.loaded).toEqual([dev]);
    await started({ isPackaged: true }, { devServerUrl: dev });
    expect(FakeBrowserWindow.instances[0]?.loaded).toEqual(['app://relay/index.html']);
  });

  it('denies every permission on the default session', async () => {
    const { fake } = await started();
    const granted = vi.fn();
    fake.session.defaultSession.permissionRequest?.({}, 'media', granted);
    expect(granted).toHaveBeenCalledWith(false);
    expect(fake.session.defaultSession.permissionCheck?.({}, 'notifications')).toBe(false);
    expect(fake.session.defaultSession.devicePermission?.({})).toBe(false);
  });

  it('refuses downloads on the default session', async () => {
    const { fake } = await started();
    const event = fakeEvent();
    fake.session.defaultSession.emit('will-download', event, { getURL: () => 'https://example.com/a.zip' }, {});
    expect(event.defaultPrevented).toBe(true);
  });

  it('guards every web contents the app creates', async () => {
    const { fake } = await started();
    const contents = new FakeWebContents();
    fake.app.emit('web-contents-created', fakeEvent(), contents);
    const navigation = fakeEvent({ url: 'https://evil.example/' });
    contents.emit('will-navigate', navigation, navigation.url);
    expect(navigation.defaultPrevented).toBe(true);
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it('quits if start-up fails, instead of running without a window', async () => {
    const fake = createFakeElectron();
    const shell = startShell(
      fake.electron,
      options({
        createSettings: () => {
          throw new Error('disk full');
        },
      }),
    );
    fake.ready();
    await shell?.ready;
    expect(fake.app.quitCalls).toBe(1);
  });
});

describe('shell: a damaged settings folder', () => {
  // The same guarded store as main/app/settings-store.ts, over conf in place of electron-store (which
  // cannot load without Electron): settings.json is a folder, so opening it used to throw and quit.
  it('starts and opens its window instead of quitting', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'relay-shell-store-'));
    mkdirSync(join(dir, 'settings.json'));
    const { fake, shell } = await started({}, { createSettings: () => createConfSettingsStore({ cwd: dir }) });
    expect(fake.app.quitCalls).toBe(0);
    expect(shell?.mainWindow()).not.toBeNull();
  });
});

describe('shell: lifecycle', () => {
  it('remembers the window bounds across launches', async () => {
    const settings = memorySettings();
    const first = await started({}, { createSettings: () => settings });
    const win = first.shell?.mainWindow() as unknown as FakeBrowserWindow;
    win.bounds = { x: 100, y: 120, width: 1000, height: 700 };
    win.close();
    expect(first.shell?.mainWindow()).toBeNull();

    await started({}, { createSettings: () => settings });
    expect(FakeBrowserWindow.instances[0]?.options).toMatchObject({ x: 100, y: 120, width: 1000, height: 700 });
  });

  it('quits when the last window closes, except on macOS', async () => {
    const linux = await started({}, { platform: 'linux' });
    linux.fake.app.emit('window-all-closed');
    expect(linux.fake.app.quitCalls).toBe(1);

    const mac = await started({}, { platform: 'darwin' });
    mac.fake.app.emit('window-all-closed');
    expect(mac.fake.app.quitCalls).toBe(0);
    (mac.shell?.mainWindow() as unknown as FakeBrowserWindow).close();
    mac.fake.app.emit('activate');
    expect(FakeBrowserWindow.getAllWindows()).toHaveLength(1);
  });

  it('unbinds IPC and disposes the core on quit', async () => {
    const dispose = vi.fn(async () => {});
    const { fake } = await started(
      {},
      {
        createCore: () => ({ ...createCore({ host: { kind: 'electron', version: '0', platform: 'linux', electronVersion: '45' } }), dispose }),
      },
    );
    fake.app.emit('will-quit', fakeEvent());
    expect(fake.ipcMain.handlers.size).toBe(0);
    expect(dispose).toHaveBeenCalledOnce();
  });
});
