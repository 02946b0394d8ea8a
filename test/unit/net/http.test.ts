import { createServer, type Server } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MockAgent } from 'undici';
import { z } from 'zod';
import { HttpClient } from '../../../main/net/http.ts';
import { HttpError } from '../../../main/net/errors.ts';
import { SecretRegistry } from '../../../main/vault/redact.ts';
import type { Logger } from '../../../main/ports.ts';

const ORIGIN = 'https://relay.example.test';
const token = z.object({ accessToken: z.string() });

let agent: MockAgent;
let lines: string[];
let http: HttpClient;
let registry: SecretRegistry;
const log: Logger = {
  info: (m, f) => lines.push(`${m} ${JSON.stringify(f)}`),
  warn: (m, f) => lines.push(`${m} ${JSON.stringify(f)}`),
  error: (m, f) => lines.push(`${m} ${JSON.stringify(f)}`),
};

beforeEach(() => {
  agent = new MockAgent();
  agent.disableNetConnect();
  lines = [];
  registry = new SecretRegistry();
  http = new HttpClient({ dispatcher: agent, maxBodyBytes: 1024 }, { log, registry });
});
afterEach(async () => {
  await agent.close();
});

async function failure(promise: Promise<unknown>): Promise<HttpError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(HttpError);
    return error as HttpError;
  }
  throw new Error('expected a failure');
}

const get = <T>(schema: z.ZodType<T>, path = '/api/x', secrets: string[] = []) =>
  http.request({ method: 'GET', base: ORIGIN, path, schema, secrets });

