// The desktop ports: what the tray, notifications, shortcut and window logic need from the host. Each is a
// small interface; main/app/ implements them with Electron (tray.ts, notifier.ts, shortcut.ts,
// login-item.ts), the unit tests with plain objects. Nothing here imports electron.
import type {
  DesktopSettings,
  DesktopSupport,
  NavigateRequest,
  RoomAction,
  ShortcutState,
} from '../../contract/index.ts';
import type { TrayAction, TrayModel } from './tray-model.ts';

/** The tray icon and its menu. `update` is called only when the model changed; actions come back through the adapter's callback. */
export interface TrayView {
  update(model: TrayModel): void;
  destroy(): void;
}

export type { Notifier } from '../ports.ts';

/** The global shortcut registry (Electron's globalShortcut). */
export interface ShortcutRegistry {
  /** False when the OS or another app holds the combination. */
  register(accelerator: string, callback: () => void): boolean;
  unregister(accelerator: string): void;
}

/** Start at login (app.setLoginItemSettings), where the platform supports it. */
export interface LoginItem {
  /** null when this platform or package format has no login item Electron can set; else why not, in words. */
  unsupportedReason(): string | null;
  set(enabled: boolean): void;
  /** What the OS reports now; null when unknown. */
  get(): boolean | null;
}

/** Asks the user before something that cannot be undone (a native dialog in the app). */
export interface Confirmer {
  confirm(question: { title: string; message: string; detail: string; confirmLabel: string }): Promise<boolean>;
}

/** The main window, as the desktop logic drives it. */
export interface WindowControl {
  /** Shows (creating if needed) and focuses the window, then asks the renderer to go to `target`. */
  show(target: NavigateRequest | null): void;
  /** Whether the window is on screen and focused (inline errors are seen there; no need to notify). */
  focused(): boolean;
  /** Quits the app for real (the close-to-tray rule does not apply). */
  quit(): void;
}

/** The rooms service's action, as the dashboard calls it (rooms.act through the core). */
export interface RoomActions {
  act(key: string, action: Exclude<RoomAction, 'join'>): Promise<{ ok: true } | { ok: false; message: string }>;
  setPaused(paused: boolean): Promise<{ ok: true } | { ok: false; message: string }>;
}

/** The desktop half of the settings, run by the host: the core calls it on start and on every change. */
export interface DesktopRuntime {
  support(): DesktopSupport;
  apply(settings: DesktopSettings): { shortcut: ShortcutState; loginItemActive: boolean | null };
}

export type { TrayAction, TrayModel };
