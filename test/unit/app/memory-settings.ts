import type { SettingsStore } from '../../../main/ports.ts';

/** An in-memory SettingsStore; `values` is exposed for assertions and for seeding corrupt data. */
export function memorySettings(initial: Record<string, unknown> = {}): SettingsStore & { values: Map<string, unknown> } {
  const values = new Map(Object.entries(initial));
  return {
    values,
    get: (key) => values.get(key),
    set: (key, value) => void values.set(key, value),
    delete: (key) => void values.delete(key),
  };
}
