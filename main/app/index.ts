// The Electron entry (electron-vite main input → out/main/index.js). The one file that imports electron at
// run time: it gathers the real modules and hands them to the shell, which takes them as a parameter.
import { join } from 'node:path';
import { app, BrowserWindow, dialog, globalShortcut, ipcMain, Menu, nativeImage, Notification, protocol, safeStorage, screen, session, shell, Tray } from 'electron';
// CommonJS: its autoUpdater is a getter the ESM loader cannot see as a named export.
import electronUpdater from 'electron-updater';
import { createCore } from '../core.ts';
import { consoleLogger } from '../log/console-logger.ts';
import { trayIconDir } from '../desktop/tray-icons.ts';
import { policyFilePath, readUpdatePolicy } from '../updates/policy.ts';
import { createOpenBrowser } from './open-browser.ts';
import { createSecretCipher } from './safe-storage.ts';
import { createSettingsStore } from './settings-store.ts';
import { startShell } from './shell.ts';
import { createElectronUpdateEngine } from './updater.ts';

const log = consoleLogger('app');

// out/main/index.js sits beside out/preload/ and out/renderer/ (also inside app.asar when packaged).
const outDir = join(import.meta.dirname, '..');
const iconDir = trayIconDir({ isPackaged: app.isPackaged, resourcesPath: process.resourcesPath, appPath: app.getAppPath() });

// Windows shows notifications only for an app whose AppUserModelID matches its Start-menu shortcut; the
// NSIS installer sets the shortcut's to the appId.
if (process.platform === 'win32') app.setAppUserModelId('com.relayconsole.app');

startShell(
  { app, BrowserWindow, ipcMain, Menu, protocol, screen, session },
  {
    createSettings: () => createSettingsStore(app.getPath('userData'), log),
    // Secrets are encrypted with safeStorage (the OS keychain); the desktop runtime (tray, notifications,
    // shortcut) gets the desktop settings.
    createCore: ({ settings, desktop, prepareQuit }) =>
      createCore({
        host: { kind: 'electron', version: app.getVersion(), platform: process.platform, electronVersion: process.versions.electron },
        log,
        settings,
        cipher: createSecretCipher(safeStorage, process.platform),
        openBrowser: createOpenBrowser(shell),
        ...(desktop ? { desktop } : {}),
        // Off unless the policy file or Settings names a feed (electron-builder.yml has publish: null).
        updates: {
          engine: createElectronUpdateEngine({
            updater: () => electronUpdater.autoUpdater,
            isPackaged: app.isPackaged,
            configDir: join(app.getPath('userData'), 'updates'),
            log,
            beforeQuit: prepareQuit,
          }),
          policy: readUpdatePolicy(policyFilePath(process.platform, process.env)),
        },
      }),
    preloadPath: join(outDir, 'preload', 'index.cjs'),
    rendererRoot: join(outDir, 'renderer'),
    devServerUrl: process.env['ELECTRON_RENDERER_URL'] ?? null,
    platform: process.platform,
    log,
    desktop: {
      electron: { Tray, Menu, nativeImage, Notification, globalShortcut, dialog, loginItems: app },
      trayIconDir: iconDir,
      appIcon: join(iconDir, 'app-256.png'),
      argv: process.argv,
      // Test-only: the Electron tests read the tray menu model through this; never on unless asked.
      testHooks: process.env['RELAY_CONSOLE_TEST_HOOKS'] === '1',
    },
  },
);
