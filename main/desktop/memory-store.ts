// A SettingsStore that lives in memory: for a core started without one (tests, tools).
import type { SettingsStore } from '../ports.ts';

export function memorySettingsStore(): SettingsStore {
  const values = new Map<string, unknown>();
  return {
    get: (key) => values.get(key),
    set: (key, value) => void values.set(key, value),
    delete: (key) => void values.delete(key),
  };
}
