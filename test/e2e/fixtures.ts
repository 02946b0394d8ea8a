// Shared e2e set-up: a preview host over a fresh core on a free port, torn down after each test.
// Tests get the page already open on the app, plus every message the host sent to the browser.
import { resolve } from 'node:path';
import { test as base, expect } from '@playwright/test';
import { createCore, type Core } from '../../main/core.ts';
import { startPreviewHost, type PreviewHost } from '../../main/preview/host.ts';

export const rendererDir = resolve(import.meta.dirname, '../../out/preview');

export interface AppFixture {
  core: Core;
  host: PreviewHost;
  /** Every text frame the bridge sent to the browser, in order. */
  outgoing: string[];
}

export const test = base.extend<{ app: AppFixture }>({
  app: async ({ page }, use) => {
    const core = createCore({ host: { kind: 'preview', version: '0.0.0-test', platform: process.platform, electronVersion: null } });
    const outgoing: string[] = [];
    const host = await startPreviewHost({ core, rendererDir, port: 0, onOutgoing: (t) => outgoing.push(t) });
    await page.goto(host.url);
    await use({ core, host, outgoing });
    await page.close();
    await host.close();
    await core.dispose();
  },
});

export { expect };
