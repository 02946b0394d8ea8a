// Settings → Updates in Chromium, over the preview bridge, with the core's update service driving the app's
// updater adapter around electron-updater's own updater class (under Node) and a feed on 127.0.0.1: the
// state in words as an admin sees it, the buttons main allows, and the policy that takes Settings' place.
import { test as base, expect, type Page } from '@playwright/test';
import { join } from 'node:path';
import { createElectronUpdateEngine } from '../../main/app/updater.ts';
import { createCore } from '../../main/core.ts';
import { startPreviewHost, type PreviewHost } from '../../main/preview/host.ts';
import type { UpdatePolicy } from '../../main/updates/policy.ts';
import { silentLogger } from '../../main/ports.ts';
import { makeNodeUpdater } from '../helpers/electron-updater-node.ts';
import { startFeedServer, type FeedServer } from '../helpers/update-feed-server.ts';
import { rendererDir } from './fixtures.ts';

interface UpdateApp {
  feed: FeedServer;
  /** Opens the app with this policy in force (null: none) and goes to Settings. */
  open(policy: UpdatePolicy | null): Promise<void>;
}

const test = base.extend<{ updates: UpdateApp }>({
  updates: async ({ page }, use) => {
    const feed = await startFeedServer();
    const stops: (() => Promise<void> | void)[] = [];
    await use({
      feed,
      async open(policy) {
        const node = makeNodeUpdater('deb', '1.0.0');
        const core = createCore({
          host: { kind: 'electron', version: '1.0.0', platform: 'linux', electronVersion: null },
          startDemoSim: null,
          updates: {
            engine: createElectronUpdateEngine({ updater: () => node.updater, isPackaged: true, configDir: join(node.dir, 'updates'), log: silentLogger, beforeQuit: () => undefined }),
            policy: { policy, notice: null },
          },
        });
        const host: PreviewHost = await startPreviewHost({ core, rendererDir, port: 0 });
        stops.push(async () => {
          await host.close();
          await core.dispose();
          node.dispose();
        });
        await page.goto(host.url);
        await page.getByRole('button', { name: 'Settings', exact: true }).click();
      },
    });
    await page.close();
    for (const stop of stops.reverse()) await stop();
    await feed.close();
  },
});

const status = (page: Page) => page.getByTestId('update-status');

test('off until a server is set; then a check finds the new version, and a tampered download is refused in words', async ({ page, updates }) => {
  updates.feed.release({ version: '1.2.0', fileName: 'relay-console_1.2.0_amd64.deb', published: Buffer.from('the real one'), served: Buffer.from('not the real one') });
  await updates.open(null);

  await expect(status(page)).toHaveText('Updates are off: no update server is set.');
  await expect(page.getByTestId('update-check')).toBeDisabled();
  await expect(page.getByTestId('update-managed')).toHaveCount(0);

  await page.getByLabel('Address').fill(updates.feed.url);
  await page.getByRole('button', { name: 'Use this server' }).click();
  await expect(status(page)).toHaveText('Not checked yet.');

  await page.getByRole('button', { name: 'Check for updates…' }).click();
  await expect(status(page)).toHaveText('Version 1.2.0 is available. Download it, then restart Relay Console to install it.');
  await expect(page.getByTestId('update-install')).toHaveCount(0);

  await page.getByRole('button', { name: 'Download version 1.2.0' }).click();
  await expect(status(page)).toHaveText(
    'The download of version 1.2.0 failed: The downloaded update does not match the checksum the update server published, so it was deleted and nothing was installed.',
  );
  await expect(page.getByTestId('update-install')).toHaveCount(0);
});

test('a genuine download waits for Restart to install', async ({ page, updates }) => {
  updates.feed.release({ version: '1.2.0', fileName: 'relay-console_1.2.0_amd64.deb', published: Buffer.from('the real one') });
  await updates.open({ feedUrl: updates.feed.url });

  await page.getByRole('button', { name: 'Check for updates…' }).click();
  await page.getByRole('button', { name: 'Download version 1.2.0' }).click();
  await expect(status(page)).toHaveText('Version 1.2.0 is downloaded and verified. Restart Relay Console to install it.');
  await expect(page.getByRole('button', { name: 'Restart to install' })).toBeEnabled();
});

test('the feed is up to date: said so', async ({ page, updates }) => {
  updates.feed.release({ version: '1.0.0', fileName: 'relay-console_1.0.0_amd64.deb', published: Buffer.from('this one') });
  await updates.open({ feedUrl: updates.feed.url });
  await page.getByRole('button', { name: 'Check for updates…' }).click();
  await expect(status(page)).toHaveText('Relay Console 1.0.0 is up to date.');
  await expect(page.getByText(/Last checked/)).toBeVisible();
});

test('a policy decides: Settings says so and offers no control over the server', async ({ page, updates }) => {
  await updates.open({ updates: 'off' });
  await expect(page.getByTestId('update-managed')).toHaveText('Updates are managed by your organisation.');
  await expect(status(page)).toHaveText('Your organisation has turned updates off.');
  await expect(page.getByTestId('update-feed-policy')).toHaveText('Set by your organisation: none (updates are off)');
  await expect(page.getByLabel('Address')).toHaveCount(0);
  await expect(page.getByTestId('update-check')).toBeDisabled();
});

test('a pinned feed is shown, not editable', async ({ page, updates }) => {
  await updates.open({ feedUrl: updates.feed.url });
  await expect(page.getByTestId('update-managed')).toHaveText('Updates are managed by your organisation.');
  await expect(page.getByTestId('update-feed-policy')).toHaveText(`Set by your organisation: ${updates.feed.url}`);
  await expect(page.getByLabel('Address')).toHaveCount(0);
});
