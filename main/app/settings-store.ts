// The SettingsStore port over electron-store. Imported only by main/app/index.ts: electron-store loads
// `electron` when imported, which cannot happen under plain Node, so unit tests never reach this file
// (main/vault/conf-store.ts is the same port over conf, electron-store's engine, and is tested).
// Like conf-store, a file that is not valid JSON is moved aside with a notice instead of throwing forever.
import { join } from 'node:path';
import ElectronStore from 'electron-store';
import type { SettingsStore } from '../ports.ts';
import { moveFileAside, movedAsideNotice } from '../vault/quarantine.ts';

const name = 'settings';

/** `userDataDir` is app.getPath('userData'); call after `ready`. */
export function createSettingsStore(userDataDir: string, now: () => number = Date.now): SettingsStore {
  const path = join(userDataDir, `${name}.json`);
  const notices: string[] = [];
  const open = (): ElectronStore<Record<string, unknown>> => new ElectronStore<Record<string, unknown>>({ name, cwd: userDataDir });
  const recover = (): ElectronStore<Record<string, unknown>> => {
    notices.push(movedAsideNotice(moveFileAside(path, now())));
    return open();
  };

  let store: ElectronStore<Record<string, unknown>>;
  try {
    store = open();
    store.get('__probe');
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    store = recover();
  }
  // The file can be damaged while the app runs (another process, a person): recover once per access.
  const guarded = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      store = recover();
      return fn();
    }
  };

  return {
    get: (key) => guarded(() => store.get(key)),
    // electron-store refuses `undefined`; storing nothing means deleting the key.
    set: (key, value) => guarded(() => (value === undefined ? store.delete(key) : store.set(key, value))),
    delete: (key) => guarded(() => store.delete(key)),
    moveAside() {
      const target = moveFileAside(path, now());
      store = open();
      return target;
    },
    notices: () => notices.splice(0),
  };
}
