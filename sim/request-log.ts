// The request log tests read. Recording must stay cheap on the hot path (thousands of requests a second),
// so an entry keeps references to what node already parsed and secrets are masked only when read.
import type { IncomingHttpHeaders } from 'node:http';

export interface LogEntry {
  /** Sim time of the response (ms). */
  at: number;
  method: string;
  /** The path, with a token in it (DELETE/GET /api/auth/accesstokens/:token) masked. */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** HTTP status sent; 0 when the fault injector reset or stalled the connection. */
  status: number;
  /** grant_type of a POST /oauth2/token body. */
  bodyGrantType?: string;
  /** The injected fault that answered, if one did. */
  fault?: string;
}

export interface RawLogEntry {
  at: number;
  method: string;
  path: string;
  rawQuery: string;
  headers: IncomingHttpHeaders;
  status: number;
  grantType: string | undefined;
  fault: string | undefined;
}

export interface RequestLog {
  record(entry: RawLogEntry): void;
  /** Oldest first, masked. */
  entries(): LogEntry[];
  clear(): void;
}

export const MASK = '***';

const SECRET_PARAMS = new Set([
  'access_token', 'accesstoken', 'seamaccesstoken', 'code', 'password', 'client_secret', 'clientsecret',
  'refresh_token', 'passcode', 'meetingpasscode', 'token', 'x-access-token',
]);

const SECRET_HEADERS = new Set(['x-access-token', 'cookie', 'set-cookie']);

export function maskQuery(rawQuery: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!rawQuery) return out;
  for (const [key, value] of new URLSearchParams(rawQuery)) {
    out[key] = SECRET_PARAMS.has(key.toLowerCase()) && value !== '' ? MASK : value;
  }
  return out;
}

export function maskHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, raw] of Object.entries(headers)) {
    if (raw === undefined) continue;
    const value = Array.isArray(raw) ? raw.join(', ') : raw;
    if (key === 'authorization' || key === 'proxy-authorization') {
      // Keep the scheme word: tests check which scheme a client used, never the secret.
      const space = value.indexOf(' ');
      out[key] = space > 0 ? `${value.slice(0, space)} ${MASK}` : MASK;
    } else out[key] = SECRET_HEADERS.has(key) ? MASK : value;
  }
  return out;
}

const TOKEN_PATH = /^(\/api\/auth\/accesstokens\/)[^/]+/;
export const maskPath = (path: string): string => path.replace(TOKEN_PATH, `$1${MASK}`);

export function createRequestLog(capacity = 10_000): RequestLog {
  let ring: (RawLogEntry | undefined)[] = new Array<RawLogEntry | undefined>(capacity);
  let next = 0;
  let size = 0;
  return {
    record(entry) {
      ring[next] = entry;
      next = (next + 1) % capacity;
      if (size < capacity) size++;
    },
    entries() {
      const out: LogEntry[] = [];
      for (let i = 0; i < size; i++) {
        const raw = ring[(next - size + i + capacity) % capacity];
        if (!raw) continue;
        const entry: LogEntry = {
          at: raw.at,
          method: raw.method,
          path: maskPath(raw.path),
          query: maskQuery(raw.rawQuery),
          headers: maskHeaders(raw.headers),
          status: raw.status,
        };
        if (raw.grantType !== undefined) entry.bodyGrantType = raw.grantType;
        if (raw.fault !== undefined) entry.fault = raw.fault;
        out.push(entry);
      }
      return out;
    },
    clear() {
      ring = new Array<RawLogEntry | undefined>(capacity);
      next = 0;
      size = 0;
    },
  };
}
