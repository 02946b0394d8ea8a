// Start at login over app.setLoginItemSettings, which Electron implements on macOS and Windows only.
// - Windows: a Run key for this executable with `--hidden`, so a login start goes straight to the tray.
// - macOS: a login item (SMAppService on macOS 13+; the user may have to approve it in System Settings →
//   General → Login Items); wasOpenedAtLogin tells a login start apart.
// - Linux (AppImage, deb): Electron has no login-item API there; the Settings screen says so and points to
//   the desktop's own "Startup Applications".
import type { App } from 'electron';
import type { LoginItem } from '../desktop/ports.ts';

export type LoginItemApp = Pick<App, 'setLoginItemSettings' | 'getLoginItemSettings'>;

/** The flag a Windows login start passes; a start with it shows only the tray icon. */
export const hiddenFlag = '--hidden';

export function createLoginItem(app: LoginItemApp, platform: NodeJS.Platform): LoginItem {
  const windowsArgs = [hiddenFlag];
  return {
    unsupportedReason() {
      if (platform === 'darwin' || platform === 'win32') return null;
      return 'Starting at login is set by your desktop on Linux: add Relay Console under "Startup Applications" (GNOME, KDE and others have one).';
    },
    set(enabled) {
      if (platform === 'win32') app.setLoginItemSettings({ openAtLogin: enabled, args: windowsArgs });
      else if (platform === 'darwin') app.setLoginItemSettings({ openAtLogin: enabled });
    },
    get() {
      if (platform === 'win32') return app.getLoginItemSettings({ args: windowsArgs }).openAtLogin;
      if (platform === 'darwin') return app.getLoginItemSettings().openAtLogin;
      return null;
    },
  };
}

/** Whether this launch is a login start (then the window stays hidden and the app lives in the tray). */
export function openedAtLogin(app: Pick<App, 'getLoginItemSettings'>, platform: NodeJS.Platform, argv: readonly string[]): boolean {
  if (platform === 'win32') return argv.includes(hiddenFlag);
  if (platform === 'darwin') {
    try {
      return app.getLoginItemSettings().wasOpenedAtLogin === true;
    } catch {
      return false;
    }
  }
  return argv.includes(hiddenFlag);
}
