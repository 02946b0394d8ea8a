// The request context and the few response helpers every handler uses. Every response goes through
// send(), which also records the request log entry.
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { RequestLog } from './request-log.ts';
import type { SimClock } from './clock.ts';

export interface Ctx {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly method: string;
  readonly path: string;
  readonly rawQuery: string;
  /** null for requests that are not logged (the control API). */
  readonly log: RequestLog | null;
  readonly clock: SimClock;
  params: URLSearchParams | null;
  grantType: string | undefined;
  fault: string | undefined;
}

export function createCtx(req: IncomingMessage, res: ServerResponse, log: RequestLog | null, clock: SimClock): Ctx {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  return {
    req,
    res,
    method: req.method ?? 'GET',
    path: q < 0 ? url : url.slice(0, q),
    rawQuery: q < 0 ? '' : url.slice(q + 1),
    log,
    clock,
    params: null,
    grantType: undefined,
    fault: undefined,
  };
}

/** Query parameters, parsed on first use (most hot-path requests have none). */
export function query(ctx: Ctx): URLSearchParams {
  return (ctx.params ??= new URLSearchParams(ctx.rawQuery));
}

export function record(ctx: Ctx, status: number): void {
  ctx.log?.record({
    at: ctx.clock.now(),
    method: ctx.method,
    path: ctx.path,
    rawQuery: ctx.rawQuery,
    headers: ctx.req.headers,
    status,
    grantType: ctx.grantType,
    fault: ctx.fault,
  });
}

export function send(ctx: Ctx, status: number, headers: OutgoingHttpHeaders, body?: string | Buffer): void {
  record(ctx, status);
  const res = ctx.res;
  if (res.headersSent || res.destroyed) return;
  if (body === undefined) {
    res.writeHead(status, headers);
    res.end();
    return;
  }
  headers['content-length'] = typeof body === 'string' ? Buffer.byteLength(body) : body.length;
  res.writeHead(status, headers);
  res.end(body);
}

export type Host = 'api' | 'relay' | 'control';

/** Response headers as each real host sent them (reference §1.0 for api). */
export function jsonHeaders(host: Host): OutgoingHttpHeaders {
  return host === 'api'
    ? { 'content-type': 'application/json; charset=UTF-8', server: 'BlueJeans Proxy' }
    : { 'content-type': 'application/json;charset=UTF-8' };
}

export function sendJson(ctx: Ctx, host: Host, status: number, value: unknown, extra?: OutgoingHttpHeaders): void {
  const headers = jsonHeaders(host);
  if (extra) Object.assign(headers, extra);
  send(ctx, status, headers, JSON.stringify(value));
}

export const sendEmpty = (ctx: Ctx, status = 204): void => send(ctx, status, {});

export const sendHtml = (ctx: Ctx, status: number, html: string): void =>
  send(ctx, status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }, html);

export const redirect = (ctx: Ctx, location: string): void => send(ctx, 302, { location, 'cache-control': 'no-store' });

export const MAX_BODY = 1024 * 1024;

export type BodyResult = { ok: true; text: string } | { ok: false; reason: 'too_large' };

export function readBody(ctx: Ctx, limit = MAX_BODY): Promise<BodyResult> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    ctx.req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) over = true;
      else chunks.push(chunk);
    });
    ctx.req.on('end', () => resolve(over ? { ok: false, reason: 'too_large' } : { ok: true, text: Buffer.concat(chunks).toString('utf8') }));
    ctx.req.on('error', reject);
  });
}

export type JsonResult = { ok: true; value: unknown } | { ok: false; reason: 'too_large' | 'malformed' };

/** The body as JSON; an empty body is `undefined`. */
export async function readJson(ctx: Ctx): Promise<JsonResult> {
  const body = await readBody(ctx);
  if (!body.ok) return body;
  if (body.text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(body.text) as unknown };
  } catch {
    return { ok: false, reason: 'malformed' };
  }
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
export const isLoopback = (address: string | undefined): boolean =>
  address !== undefined && (LOOPBACK.has(address) || address.startsWith('127.') || address.startsWith('::ffff:127.'));
