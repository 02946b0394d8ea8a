// A settings file that cannot be read (a folder, not allowed, not a JSON object) is moved aside rather than
// crashing the app or being silently overwritten; a file with one bad part is copied aside before that part
// is dropped. Either way the user keeps the evidence, under a name that says when, readable by them alone.
import { copyFileSync, existsSync, lstatSync, renameSync } from 'node:fs';
import { extname } from 'node:path';
import { makePrivateFile } from './private-files.ts';

/** `settings.json` → `settings.corrupt-2026-12-01T10-00-00-000Z.json` (then `-2`, `-3`… if taken). */
function asideName(path: string, now: number): string {
  const ext = extname(path);
  const base = path.slice(0, path.length - ext.length);
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  for (let n = 1; n <= 100; n++) {
    const candidate = `${base}.corrupt-${stamp}${n === 1 ? '' : `-${n}`}${ext}`;
    if (!existsSync(candidate)) return candidate;
  }
  throw Object.assign(new Error('too many files moved aside at once'), { code: 'EEXIST' });
}

function present(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Moves the file (or whatever is at its path, a folder included) aside; null when nothing is there. Throws when it cannot. */
export function moveFileAside(path: string, now: number): string | null {
  if (!present(path)) return null;
  const target = asideName(path, now);
  renameSync(path, target);
  makePrivateFile(target);
  return target;
}

/** Copies the file aside, leaving it in place; null when there is no file or it cannot be copied. */
export function copyFileAside(path: string, now: number): string | null {
  try {
    if (!lstatSync(path).isFile()) return null;
    const target = asideName(path, now);
    copyFileSync(path, target);
    makePrivateFile(target);
    return target;
  } catch {
    return null;
  }
}

