// Fleet administration in Chromium through the preview host, against a simulator this test controls:
// create, edit and delete a room from the form; import a 500-row CSV with 20 bad rows (the dry run shows
// 480 to add and the 20 errors by row), apply it, import it again (nothing to change), export and import
// the export (nothing to change); and a site's Listener Service taken offline: one root-cause line on the
// board and one desktop notification (the desktop notification model of main/desktop, attached to the
// same core the preview host serves).
import { readFile } from 'node:fs/promises';
import { test as base, expect, type Page } from '@playwright/test';
import type { ConnectionView, NavigateRequest } from '../../contract/index.ts';
import { createCore, type Core } from '../../main/core.ts';
import { createDesktopService, type DesktopService } from '../../main/desktop/desktop-service.ts';
import { silentLogger, systemClock } from '../../main/ports.ts';
import { startPreviewHost, type PreviewHost } from '../../main/preview/host.ts';
import { startSim, type RunningSim } from '../../sim/index.ts';
import { rendererDir } from './fixtures.ts';

interface FleetStack {
  sim: RunningSim;
  core: Core;
  host: PreviewHost;
  desktop: DesktopService;
  notifications: { title: string; body: string; target: NavigateRequest | null }[];
}

const test = base.extend<{ stack: FleetStack }>({
  stack: async ({ page }, use) => {
    const sim = await startSim({ rooms: 24, seed: 5, port: 0, rateLimit: 'off' });
    for (const r of sim.control.rooms.list()) sim.control.rooms.set(r.id, { hold: true, offline: false });
    const core = createCore({
      host: { kind: 'preview', version: '0.0.0-test', platform: process.platform, electronVersion: null },
      startDemoSim: async () => ({ url: sim.url, relayAccount: sim.credentials.relayAccount, close: async () => undefined }),
    });
    const notifications: FleetStack['notifications'] = [];
    const desktop = createDesktopService({
      clock: systemClock,
      log: silentLogger,
      notifier: { supported: () => true, notify: (n) => void notifications.push(n) },
      confirmer: { confirm: async () => false },
      window: { show: () => undefined, focused: () => false, quit: () => undefined },
      shortcuts: null,
      loginItem: null,
    });
    await desktop.attach(core);
    const host = await startPreviewHost({ core, rendererDir, port: 0 });
    await page.setViewportSize({ width: 1500, height: 1000 });
    await page.goto(host.url);
    await use({ sim, core, host, desktop, notifications });
    await page.close();
    desktop.dispose();
    await host.close();
    await core.dispose();
    await sim.close();
  },
});

/** Demo mode on the simulator, without a request limit (it is a simulator run with its limit off). */
async function startDemo(page: Page, stack: FleetStack): Promise<void> {
  await page.getByRole('button', { name: 'Explore with demo rooms' }).click();
  await expect(page.getByTestId('room-board')).toBeVisible({ timeout: 15_000 });
  const list = await stack.core.dispatch('connections.list', undefined);
  const id = (list as { value: ConnectionView[] }).value[0]!.id;
  await stack.core.dispatch('connections.setPollBudget', { id, perSec: null });
}

async function openFleet(page: Page, section: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Fleet' }).click();
  await page.getByRole('group', { name: 'Fleet sections' }).getByRole('button', { name: section }).click();
}

