// One Content-Security-Policy for the renderer, wherever it is served from: the app:// protocol in
// Electron, the preview host in a browser, the dev server of `electron-vite dev`. No remote scripts, no
// eval, no inline script.

export interface CspOptions {
  /** Extra connect-src sources, e.g. the preview host's own ws:// origin. Electron needs none. */
  connect?: readonly string[];
  /** The dev server's per-run nonce for the <style> elements its client injects; never in a build. */
  styleNonce?: string;
}

export function contentSecurityPolicy(options: CspOptions = {}): string {
  const connect = ["'self'", ...(options.connect ?? [])].join(' ');
  const style = ["'self'", ...(options.styleNonce ? [`'nonce-${options.styleNonce}'`] : [])].join(' ');
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src ${style}`,
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${connect}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

/** A Host header a dev server on this machine may be reached by (the only ones its live-reload socket may use). */
const loopbackHost = /^(localhost|127\.0\.0\.1|\[::1\]):\d{1,5}$/;

/**
 * The dev server's page (`electron-vite dev`): the same policy as app://, plus the dev server's own
 * machinery — its live-reload socket on the same host, and the CSS its client injects as <style>
 * elements carrying the run's nonce. Scripts stay 'self' only (electron.vite.config.ts serves React
 * Refresh's preamble as a module, not inline).
 */
export function devServerContentSecurityPolicy(hostHeader: string | undefined, styleNonce: string): string {
  const hmr = hostHeader !== undefined && loopbackHost.test(hostHeader) ? [`ws://${hostHeader}`] : [];
  return contentSecurityPolicy({ connect: hmr, styleNonce });
}

/** Headers sent with every renderer file, beside the CSP. */
export const securityHeaders: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};
