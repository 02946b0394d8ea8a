// What an HTTP answer means, shared by HttpClient and the poller's FastGet so both say the same words:
// a 2xx body checked (no web page, valid JSON, zod), a non-2xx turned into an HttpError with the status in
// words, the server's own sentence and Retry-After on a 429.
import type { z } from 'zod';
import type { ErrorCode } from '../../contract/index.ts';
import { HttpError, codeForStatus, parseRetryAfter, sentenceForStatus } from './errors.ts';
import { readServerError } from './server-error.ts';

/** The 2xx body as the schema's value; an empty body is given to the schema as `undefined`. */
export function acceptAnswer<T>(schema: z.ZodType<T>, host: string, raw: Buffer, contentType: string): T {
  let value: unknown = undefined;
  if (raw.length > 0) {
    if (/html/i.test(contentType) || looksLikeHtml(raw)) {
      throw new HttpError('bad_response', `${host} answered with a web page instead of data. Check the address.`);
    }
    try {
      value = JSON.parse(raw.toString('utf8'));
    } catch {
      throw new HttpError('bad_response', `${host} answered with something that is not valid JSON.`);
    }
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.join('.') || 'the answer';
    throw new HttpError('bad_response', `${host} answered in a shape Relay Console does not understand (at ${where}).`);
  }
  return parsed.data;
}

export interface FailedAnswer {
  host: string;
  status: number;
  raw: Buffer;
  contentType: string;
  retryAfter: string | string[] | undefined;
  now: number;
  /** The call's own words for a failure code. */
  messages?: Partial<Record<ErrorCode, string>>;
  /** Takes secrets out of the sentence. */
  scrub: (text: string) => string;
  /** The caller tries again by itself (the poller's calls): server trouble says so. */
  willRetry?: boolean;
}

export function failureFromAnswer(a: FailedAnswer): HttpError {
  if (a.status >= 300 && a.status < 400) {
    return new HttpError('bad_response', `${a.host} redirected the request elsewhere (HTTP ${a.status}). Check the address.`, { status: a.status });
  }
  const code = codeForStatus(a.status);
  let said: ReturnType<typeof readServerError> = {};
  if (a.raw.length > 0 && !/html/i.test(a.contentType)) {
    try {
      said = readServerError(JSON.parse(a.raw.toString('utf8')));
    } catch {
      // A non-JSON error body: the status alone tells what happened.
    }
  }
  const retryAfterMs = code === 'rate_limited' ? parseRetryAfter(a.retryAfter, a.now) : undefined;
  let sentence = a.messages?.[code] ?? sentenceForStatus(code, a.host, a.status, a.willRetry);
  if (retryAfterMs !== undefined) sentence += ` Retry in ${Math.ceil(retryAfterMs / 1000)} s.`;
  if (said.message) sentence += ` (The server said: "${said.message}")`;
  // A web page with a 5xx is a gateway's error page (the address is right); with another status it is
  // most likely a portal or login page at a wrong address.
  else if (code !== 'server_error' && (/html/i.test(a.contentType) || looksLikeHtml(a.raw))) sentence += ' It answered with a web page, not data: check the address.';
  return new HttpError(code, a.scrub(sentence), { status: a.status, retryAfterMs, serverCode: said.code });
}

export function tooLarge(host: string, maxBytes: number): HttpError {
  return new HttpError('bad_response', `${host} sent an answer larger than ${Math.round(maxBytes / 1024)} KB; it was not read.`);
}

/** Byte-wise, so the hot path does not decode a string per answer. */
export function looksLikeHtml(raw: Buffer): boolean {
  let i = 0;
  while (i < raw.length && i < 64 && (raw[i] === 0x20 || raw[i] === 0x0a || raw[i] === 0x0d || raw[i] === 0x09)) i++;
  return raw[i] === 0x3c && /^<(!doctype|html)/i.test(raw.subarray(i, i + 16).toString('latin1'));
}
