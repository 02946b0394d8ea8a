// Every HTTP failure becomes an AppError with a code the UI can act on and a sentence a person can read.
import type { ErrorCode } from '../../contract/index.ts';
import { AppError } from '../ipc/app-error.ts';

export interface HttpErrorDetails {
  status?: number;
  /** 429: how long the server asked us to wait. */
  retryAfterMs?: number;
  /** Relay `errorName` or OAuth `error`, when the server sent one. */
  serverCode?: string;
}

export class HttpError extends AppError {
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  readonly serverCode: string | undefined;
  constructor(code: ErrorCode, message: string, details: HttpErrorDetails = {}, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'HttpError';
    this.status = details.status;
    this.retryAfterMs = details.retryAfterMs;
    this.serverCode = details.serverCode;
  }
}

export function codeForStatus(status: number): ErrorCode {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server_error';
  return 'rejected';
}

/** `willRetry`: the caller tries again by itself (the poller's calls), so a passing fault needs nobody. */
export function sentenceForStatus(code: ErrorCode, host: string, status: number, willRetry = false): string {
  switch (code) {
    case 'unauthorized':
      return `${host} did not accept the credentials.`;
    case 'forbidden':
      return `${host} refused: this account is not allowed to do that.`;
    case 'not_found':
      return `${host} does not know that item (HTTP 404).`;
    case 'conflict':
      return `${host} refused the change because of a conflict (HTTP 409).`;
    case 'rate_limited':
      return `${host} asks Relay Console to slow down (too many requests).`;
    case 'server_error':
      // 5xx: the server or a gateway in front of it (often an nginx page) is in trouble; the address is right.
      return willRetry ? `The server is having trouble (HTTP ${status}); Relay Console will retry.` : `The server is having trouble (HTTP ${status}). Try again in a moment.`;
    default:
      return `${host} refused the request (HTTP ${status}).`;
  }
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EPIPE',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_DESTROYED',
]);
const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);

/** The server took longer than it may: a header or between-chunk timeout, or the request's total deadline. */
export function timeoutError(host: string, ms: number, cause?: unknown): HttpError {
  return new HttpError('timeout', `${host} did not answer within ${Math.round(ms / 100) / 10} s.`, {}, cause === undefined ? undefined : { cause });
}

/** A failure below HTTP (no status): offline, timeout, cancelled, or a bug. */
export function transportError(error: unknown, host: string, timeoutMs: number): AppError {
  if (error instanceof AppError) return error;
  const code = errorCodeOf(error);
  if (code !== undefined && TIMEOUT_CODES.has(code)) return timeoutError(host, timeoutMs, error);
  if (code === 'UND_ERR_ABORTED' || code === 'ABORT_ERR' || (error instanceof Error && error.name === 'AbortError')) {
    return new HttpError('cancelled', 'The request was cancelled.', {}, { cause: error });
  }
  if (code !== undefined && (NETWORK_CODES.has(code) || code.startsWith('E'))) {
    return new HttpError('offline', `Could not reach ${host}. Check the address and the network connection.`, {}, { cause: error });
  }
  if (code === 'HPE_INVALID_CONSTANT' || code?.startsWith('HPE_')) {
    return new HttpError('bad_response', `${host} did not answer in HTTP. Check the address.`, {}, { cause: error });
  }
  return new HttpError('offline', `The connection to ${host} failed.`, {}, { cause: error });
}

function errorCodeOf(error: unknown): string | undefined {
  // undici wraps socket errors; the useful code may sit on the cause.
  for (let e: unknown = error, depth = 0; e && depth < 4; depth++) {
    if (typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string') return e.code;
    e = typeof e === 'object' && e !== null && 'cause' in e ? e.cause : undefined;
  }
  return undefined;
}

/** Retry-After as delta-seconds or an HTTP date (RFC 9110 §10.2.3), in ms from now; undefined if absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, now: number): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw) return undefined;
  if (/^\d+$/.test(raw.trim())) return Number(raw.trim()) * 1000;
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
