// `electron-vite dev` loads the renderer from Vite's dev server, not from app://: that page gets the same
// CSP (electron.vite.config.ts, main/security/csp.ts) and still works under it — React, its refresh
// preamble and the injected CSS — with nothing blocked and no inline script able to run.
import { test, expect } from '@playwright/test';
import { createServer, type InlineConfig, type ViteDevServer } from 'vite';
import config from '../../electron.vite.config.ts';
import { contentSecurityPolicy } from '../../main/security/csp.ts';

let server: ViteDevServer;
test.beforeAll(async () => {
  const renderer = (config as { renderer: InlineConfig }).renderer;
  server = await createServer({ ...renderer, configFile: false, logLevel: 'error', server: { host: '127.0.0.1', port: 0, strictPort: false } });
  await server.listen();
});
test.afterAll(() => server.close());

/** A policy as directive → sources, to compare two policies directive by directive. */
function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...sources]) => [name!, sources]));
}

test('the dev server page carries app://\'s CSP and works under it', async ({ page }) => {
  const devServer = { url: server.resolvedUrls!.local[0]! };
  test.setTimeout(90_000);
  // Chromium reports every blocked script, style or connection as a console error.
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));

  const response = await page.goto(devServer.url);
  const policy = directives(response!.headers()['content-security-policy'] ?? '');
  const app = directives(contentSecurityPolicy());
  const host = new URL(devServer.url).host;
  for (const [name, sources] of app) {
    if (name === 'connect-src') expect(policy.get(name)).toEqual([...sources, `ws://${host}`]); // the dev server's live reload
    else if (name === 'style-src') expect(policy.get(name)?.slice(0, sources.length)).toEqual(sources); // + the run's nonce
    else expect(policy.get(name), name).toEqual(sources);
  }
  expect(policy.get('style-src')?.[1]).toMatch(/^'nonce-[A-Za-z0-9+/=]+'$/);
  expect([...policy.keys()].sort()).toEqual([...app.keys()].sort());

  // The app runs (without Electron it says it is not connected), its CSS applies, React Refresh is hooked.
  await expect(page.locator('.app-title')).toHaveText('Relay Console', { timeout: 60_000 });
  await expect(page.getByRole('contentinfo')).toContainText('not connected to Relay Console');
  expect(await page.evaluate(() => getComputedStyle(document.querySelector('.app')!).display)).toBe('grid');
  expect(await page.evaluate(() => typeof (window as unknown as { $RefreshReg$?: unknown }).$RefreshReg$)).toBe('function');
  expect(problems).toEqual([]);

  // An inline script does not run.
  expect(
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inline = true';
      document.head.appendChild(s);
      return (window as unknown as { __inline?: boolean }).__inline === true;
    }),
  ).toBe(false);
  expect(problems).toEqual([expect.stringMatching(/inline script violates .*script-src 'self'/)]);
});
