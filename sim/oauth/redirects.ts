// Which redirect URLs an app may use: a registered URL or a sub-URL of one (reference §1.4), and, for
// native apps, any http loopback IP literal on any port (RFC 8252 §7.3). `localhost` is refused, as the
// real service did.
import type { OAuthApp } from '../world/accounts.ts';

export function redirectAllowed(app: OAuthApp, uri: string): boolean {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return false;
  }
  if (url.hash || url.username || url.password) return false;
  if (url.hostname === 'localhost') return false;
  if (url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === '[::1]')) return true;
  return app.redirectUrls.some((r) => uri === r || uri.startsWith(r.endsWith('/') ? r : `${r}/`) || uri.startsWith(`${r}?`));
}

/** Appends query parameters to a redirect URL, keeping the ones it already has. */
export function withParams(uri: string, params: Record<string, string>): string {
  const url = new URL(uri);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.toString();
}
