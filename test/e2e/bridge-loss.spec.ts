// A dead link never looks live: the page, served by a preview host in a process of its own, notices within
// 5 s that the host froze or died (the host's heartbeat stops), says so in a banner and marks every room
// stale; it reconnects by itself when the host comes back with the same key, and says plainly that the
// host was restarted when it comes back with a new one. Time in the page is Playwright's clock: "5 s" is
// the page's own 5 s, however busy the machine is.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { startHostChild, type HostChild, type HostChildOptions } from '../helpers/preview-host-child.ts';
import { rendererDir } from './fixtures.ts';

interface Hosts {
  /** Starts a host (demo rooms on, the same settings folder every time); killed after the test. */
  start(options?: HostChildOptions): Promise<HostChild>;
}

const test = base.extend<{ hosts: Hosts }>({
  hosts: async ({ page }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'bridge-loss-'));
    const started: HostChild[] = [];
    await use({
      async start(options = {}) {
        const host = await startHostChild({ rendererDir, demo: true, dataDir, ...options });
        started.push(host);
        return host;
      },
    });
    await page.close();
    for (const host of started) await host.kill();
    rmSync(dataDir, { recursive: true, force: true });
  },
});

const newKey = (): string => randomBytes(24).toString('base64url');
const rows = (page: Page) => page.locator('[data-room-key]');
const staleRows = (page: Page) => page.locator('[data-room-key] [data-stale="true"]');
const banner = (page: Page) => page.getByTestId('link-banner');

/** Opens the board on the host's demo rooms, with the page's clock under the test's hand. */
async function openBoard(page: Page, host: HostChild): Promise<number> {
  await page.clock.install();
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto(host.url);
  await expect(rows(page).first()).toBeVisible({ timeout: 15_000 });
  await expect(banner(page)).toHaveCount(0);
  const count = await rows(page).count();
  // From here the page's time moves only when the test moves it.
  await page.clock.pauseAt(await page.evaluate(() => Date.now() + 1_000));
  return count;
}

/** Moves the page's clock a second at a time until `done`, for at most `seconds` of the page's time. */
async function runUntil(page: Page, done: () => Promise<boolean>, seconds: number): Promise<void> {
  for (let s = 0; s < seconds && !(await done()); s++) await page.clock.runFor(1_000);
  expect(await done()).toBe(true);
}

test('a frozen host: banner and stale rows within 5 s; back with the same key, the page reconnects by itself', async ({ page, hosts }) => {
  test.setTimeout(90_000);
  const key = newKey();
  const host = await hosts.start({ token: key });
  const count = await openBoard(page, host);

  host.freeze(); // its sockets stay open; nothing answers
  await page.clock.runFor(5_000);
  await expect(banner(page)).toContainText('Lost contact with Relay Console — reconnecting…');
  await expect(staleRows(page)).toHaveCount(count);
  await expect(page.getByTestId('link-status')).toContainText('not answering');

  await host.kill();
  const back = await hosts.start({ token: key, port: host.port });
  expect(back.url).toBe(host.url);
  await runUntil(page, async () => (await banner(page).count()) === 0, 30);
  await expect(page.getByTestId('link-status')).toContainText('back in contact since');
  await expect(page.getByTestId('app-info')).toContainText('preview host');
  // The board is the restarted host's, fetched afresh: nothing marked stale by the loss.
  await expect(rows(page).first()).toBeVisible({ timeout: 15_000 });
  await expect(staleRows(page)).toHaveCount(0);
});

test('a killed host restarted with a new key: the page says so plainly and stops trying the old key', async ({ page, hosts }) => {
  test.setTimeout(90_000);
  const host = await hosts.start({ token: newKey() });
  const count = await openBoard(page, host);

  await host.kill();
  await page.clock.runFor(5_000);
  await expect(banner(page)).toContainText('Lost contact with Relay Console — reconnecting…');
  await expect(staleRows(page)).toHaveCount(count);

  const restarted = await hosts.start({ token: newKey(), port: host.port });
  expect(restarted.url).not.toBe(host.url);
  await runUntil(page, async () => (await banner(page).textContent())?.includes('Relay Console was restarted') ?? false, 30);
  await expect(banner(page)).toContainText('Relay Console was restarted: open the new address it printed.');
  await expect(staleRows(page)).toHaveCount(count);
  // The old key is refused: the new host never let this page in.
  expect(restarted.logs.filter((l) => l.log === 'bridge connection refused').length).toBeGreaterThan(0);
});