test('creates, edits and deletes a room from the form', async ({ page, stack }) => {
  test.setTimeout(60_000);
  await startDemo(page, stack);
  await openFleet(page, 'Rooms');
  await expect(page.getByTestId('fleet-room-count')).toHaveText('24 rooms');
  await page.getByRole('button', { name: 'Add a room' }).click();
  const form = page.getByRole('form', { name: 'New room' });
  await form.getByLabel('Name (required)').fill('AUS-3 Pecan');
  await form.getByLabel('Address (required)').fill('10.11.3.200');
  await form.getByLabel('Listener Service (required)').selectOption({ label: 'AUS-LS1 — 500 W 2nd St, Austin, TX 78701' });
  await form.getByLabel('Control protocol (required)').fill('TANDBERG_HTTP');
  await form.getByLabel('Site').fill('Austin');
  await form.getByLabel('Device password').fill('Codec-Secret-77');
  // A bad address first: said in words, nothing sent.
  await form.getByLabel('Address (required)').fill('10.11.3');
  await form.getByRole('button', { name: 'Add room' }).click();
  await expect(form.getByText('"10.11.3" is not an IP address or a host name.').first()).toBeVisible();
  await form.getByLabel('Address (required)').fill('10.11.3.200');
  await form.getByRole('button', { name: 'Add room' }).click();
  await expect(page.getByText('"AUS-3 Pecan" was added.')).toBeVisible({ timeout: 10_000 });
  const created = stack.sim.control.rooms.list().find((r) => r.name === 'AUS-3 Pecan')!;
  expect(created).toMatchObject({ site: 'AUS', passwordSet: true });
  await expect(page.getByTestId('fleet-room-count')).toHaveText('25 rooms');
  // The password field is empty again and never filled from the server.
  // (The form is named after the room, so it is found by that prefix while the name is edited.)
  await expect(page.getByRole('form', { name: 'Room AUS-3 Pecan' })).toBeVisible();
  const edit = page.getByRole('form', { name: /^Room / });
  await expect(edit.getByLabel('Device password')).toHaveValue('');

  await edit.getByLabel('Floor').fill('3');
  await edit.getByLabel('Name (required)').fill('AUS-3 Live Oak');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Saved.')).toBeVisible({ timeout: 10_000 });
  expect(stack.sim.control.rooms.get(created.id)?.name).toBe('AUS-3 Live Oak');

  await edit.getByRole('button', { name: 'Delete…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete room' });
  await expect(dialog).toContainText('Delete AUS-3 Live Oak from Relay?');
  await expect(dialog.getByTestId('delete-call-state')).toHaveText(/not in a call|not known yet/);
  await dialog.getByRole('button', { name: 'Delete room' }).click();
  await expect(page.getByTestId('fleet-room-count')).toHaveText('24 rooms', { timeout: 10_000 });
  expect(stack.sim.control.rooms.get(created.id)).toBeUndefined();
  // The password went to the room and nowhere the page could see it.
  expect(await page.content()).not.toContain('Codec-Secret-77');
});

function fleetFile(rows: number, bad: ReadonlySet<number>): string {
  const lines = ['name;ipAddress;listenerServiceId;controlProtocol;site;floor'];
  for (let i = 0; i < rows; i++) {
    const row = i + 2;
    const ip = bad.has(row) ? `10.60.${i % 250}` : `10.60.${Math.floor(i / 250)}.${(i % 250) + 1}`;
    lines.push([`Bulk ${String(i + 1).padStart(3, '0')}`, ip, 'AUS-LS1', 'POLYCOM_HTTP_HDX', 'Austin', String((i % 6) + 1)].join(';'));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

async function importFile(page: Page, name: string, text: string | Buffer): Promise<void> {
  await page.getByTestId('import-file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8') });
  await expect(page.getByTestId('dry-run')).toContainText(`Dry run of ${name}`, { timeout: 30_000 });
}

