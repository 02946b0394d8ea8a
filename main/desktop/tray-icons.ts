// Which tray image to show for a health state on each OS. The images are generated from build/icon.svg by
// scripts/icons.ts into build/tray/, copied next to the app by electron-builder (extraResources → tray/).
//
//  - macOS: the neutral state is a template image (black + alpha, named *Template so macOS tints it for
//    light and dark menu bars); the two alarm states are coloured, so they stand out. 16 px + @2x.
//  - Windows: .ico files holding 16–48 px, so the shell picks the right size for the display scale.
//  - Linux: a 32 px PNG (panels are 22–32 px high; AppIndicator scales it down).
import { join } from 'node:path';
import type { TrayHealth } from './tray-model.ts';

export const trayHealths: readonly TrayHealth[] = ['ok', 'degraded', 'attention'];

/** The file name inside the tray folder. */
export function trayIconFile(health: TrayHealth, platform: NodeJS.Platform): string {
  if (platform === 'darwin') return health === 'ok' ? 'okTemplate.png' : `${health}.png`;
  if (platform === 'win32') return `${health}.ico`;
  return `${health}-32.png`;
}

/** Every file the tray needs on any OS (the builder-config test checks they were generated). */
export function allTrayIconFiles(): string[] {
  const files = new Set<string>();
  for (const health of trayHealths) {
    for (const platform of ['darwin', 'win32', 'linux'] as const) files.add(trayIconFile(health, platform));
    files.add(`${health}.png`);
    files.add(`${health}@2x.png`);
  }
  files.add('okTemplate@2x.png');
  return [...files].sort();
}

/**
 * Where the tray images are at run time: next to app.asar in a package (`process.resourcesPath/tray`),
 * in build/tray of the project when started from out/ (`npm start`, the Electron tests).
 */
export function trayIconDir(options: { isPackaged: boolean; resourcesPath: string; appPath: string }): string {
  return options.isPackaged ? join(options.resourcesPath, 'tray') : join(options.appPath, 'build', 'tray');
}
