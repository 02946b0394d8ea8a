// The app's update wiring with fake Electron modules: "Check for updates…" in the app menu opens Settings and
// starts a check through the core, and an install's quit is let through the close-to-tray rule.
import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { createCore } from '../../../main/core.ts';
import { silentLogger } from '../../../main/ports.ts';
import { startShell, type ShellOptions } from '../../../main/app/shell.ts';
import type { UpdateEngine } from '../../../main/updates/ports.ts';
import { updateFeedKey } from '../../../main/updates/update-service.ts';
import { settle } from '../../helpers/manual-clock.ts';
import { createFakeElectron, type FakeBrowserWindow } from './fake-electron.ts';
import { createFakeDesktopElectron } from './fake-desktop.ts';
import { memorySettings } from './memory-settings.ts';

function engine(latest: string, onInstall: () => void = () => undefined) {
  const calls: string[] = [];
  let prepareQuit: () => void = () => undefined;
  const fake: UpdateEngine = {
    unsupportedReason: () => null,
    configure: () => void calls.push('configure'),
    check: () => {
      calls.push('check');
      return Promise.resolve({ version: latest });
    },
    download: () => {
      calls.push('download');
      return Promise.resolve();
    },
    install: () => {
      calls.push('install');
      prepareQuit();
      onInstall();
    },
  };
  return { fake, calls, setPrepareQuit: (fn: () => void) => (prepareQuit = fn) };
}

async function started(latest = '1.2.0', onInstall?: () => void) {
  const fake = createFakeElectron({ isPackaged: true });
  const desktop = createFakeDesktopElectron({ trayFails: false });
  const settings = memorySettings({ [updateFeedKey]: { feedUrl: 'https://updates.example.org/rc/' } });
  const updates = engine(latest, onInstall);
  const dispatched: string[] = [];
  const handle: { dispatch: ((channel: string, payload: unknown) => Promise<unknown>) | null } = { dispatch: null };
  const createCoreSpy = vi.fn<ShellOptions['createCore']>(({ prepareQuit, ...ports }) => {
    updates.setPrepareQuit(prepareQuit);
    const core = createCore({
      host: { kind: 'electron', version: '1.0.0', platform: 'linux', electronVersion: '45.4.1' },
      startDemoSim: null,
      ...ports,
      updates: { engine: updates.fake, policy: { policy: null, notice: null } },
    });
    handle.dispatch = core.dispatch;
    return {
      ...core,
      dispatch: (channel, payload) => {
        dispatched.push(channel);
        return core.dispatch(channel, payload);
      },
    };
  });
  const shell = startShell(fake.electron, {
    createCore: createCoreSpy,
    createSettings: () => settings,
    preloadPath: '/app/out/preload/index.cjs',
    rendererRoot: '/app/out/renderer',
    devServerUrl: null,
    platform: 'linux',
    log: silentLogger,
    desktop: { electron: desktop.electron, trayIconDir: '/app/build/tray', appIcon: null, argv: ['relay-console'], testHooks: false },
  });
  fake.ready();
  await shell?.ready;
  await settle();
  const win = shell?.mainWindow() as unknown as FakeBrowserWindow;
  win.emit('ready-to-show');
  win.webContents.url = 'app://relay/index.html';
  const dispatch = (channel: string): Promise<unknown> => {
    if (!handle.dispatch) throw new Error('no core');
    return handle.dispatch(channel, undefined);
  };
  return { fake, win, updates, dispatched, shell, dispatch };
}

function checkItem(menu: { template: MenuItemConstructorOptions[] } | null): MenuItemConstructorOptions {
  const all = (menu?.template ?? []).flatMap((m) => (Array.isArray(m.submenu) ? (m.submenu as MenuItemConstructorOptions[]) : []));
  const item = all.find((i) => i.id === 'check-for-updates');
  if (!item) throw new Error('no Check for updates… item');
  return item;
}

describe('Check for updates… in the app menu', () => {
  it('opens Settings and checks the feed through the core; the result arrives as an event', async () => {
    const { fake, win, updates, dispatched } = await started();
    win.hide();
    win.webContents.sent.length = 0;
    dispatched.length = 0;

    (checkItem(fake.Menu.applicationMenu).click as unknown as () => void)();
    await settle();

    expect(win.visible).toBe(true);
    expect(dispatched.filter((c) => c.startsWith('updates.'))).toEqual(['updates.check']);
    expect(updates.calls).toEqual(['configure', 'check']);
    expect(win.webContents.sent[0]).toEqual(['app.navigate', { route: 'settings', roomKey: null }]);
    const statuses = win.webContents.sent.filter(([channel]) => channel === 'updates.status').map(([, s]) => (s as { phase: string; message: string }).phase);
    expect(statuses).toEqual(['checking', 'available']);
    // Nothing is downloaded or installed by the menu.
    expect(updates.calls).not.toContain('download');
  });
});

describe('installing', () => {
  it('lets the window close for the installer although closing normally hides it in the tray', async () => {
    let destroyedForInstall: boolean | null = null;
    const { win, dispatch, updates } = await started('1.2.0', () => {
      // What electron-updater's quitAndInstall leads to: the windows are closed.
      win.close();
      destroyedForInstall = win.destroyed;
    });
    // Closing by hand keeps the app in the tray.
    win.close();
    expect(win.destroyed).toBe(false);

    await dispatch('updates.check');
    await dispatch('updates.download');
    expect(destroyedForInstall).toBeNull();
    expect(await dispatch('updates.install')).toMatchObject({ ok: true, value: { message: 'Restarting to install version 1.2.0…' } });

    expect(updates.calls).toEqual(['configure', 'check', 'download', 'install']);
    expect(destroyedForInstall).toBe(true);
  });
});