test('imports 500 rows with 20 bad ones, imports them again, exports and re-imports: nothing to change', async ({ page, stack }) => {
  test.setTimeout(120_000);
  await startDemo(page, stack);
  await openFleet(page, 'Import and export');
  const bad = new Set(Array.from({ length: 20 }, (_, k) => 5 + k * 25));
  const text = fleetFile(500, bad);

  await importFile(page, 'bulk.csv', text);
  await expect(page.getByTestId('count-create')).toHaveText('480 to add');
  await expect(page.getByTestId('count-error')).toHaveText('20 with errors (skipped)');
  const issueRows = page.getByTestId('import-issues').locator('tbody tr');
  await expect(issueRows).toHaveCount(20);
  const rowNumbers = await issueRows.locator('td:first-child').allTextContents();
  expect(rowNumbers.map(Number)).toEqual([...bad]);
  await expect(issueRows.first()).toContainText('ipAddress');
  expect(stack.sim.control.rooms.list()).toHaveLength(24);

  await page.getByTestId('import-apply').click();
  await expect(page.getByTestId('import-phase')).toHaveAttribute('data-phase', 'done', { timeout: 60_000 });
  await expect(page.getByTestId('import-phase')).toContainText('480 of 480: 480 added, 0 changed, 0 failed.');
  expect(stack.sim.control.rooms.list()).toHaveLength(504);
  const reportDownload = page.waitForEvent('download');
  await page.getByTestId('import-report').click();
  const report = await readFile((await (await reportDownload).path()) as string, 'utf8');
  expect(report.split('\r\n').filter((l) => l.includes(',created,'))).toHaveLength(480);

  // The same file again: nothing to change.
  await importFile(page, 'bulk.csv', text);
  await expect(page.getByTestId('count-create')).toHaveText('0 to add');
  await expect(page.getByTestId('count-update')).toHaveText('0 to change');
  await expect(page.getByTestId('count-unchanged')).toHaveText('480 unchanged');
  await expect(page.getByTestId('import-apply')).toBeDisabled();
  await expect(page.getByText('Nothing to change')).toBeVisible();

  // Export the fleet and import the export: nothing to change.
  const exportDownload = page.waitForEvent('download');
  await page.getByTestId('export-fleet').click();
  const exported = await readFile((await (await exportDownload).path()) as string);
  await importFile(page, 'exported.csv', exported);
  await expect(page.getByTestId('count-unchanged')).toHaveText('504 unchanged');
  await expect(page.getByTestId('count-create')).toHaveText('0 to add');
  await expect(page.getByTestId('count-update')).toHaveText('0 to change');
  await expect(page.getByTestId('count-error')).toHaveText('0 with errors (skipped)');

  // A file that is not CSV is refused in words.
  await page.getByTestId('import-file').setInputFiles({ name: 'rooms.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00]) });
  await expect(page.getByTestId('import-error')).toContainText('This is not a CSV file');
});

test('a Listener Service taken offline is one line on the board and one notification', async ({ page, stack }) => {
  test.setTimeout(90_000);
  await startDemo(page, stack);
  const ls = stack.sim.control.listenerServices.list().sort((a, b) => b.rooms.length - a.rooms.length)[0]!;
  expect(ls.rooms.length).toBeGreaterThanOrEqual(2);
  // The infrastructure view shows it online first (and so the board has its name).
  await openFleet(page, 'Infrastructure');
  await expect(page.locator(`[data-ls-name="${ls.name}"]`)).toContainText('Online');
  await expect(page.getByTestId('health')).toHaveAttribute('data-state', 'ok');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Rooms' }).click();

  stack.sim.control.listenerServices.set(ls.id, { online: false });
  const causes = page.getByTestId('root-causes');
  await expect(causes.locator('li')).toHaveCount(1, { timeout: 45_000 });
  await expect(causes).toContainText(new RegExp(`^${ls.rooms.length} rooms offline at .+: Listener Service ${ls.name} is offline$`));
  const line = (await causes.locator('li').textContent()) as string;
  // Each of its rooms shows the cause.
  await expect(page.locator('.room-cause')).toHaveCount(ls.rooms.length, { timeout: 30_000 });
  // One notification for the outage, none per room.
  await expect.poll(() => stack.notifications.map((n) => n.title), { timeout: 15_000 }).toContain(line);
  expect(stack.notifications.filter((n) => /offline/.test(n.title))).toHaveLength(1);
  expect(stack.desktop.trayModel().headline).toBe(line);
});
