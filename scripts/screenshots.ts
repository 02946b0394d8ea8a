// `node scripts/screenshots.ts`: the README's pictures, made where no Electron binary exists.
//   docs/dashboard.png         the dashboard with the demo rooms, in Debian's Chromium through the preview host
//   docs/tray-menu.png         the tray menu model (main/desktop/tray-model.ts) for the same demo fleet, drawn
//                              as a small HTML page: the icon for its health, the tooltip, the menu with one
//                              room's submenu open. It is the model the Electron Tray menu is built from, not
//                              a capture of a native menu (that needs Electron and a desktop session).
//   docs/desktop-settings.png  Settings → Desktop app, as the preview host shows it
// The room and the menu picture come from one demo fleet: two rooms in a call are pinned and one is muted
// first, through the same channels the dashboard uses. CHROMIUM_PATH overrides /usr/bin/chromium.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { RoomsSnapshot, RoomView } from '../contract/index.ts';
import { createCore } from '../main/core.ts';
import { startPreviewHost } from '../main/preview/host.ts';
import { createDesktopService } from '../main/desktop/desktop-service.ts';
import type { TrayMenuItem, TrayModel } from '../main/desktop/tray-model.ts';
import { silentLogger } from '../main/ports.ts';
import { packageBin, projectDir } from './electron-binary.ts';

const docs = join(projectDir, 'docs');
mkdirSync(docs, { recursive: true });

const built = spawnSync(process.execPath, [packageBin('vite', 'bin/vite.js'), 'build', '--config', 'vite.renderer.config.ts', '--logLevel', 'warn'], {
  cwd: projectDir,
  stdio: 'inherit',
});
if (built.status !== 0) throw new Error('The preview renderer did not build.');

const core = createCore({ host: { kind: 'preview', version: '0.1.0', platform: 'linux', electronVersion: null }, log: silentLogger });
const host = await startPreviewHost({ core, rendererDir: join(projectDir, 'out/preview'), port: 0 });
// The same desktop logic the app runs, following the same core; its notifier and window go nowhere.
const desktop = createDesktopService({
  clock: { now: () => Date.now(), setTimeout: (fn, ms) => ({ cancel: clearTimeout.bind(null, setTimeout(fn, ms)) }) },
  log: silentLogger,
  notifier: { supported: () => false, notify: () => {} },
  confirmer: { confirm: async () => false },
  window: { show: () => {}, focused: () => true, quit: () => {} },
  shortcuts: null,
  loginItem: null,
});

const browser = await chromium.launch({
  executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});

