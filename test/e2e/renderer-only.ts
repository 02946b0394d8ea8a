// Serves the built renderer (out/preview) to a page with no preview host: the bridge script is replaced
// by nothing, and a synthetic window.relay (fake-relay.ts) is installed before the app runs.
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { readStaticFile } from '../../main/preview/static-files.ts';
import { defaultFakeOptions, installFakeRelay, type FakeRelayOptions } from './fake-relay.ts';

export const rendererDir = resolve(import.meta.dirname, '../../out/preview');
export const fakeOrigin = 'http://relay-console.test';

/** Structural, so the bench (playwright-core) and the tests (@playwright/test) both fit. */
type RoutablePage = Pick<Page, 'route' | 'addInitScript'>;

export async function openWithFakeRelay<P extends RoutablePage>(page: P, options: Partial<FakeRelayOptions> = {}, dir = rendererDir): Promise<string> {
  await page.route(`${fakeOrigin}/**`, async (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path.endsWith('/preview-bridge.js')) return route.fulfill({ status: 200, contentType: 'text/javascript', body: '' });
    const file = await readStaticFile(dir, path);
    if (!file) return route.fulfill({ status: 404, body: 'not found' });
    return route.fulfill({ status: 200, contentType: file.contentType, body: file.body });
  });
  await page.addInitScript(installFakeRelay, { ...defaultFakeOptions, ...options });
  return `${fakeOrigin}/`;
}
