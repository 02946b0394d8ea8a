// The shell with the desktop integration on: close-to-tray, quit, tray and notification clicks, the
// settings channel reaching globalShortcut, the test hook — all with fake Electron modules.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { createCore } from '../../../main/core.ts';
import { silentLogger } from '../../../main/ports.ts';
import { startShell, type ShellOptions } from '../../../main/app/shell.ts';
import { testHooksKey, type TestHooks } from '../../../main/app/desktop.ts';
import { closeNoticeKey } from '../../../main/desktop/window-lifecycle.ts';
import { settle } from '../../helpers/manual-clock.ts';
import { createFakeElectron, fakeEvent, type FakeBrowserWindow } from './fake-electron.ts';
import { createFakeDesktopElectron, FakeNotification, FakeTray } from './fake-desktop.ts';
import { memorySettings } from './memory-settings.ts';

type Click = () => void;
const trusted = { senderFrame: { url: 'app://relay/index.html', parent: null } };

async function started(opts: { platform?: NodeJS.Platform; trayFails?: boolean; testHooks?: boolean; argv?: string[]; settings?: ReturnType<typeof memorySettings> } = {}) {
  const fake = createFakeElectron();
  const desktop = createFakeDesktopElectron({ trayFails: opts.trayFails ?? false });
  const settings = opts.settings ?? memorySettings();
  const createCoreSpy = vi.fn<ShellOptions['createCore']>((ports) =>
    createCore({ host: { kind: 'electron', version: '0.1.0', platform: opts.platform ?? 'linux', electronVersion: '45.4.1' }, startDemoSim: null, ...ports }),
  );
  const shell = startShell(fake.electron, {
    createCore: createCoreSpy,
    createSettings: () => settings,
    preloadPath: '/app/out/preload/index.cjs',
    rendererRoot: '/app/out/renderer',
    devServerUrl: null,
    platform: opts.platform ?? 'linux',
    log: silentLogger,
    desktop: { electron: desktop.electron, trayIconDir: '/app/build/tray', appIcon: '/app/build/tray/app-256.png', argv: opts.argv ?? ['relay-console'], testHooks: opts.testHooks ?? false },
  });
  fake.ready();
  await shell?.ready;
  await settle();
  const win = shell?.mainWindow() as unknown as FakeBrowserWindow;
  win.emit('ready-to-show');
  return { fake, desktop, shell, win, settings, createCoreSpy, tray: FakeTray.instances[0] };
}

function menuItem(tray: FakeTray | undefined, label: string): MenuItemConstructorOptions {
  const found = (tray?.menu ?? []).find((i) => i.label === label);
  if (!found) throw new Error(`no "${label}" in the tray menu`);
  return found;
}

afterEach(() => {
  delete (globalThis as Record<string, unknown>)[testHooksKey];
});

describe('shell + desktop: start', () => {
  it('gives the core the desktop runtime and shows a tray with the fleet', async () => {
    const { createCoreSpy, tray, win } = await started();
    expect(createCoreSpy.mock.calls[0]?.[0]).toHaveProperty('desktop');
    expect(tray?.image).toBe('/app/build/tray/ok-32.png');
    expect(tray?.tooltip).toBe('Relay Console\nNo rooms yet\nNo rooms');
    expect((tray?.menu ?? []).map((i) => i.label ?? i.type)).toEqual([
      'No rooms yet',
      'No rooms',
      'separator',
      'No room is in a call',
      'separator',
      'Open dashboard',
      'Pause polling',
      'separator',
      'Quit Relay Console',
    ]);
    expect(win.visible).toBe(true);
  });

  it('a Windows login start (--hidden) stays in the tray', async () => {
    const { win } = await started({ platform: 'win32', argv: ['Relay Console.exe', '--hidden'] });
    expect(win.visible).toBe(false);
  });
});

