// Error bodies. Relay: `{errorCode, errorName, errorMessage, errorDetails}` (reference §2.6); entries the
// catalog documents keep their code, the rest are our choice (code = a stable hash of the name).
// OAuth (api side): the shape is a gap in the reference; ours is `{code, message, error}` (see README).

export interface RelayErrorBody {
  errorCode: number;
  errorName: string;
  errorMessage: string;
  errorDetails: Record<string, unknown>;
}

interface CatalogEntry {
  status: number;
  code: number;
  message: string;
}

/** FNV-1a of the name, kept positive: a stable code for errors the public catalog did not show. */
function codeFor(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return (h >>> 1) | 0;
}

const ours = (status: number, name: string, message: string): CatalogEntry => ({ status, code: codeFor(name), message });

export const relayCatalog = {
  // From the public catalog [R-ERR] / failure records [RFAIL]:
  BadCredentialsException: { status: 401, code: 1285563821, message: 'Not Authorized.' },
  ListenerOffline: { status: 504, code: 208581637, message: 'The Listener Service is offline.' },
  CommandTimedOut: { status: 504, code: 1331991805, message: 'The command timed out: the Endpoint did not answer its Listener Service.' },
  DuplicateCalendarId: { status: 400, code: 1782937294, message: 'Another Endpoint already uses this calendar id.' },
  // Our choice:
  AccessDenied: ours(403, 'AccessDenied', 'Access is denied.'),
  NotFound: ours(404, 'NotFound', 'No such resource.'),
  EndpointNotFound: ours(404, 'EndpointNotFound', 'No such Endpoint.'),
  AccessTokenNotFound: ours(404, 'AccessTokenNotFound', 'No such access token.'),
  PairingCodeNotFound: ours(404, 'PairingCodeNotFound', 'No such pairing code.'),
  InvalidPairingCode: ours(400, 'InvalidPairingCode', 'The pairing code is not valid.'),
  MethodNotAllowed: ours(405, 'MethodNotAllowed', 'Method not allowed.'),
  InvalidRequest: ours(400, 'InvalidRequest', 'The request is not valid.'),
  DuplicateEndpointName: ours(400, 'DuplicateEndpointName', 'Another Endpoint already has this name.'),
  UnknownListenerService: ours(400, 'UnknownListenerService', 'There is no Listener Service with this id.'),
  InvalidAddress: ours(400, 'InvalidAddress', 'The address is not an IP address or a host name.'),
  ListenerServiceNotFound: ours(404, 'ListenerServiceNotFound', 'No such Listener Service.'),
  MalformedJson: ours(400, 'MalformedJson', 'The request body is not valid JSON.'),
  PayloadTooLarge: ours(413, 'PayloadTooLarge', 'The request body is too large.'),
  EndpointNotInCall: ours(409, 'EndpointNotInCall', 'The Endpoint is not in a call.'),
  EndpointBusy: ours(409, 'EndpointBusy', 'The Endpoint is already dialing or in a call; hang up first.'),
  TooManyRequests: ours(429, 'TooManyRequests', 'Rate limit exceeded: keep below 2 requests per second.'),
  InternalServerError: ours(500, 'InternalServerError', 'Internal server error.'),
  BadGateway: ours(502, 'BadGateway', 'Bad gateway.'),
  ServiceUnavailable: ours(503, 'ServiceUnavailable', 'Service unavailable.'),
} satisfies Record<string, CatalogEntry>;

export type RelayErrorName = keyof typeof relayCatalog;

export function relayError(
  name: RelayErrorName,
  message?: string,
  details: Record<string, unknown> = {},
): { status: number; body: RelayErrorBody } {
  const entry = relayCatalog[name];
  return {
    status: entry.status,
    body: { errorCode: entry.code, errorName: name, errorMessage: message ?? entry.message, errorDetails: details },
  };
}

/** Relay error for an HTTP status the fault injector chose. */
export function relayErrorForStatus(status: number): { status: number; body: RelayErrorBody } {
  const name: RelayErrorName = status === 502 ? 'BadGateway' : status === 503 ? 'ServiceUnavailable' : 'InternalServerError';
  const e = relayError(name);
  return { status, body: e.body };
}

export interface OAuthErrorBody {
  /** The HTTP status again, as in the error bodies a live integration saw ({code, message}). */
  code: number;
  message: string;
  /** An RFC 6749 error word, so a client can tell the cases apart without parsing the message. */
  error: string;
}

export const oauthError = (status: number, error: string, message: string): { status: number; body: OAuthErrorBody } => ({
  status,
  body: { code: status, message, error },
});
