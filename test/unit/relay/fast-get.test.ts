// The status poll's fast GET must behave as HttpClient does: same codes, same words, same limits.
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent } from 'undici';
import { z } from 'zod';
import { HttpError } from '../../../main/net/errors.ts';
import { HttpClient } from '../../../main/net/http.ts';
import { FastGet } from '../../../main/relay/fast-get.ts';

const schema = z.object({ callState: z.string() });
let server: Server;
let base: string;
let agent: Agent;
let fast: FastGet;
let http: HttpClient;

const routes: Record<string, (res: ServerResponse) => void> = {
  '/ok': (res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"callState":"active","x":1}'),
  '/429': (res) => res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '4' }).end('{"errorName":"TooManyRequests","errorMessage":"Slow down."}'),
  '/504': (res) => res.writeHead(504, { 'content-type': 'application/json' }).end('{"errorName":"ListenerOffline","errorMessage":"The Listener Service is offline."}'),
  '/html': (res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>portal</body></html>'),
  '/html-as-json': (res) => res.writeHead(200, { 'content-type': 'application/json' }).end('  <!DOCTYPE html><html></html>'),
  '/bad-json': (res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"callState":'),
  '/bad-shape': (res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"callState":5}'),
  '/big-declared': (res) => res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100000' }).end('x'.repeat(100_000)),
  '/big-chunked': (res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    for (let i = 0; i < 20; i++) res.write('x'.repeat(1000));
    res.end();
  },
  '/redirect': (res) => res.writeHead(302, { location: '/ok' }).end(),
  '/stall': () => undefined,
};

beforeAll(async () => {
  server = createServer((req, res) => routes[req.url ?? '']?.(res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  agent = new Agent({ connections: 4 });
  fast = new FastGet({ dispatcher: agent, maxBodyBytes: 4096 });
  http = new HttpClient({ dispatcher: agent, maxBodyBytes: 4096 });
});
afterAll(async () => {
  await agent.close();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

async function both(path: string, timeoutMs = 2_000): Promise<[unknown, unknown]> {
  const a = fast.get({ base, path, headers: {}, schema, timeoutMs }).catch((e: unknown) => e);
  // The status poll is retried by the poller, and says so.
  const b = http.request({ method: 'GET', base, path, schema, timeoutMs, willRetry: true }).catch((e: unknown) => e);
  return Promise.all([a, b]);
}

describe('FastGet', () => {
  it('returns the validated answer', async () => {
    expect(await fast.get({ base, path: '/ok', headers: {}, schema, timeoutMs: 2_000 })).toEqual({ callState: 'active' });
  });

  for (const path of ['/429', '/504', '/html', '/html-as-json', '/bad-json', '/bad-shape', '/big-declared', '/big-chunked', '/redirect']) {
    it(`fails as HttpClient does: ${path}`, async () => {
      const [a, b] = await both(path);
      expect(a).toBeInstanceOf(HttpError);
      const [fa, fb] = [a as HttpError, b as HttpError];
      expect({ code: fa.code, message: fa.message, status: fa.status, retryAfterMs: fa.retryAfterMs, serverCode: fa.serverCode }).toEqual({
        code: fb.code,
        message: fb.message,
        status: fb.status,
        retryAfterMs: fb.retryAfterMs,
        serverCode: fb.serverCode,
      });
    });
  }

  it('times out a server that does not answer, in words', async () => {
    const [a, b] = await both('/stall', 300);
    expect((a as HttpError).code).toBe('timeout');
    expect((a as HttpError).message).toBe((b as HttpError).message);
  });

  it('says offline when nothing listens', async () => {
    const e = await fast.get({ base: 'http://127.0.0.1:1', path: '/ok', headers: {}, schema, timeoutMs: 1_000 }).catch((x: unknown) => x);
    expect((e as HttpError).code).toBe('offline');
  });
});