describe('HttpClient', () => {
  it('sends accept and content-type JSON, and validates the answer tolerantly (extra fields pass)', async () => {
    let seen: Record<string, string> = {};
    agent
      .get(ORIGIN)
      .intercept({ path: '/api/auth/accesstokens', method: 'POST' })
      .reply((opts) => {
        seen = opts.headers as Record<string, string>;
        return { statusCode: 200, data: { accessToken: 'abc', extra: 1 }, responseOptions: { headers: { 'content-type': 'application/json' } } };
      });
    const out = await http.request({ method: 'POST', base: ORIGIN, path: '/api/auth/accesstokens', body: {}, schema: token });
    expect(out).toEqual({ accessToken: 'abc' });
    expect(seen['accept']).toBe('application/json');
    expect(seen['content-type']).toBe('application/json');
  });

  it.each([
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [404, 'not_found'],
    [400, 'rejected'],
    [409, 'conflict'],
    [500, 'server_error'],
    [503, 'server_error'],
  ] as const)('maps HTTP %i to %s with a sentence', async (status, code) => {
    agent.get(ORIGIN).intercept({ path: '/api/x' }).reply(status, '');
    const e = await failure(get(token));
    expect(e.code).toBe(code);
    expect(e.status).toBe(status);
    // Server trouble is not about the address; everything else names the host.
    expect(e.message).toMatch(code === 'server_error' ? /^The server is having trouble \(HTTP 50\d\)/ : /relay\.example\.test/);
  });

  it('reads the Relay error body for a better message', async () => {
    agent
      .get(ORIGIN)
      .intercept({ path: '/api/x' })
      .reply(401, { errorCode: 1285563821, errorName: 'BadCredentialsException', errorMessage: 'Not Authorized.', errorDetails: {} });
    const e = await failure(get(token));
    expect(e.code).toBe('unauthorized');
    expect(e.serverCode).toBe('BadCredentialsException');
    expect(e.message).toContain('Not Authorized.');
  });

  it('reads an OAuth error body ({code, message, error})', async () => {
    agent.get(ORIGIN).intercept({ path: '/oauth2/token', method: 'POST' }).reply(401, { code: 401, message: 'Invalid username or password', error: 'invalid_grant' });
    const e = await failure(
      http.request({ method: 'POST', base: ORIGIN, path: '/oauth2/token', body: {}, schema: token, messages: { unauthorized: 'Wrong user name or password.' } }),
    );
    expect(e.message).toBe('Wrong user name or password. (The server said: "Invalid username or password")');
    expect(e.serverCode).toBe('invalid_grant');
  });

  it('calls a gateway’s HTML error page server trouble; a web page with any other status still says check the address', async () => {
    const nginx = (status: number, title: string) =>
      `<html>\r\n<head><title>${status} ${title}</title></head>\r\n<body>\r\n<center><h1>${status} ${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
    agent.get(ORIGIN).intercept({ path: '/api/x' }).reply(502, nginx(502, 'Bad Gateway'), { headers: { 'content-type': 'text/html' } });
    const e = await failure(get(token));
    expect([e.code, e.status, e.message]).toEqual(['server_error', 502, 'The server is having trouble (HTTP 502). Try again in a moment.']);
    // Retried by its caller (the poller's calls): it says so.
    agent.get(ORIGIN).intercept({ path: '/api/x' }).reply(503, nginx(503, 'Service Temporarily Unavailable'), { headers: { 'content-type': 'text/html' } });
    const retried = await failure(http.request({ method: 'GET', base: ORIGIN, path: '/api/x', schema: token, willRetry: true }));
    expect(retried.message).toBe('The server is having trouble (HTTP 503); Relay Console will retry.');
    // A JSON 5xx says the same, with the server's own words.
    agent.get(ORIGIN).intercept({ path: '/api/x' }).reply(500, { errorName: 'InternalServerError', errorMessage: 'Boom' });
    expect((await failure(get(token))).message).toBe('The server is having trouble (HTTP 500). Try again in a moment. (The server said: "Boom")');
    // A web page with a 404 or a 401 is most likely the wrong address (a portal, a login page).
    agent.get(ORIGIN).intercept({ path: '/api/x' }).reply(404, nginx(404, 'Not Found'), { headers: { 'content-type': 'text/html' } });
    expect((await failure(get(token))).message).toMatch(/web page, not data: check the address/);
  });

  it('carries Retry-After on 429 (seconds and HTTP date)', async () => {
    agent.get(ORIGIN).intercept({ path: '/api/x' }).reply(429, {}, { headers: { 'retry-after': '7' } });
    const e = await failure(get(token));
    expect(e.code).toBe('rate_limited');
    expect(e.retryAfterMs).toBe(7000);
    expect(e.message).toMatch(/Retry in 7 s/);
    const date = new Date(Date.now() + 30_000).toUTCString();
    agent.get(ORIGIN).intercept({ path: '/api/x' }).reply(429, {}, { headers: { 'retry-after': date } });
    const e2 = await failure(get(token));
    expect(e2.retryAfterMs).toBeGreaterThan(25_000);
  });

  it('refuses HTML, malformed JSON, a wrong shape, an oversize body and a redirect as bad_response', async () => {
    agent.get(ORIGIN).intercept({ path: '/api/x' }).reply(200, '<!doctype html><html><body>Login</body></html>', { headers: { 'content-type': 'text/html' } });
    expect((await failure(get(token))).message).toMatch(/web page/);
    agent.get(ORIGIN).intercept({ path: '/api/x' }).reply(200, '{"accessToken": ', { headers: { 'content-type': 'application/json' } });
    expect((await failure(get(token))).message).toMatch(/not valid JSON/);
    agent.get(ORIGIN).intercept({ path: '/api/x' }).reply(200, { accessToken: 42 });
    expect((await failure(get(token))).message).toMatch(/shape.*accessToken/);
    agent.get(ORIGIN).intercept({ path: '/api/x' }).reply(200, JSON.stringify({ accessToken: 'x'.repeat(5000) }));
    expect((await failure(get(token))).message).toMatch(/larger than/);
    agent.get(ORIGIN).intercept({ path: '/api/x' }).reply(302, '', { headers: { location: 'https://evil.test/' } });
    const e = await failure(get(token));
    expect(e.code).toBe('bad_response');
    expect(e.message).toMatch(/redirected/);
  });

  it('maps a network error to offline', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    agent.get(ORIGIN).intercept({ path: '/api/x' }).replyWithError(refused);
    const e = await failure(get(token));
    expect(e.code).toBe('offline');
    expect(e.message).toMatch(/Could not reach relay\.example\.test/);
  });

  it('never lets a secret into a message or a log line, even if the server echoes it', async () => {
    const secret = 'tok_5e3cr3t_value_123';
    registry.add('pa55word-known');
    agent
      .get(ORIGIN)
      .intercept({ path: `/api/auth/accesstokens/${secret}`, method: 'DELETE' })
      .reply(500, { errorName: 'X', errorMessage: `token ${secret} and pa55word-known failed` });
    const e = await failure(http.request({ method: 'DELETE', base: ORIGIN, path: `/api/auth/accesstokens/${secret}`, schema: z.unknown(), secrets: [secret] }));
    expect(e.message).not.toContain(secret);
    expect(e.message).not.toContain('pa55word-known');
    expect(e.message).toContain('[secret]');
    expect(lines.join('\n')).not.toContain(secret);
    expect(lines.join('\n')).toContain('[secret]');
  });

  it('accepts an empty 204 for a schema that allows it', async () => {
    agent.get(ORIGIN).intercept({ path: '/api/x', method: 'DELETE' }).reply(204, '');
    await expect(http.request({ method: 'DELETE', base: ORIGIN, path: '/api/x', schema: z.unknown() })).resolves.toBeUndefined();
  });
});

describe('HttpClient over real sockets', () => {
  let server: Server | undefined;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    server = undefined;
  });

  it('times out a server that never answers', async () => {
    server = createServer(() => {
      /* never answers */
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as { port: number }).port;
    const client = new HttpClient({ timeoutMs: 150 });
    const started = Date.now();
    const e = await failure(client.request({ method: 'GET', base: `http://127.0.0.1:${port}`, path: '/', schema: z.unknown() }));
    expect(e.code).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(3000);
    await client.close();
  });

  it('reports a closed port as offline', async () => {
    server = createServer();
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as { port: number }).port;
    await new Promise<void>((r) => server!.close(() => r()));
    server = undefined;
    const client = new HttpClient({ timeoutMs: 1000 });
    const e = await failure(client.request({ method: 'GET', base: `http://127.0.0.1:${port}`, path: '/', schema: z.unknown() }));
    expect(e.code).toBe('offline');
    await client.close();
  });

  it('reports a reset connection as offline', async () => {
    server = createServer((req) => req.socket.destroy());
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as { port: number }).port;
    const client = new HttpClient({ timeoutMs: 1000 });
    const e = await failure(client.request({ method: 'GET', base: `http://127.0.0.1:${port}`, path: '/', schema: z.unknown() }));
    expect(e.code).toBe('offline');
    await client.close();
  });
});
