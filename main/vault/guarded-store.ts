// A SettingsStore over any conf-like store (conf under Node, electron-store in the app: same API) that no
// file problem can crash and that loses nothing the app holds. Both adapters use it, so the desktop app and
// the preview host behave alike.
// - The data folder is 0700 and the file 0600 (private-files.ts); the key of "store anyway" secrets has a
//   file of its own beside it (key-file.ts).
// - A file that cannot be read (not a JSON object, a folder, not allowed) is moved aside with a notice that
//   names where it went. At start the store begins empty; while running the values in use are written back.
// - A save that does not reach the disk keeps the value for the session, says so once in a notice, and
//   throws NotSavedError to the caller; the next save that works writes those values too.
// - A folder that cannot be written at all leaves the store in memory for the session, with a notice.
import { join } from 'node:path';
import { silentLogger, type KeyFile, type Logger, type SettingsStore } from '../ports.ts';
import { whyNotWritten, whyUnreadable } from './file-errors.ts';
import { createKeyFile } from './key-file.ts';
import { NotSavedError } from './not-saved.ts';
import { makePrivateFile, makePrivateFolder, privateFileMode } from './private-files.ts';
import { copyFileAside, moveFileAside } from './quarantine.ts';

/** What conf and electron-store have in common. */
export interface ConfLike {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
  readonly path: string;
}

/**
 * The file must hold a JSON object. conf reads `[]`, `null`, `42` or `"x"` as an empty store and overwrites
 * it on the next save; a SyntaxError makes the guarded store move it aside instead.
 */
export function readSettingsObject(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, '')); // an editor's byte order mark is not part of the JSON
  } catch {
    throw new SyntaxError('The settings file is not valid JSON.'); // never quote the file: it may hold secrets
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new SyntaxError('The settings file does not hold a JSON object.');
  return value as Record<string, unknown>;
}

/** The conf / electron-store options of the settings file: private to the user, strict about what it reads. */
export const settingsFileOptions = { configFileMode: privateFileMode, deserialize: readSettingsObject };

export interface GuardedStoreOptions {
  /** The data folder. */
  folder: string;
  /** The file name without .json; the key file is `<name>.key` beside it. */
  name: string;
  /** Opens (or reopens) the file; throws what reading it throws. */
  open(): ConfLike;
  now?: () => number;
  log?: Logger;
}

export interface GuardedSettingsStore extends SettingsStore {
  readonly path: string;
  notices(): string[];
  onNotice(listener: () => void): () => void;
  copyAside(): string | null;
  readonly keyFile: KeyFile;
}

const maxNotices = 20;
const probeKey = '__probe';

