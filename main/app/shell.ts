// The Electron shell's lifecycle: one instance, the app:// scheme, guards, menu, IPC, the main window.
// Electron arrives as a parameter (typed from electron.d.ts) so unit tests can run this under plain Node
// with a fake; only index.ts imports the real module.
import type { App, BrowserWindow, Menu, Protocol, Screen } from 'electron';
import type { NavigateRequest } from '../../contract/index.ts';
import type { Core } from '../core.ts';
import type { DesktopRuntime, WindowControl } from '../desktop/ports.ts';
import type { Logger, SettingsStore } from '../ports.ts';
import { appEntryUrl, appScheme, isTrustedPageUrl } from './app-origin.ts';
import { createDesktopHost, type DesktopHost, type DesktopShellOptions } from './desktop.ts';
import { guardSession, guardWebContents, type GuardedSession } from './guards.ts';
import { bindIpc, type InvokeRegistry } from './ipc-binding.ts';
import { applicationMenuTemplate } from './menu.ts';
import { appSchemePrivileges, createAppProtocolHandler } from './protocol.ts';
import { createMainWindow } from './window.ts';

export interface ShellElectron {
  app: Pick<App, 'requestSingleInstanceLock' | 'quit' | 'on' | 'whenReady' | 'enableSandbox' | 'isPackaged' | 'getName'>;
  BrowserWindow: typeof BrowserWindow;
  ipcMain: InvokeRegistry;
  Menu: Pick<typeof Menu, 'buildFromTemplate' | 'setApplicationMenu'>;
  protocol: Pick<Protocol, 'registerSchemesAsPrivileged' | 'handle'>;
  screen: Pick<Screen, 'getAllDisplays' | 'getPrimaryDisplay'>;
  session: { defaultSession: GuardedSession };
}

export interface ShellOptions {
  /** Called after `ready`: electron-store needs the userData path. A second instance never gets here. */
  createSettings(): SettingsStore;
  /**
   * Called after `ready`, with the settings (safeStorage and the vault need a ready app too), and with the
   * desktop runtime when the tray integration is on (`desktop` below). `prepareQuit` lets the windows close
   * for a quit that does not come through app.quit first (an updater's quit-and-install).
   */
  createCore(ports: { settings: SettingsStore; desktop?: DesktopRuntime; prepareQuit(): void }): Pick<Core, 'dispatch' | 'subscribe' | 'dispose'>;
  preloadPath: string;
  /** The built renderer served on app://relay (out/renderer). */
  rendererRoot: string;
  /** ELECTRON_RENDERER_URL from `electron-vite dev`; ignored when the app is packaged. */
  devServerUrl: string | null;
  platform: NodeJS.Platform;
  log: Logger;
  /** Tray, notifications, global shortcut, start at login, close-to-tray (issue 6); absent: a plain window app. */
  desktop?: DesktopShellOptions;
}

export interface Shell {
  /** Settles when the window has been created (or the start-up failed and the app is quitting). */
  ready: Promise<void>;
  mainWindow(): BrowserWindow | null;
  /** The desktop integration, once ready (null without `desktop` options). */
  desktop(): DesktopHost | null;
}

