import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../../main/core.ts';
import { startPreviewHost, type PreviewHost } from '../../../main/preview/host.ts';
import { readStaticFile } from '../../../main/preview/static-files.ts';
import { bridgeKeyCheckPath, bridgeKeyHeader } from '../../../contract/index.ts';

const root = mkdtempSync(join(tmpdir(), 'preview-host-'));
const site = join(root, 'site');
mkdirSync(join(site, 'assets'), { recursive: true });
writeFileSync(join(site, 'index.html'), '<!doctype html><title>t</title>');
writeFileSync(join(site, 'assets', 'app.js'), 'export {}');
writeFileSync(join(root, 'secret.txt'), 'do not serve');

function get(origin: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  const url = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, headers, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('readStaticFile', () => {
  it('serves files inside the root with their type', async () => {
    expect((await readStaticFile(site, '/'))?.contentType).toMatch(/text\/html/);
    expect((await readStaticFile(site, '/assets/app.js?v=1'))?.contentType).toMatch(/javascript/);
  });
  it('never escapes the root', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/../../secret.txt', '/..%2fsecret.txt', '/%00', '/%E0%A4%A']) {
      expect(await readStaticFile(site, path)).toBeNull();
    }
  });
});

describe('preview host over HTTP', () => {
  let host: PreviewHost;
  beforeAll(async () => {
    const core = createCore({ host: { kind: 'preview', version: '1', platform: 'linux', electronVersion: null } });
    host = await startPreviewHost({ core, rendererDir: site, port: 0 });
  });
  afterAll(() => host.close());

  it('binds loopback and puts the token in the fragment only', () => {
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(host.url).toBe(`${host.origin}/#token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(32);
  });

  it('sends the CSP and security headers with every file', async () => {
    const res = await get(host.origin, '/');
    expect(res.status).toBe(200);
    expect(String(res.headers['content-security-policy'])).toContain(`connect-src 'self' ${host.origin.replace('http', 'ws')}`);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('tells a page whether the key it holds is this run\'s, from a header only', async () => {
    expect((await get(host.origin, bridgeKeyCheckPath, { [bridgeKeyHeader]: host.token })).status).toBe(204);
    expect((await get(host.origin, bridgeKeyCheckPath, { [bridgeKeyHeader]: 'x'.repeat(host.token.length) })).status).toBe(401);
    expect((await get(host.origin, bridgeKeyCheckPath)).status).toBe(401);
    expect((await get(host.origin, `${bridgeKeyCheckPath}?key=${host.token}`)).status).toBe(401);
    expect((await get(host.origin, bridgeKeyCheckPath, { [bridgeKeyHeader]: host.token, host: 'evil.example' })).status).toBe(421);
  });

  it('refuses a foreign Host header (DNS rebinding) and path traversal', async () => {
    expect((await get(host.origin, '/', { host: 'evil.example' })).status).toBe(421);
    expect((await get(host.origin, '/../secret.txt')).status).toBe(404);
  });
});

describe('preview host key', () => {
  const core = () => createCore({ host: { kind: 'preview', version: '1', platform: 'linux', electronVersion: null } });

  it('keeps a key it is given, so the same address works after a restart', async () => {
    const token = 'k'.repeat(40);
    const first = await startPreviewHost({ core: core(), rendererDir: site, token });
    expect(first.token).toBe(token);
    expect(first.url).toBe(`${first.origin}/#token=${token}`);
    await first.close();
  });

  it('refuses a key that is short or not base64url', async () => {
    for (const token of ['short', 'k'.repeat(31), `${'k'.repeat(40)}/`, 'k'.repeat(129)]) {
      await expect(startPreviewHost({ core: core(), rendererDir: site, token })).rejects.toThrow(/bridge key/);
    }
  });
});