export function createGuardedSettingsStore(options: GuardedStoreOptions): GuardedSettingsStore {
  const now = options.now ?? Date.now;
  const log = options.log ?? silentLogger;
  const path = join(options.folder, `${options.name}.json`);
  const pending: string[] = [];
  const listeners = new Set<() => void>();
  /** Every value read or written this session: written back after a repair, served when the disk is gone. */
  const session = new Map<string, unknown>();
  /** Keys whose last change did not reach the disk. */
  const unsaved = new Set<string>();
  let file: ConfLike | null = null;
  /** Why nothing can be saved this session (the store is in memory), or null while the file is in use. */
  let memoryOnly: string | null = null;
  let writesFailing = false;

  const notice = (text: string): void => {
    log.warn('settings store', { notice: text });
    if (!pending.includes(text) && pending.length < maxNotices) pending.push(text);
    for (const listener of listeners) listener();
  };

  const toMemory = (error: unknown): void => {
    file = null;
    memoryOnly = whyNotWritten(error);
    notice(
      `Relay Console cannot write to its settings folder ${options.folder} (${memoryOnly}), so settings and connections are kept for this session only and are lost when it quits.`,
    );
  };

  const openFile = (): ConfLike => {
    const conf = options.open();
    conf.get(probeKey); // a store that reads lazily shows a damaged file now
    makePrivateFile(conf.path);
    return conf;
  };

  /** Moves what is at the path aside and opens a fresh file; false when it could not (memory only then). */
  const replaceDamaged = (error: unknown, running: boolean): boolean => {
    let target: string | null;
    try {
      target = moveFileAside(path, now());
    } catch (moveError) {
      toMemory(moveError);
      return false;
    }
    // Nothing at the path to blame: the folder itself is the problem.
    if (target === null) {
      toMemory(error);
      return false;
    }
    notice(
      `The settings file could not be read (${whyUnreadable(error)}), so it was moved aside to ${target}. ` +
        (running ? 'The settings in use were written back, so nothing is lost.' : 'Relay Console started with empty settings: add your connections again.'),
    );
    try {
      file = openFile();
      return true;
    } catch (reopenError) {
      toMemory(reopenError);
      return false;
    }
  };

  const put = (conf: ConfLike, key: string, value: unknown): void => {
    // conf and electron-store refuse undefined; storing nothing means deleting the key.
    if (value === undefined) conf.delete(key);
    else conf.set(key, value);
  };

  const writesFailed = (error: unknown): NotSavedError => {
    const why = whyNotWritten(error);
    if (!writesFailing) {
      writesFailing = true;
      notice(`Relay Console could not save its settings to ${path} (${why}). Changes are kept for this session only until a save works again.`);
    }
    return new NotSavedError(why, { cause: error });
  };

  /** Writes the keys not yet on disk; stops at the first that fails and returns its error. */
  const flush = (conf: ConfLike): unknown => {
    for (const key of [...unsaved]) {
      try {
        put(conf, key, session.get(key));
      } catch (error) {
        return error ?? new Error('write failed');
      }
      unsaved.delete(key);
    }
    writesFailing = false;
    return null;
  };

  /** Moves the damaged file aside and writes every value of the session into a fresh one. */
  const repairWhileRunning = (error: unknown): NotSavedError | null => {
    if (!replaceDamaged(error, true) || !file) return new NotSavedError(memoryOnly ?? 'no settings file');
    for (const key of session.keys()) unsaved.add(key);
    const failed = flush(file);
    return failed === null ? null : writesFailed(failed);
  };

  const readable = (conf: ConfLike): boolean => {
    try {
      conf.get(probeKey);
      return true;
    } catch {
      return false;
    }
  };

  const remember = (key: string, value: unknown): void => {
    if (value === undefined) session.delete(key);
    else session.set(key, structuredClone(value));
  };

  const write = (key: string, value: unknown): void => {
    remember(key, value);
    unsaved.add(key);
    if (!file) throw new NotSavedError(memoryOnly ?? 'no settings file');
    const failed = flush(file);
    if (failed === null) return;
    // A save reads the file first: a file damaged since is repaired (this value included), not reported as unwritable.
    if (readable(file)) throw writesFailed(failed);
    const stillFailing = repairWhileRunning(failed);
    if (stillFailing && unsaved.has(key)) throw stillFailing;
  };

  try {
    makePrivateFolder(options.folder);
    try {
      file = openFile();
    } catch (error) {
      replaceDamaged(error, false);
    }
  } catch (error) {
    toMemory(error);
  }

  const diskKey = createKeyFile({ path: join(options.folder, `${options.name}.key`), now, notice });
  let sessionKey: string | null = null;
  const keyFile: KeyFile = {
    read: () => (file ? diskKey.read() : sessionKey),
    write(key) {
      sessionKey = key;
      if (!file) throw new NotSavedError(memoryOnly ?? 'no settings file');
      diskKey.write(key);
    },
    remove() {
      sessionKey = null;
      if (file) diskKey.remove();
    },
  };

  return {
    path,
    keyFile,
    get(key) {
      if (file && !unsaved.has(key)) {
        try {
          const value = file.get(key);
          remember(key, value);
          return value;
        } catch (error) {
          // Damaged by another process (or a person) while we run: moved aside, the session written back.
          void repairWhileRunning(error);
        }
      }
      return structuredClone(session.get(key));
    },
    set: (key, value) => write(key, value),
    delete: (key) => write(key, undefined),
    copyAside: () => (file ? copyFileAside(path, now()) : null),
    notices: () => pending.splice(0),
    onNotice(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