describe('shell + desktop: close and quit', () => {
  it('closing hides the window to the tray, with a one-time notice', async () => {
    const { win, fake, settings } = await started();
    win.close();
    expect(win.destroyed).toBe(false);
    expect(win.visible).toBe(false);
    expect(FakeNotification.instances.map((n) => n.options.title)).toEqual(['Relay Console is still running']);
    expect(settings.values.get(closeNoticeKey)).toBe(true);
    win.show();
    win.close();
    expect(win.visible).toBe(false);
    expect(FakeNotification.instances).toHaveLength(1);
    fake.app.emit('window-all-closed');
    expect(fake.app.quitCalls).toBe(0);
  });

  it('Quit from the tray really quits: the window closes and the app exits', async () => {
    const { win, fake, tray } = await started();
    (menuItem(tray, 'Quit Relay Console').click as Click)();
    expect(fake.app.quitCalls).toBe(1);
    win.close();
    expect(win.destroyed).toBe(true);
    fake.app.emit('window-all-closed');
    expect(fake.app.quitCalls).toBe(2);
  });

  it('Quit from elsewhere (before-quit: app menu, Cmd+Q, dock) lets the window close too', async () => {
    const { win, fake } = await started({ platform: 'darwin' });
    fake.app.emit('before-quit', fakeEvent());
    win.close();
    expect(win.destroyed).toBe(true);
  });

  it('without a tray (a Linux desktop with none) closing quits as before', async () => {
    const { win, fake, tray } = await started({ trayFails: true });
    expect(tray).toBeUndefined();
    win.close();
    expect(win.destroyed).toBe(true);
    fake.app.emit('window-all-closed');
    expect(fake.app.quitCalls).toBe(1);
  });

  it('the dock icon (activate) brings a hidden window back', async () => {
    const { win, fake } = await started({ platform: 'darwin' });
    win.close();
    fake.app.emit('activate');
    expect(win.visible).toBe(true);
  });

  it('on quit: the tray goes and the shortcut is released', async () => {
    const { fake, desktop, tray } = await started();
    await fake.ipcMain.handlers.get('desktop.settings.set')?.(trusted, { muteShortcut: 'Ctrl+Alt+M' });
    expect([...desktop.shortcuts.keys()]).toEqual(['Ctrl+Alt+M']);
    fake.app.emit('will-quit');
    expect(tray?.destroyed).toBe(true);
    expect(desktop.shortcuts.size).toBe(0);
  });
});

describe('shell + desktop: tray and notification clicks', () => {
  it('"Open dashboard" shows the hidden window and tells the page where to go', async () => {
    const { win, tray } = await started();
    win.close();
    win.webContents.sent.length = 0;
    (menuItem(tray, 'Open dashboard').click as Click)();
    await settle();
    expect(win.visible).toBe(true);
    expect(win.focused).toBe(true);
    expect(win.webContents.sent).toEqual([['app.navigate', { route: 'rooms', roomKey: null }]]);
  });

  it('waits for the page to load before navigating', async () => {
    const { win, tray } = await started();
    win.webContents.sent.length = 0;
    win.webContents.loading = true;
    (menuItem(tray, 'Open dashboard').click as Click)();
    await settle();
    expect(win.webContents.sent).toEqual([]);
    win.webContents.loading = false;
    win.webContents.emit('did-finish-load');
    expect(win.webContents.sent).toEqual([['app.navigate', { route: 'rooms', roomKey: null }]]);
  });

  it('never sends navigation to a page that is not the app', async () => {
    const { win, tray } = await started();
    win.webContents.url = 'https://evil.example/';
    win.webContents.sent.length = 0;
    (menuItem(tray, 'Open dashboard').click as Click)();
    await settle();
    expect(win.webContents.sent).toEqual([]);
  });

  it('clicking a notification opens what it is about', async () => {
    const { win } = await started();
    win.close(); // the first close shows the notice; clicking it brings the window back
    win.webContents.sent.length = 0;
    FakeNotification.instances[0]?.emit('click');
    await settle();
    expect(win.visible).toBe(true);
    expect(win.webContents.sent).toEqual([['app.navigate', { route: 'rooms', roomKey: null }]]);
  });
});

describe('shell + desktop: settings and the test hook', () => {
  it('desktop.settings.set over IPC registers the global shortcut and reports a taken one', async () => {
    const { fake, desktop } = await started();
    desktop.shortcuts.set('Ctrl+Alt+T', () => {}); // another app holds it
    const set = fake.ipcMain.handlers.get('desktop.settings.set');
    expect(await set?.(trusted, { muteShortcut: 'ctrl+alt+m' })).toMatchObject({ ok: true, value: { shortcut: { state: 'active', accelerator: 'Ctrl+Alt+M' } } });
    expect(await set?.(trusted, { muteShortcut: 'Ctrl+Alt+T' })).toMatchObject({ ok: true, value: { shortcut: { state: 'unavailable' } } });
    expect(await set?.(trusted, { muteShortcut: 'M' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const get = await fake.ipcMain.handlers.get('desktop.settings.get')?.(trusted, undefined);
    expect(get).toMatchObject({ ok: true, value: { support: { desktopApp: true, tray: true, startAtLogin: false } } });
  });

  it('exposes the tray model to Playwright only with RELAY_CONSOLE_TEST_HOOKS=1', async () => {
    await started({ testHooks: false });
    expect((globalThis as Record<string, unknown>)[testHooksKey]).toBeUndefined();
    await started({ testHooks: true });
    const hooks = (globalThis as Record<string, unknown>)[testHooksKey] as TestHooks;
    expect(hooks.trayModel()).toMatchObject({ health: 'ok', headline: 'No rooms yet' });
    expect(hooks.notifications()).toEqual([]);
  });
});