/** Starts the app, or returns null after asking this second instance to quit. */
export function startShell(electron: ShellElectron, options: ShellOptions): Shell | null {
  const { app } = electron;
  const { log } = options;

  if (!app.requestSingleInstanceLock()) {
    // Another Relay Console is running; it receives 'second-instance' and comes to the front.
    app.quit();
    return null;
  }

  // Everything below must happen before `ready`: sandbox every renderer, and make app:// a real origin.
  app.enableSandbox();
  electron.protocol.registerSchemesAsPrivileged([appSchemePrivileges]);

  const devServerUrl = app.isPackaged ? null : options.devServerUrl;
  let core: Pick<Core, 'dispatch' | 'subscribe' | 'dispose'> | null = null;
  let settings: SettingsStore | null = null;
  let mainWindow: BrowserWindow | null = null;
  let unbindIpc: (() => void) | null = null;
  let isReady = false;
  let desktop: DesktopHost | null = null;

  const openMainWindow = (show = true): BrowserWindow => {
    if (!settings) throw new Error('settings are created on ready');
    const win = createMainWindow(electron, {
      preloadPath: options.preloadPath,
      url: devServerUrl ?? appEntryUrl,
      isPackaged: app.isPackaged,
      settings,
      onLoadFailed: (message) => log.error('the window could not load the app', { message }),
      showOnReady: show,
    });
    win.on('close', (event) => {
      // With a tray, closing hides the window (the app keeps watching); Quit really quits.
      const decision = desktop?.lifecycle.onClose();
      if (!decision?.hide) return;
      event.preventDefault();
      win.hide();
      if (decision.notice) desktop?.showCloseNotice();
    });
    // Windows ends the session without 'before-quit': let the window close then.
    win.on('session-end', () => desktop?.lifecycle.onQuitting());
    win.on('show', () => desktop?.service.windowShown());
    win.on('focus', () => desktop?.service.windowShown());
    win.on('closed', () => {
      if (mainWindow === win) mainWindow = null;
    });
    mainWindow = win;
    return win;
  };

  /** Asks the page to go to a screen (and room): at once when loaded, else once it has loaded. */
  const navigate = (win: BrowserWindow, target: NavigateRequest): void => {
    const send = (): void => {
      if (win.isDestroyed() || !isTrustedPageUrl(win.webContents.getURL(), devServerUrl)) return;
      win.webContents.send('app.navigate', target);
    };
    if (win.webContents.isLoading()) win.webContents.once('did-finish-load', send);
    else send();
  };

  const windowControl: WindowControl = {
    show(target) {
      if (!isReady) return;
      const win = mainWindow && !mainWindow.isDestroyed() ? mainWindow : openMainWindow();
      if (win.isMinimized()) win.restore();
      win.show();
      win.focus();
      if (target) navigate(win, target);
    },
    focused: () => mainWindow !== null && !mainWindow.isDestroyed() && mainWindow.isVisible() && mainWindow.isFocused(),
    quit() {
      desktop?.lifecycle.onQuitting();
      app.quit();
    },
  };

  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, log));

  app.on('second-instance', () => {
    const win = mainWindow;
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    if (!win.isVisible()) win.show();
    win.focus();
  });

  app.on('window-all-closed', () => {
    // macOS apps stay alive without windows until the user quits from the dock or the menu; with a tray
    // icon the app stays alive everywhere.
    const quit = desktop ? desktop.lifecycle.shouldQuitWhenAllClosed() : options.platform !== 'darwin';
    if (quit) app.quit();
  });

  app.on('activate', () => {
    if (!isReady) return;
    if (!mainWindow) openMainWindow();
    else if (!mainWindow.isVisible()) mainWindow.show();
  });

  // Quit from the tray, the app menu, Cmd+Q or the dock: from here on a window close really closes.
  app.on('before-quit', () => desktop?.lifecycle.onQuitting());

  app.on('will-quit', () => {
    desktop?.dispose();
    desktop = null;
    unbindIpc?.();
    unbindIpc = null;
    void core?.dispose();
    core = null;
  });

  const ready = app
    .whenReady()
    .then(() => {
      guardSession(electron.session.defaultSession, log, devServerUrl);
      electron.protocol.handle(appScheme, createAppProtocolHandler({ root: options.rendererRoot }));
      const template = applicationMenuTemplate({
        appName: app.getName(),
        platform: options.platform,
        isPackaged: app.isPackaged,
        // Settings → Updates shows the check in words as it goes.
        onCheckForUpdates: () => {
          windowControl.show({ route: 'settings', roomKey: null });
          void core?.dispatch('updates.check', undefined);
        },
      });
      electron.Menu.setApplicationMenu(electron.Menu.buildFromTemplate(template));
      settings = options.createSettings();
      if (options.desktop) {
        desktop = createDesktopHost(options.desktop, { platform: options.platform, settings, log, window: windowControl });
      }
      const prepareQuit = (): void => desktop?.lifecycle.onQuitting();
      core = options.createCore(desktop ? { settings, desktop: desktop.service.runtime, prepareQuit } : { settings, prepareQuit });
      unbindIpc = bindIpc({
        ipcMain: electron.ipcMain,
        core,
        devServerUrl,
        windows: () => electron.BrowserWindow.getAllWindows(),
        log,
      });
      isReady = true;
      desktop?.start(core);
      openMainWindow(!desktop?.startHidden);
    })
    .catch((error: unknown) => {
      log.error('Relay Console could not start', { message: error instanceof Error ? error.message : String(error) });
      app.quit();
    });

  return { ready, mainWindow: () => mainWindow, desktop: () => desktop };
}
