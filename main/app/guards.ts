// Denials for everything a web page could ask the browser for. The renderer is one local page that needs
// no navigation, no pop-ups, no <webview>, no download and no permission (camera, notifications, …).
import type { Session, WebContents } from 'electron';
import type { Logger } from '../ports.ts';
import { isTrustedPageUrl } from './app-origin.ts';

/** Applied to every WebContents the app creates (`web-contents-created`), not only the main window. */
export function guardWebContents(contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>, log: Logger): void {
  contents.on('will-navigate', (event) => {
    event.preventDefault();
    log.warn('navigation refused', { to: originOf(event.url) });
  });
  contents.on('will-frame-navigate', (event) => {
    // Sub-frames too (the CSP already forbids frames; this is the second lock).
    if (!event.isMainFrame) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('webview refused');
  });
  // Links the renderer wants opened in a browser go through main (the OpenBrowser port), which decides
  // what is safe to open; a page-initiated window.open or target=_blank gets nothing.
  contents.setWindowOpenHandler(({ url }) => {
    log.warn('new window refused', { to: originOf(url) });
    return { action: 'deny' };
  });
}

export type GuardedSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler' | 'on'>;

/**
 * Electron grants every permission by default and saves every download a page starts. The app needs no
 * permission, and one kind of download: a file the app's own page made itself (the event log's CSV, a
 * `blob:` URL of the page's origin). Every other download is refused.
 */
export function guardSession(session: GuardedSession, log: Logger, devServerUrl: string | null): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.on('will-download', (event, item) => {
    const url = item.getURL();
    if (isOwnBlob(url, devServerUrl)) return;
    event.preventDefault();
    log.warn('download refused', { from: originOf(url) });
  });
}

/** A `blob:` URL made by the app's own page: its origin (after "blob:") is the page's. */
function isOwnBlob(url: string, devServerUrl: string | null): boolean {
  if (!url.startsWith('blob:')) return false;
  return isTrustedPageUrl(url.slice('blob:'.length), devServerUrl);
}

/** Logs carry where a refused request pointed, never its path or query (those may hold tokens). */
function originOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return 'unparseable URL';
  }
}