async function waitFor<T>(what: string, probe: () => Promise<T | null>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const esc = (s: string): string => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

function menuHtml(items: readonly TrayMenuItem[], openFirstSubmenu: boolean): string {
  let opened = false;
  const rows = items.map((item) => {
    if (item.type === 'separator') return '<li class="sep"></li>';
    const off = item.enabled ? '' : ' off';
    if (item.type === 'checkbox') return `<li class="item${off}"><span class="check">${item.checked ? '✓' : ''}</span>${esc(item.label)}</li>`;
    if (item.type === 'submenu') {
      const open = openFirstSubmenu && !opened;
      opened ||= open;
      return `<li class="item sub${open ? ' open' : ''}${off}"><span class="check"></span>${esc(item.label)}<span class="arrow">▸</span>${open ? menuHtml(item.items, false) : ''}</li>`;
    }
    return `<li class="item${off}"><span class="check"></span>${esc(item.label)}</li>`;
  });
  return `<ul class="menu">${rows.join('')}</ul>`;
}

function trayPage(model: TrayModel): string {
  const icon = readFileSync(join(projectDir, 'build/tray', `${model.health}@2x.png`)).toString('base64');
  return `<!doctype html><html><head><style>
    body { margin: 0; font: 13px system-ui, "Segoe UI", Ubuntu, sans-serif; background: #dfe3ea; }
    .stage { padding: 16px 24px 24px; width: 860px; }
    .bar { display: flex; align-items: center; gap: 10px; background: #1f2430; color: #e8eaf0; padding: 6px 12px; border-radius: 6px; width: 420px; }
    .bar img { width: 16px; height: 16px; image-rendering: auto; }
    .tip { white-space: pre-line; background: #fffbe6; border: 1px solid #d9c98f; border-radius: 4px; padding: 6px 8px; margin: 8px 0 0 0; width: max-content; font-size: 12px; color: #333; }
    .caption { color: #445; font-size: 12px; margin: 10px 0 6px; }
    ul.menu { list-style: none; margin: 0; padding: 4px 0; background: #fbfbfc; border: 1px solid #b9bfca; border-radius: 6px; box-shadow: 0 6px 18px rgba(0,0,0,.18); width: 340px; position: relative; }
    .item { position: relative; padding: 4px 28px 4px 6px; color: #1d2129; white-space: nowrap; }
    .item.off { color: #8a919e; }
    .item.open { background: #2f6fec; color: #fff; }
    .check { display: inline-block; width: 20px; text-align: center; }
    .arrow { position: absolute; right: 10px; }
    .sep { height: 1px; background: #dde1e7; margin: 4px 0; }
    .item.open > ul.menu { position: absolute; left: 336px; top: -5px; width: 220px; color: #1d2129; }
    .item.open > ul.menu .item { color: #1d2129; }
    .item.open > ul.menu .item.off { color: #8a919e; }
  </style></head><body><div class="stage">
    <div class="bar"><img src="data:image/png;base64,${icon}" alt=""><span>health: <b>${model.health}</b></span><span style="opacity:.6">· tray icon and tooltip</span></div>
    <div class="tip">${esc(model.tooltip)}</div>
    <div class="caption">The tray menu (main/desktop/tray-model.ts → Menu.buildFromTemplate), for the demo fleet:</div>
    ${menuHtml(model.items, true)}
  </div></body></html>`;
}

try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(host.url);
  const started = await page.evaluate(async () => (globalThis as unknown as { relay: { demoStart(): Promise<{ ok: boolean; error?: { message: string } }> } }).relay.demoStart());
  if (!started.ok) throw new Error(`The demo did not start: ${started.error?.message ?? 'unknown'}`);
  await desktop.attach(core);

  // Two rooms in a call get pinned and one of them muted, as an admin would from the dashboard.
  const inCall = await waitFor('rooms in a call', async () => {
    const r = await core.dispatch('rooms.list', undefined);
    const rooms = r.ok ? (r.value as RoomsSnapshot).rooms.filter((x: RoomView) => x.call === 'in-call' && x.reachability === 'online') : [];
    return rooms.length >= 2 ? rooms : null;
  });
  for (const r of inCall.slice(0, 2)) await core.dispatch('rooms.pin', { key: r.key, pinned: true });
  const first = inCall.slice(0, 2).find((r) => r.muted !== true);
  if (first) {
    const muted = await core.dispatch('rooms.act', { key: first.key, action: 'mute' });
    if (!muted.ok) throw new Error(`Muting ${first.name} failed: ${muted.error.message}`);
    await waitFor(`${first.name} to show as muted`, async () => (desktop.trayModel().items.some((i) => i.type === 'submenu' && i.label.includes(`${first.name} — in a call, muted`)) ? true : null));
  }

  // The bulk call gives every room's call state at once; the detail of rooms in a call (microphone,
  // meeting) comes from their own status calls, rooms on screen first: wait until every room is known.
  await waitFor(
    'every room to be known',
    async () => {
      const r = await core.dispatch('rooms.list', undefined);
      const rooms = r.ok ? (r.value as RoomsSnapshot).rooms : [];
      return rooms.length > 0 && rooms.every((x: RoomView) => x.call !== 'unknown' || x.reachability !== 'online') ? true : null;
    },
    45_000,
  ).catch(() => console.warn('screenshots: some rooms were still unknown; taking the picture anyway'));
  await page.evaluate(() => ((globalThis as unknown as { location: { hash: string } }).location.hash = '#/rooms'));
  await page.getByTestId('room-board').locator('[data-state="in-call"]').first().waitFor({ timeout: 30_000 });
  await page.waitForTimeout(1_500); // let the batches settle so the counts are steady
  // The menu model at the moment of the dashboard picture, so the two show the same fleet.
  const model = desktop.trayModel();
  await page.screenshot({ path: join(docs, 'dashboard.png') });

  const tray = await browser.newPage({ viewport: { width: 900, height: 640 } });
  await tray.setContent(trayPage(model));
  await tray.locator('.stage').screenshot({ path: join(docs, 'tray-menu.png') });

  await page.evaluate(() => ((globalThis as unknown as { location: { hash: string } }).location.hash = '#/settings'));
  const settings = page.getByTestId('desktop-settings');
  await settings.waitFor();
  await settings.screenshot({ path: join(docs, 'desktop-settings.png') });
  console.log('screenshots: docs/dashboard.png, docs/tray-menu.png, docs/desktop-settings.png');
} finally {
  desktop.dispose();
  await browser.close();
  await host.close();
  await core.dispose();
}
