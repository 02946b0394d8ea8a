// app://relay/… serves the built renderer (out/renderer) instead of file://, so the page has a real origin,
// file:// keeps no special powers over it, and every response carries the CSP and security headers.
import { resolve } from 'node:path';
import type { CustomScheme } from 'electron';
import { contentSecurityPolicy, securityHeaders } from '../security/csp.ts';
import { readStaticFile, type StaticFile } from '../preview/static-files.ts';
import { appHost, appScheme } from './app-origin.ts';

/**
 * Registered before `ready` (Electron allows it only then). `standard` gives the scheme real origins and
 * relative URL resolution, `secure` makes it a secure context, `corsEnabled` lets Vite's
 * `<script type="module" crossorigin>` load (module scripts are always fetched in CORS mode; electron-serve
 * registers its scheme the same way). Nothing here bypasses the CSP.
 */
export const appSchemePrivileges: CustomScheme = {
  scheme: appScheme,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
};

/** The part of a protocol request the handler reads; Electron passes a full fetch Request. */
export interface AppRequest {
  url: string;
  method: string;
}

export interface AppProtocolOptions {
  /** The built renderer folder (out/renderer, inside app.asar when packaged). */
  root: string;
  read?: (root: string, urlPath: string) => Promise<StaticFile | null>;
}

function headers(extra: Record<string, string>): Headers {
  return new Headers({ 'content-security-policy': contentSecurityPolicy(), ...securityHeaders, ...extra });
}

function refuse(status: 403 | 404 | 405, text: string): Response {
  return new Response(text, { status, headers: headers({ 'content-type': 'text/plain; charset=utf-8' }) });
}

/** The path as the caller wrote it, before URL parsing folds `..` away: traversal is refused, not silently fixed. */
function rawPath(url: string): string | null {
  const path = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '').split(/[?#]/)[0] ?? '';
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}

export function createAppProtocolHandler(options: AppProtocolOptions): (request: AppRequest) => Promise<Response> {
  const root = resolve(options.root);
  const read = options.read ?? readStaticFile;
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, 'Method not allowed');
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return refuse(404, 'Not found');
    }
    if (url.host.toLowerCase() !== appHost) return refuse(404, 'Not found');
    const path = rawPath(request.url);
    if (path === null || path.includes('\0') || path.includes('\\') || path.split('/').includes('..')) {
      return refuse(403, 'Forbidden');
    }
    const file = await read(root, url.pathname);
    if (!file) return refuse(404, 'Not found');
    const body = request.method === 'HEAD' ? null : new Uint8Array(file.body);
    return new Response(body, { status: 200, headers: headers({ 'content-type': file.contentType, 'cache-control': 'no-cache' }) });
  };
}
