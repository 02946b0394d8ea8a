// The key of "store anyway" secrets, in its own file beside the settings (settings.key, 0600), so a copy of
// settings.json alone (a backup, a support attachment, a synced config folder) opens nothing. Without a
// keychain the OS offers no other place an app can keep a key from the user's own account; the file mode
// keeps other accounts out, and nothing keeps out what runs as the user (docs in README "Configuration").
import { lstatSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { KeyFile } from '../ports.ts';
import { whyNotWritten, whyUnreadable } from './file-errors.ts';
import { NotSavedError } from './not-saved.ts';
import { makePrivateFile, privateFileMode } from './private-files.ts';
import { moveFileAside } from './quarantine.ts';

const keyShape = /^[A-Za-z0-9+/]{43}=$/; // 32 bytes in base64

export interface KeyFileOptions {
  path: string;
  now: () => number;
  /** A problem the user should hear about (the store turns it into a notice). */
  notice(text: string): void;
}

export function createKeyFile(options: KeyFileOptions): KeyFile {
  const { path } = options;
  const unreadable = (why: string): null => {
    let aside: string | null = null;
    try {
      aside = moveFileAside(path, options.now());
    } catch {
      // It stays where it is; writing a new key will say why it cannot.
    }
    options.notice(
      `The key file ${path} could not be read (${why})${aside ? `, so it was moved aside to ${aside}` : ''}. Secrets saved with "Store anyway" cannot be opened: reconnect those connections.`,
    );
    return null;
  };
  return {
    read() {
      let text: string;
      try {
        text = readFileSync(path, 'utf8').trim();
      } catch (error) {
        return (error as { code?: unknown }).code === 'ENOENT' ? null : unreadable(whyUnreadable(error));
      }
      return keyShape.test(text) ? text : unreadable('it does not hold a key');
    },
    write(key) {
      const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
      try {
        writeFileSync(temp, `${key}\n`, { mode: privateFileMode, flag: 'wx' });
        renameSync(temp, path);
        makePrivateFile(path);
      } catch (error) {
        rmSync(temp, { force: true });
        const why = whyNotWritten(error);
        options.notice(`The key for "Store anyway" could not be saved to ${path} (${why}), so those secrets are kept for this session only.`);
        throw new NotSavedError(why, { cause: error });
      }
    },
    remove() {
      try {
        if (lstatSync(path).isFile()) rmSync(path, { force: true });
      } catch {
        // Not there: nothing to remove. A key left behind opens nothing once its secrets are gone.
      }
    },
  };
}
