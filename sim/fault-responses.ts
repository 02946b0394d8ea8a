// What each injected fault does to the connection, as a plain HTTP client sees it.
import type { ServerResponse } from 'node:http';
import { oauthError, relayError, relayErrorForStatus } from './errors.ts';
import type { FaultInfo } from './faults.ts';
import { jsonHeaders, record, send, type Ctx, type Host } from './http.ts';

const DEFAULT_HUGE = 8 * 1024 * 1024;
const DEFAULT_DRIP_GAP_MS = 3_000;
const DEFAULT_DRIP_BYTES = 4096;

function errorBody(host: Host, status: number): unknown {
  return host === 'relay' ? relayErrorForStatus(status).body : oauthError(status, 'server_error', `Simulated ${status}`).body;
}

function htmlPage(status: number): string {
  const title = status === 503 ? '503 Service Temporarily Unavailable' : status === 500 ? '500 Internal Server Error' : '502 Bad Gateway';
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

/** A valid JSON document of exactly `bytes` bytes (at least 16). */
function hugeJson(bytes: number): Buffer {
  const size = Math.max(16, bytes);
  const buf = Buffer.alloc(size, 0x78); // 'x'
  buf.write('{"padding":"', 0, 'latin1');
  buf.write('"}', size - 2, 'latin1');
  return buf;
}

/** Answers (or refuses to answer) the request as the fault says. `stalled` tracks open stalls and drips for close(). */
export function applyFault(ctx: Ctx, host: Host, fault: FaultInfo, stalled: Set<ServerResponse>): void {
  ctx.fault = fault.kind;
  switch (fault.kind) {
    case 'status': {
      const status = fault.status ?? 500;
      return send(ctx, status, jsonHeaders(host), JSON.stringify(errorBody(host, status)));
    }
    case 'rate_limit': {
      const headers = jsonHeaders(host);
      const sec = fault.retryAfterSec ?? 1;
      headers['retry-after'] = fault.retryAfterAsDate ? new Date(ctx.clock.now() + sec * 1000).toUTCString() : String(sec);
      const body = host === 'relay' ? relayError('TooManyRequests').body : oauthError(429, 'rate_limited', 'Too many requests').body;
      return send(ctx, 429, headers, JSON.stringify(body));
    }
    case 'malformed_json':
      // Cut off mid-document, with a JSON content type and a 200: the parser must fail, not the transport.
      return send(ctx, 200, jsonHeaders(host), '{"endpointId":"5f8772d7e16c9da04f43df5e","callActive":tr');
    case 'html': {
      const status = fault.status ?? 502;
      return send(ctx, status, { 'content-type': 'text/html', server: 'nginx' }, htmlPage(status));
    }
    case 'huge_body':
      return send(ctx, 200, jsonHeaders(host), hugeJson(fault.bytes ?? DEFAULT_HUGE));
    case 'reset':
      record(ctx, 0);
      // A TCP RST, not a clean FIN: what a crashed proxy or a dropped connection looks like.
      ctx.req.socket.resetAndDestroy();
      return;
    case 'stall': {
      record(ctx, 0);
      const res = ctx.res;
      const headers = jsonHeaders(host);
      headers['content-length'] = 4096;
      res.writeHead(200, headers);
      res.write('{"endpointId":"');
      // Nothing more is ever written; close() (or the client giving up) ends it.
      stalled.add(res);
      res.on('close', () => stalled.delete(res));
      return;
    }
    case 'slow_drip': {
      // A server (or a proxy) that is alive but hardly sends: each byte comes before any between-chunk
      // timeout fires, so only a total deadline per request ends it. Real time, like latency.
      record(ctx, 0);
      const res = ctx.res;
      const body = hugeJson(fault.bytes ?? DEFAULT_DRIP_BYTES);
      const headers = jsonHeaders(host);
      headers['content-length'] = body.length;
      res.writeHead(200, headers);
      res.flushHeaders();
      let sent = 0;
      const timer = setInterval(() => {
        res.write(body.subarray(sent, sent + 1));
        if (++sent >= body.length) {
          clearInterval(timer);
          res.end();
        }
      }, fault.ms ?? DEFAULT_DRIP_GAP_MS);
      timer.unref();
      stalled.add(res);
      res.on('close', () => {
        clearInterval(timer);
        stalled.delete(res);
      });
      return;
    }
    case 'latency':
      return; // handled before routing
  }
}
