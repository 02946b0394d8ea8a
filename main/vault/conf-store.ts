// The SettingsStore port over `conf` (electron-store's engine) for plain Node: the preview host and tests.
// Every file problem is recovered the same way as in the app (guarded-store.ts).
import Conf from 'conf';
import type { Logger, SettingsStore } from '../ports.ts';
import { createGuardedSettingsStore, settingsFileOptions, type GuardedSettingsStore } from './guarded-store.ts';

export interface ConfStoreOptions {
  /** The folder of the file. */
  cwd: string;
  /** File name without .json; 'settings' like the Electron adapter. */
  configName?: string;
  now?: () => number;
  log?: Logger;
}

/** The settings file itself through conf, unguarded (the guarded store opens it; tests wrap it in faults). */
export function openConfFile(options: { cwd: string; configName: string }): Conf<Record<string, unknown>> {
  // projectName is required by conf unless cwd is given; it only names a default folder.
  return new Conf<Record<string, unknown>>({ cwd: options.cwd, configName: options.configName, projectName: 'relay-console', ...settingsFileOptions });
}

export function createConfSettingsStore(options: ConfStoreOptions): GuardedSettingsStore {
  const configName = options.configName ?? 'settings';
  return createGuardedSettingsStore({
    folder: options.cwd,
    name: configName,
    open: () => openConfFile({ cwd: options.cwd, configName }),
    ...(options.now ? { now: options.now } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
}

/** A SettingsStore in memory (hosts without a writable folder, and tests). */
export function createMemorySettingsStore(): SettingsStore {
  const map = new Map<string, unknown>();
  return {
    get: (key) => structuredClone(map.get(key)),
    set: (key, value) => (value === undefined ? map.delete(key) : map.set(key, structuredClone(value))),
    delete: (key) => map.delete(key),
  };
}
