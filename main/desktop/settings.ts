// The desktop settings (notification switches, quiet mode, start at login, the mute shortcut): kept in the
// SettingsStore, validated with the contract's zod schema on every read and write, served on the
// desktop.settings.get/set channels, and handed to the host's DesktopRuntime, which applies them (tray
// notifications, globalShortcut, login item). In the preview host there is no runtime: the values are kept
// and the view says they apply to the desktop app. A save that fails is answered with the 'not_saved' error.
import {
  defaultDesktopSettings,
  desktopSettingsSchema,
  notificationKinds,
  type DesktopSettings,
  type DesktopSettingsPatch,
  type DesktopSettingsView,
  type DesktopSupport,
  type ShortcutState,
  desktopSettingsPatchInput,
} from '../../contract/index.ts';
import type { Logger, SettingsStore } from '../ports.ts';
import { NotSavedError } from '../vault/not-saved.ts';
import type { DesktopRuntime } from './ports.ts';

export const desktopSettingsKey = 'desktop.settings';

export const previewSupport: DesktopSupport = {
  desktopApp: false,
  tray: false,
  notifications: false,
  startAtLogin: false,
  shortcut: false,
  reason: 'These settings apply to the desktop app. This browser preview has no tray, notifications or global shortcuts; the values are kept for when you use the app.',
};

/** Reads the stored settings; anything missing or invalid (a hand-edited file) falls back to the default, field by field. */
export function readDesktopSettings(store: SettingsStore): DesktopSettings {
  let raw: unknown;
  try {
    raw = store.get(desktopSettingsKey);
  } catch {
    raw = undefined;
  }
  const whole = desktopSettingsSchema.safeParse(raw);
  if (whole.success) return whole.data;
  const obj = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const field = <K extends keyof DesktopSettings>(key: K): DesktopSettings[K] => {
    const parsed = desktopSettingsSchema.shape[key].safeParse(obj[key]);
    return parsed.success ? (parsed.data as DesktopSettings[K]) : defaultDesktopSettings[key];
  };
  const storedSwitches = typeof obj['notifications'] === 'object' && obj['notifications'] !== null ? (obj['notifications'] as Record<string, unknown>) : {};
  const notifications = { ...defaultDesktopSettings.notifications };
  for (const kind of notificationKinds) {
    const value = storedSwitches[kind];
    if (typeof value === 'boolean') notifications[kind] = value;
  }
  return { notifications, quiet: field('quiet'), startAtLogin: field('startAtLogin'), muteShortcut: field('muteShortcut') };
}

/** A validated patch applied to settings (pure). */
export function applyPatch(settings: DesktopSettings, patch: DesktopSettingsPatch): DesktopSettings {
  const parsed = desktopSettingsPatchInput.parse(patch);
  return {
    notifications: { ...settings.notifications, ...parsed.notifications },
    quiet: parsed.quiet ?? settings.quiet,
    startAtLogin: parsed.startAtLogin ?? settings.startAtLogin,
    muteShortcut: parsed.muteShortcut === undefined ? settings.muteShortcut : parsed.muteShortcut,
  };
}

export interface DesktopSettingsModule {
  handlers: {
    desktopSettingsGet(): DesktopSettingsView;
    desktopSettingsSet(patch: DesktopSettingsPatch): DesktopSettingsView;
  };
  current(): DesktopSettings;
}

export function createDesktopSettings(options: {
  store: SettingsStore;
  runtime: DesktopRuntime | null;
  emit(view: DesktopSettingsView): void;
  log: Logger;
}): DesktopSettingsModule {
  const { store, runtime, log } = options;
  let settings = readDesktopSettings(store);
  let effect: { shortcut: ShortcutState; loginItemActive: boolean | null } = { shortcut: { state: 'off' }, loginItemActive: null };

  const apply = (): void => {
    if (!runtime) return;
    try {
      effect = runtime.apply(settings);
    } catch (error) {
      log.warn('desktop settings could not be applied', { error: error instanceof Error ? error.message : String(error) });
    }
  };
  const view = (): DesktopSettingsView => ({
    settings,
    support: runtime ? runtime.support() : previewSupport,
    shortcut: runtime ? effect.shortcut : { state: 'off' },
    loginItemActive: effect.loginItemActive,
  });

  apply();

  return {
    handlers: {
      desktopSettingsGet: view,
      desktopSettingsSet(patch) {
        settings = applyPatch(settings, patch);
        // A change that did not reach the disk still holds for the session, and the caller hears so.
        let notSaved: NotSavedError | null = null;
        try {
          store.set(desktopSettingsKey, settings);
        } catch (error) {
          log.warn('desktop settings could not be saved', { error: error instanceof Error ? error.message : String(error) });
          notSaved = error instanceof NotSavedError ? error : new NotSavedError('the settings store refused it', { cause: error });
        }
        apply();
        const result = view();
        options.emit(result);
        if (notSaved) throw notSaved;
        return result;
      },
    },
    current: () => settings,
  };
}
