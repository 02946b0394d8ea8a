import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy, devServerContentSecurityPolicy } from '../../../main/security/csp.ts';
import { createAppProtocolHandler } from '../../../main/app/protocol.ts';

let base: string;
let handler: ReturnType<typeof createAppProtocolHandler>;
const get = (url: string, method = 'GET') => handler({ url, method });

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'relay-protocol-'));
  const root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Relay Console</title>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(join(base, 'secret.txt'), 'outside the renderer');
  handler = createAppProtocolHandler({ root });
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('app:// protocol', () => {
  it('serves index.html with the CSP and security headers', async () => {
    const response = await get('app://relay/index.html');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy());
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('Relay Console');
  });

  it('serves / as index.html and assets with their mime types', async () => {
    expect((await get('app://relay/')).headers.get('content-type')).toMatch(/^text\/html/);
    expect((await get('app://relay/assets/index-abc.js')).headers.get('content-type')).toMatch(/^text\/javascript/);
    expect((await get('app://relay/assets/index-abc.css?v=1')).headers.get('content-type')).toMatch(/^text\/css/);
  });

  it.each([
    'app://relay/../../etc/passwd',
    'app://relay/../secret.txt',
    'app://relay/assets/../../secret.txt',
    'app://relay/%2e%2e/secret.txt',
    'app://relay/..%2Fsecret.txt',
    'app://relay/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    'app://relay/..%5Csecret.txt',
    'app://relay/index.html%00.js',
  ])('refuses path traversal: %s', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain('outside the renderer');
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy());
  });

  it('answers 404 for a missing file or another host, 405 for other methods, no body for HEAD', async () => {
    expect((await get('app://relay/nope.js')).status).toBe(404);
    expect((await get('app://other/index.html')).status).toBe(404);
    expect((await get('app://relay/index.html', 'POST')).status).toBe(405);
    const head = await get('app://relay/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});

describe('the dev server page policy', () => {
  it('is app://\'s policy plus the dev server\'s own live-reload socket and style nonce', () => {
    const dev = devServerContentSecurityPolicy('localhost:5173', 'abc123');
    expect(dev).toBe(contentSecurityPolicy({ connect: ['ws://localhost:5173'], styleNonce: 'abc123' }));
    expect(dev).toContain("script-src 'self';");
    expect(dev).toContain("style-src 'self' 'nonce-abc123';");
  });

  it('opens no socket to a Host header that is not this machine', () => {
    for (const host of ['evil.example:5173', 'localhost', 'localhost:5173 ws://evil.example', undefined]) {
      expect(devServerContentSecurityPolicy(host, 'n')).toContain("connect-src 'self';");
    }
  });
});
