// Where the Electron executable is, without `require('electron')`: that call tries to download the binary
// when it is missing (and fails noisily offline). Same lookup as node_modules/electron/index.js, minus the
// download: path.txt names the executable inside node_modules/electron/dist/.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const projectDir = resolve(import.meta.dirname, '..');

/** The Electron executable's path, or null when no binary is installed. */
export function findElectronBinary(root: string = projectDir): string | null {
  const packageDir = join(root, 'node_modules', 'electron');
  const pathFile = join(packageDir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
  if (override) {
    const candidate = join(override, executable || 'electron');
    return existsSync(candidate) ? candidate : null;
  }
  if (!executable) return null;
  const candidate = join(packageDir, 'dist', executable);
  return existsSync(candidate) ? candidate : null;
}

/** A package's CLI script, run with this Node (no shell, no .cmd shims on Windows). */
export function packageBin(name: string, bin: string, root: string = projectDir): string {
  return join(root, 'node_modules', name, bin);
}
