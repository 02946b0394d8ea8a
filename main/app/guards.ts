// Denials for everything a web page could ask the browser for. The renderer is one local page that needs
// no navigation, no pop-ups, no <webview> and no permission (camera, notifications, geolocation, …).
import type { Session, WebContents } from 'electron';
import type { Logger } from '../ports.ts';

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

/** Electron grants every permission by default; the app needs none. */
export function guardSession(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>,
): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
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
