// Issue 6 in a real Electron: the built app (out/, via package.json "main") with the demo rooms, a mute
// from the dashboard, and the tray menu model read through the test-only hook
// (RELAY_CONSOLE_TEST_HOOKS=1 → globalThis.__relayConsoleTest in the main process).
// Skipped — never counted as passed — where no Electron binary is installed (test/electron/run.ts prints
// the SKIP line before Playwright even starts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { findElectronBinary, projectDir } from '../../scripts/electron-binary.ts';
import type { TestHooks } from '../../main/app/desktop.ts';
import type { TrayMenuItem, TrayModel } from '../../main/desktop/tray-model.ts';

const executablePath = findElectronBinary();
test.skip(executablePath === null, 'No Electron binary is installed (node_modules/electron/dist is missing).');

let app: ElectronApplication;
let page: Page;
let userData: string;

test.beforeAll(async () => {
  userData = mkdtempSync(join(tmpdir(), 'relay-console-desktop-'));
  const env = { ...process.env, RELAY_CONSOLE_TEST_HOOKS: '1' } as Record<string, string>;
  delete env['ELECTRON_RENDERER_URL'];
  delete env['ELECTRON_RUN_AS_NODE'];
  app = await _electron.launch({
    executablePath: executablePath ?? undefined,
    args: [projectDir, `--user-data-dir=${userData}`, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
    env,
  });
  page = await app.firstWindow();
});

test.afterAll(async () => {
  await app?.close();
  rmSync(userData, { recursive: true, force: true });
});

/** The tray menu model as main holds it (the same object the Electron Tray menu is built from). */
async function trayModel(): Promise<TrayModel> {
  return app.evaluate(() => (globalThis as unknown as { __relayConsoleTest: TestHooks }).__relayConsoleTest.trayModel());
}

const labels = (items: readonly TrayMenuItem[]): string[] =>
  items.flatMap((i) => (i.type === 'separator' ? [] : i.type === 'submenu' ? [i.label, ...labels(i.items)] : [i.label]));

test('the dashboard shows the demo rooms', async () => {
  // Demo mode is what a new user starts in; the Connections screen's button calls exactly this.
  const started = await page.evaluate(async () => (globalThis as unknown as { relay: { demoStart(): Promise<{ ok: boolean }> } }).relay.demoStart());
  expect(started.ok).toBe(true);
  await page.evaluate(() => ((globalThis as unknown as { location: { hash: string } }).location.hash = '#/rooms'));
  const board = page.getByTestId('room-board');
  await expect(board).toBeVisible();
  await expect(board.locator('[data-room-key]').first()).toBeVisible({ timeout: 30_000 });
  await expect(board.locator('[data-state="in-call"]').first()).toBeVisible({ timeout: 30_000 });
});

test('the tray menu model lists the rooms in a call with their controls', async () => {
  await expect.poll(async () => (await trayModel()).counts.inCall, { timeout: 30_000 }).toBeGreaterThan(0);
  const model = await trayModel();
  expect(['ok', 'degraded', 'attention']).toContain(model.health);
  expect(model.tooltip).toMatch(/^Relay Console\n/);
  const all = labels(model.items);
  expect(all).toEqual(expect.arrayContaining(['Open dashboard', 'Pause polling', 'Quit Relay Console']));
  expect(all.some((l) => / — in a call/.test(l))).toBe(true);
  expect(all.filter((l) => l === 'Mute' || l === 'Unmute').length).toBeGreaterThan(0);
});

test('a room muted from the dashboard shows as muted in the tray menu', async () => {
  const row = page.getByTestId('room-board').locator('[data-state="in-call"]').first();
  const key = await row.getAttribute('data-room-key');
  expect(key).not.toBeNull();
  await row.click();
  const mute = page.getByTestId('action-mute');
  await expect(mute).toBeVisible();
  await mute.click();
  await expect
    .poll(
      async () => {
        const model = await trayModel();
        const menu = model.items.find((i) => i.type === 'submenu' && i.items.some((c) => c.type === 'item' && c.action && 'key' in c.action && c.action.key === key));
        return menu?.type === 'submenu' ? menu.label : null;
      },
      { timeout: 30_000 },
    )
    .toMatch(/in a call, muted|muting…/);
});

test('closing the window keeps the app running in the tray', async () => {
  const window = await app.browserWindow(page);
  await window.evaluate((w) => w.close());
  await expect.poll(() => window.evaluate((w) => !w.isDestroyed() && !w.isVisible())).toBe(true);
  expect(await trayModel()).toBeTruthy();
  await window.evaluate((w) => w.show());
});
