// The SettingsStore port over electron-store. Imported only by main/app/index.ts: electron-store loads
// `electron` when imported, which cannot happen under plain Node, so unit tests never reach this file.
// Everything else (0600 file in a 0700 folder, a strict reader, recovery from an unreadable file, saves that
// fail) is the shared, tested guarded store that the preview host's conf adapter uses too.
import ElectronStore from 'electron-store';
import type { Logger } from '../ports.ts';
import { createGuardedSettingsStore, settingsFileOptions, type GuardedSettingsStore } from '../vault/guarded-store.ts';

const name = 'settings';

/** `userDataDir` is app.getPath('userData'); call after `ready`. */
export function createSettingsStore(userDataDir: string, log?: Logger): GuardedSettingsStore {
  return createGuardedSettingsStore({
    folder: userDataDir,
    name,
    open: () => new ElectronStore<Record<string, unknown>>({ name, cwd: userDataDir, ...settingsFileOptions }),
    ...(log ? { log } : {}),
  });
}
