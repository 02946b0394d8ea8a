// Assembles the desktop integration for the shell: the Electron adapters (tray, notifications, global
// shortcut, login item, confirm dialog) around main/desktop's service and window lifecycle. Electron comes
// in as a parameter, like everywhere in main/app except index.ts.
import type { Dialog, GlobalShortcut } from 'electron';
import type { Clock, Logger, SettingsStore } from '../ports.ts';
import { systemClock } from '../ports.ts';
import { createDesktopService, type CoreLink, type DesktopService } from '../desktop/desktop-service.ts';
import type { WindowControl } from '../desktop/ports.ts';
import type { TrayModel } from '../desktop/tray-model.ts';
import { closeNoticeText, createWindowLifecycle, type WindowLifecycle } from '../desktop/window-lifecycle.ts';
import { createConfirmer } from './confirm-dialog.ts';
import { createLoginItem, openedAtLogin, type LoginItemApp } from './login-item.ts';
import { createElectronNotifier, type NotificationApi } from './notifier.ts';
import { createShortcutRegistry } from './shortcut.ts';
import { createElectronTray, type TrayElectron } from './tray.ts';

export interface DesktopElectron extends TrayElectron {
  Notification: NotificationApi;
  globalShortcut: Pick<GlobalShortcut, 'register' | 'unregister'>;
  dialog: Pick<Dialog, 'showMessageBox'>;
  /** app, for the login item. */
  loginItems: LoginItemApp;
}

export interface DesktopShellOptions {
  electron: DesktopElectron;
  /** Folder of the tray images (see main/desktop/tray-icons.ts: trayIconDir). */
  trayIconDir: string;
  /** The app icon for notifications on Windows and Linux; null: none. */
  appIcon: string | null;
  /** process.argv: a Windows login start passes --hidden. */
  argv: readonly string[];
  /** RELAY_CONSOLE_TEST_HOOKS=1: expose the tray model to Playwright (globalThis.__relayConsoleTest). */
  testHooks: boolean;
  clock?: Clock;
}

export interface DesktopHost {
  service: DesktopService;
  lifecycle: WindowLifecycle;
  /** A login start: keep the window hidden, live in the tray. */
  startHidden: boolean;
  /** After the core exists: make the tray, follow the core's events. */
  start(core: CoreLink): void;
  /** The one-time "still running in the tray" notice. */
  showCloseNotice(): void;
  dispose(): void;
}

/** What the Electron tests read through electronApp.evaluate(); only installed with RELAY_CONSOLE_TEST_HOOKS=1. */
export interface TestHooks {
  trayModel(): TrayModel;
  notifications(): { title: string; body: string }[];
}
export const testHooksKey = '__relayConsoleTest';

export function installTestHooks(target: Record<string, unknown>, service: DesktopService): void {
  const hooks: TestHooks = {
    trayModel: () => structuredClone(service.trayModel()),
    notifications: () => service.notificationsShown().map(({ title, body }) => ({ title, body })),
  };
  Object.defineProperty(target, testHooksKey, { value: Object.freeze(hooks), configurable: true, enumerable: false, writable: false });
}

export function createDesktopHost(
  options: DesktopShellOptions,
  context: { platform: NodeJS.Platform; settings: SettingsStore; log: Logger; window: WindowControl },
): DesktopHost {
  const { electron } = options;
  const { platform, log } = context;
  const notifier = createElectronNotifier(electron.Notification, {
    icon: options.appIcon,
    onClick: (target) => void service.onTrayAction(target?.roomKey ? { kind: 'open-room', key: target.roomKey } : target?.route === 'connections' ? { kind: 'open-connections' } : { kind: 'open-dashboard' }),
  });
  const service = createDesktopService({
    clock: options.clock ?? systemClock,
    log,
    notifier,
    confirmer: createConfirmer(electron.dialog),
    window: context.window,
    shortcuts: createShortcutRegistry(electron.globalShortcut),
    loginItem: createLoginItem(electron.loginItems, platform),
  });
  const lifecycle = createWindowLifecycle({ platform, hasTray: () => service.hasTray(), settings: context.settings });

  return {
    service,
    lifecycle,
    startHidden: openedAtLogin(electron.loginItems, platform, options.argv),
    start(core) {
      try {
        service.setTray(createElectronTray(electron, { iconDir: options.trayIconDir, platform, onAction: (action) => void service.onTrayAction(action) }));
      } catch (error) {
        // Some Linux desktops have no tray (GNOME without the AppIndicator extension): the app then behaves
        // like a plain window app (closing quits), and Settings says why.
        log.warn('no tray icon: closing the window will quit', { error: error instanceof Error ? error.message : String(error) });
        service.setTray(null);
      }
      if (options.testHooks) installTestHooks(globalThis as unknown as Record<string, unknown>, service);
      service.attach(core).catch((error: unknown) => log.warn('desktop: could not follow the rooms', { error: error instanceof Error ? error.message : String(error) }));
    },
    showCloseNotice() {
      if (!notifier.supported()) return;
      notifier.notify({ ...closeNoticeText(platform), target: null });
    },
    dispose() {
      service.dispose();
    },
  };
}
