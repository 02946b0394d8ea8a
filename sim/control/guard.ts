// Who may use the control API over HTTP: the simulator ships inside the app (demo mode), and any web page
// the user opens can send requests to a loopback port. So, as the preview host's bridge does
// (main/preview/host.ts): a loopback caller, the sim's own Host (which stops DNS rebinding), no foreign
// Origin, and the per-run token in a header, which a cross-site page cannot send without a CORS
// preflight that the sim never grants.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isLoopback } from '../http.ts';

export const CONTROL_TOKEN_HEADER = 'x-sim-control-token';

export interface Refusal {
  status: number;
  error: string;
}

export function controlRefusal(req: IncomingMessage, token: string, port: number): Refusal | null {
  if (!isLoopback(req.socket.remoteAddress)) return { status: 403, error: 'The control API answers loopback callers only' };
  const own = [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
  if (!own.includes(req.headers.host ?? '')) return { status: 421, error: 'The control API answers requests for its own address only' };
  const origin = req.headers.origin;
  if (origin !== undefined && !own.some((h) => origin === `http://${h}`)) return { status: 403, error: 'The control API refuses requests from other sites' };
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return { status: 403, error: 'The control API refuses requests from other sites' };
  if (req.method === 'OPTIONS') return { status: 403, error: 'The control API does not answer cross-origin preflights' };
  if (!tokenMatches(req.headers[CONTROL_TOKEN_HEADER], token)) {
    return { status: 401, error: `The control API needs this run's control token in the ${CONTROL_TOKEN_HEADER} header (npm run sim prints it)` };
  }
  return null;
}

function tokenMatches(candidate: string | string[] | undefined, token: string): boolean {
  if (typeof candidate !== 'string') return false;
  const a = Buffer.from(candidate);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}
