// Stand-ins for the Electron modules of the desktop integration (Tray, Menu, nativeImage, Notification,
// globalShortcut, dialog, login items). They record what the adapters did, for assertions under plain Node.
import type { MenuItemConstructorOptions, NotificationConstructorOptions } from 'electron';
import type { DesktopElectron } from '../../../main/app/desktop.ts';
import { FakeEmitter } from './fake-electron.ts';

export class FakeTray extends FakeEmitter {
  static instances: FakeTray[] = [];
  image: string;
  tooltip = '';
  menu: MenuItemConstructorOptions[] | null = null;
  readonly calls: string[] = [];
  destroyed = false;
  constructor(image: { path: string }) {
    super();
    this.image = image.path;
    FakeTray.instances.push(this);
  }
  setImage(image: { path: string }): void {
    this.calls.push('setImage');
    this.image = image.path;
  }
  setToolTip(text: string): void {
    this.calls.push('setToolTip');
    this.tooltip = text;
  }
  setContextMenu(menu: { template: MenuItemConstructorOptions[] } | null): void {
    this.calls.push('setContextMenu');
    this.menu = menu?.template ?? null;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

export class FakeNotification extends FakeEmitter {
  static instances: FakeNotification[] = [];
  static supported = true;
  static isSupported(): boolean {
    return FakeNotification.supported;
  }
  shown = false;
  readonly options: NotificationConstructorOptions;
  constructor(options: NotificationConstructorOptions) {
    super();
    this.options = options;
    FakeNotification.instances.push(this);
  }
  show(): void {
    this.shown = true;
  }
}

export function createFakeDesktopElectron(options: { trayFails?: boolean; loginItem?: { openAtLogin: boolean; wasOpenedAtLogin: boolean } } = {}) {
  FakeTray.instances = [];
  FakeNotification.instances = [];
  FakeNotification.supported = true;
  const shortcuts = new Map<string, () => void>();
  const dialogs: { message: string; buttons: string[] }[] = [];
  let dialogAnswer = 0;
  const login = { openAtLogin: options.loginItem?.openAtLogin ?? false, wasOpenedAtLogin: options.loginItem?.wasOpenedAtLogin ?? false, sets: [] as unknown[] };
  const fake = {
    Tray: options.trayFails
      ? class {
          constructor() {
            throw new Error('no tray on this desktop');
          }
        }
      : FakeTray,
    Menu: { buildFromTemplate: (template: MenuItemConstructorOptions[]) => ({ template }) },
    nativeImage: { createFromPath: (path: string) => ({ path }) },
    Notification: FakeNotification,
    globalShortcut: {
      register(accelerator: string, callback: () => void): boolean {
        if (shortcuts.has(accelerator)) return false;
        shortcuts.set(accelerator, callback);
        return true;
      },
      unregister(accelerator: string): void {
        shortcuts.delete(accelerator);
      },
    },
    dialog: {
      async showMessageBox(opts: { message: string; buttons: string[] }) {
        dialogs.push(opts);
        return { response: dialogAnswer, checkboxChecked: false };
      },
    },
    loginItems: {
      setLoginItemSettings(settings: { openAtLogin?: boolean }) {
        login.sets.push(settings);
        login.openAtLogin = settings.openAtLogin ?? false;
      },
      getLoginItemSettings() {
        return { openAtLogin: login.openAtLogin, wasOpenedAtLogin: login.wasOpenedAtLogin };
      },
    },
  };
  return {
    shortcuts,
    dialogs,
    login,
    answerDialog: (response: number) => (dialogAnswer = response),
    // The one cast: the fakes implement what the adapters call, not all of electron.d.ts.
    electron: fake as unknown as DesktopElectron,
  };
}
