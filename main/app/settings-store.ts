// The SettingsStore port over electron-store. Imported only by main/app/index.ts: electron-store loads
// `electron` when imported, which cannot happen under plain Node, so unit tests never reach this file.
// The recovery from an unreadable file (moved aside with a notice) is the shared, tested guarded store
// that the preview host's conf adapter uses too.
import { join } from 'node:path';
import ElectronStore from 'electron-store';
import type { SettingsStore } from '../ports.ts';
import { createGuardedSettingsStore } from '../vault/guarded-store.ts';

const name = 'settings';

/** `userDataDir` is app.getPath('userData'); call after `ready`. */
export function createSettingsStore(userDataDir: string): SettingsStore {
  return createGuardedSettingsStore({
    open: () => new ElectronStore<Record<string, unknown>>({ name, cwd: userDataDir }),
    fallbackPath: join(userDataDir, `${name}.json`),
  });
}
