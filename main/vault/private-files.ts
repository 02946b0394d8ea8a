// The data folder and the files in it are the user's alone: the folder 0700, each file 0600 (conf's
// configFileMode does it on every write; these tighten what an older version left 0755/0644). POSIX only:
// on Windows Node maps a mode to the read-only attribute, and the profile folder's ACL (%APPDATA%) is what
// keeps other accounts out.
import { chmodSync, mkdirSync, statSync } from 'node:fs';

export const privateFileMode = 0o600;
export const privateFolderMode = 0o700;
const posix = process.platform !== 'win32';

/** Makes the folder (and its parents) if needed; throws when it cannot be made (then nothing can be saved). */
export function makePrivateFolder(folder: string): void {
  mkdirSync(folder, { recursive: true, mode: privateFolderMode });
  tighten(folder, privateFolderMode);
}

/** Tightens an existing file; a file that is not there, or not ours to chmod, is left alone. */
export function makePrivateFile(path: string): void {
  tighten(path, privateFileMode);
}

function tighten(path: string, mode: number): void {
  if (!posix) return;
  try {
    if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, mode);
  } catch {
    // Not there, or owned by someone else (chmod is refused): the files inside are 0600 either way.
  }
}
