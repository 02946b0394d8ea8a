// Where the app's own page lives, and the one test of "is this URL our page?" that the IPC sender check,
// the protocol handler and the window all share. Parsed origins are compared, never string prefixes
// (security checklist item 13): `app://relay.evil.example` must not pass for `app://relay`.

export const appScheme = 'app';
export const appHost = 'relay';
/** The page the window loads in a build (not in `electron-vite dev`). */
export const appEntryUrl = `${appScheme}://${appHost}/index.html`;

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True for a URL on app://relay. */
export function isAppUrl(url: string): boolean {
  const u = parse(url);
  // `app:` is not a WHATWG special scheme, so URL.origin is "null" for it: compare scheme and host instead.
  return u !== null && u.protocol === `${appScheme}:` && u.host.toLowerCase() === appHost;
}

/**
 * True when `url` is the app's own page: app://relay, or, in development only, the electron-vite dev
 * server (`devServerUrl`, from ELECTRON_RENDERER_URL; the caller passes null in a packaged app).
 */
export function isTrustedPageUrl(url: string, devServerUrl: string | null): boolean {
  if (isAppUrl(url)) return true;
  if (!devServerUrl) return false;
  const u = parse(url);
  const dev = parse(devServerUrl);
  return u !== null && dev !== null && (u.protocol === 'http:' || u.protocol === 'https:') && u.origin === dev.origin;
}
