// Close and quit, as admins expect from a tray app (Slack, Teams, Outlook): closing the window keeps Relay
// Console running in the tray (the first time, a notice says so); Quit — from the tray menu, the app menu,
// Cmd+Q or the OS shutting down — really quits. Pure decisions; main/app/shell.ts applies them.
import type { SettingsStore } from '../ports.ts';

export const closeNoticeKey = 'desktop.closeNoticeShown';

export interface CloseDecision {
  /** preventDefault() the close and hide the window instead. */
  hide: boolean;
  /** Show the one-time "still running in the tray" notice now. */
  notice: boolean;
}

export interface WindowLifecycleOptions {
  platform: NodeJS.Platform;
  /** Whether a tray icon exists: without one, hiding the window would leave the app unreachable. */
  hasTray(): boolean;
  settings: SettingsStore;
}

export interface WindowLifecycle {
  /** The window's 'close' event. */
  onClose(): CloseDecision;
  /** app 'before-quit' (also fired by app.quit() from the tray) and the OS ending the session. */
  onQuitting(): void;
  quitting(): boolean;
  /** 'window-all-closed': quit only when nothing keeps the app reachable. */
  shouldQuitWhenAllClosed(): boolean;
  /** macOS 'activate' (dock icon clicked): show the hidden window, or make a new one. */
  onActivate(state: { hasWindow: boolean; visible: boolean }): 'show' | 'create' | 'none';
}

export function createWindowLifecycle(options: WindowLifecycleOptions): WindowLifecycle {
  let quitting = false;
  const noticeShown = (): boolean => {
    try {
      return options.settings.get(closeNoticeKey) === true;
    } catch {
      return false;
    }
  };
  return {
    onClose() {
      if (quitting || !options.hasTray()) return { hide: false, notice: false };
      const notice = !noticeShown();
      if (notice) {
        try {
          options.settings.set(closeNoticeKey, true);
        } catch {
          // Showing the notice again next time is better than not hiding the window.
        }
      }
      return { hide: true, notice };
    },
    onQuitting() {
      quitting = true;
    },
    quitting: () => quitting,
    shouldQuitWhenAllClosed() {
      if (quitting) return true;
      // macOS apps live on without windows (dock); elsewhere the tray keeps the app, or nothing does.
      if (options.platform === 'darwin') return false;
      return !options.hasTray();
    },
    onActivate({ hasWindow, visible }) {
      if (!hasWindow) return 'create';
      return visible ? 'none' : 'show';
    },
  };
}

/** The words of the one-time notice, per OS (the tray is the "menu bar" on macOS, the "notification area" on Windows). */
export function closeNoticeText(platform: NodeJS.Platform): { title: string; body: string } {
  const where = platform === 'darwin' ? 'menu bar' : platform === 'win32' ? 'notification area' : 'system tray';
  return {
    title: 'Relay Console is still running',
    body: `It keeps watching your rooms from the ${where}. To stop it, choose Quit from its ${where} icon.`,
  };
}
