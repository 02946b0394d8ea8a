// A SettingsStore over any conf-like store (conf under Node, electron-store in the app: same API) that
// never lets an unreadable file crash the app: the file is moved aside with a notice and the store
// starts empty. Both adapters use it, so the desktop app and the preview host behave alike.
import type { SettingsStore } from '../ports.ts';
import { moveFileAside, movedAsideNotice } from './quarantine.ts';

/** What conf and electron-store have in common. */
export interface ConfLike {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
  readonly path: string;
}

export interface GuardedStoreOptions {
  /** Opens (or reopens) the store; may throw a SyntaxError for a file that is not JSON. */
  open(): ConfLike;
  /** Where the file is, for when open() fails before it can tell. */
  fallbackPath: string;
  now?: () => number;
}

export function createGuardedSettingsStore(options: GuardedStoreOptions): SettingsStore & { readonly path: string } {
  const now = options.now ?? Date.now;
  const notices: string[] = [];
  let store: ConfLike;
  let path = options.fallbackPath;
  const recover = (): void => {
    notices.push(movedAsideNotice(moveFileAside(path, now())));
    store = options.open();
    path = store.path;
  };
  try {
    store = options.open();
    path = store.path;
    store.get('__probe'); // conf reads lazily on some paths: make a damaged file show itself now
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    recover();
  }
  // Another process (or a person) can damage the file while we run: every access recovers the same way.
  const guarded = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      recover();
      return fn();
    }
  };
  return {
    get path() {
      return path;
    },
    get: (key) => guarded(() => store.get(key)),
    // conf and electron-store refuse undefined; storing nothing means deleting the key.
    set: (key, value) => guarded(() => (value === undefined ? store.delete(key) : store.set(key, value))),
    delete: (key) => guarded(() => store.delete(key)),
    moveAside() {
      const target = moveFileAside(path, now());
      store = options.open();
      return target;
    },
    notices: () => notices.splice(0),
  };
}
