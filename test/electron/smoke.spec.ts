// Launches the built app (out/, via package.json "main" → out/main/index.js) in a real Electron and checks
// the window, the bridge and the sandbox from the page's side. Skipped where no Electron binary exists.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, expect, test, type ElectronApplication } from '@playwright/test';
import { findElectronBinary, projectDir } from '../../scripts/electron-binary.ts';

const executablePath = findElectronBinary();
test.skip(executablePath === null, 'No Electron binary is installed (node_modules/electron/dist is missing).');

let app: ElectronApplication;
let userData: string;

test.beforeAll(async () => {
  // A fresh profile: settings from a real install stay untouched, and the single-instance lock is ours.
  userData = mkdtempSync(join(tmpdir(), 'relay-console-smoke-'));
  const env = { ...process.env } as Record<string, string>;
  delete env['ELECTRON_RENDERER_URL']; // load app://relay, as a packaged build does
  delete env['ELECTRON_RUN_AS_NODE'];
  app = await _electron.launch({
    executablePath: executablePath ?? undefined,
    // Chromium refuses to start as root with its OS sandbox (CI containers); the renderer keeps sandbox: true.
    args: [projectDir, `--user-data-dir=${userData}`, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
    env,
  });
});

test.afterAll(async () => {
  await app?.close();
  rmSync(userData, { recursive: true, force: true });
});

test('opens one window on app://relay that shows Relay Console', async () => {
  const window = await app.firstWindow();
  await expect(window).toHaveTitle(/Relay Console/);
  await expect(window.getByText('Relay Console').first()).toBeVisible();
  expect(window.url()).toBe('app://relay/index.html');
  expect(app.windows()).toHaveLength(1);
});

test('round-trips app.info through the preload to main', async () => {
  const window = await app.firstWindow();
  // The status bar shows the host; "desktop app" is the renderer's word for host "electron".
  await expect(window.getByTestId('app-info')).toContainText(/electron|desktop app/i);
  const info = await window.evaluate(async () => {
    const relay = (globalThis as unknown as { relay: { appInfo(): Promise<unknown> } }).relay;
    return relay.appInfo();
  });
  expect(info).toMatchObject({ ok: true, value: { name: 'Relay Console', host: 'electron' } });
});

test('the page has the contract and nothing else: no Node, no ipcRenderer', async () => {
  const window = await app.firstWindow();
  const page = await window.evaluate(() => {
    const g = globalThis as unknown as Record<string, unknown>;
    const relay = g['relay'] as Record<string, unknown>;
    return { require: typeof g['require'], process: typeof g['process'], keys: Object.keys(relay).sort() };
  });
  expect(page.require).toBe('undefined');
  expect(page.process).toBe('undefined');
  expect(page.keys).toContain('on');
  expect(page.keys).not.toContain('invoke');
  expect(page.keys).not.toContain('ipcRenderer');
});

test('navigation and new windows are refused', async () => {
  const window = await app.firstWindow();
  const opened = await window.evaluate(() => {
    const g = globalThis as unknown as { open(url: string): unknown; location: { href: string } };
    const popup = g.open('https://example.com/');
    g.location.href = 'https://example.com/';
    return popup === null;
  });
  expect(opened).toBe(true);
  await window.waitForTimeout(500);
  expect(window.url()).toBe('app://relay/index.html');
  expect(app.windows()).toHaveLength(1);
});
