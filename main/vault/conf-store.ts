// The SettingsStore port over `conf` (electron-store's engine) for plain Node: the preview host and tests.
// A file that is not valid JSON is moved aside with a notice (guarded-store.ts) instead of crashing.
import Conf from 'conf';
import type { SettingsStore } from '../ports.ts';
import { join } from 'node:path';
import { createGuardedSettingsStore } from './guarded-store.ts';

export interface ConfStoreOptions {
  /** The folder of the file. */
  cwd: string;
  /** File name without .json; 'settings' like the Electron adapter. */
  configName?: string;
  now?: () => number;
}

export function createConfSettingsStore(options: ConfStoreOptions): SettingsStore & { readonly path: string } {
  const configName = options.configName ?? 'settings';
  return createGuardedSettingsStore({
    // projectName is required by conf unless cwd is given; it only names a default folder.
    open: () => new Conf<Record<string, unknown>>({ cwd: options.cwd, configName, projectName: 'relay-console' }),
    fallbackPath: join(options.cwd, `${configName}.json`),
    now: options.now,
  });
}

/** A SettingsStore in memory (hosts without a writable folder, and tests). */
export function createMemorySettingsStore(): SettingsStore {
  const map = new Map<string, unknown>();
  return {
    get: (key) => structuredClone(map.get(key)),
    set: (key, value) => (value === undefined ? map.delete(key) : map.set(key, structuredClone(value))),
    delete: (key) => map.delete(key),
    moveAside() {
      map.clear();
      return null;
    },
  };
}
