// The update engine of the desktop app: electron-updater's autoUpdater behind main/updates' port. It is told
// the feed at run time (electron-builder.yml has `publish: null`, so the build carries none), never downloads
// or installs on its own, and keeps every check electron-updater makes before an install: the sha512 of
// latest.yml on every download, the publisher's signature on Windows (publisherName), Squirrel's code
// signature on macOS. Nothing here turns one of them off.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CancellationToken, type AppUpdater, type ProgressInfo, type UpdateInfo } from 'electron-updater';
import type { Logger } from '../ports.ts';
import type { UpdateEngine, UpdateFeed } from '../updates/ports.ts';

export interface ElectronUpdateEngineOptions {
  /** electron-updater's autoUpdater (made on first use: it picks the updater for this OS and package). */
  updater(): AppUpdater;
  isPackaged: boolean;
  /** A folder of the app's own (userData/updates): the updater's settings file is written there. */
  configDir: string;
  log: Logger;
  /** Called just before the app quits to install: the tray must let the window close. */
  beforeQuit(): void;
}

/** electron-builder's default for this app ("<name>-updater"): the cache folder of downloaded installers. */
export const updaterCacheDirName = 'relay-console-updater';

export function createElectronUpdateEngine(options: ElectronUpdateEngineOptions): UpdateEngine {
  let updater: AppUpdater | null = null;
  let accept: (version: string) => boolean = () => false;

  const get = (): AppUpdater => {
    if (updater) return updater;
    const made = options.updater();
    // Nothing happens without the admin: no download on a check, no install when the app quits.
    made.autoDownload = false;
    made.autoInstallOnAppQuit = false;
    made.allowDowngrade = false;
    // Web installers may come without a signature check (electron-updater's own note); we build none.
    made.disableWebInstaller = true;
    made.logger = {
      info: (message?: unknown) => options.log.info('updater', { message: String(message).slice(0, 300) }),
      warn: (message?: unknown) => options.log.warn('updater', { message: String(message).slice(0, 300) }),
      error: (message?: unknown) => options.log.warn('updater', { message: String(message).slice(0, 300) }),
    };
    // Our version decision, before electron-updater's own (minimum OS version): it then offers and
    // downloads only a version the Settings screen says is available.
    const builtIn = made.isUpdateSupported;
    made.isUpdateSupported = async (info: UpdateInfo) => accept(info.version) && (await builtIn(info));
    updater = made;
    return made;
  };

  return {
    unsupportedReason: () => (options.isPackaged ? null : 'This is a development build: updates apply to the installed app.'),

    configure(feed: UpdateFeed, decide) {
      accept = decide;
      const u = get();
      // Without a build-time app-update.yml electron-updater still needs its settings file: the cache folder,
      // and on Windows the publisher whose signature an installer must carry (absent: no check, so the
      // service refuses to download there without one).
      mkdirSync(options.configDir, { recursive: true, mode: 0o700 });
      const file = join(options.configDir, 'update-config.json');
      const config = { updaterCacheDirName, ...(feed.windowsPublisherNames ? { publisherName: [...feed.windowsPublisherNames] } : {}) };
      // JSON is YAML: electron-updater reads the file with js-yaml.
      writeFileSync(file, JSON.stringify(config), { mode: 0o600 });
      u.updateConfigPath = file;
      u.setFeedURL({ provider: 'generic', url: feed.url });
    },

    async check() {
      const result = await get().checkForUpdates();
      if (!result) throw Object.assign(new Error('the updater is not active in this installation'), { code: 'ERR_UPDATER_INACTIVE' });
      return { version: result.updateInfo.version };
    },

    async download(onProgress, signal) {
      const u = get();
      const token = new CancellationToken();
      const onAbort = (): void => token.cancel();
      signal.addEventListener('abort', onAbort, { once: true });
      const progress = (info: ProgressInfo): void => onProgress(info.percent);
      // electron-updater reports progress only to listeners present when the download starts.
      u.on('download-progress', progress);
      try {
        await u.downloadUpdate(token);
      } finally {
        u.off('download-progress', progress);
        signal.removeEventListener('abort', onAbort);
      }
    },

    install() {
      options.beforeQuit();
      // Silent install, then start the new version: the admin clicked "Restart to install".
      get().quitAndInstall(true, true);
    },
  };
}
