// electron-updater's own updater classes, run under plain Node: an AppAdapter in place of Electron's app, and
// an HTTP executor over node:http in place of Chromium's net (the only two parts that need Electron). The
// feed parsing, the version check, the download and its sha512 and signature checks are electron-updater's.
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest, type ClientRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configureRequestOptions, configureRequestUrl, HttpExecutor, type DownloadOptions } from 'builder-util-runtime';
import { DebUpdater, NsisUpdater, type AppUpdater } from 'electron-updater';
import type { AppAdapter } from 'electron-updater/out/AppAdapter.js';

/** builder-util-runtime's HttpExecutor over node:http; download() is ElectronHttpExecutor's, on Node's request. */
class NodeHttpExecutor extends HttpExecutor<ClientRequest> {
  createRequest(options: RequestOptions, callback: (response: IncomingMessage) => void): ClientRequest {
    return (options.protocol === 'https:' ? httpsRequest : httpRequest)(options, callback);
  }
  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return options.cancellationToken.createPromise((resolve, reject, onCancel) => {
      const requestOptions: RequestOptions = { headers: options.headers ?? undefined };
      configureRequestUrl(url, requestOptions);
      configureRequestOptions(requestOptions);
      this.doDownload(requestOptions, { destination, options, onCancel, callback: (error) => (error == null ? resolve(destination) : reject(error)), responseHandler: null }, 0);
    });
  }
}

export interface NodeUpdater {
  updater: AppUpdater;
  /** A temporary folder for the cache and the updater's settings; removed by dispose(). */
  dir: string;
  quits: number;
  dispose(): void;
}

export function makeNodeUpdater(kind: 'deb' | 'nsis', version: string): NodeUpdater {
  const dir = mkdtempSync(join(tmpdir(), 'relay-updater-'));
  const state = { quits: 0 };
  const app: AppAdapter = {
    version,
    name: 'Relay Console',
    isPackaged: true,
    appUpdateConfigPath: join(dir, 'app-update.yml'),
    userDataPath: dir,
    baseCachePath: join(dir, 'cache'),
    whenReady: () => Promise.resolve(),
    relaunch: () => undefined,
    quit: () => void state.quits++,
    onQuit: () => undefined,
  };
  const updater: AppUpdater = kind === 'deb' ? new DebUpdater(null, app) : new NsisUpdater(null, app);
  // The NSIS updater reads latest.yml on any OS when told it runs on Windows (electron-builder's own tests do
  // the same); full downloads only, as there is no installed version to diff against.
  Object.assign(updater, {
    httpExecutor: new NodeHttpExecutor(),
    ...(kind === 'nsis' ? { _testOnlyOptions: { platform: 'win32', isUseDifferentialDownload: false } } : {}),
  });
  updater.logger = null;
  return {
    updater,
    dir,
    get quits() {
      return state.quits;
    },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
