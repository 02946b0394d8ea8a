// Errors cross every boundary as plain values: a stable machine code and a sentence a person can read.

export const errorCodes = [
  'invalid_input', // the payload did not match the channel's schema
  'unknown_channel', // no such channel in the contract
  'forbidden_sender', // the call did not come from the app's own page
  'bad_message', // a bridge message that is not JSON or not {id, channel, payload}
  'offline', // the server could not be reached
  'timeout',
  'unauthorized', // credentials rejected or expired
  'forbidden', // the token's role does not allow this
  'not_found',
  'rate_limited',
  'server_error',
  'bad_response', // the server answered with something we could not read
  'conflict',
  'rejected', // the server refused the request as invalid (HTTP 400, 422, …)
  'cancelled',
  'unavailable', // the feature is not available on this host (e.g. no Electron)
  'not_saved', // the change holds for this session, but it could not be written to disk
  'busy', // too many calls at once from one page: wait for the answers, then ask again
  'internal', // a bug: the message never carries details of the failure
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export interface AppErrorBody {
  code: ErrorCode;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorBody };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string): { ok: false; error: AppErrorBody } => ({
  ok: false,
  error: { code, message },
});

export function isErrorCode(value: unknown): value is ErrorCode {
  return (errorCodes as readonly unknown[]).includes(value);
}
