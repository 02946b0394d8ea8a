// The Electron entry (electron-vite main input → out/main/index.js). The one file that imports electron at
// run time: it gathers the real modules and hands them to the shell, which takes them as a parameter.
import { join } from 'node:path';
import { app, BrowserWindow, ipcMain, Menu, protocol, screen, session } from 'electron';
import { createCore } from '../core.ts';
import { consoleLogger } from '../log/console-logger.ts';
import { createSettingsStore } from './settings-store.ts';
import { startShell } from './shell.ts';

const log = consoleLogger('app');

// out/main/index.js sits beside out/preload/ and out/renderer/ (also inside app.asar when packaged).
const outDir = join(import.meta.dirname, '..');

startShell(
  { app, BrowserWindow, ipcMain, Menu, protocol, screen, session },
  {
    createSettings: () => createSettingsStore(app.getPath('userData')),
    // The settings (and createSecretCipher(safeStorage, process.platform) from ./safe-storage.ts) go to the
    // core once it takes a vault; today it needs only the host facts.
    createCore: () =>
      createCore({
        host: { kind: 'electron', version: app.getVersion(), platform: process.platform, electronVersion: process.versions.electron },
        log,
      }),
    preloadPath: join(outDir, 'preload', 'index.cjs'),
    rendererRoot: join(outDir, 'renderer'),
    devServerUrl: process.env['ELECTRON_RENDERER_URL'] ?? null,
    platform: process.platform,
    log,
  },
);
