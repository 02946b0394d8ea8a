// The whole stack in Chromium: the built renderer through the preview host, a core whose demo mode
// points at a simulator this test controls, the poller polling it. Proves the board shows the sim's
// rooms, that muting in the UI mutes the room in the sim and the board shows it, and that a fault on one
// room's status calls shows on that room only.
import { test as base, expect, type Page } from '@playwright/test';
import { createCore, type Core } from '../../main/core.ts';
import { startPreviewHost, type PreviewHost } from '../../main/preview/host.ts';
import { startSim, type RoomSnapshot, type RunningSim } from '../../sim/index.ts';
import { rendererDir } from './fixtures.ts';

interface SimStack {
  sim: RunningSim;
  core: Core;
  host: PreviewHost;
}

const test = base.extend<{ stack: SimStack }>({
  stack: async ({ page }, use) => {
    const sim = await startSim({ rooms: 10, seed: 5, port: 0 });
    // Every room holds its state: only the test and the app's actions change them.
    for (const r of sim.control.rooms.list()) sim.control.rooms.set(r.id, { hold: true });
    const core = createCore({
      host: { kind: 'preview', version: '0.0.0-test', platform: process.platform, electronVersion: null },
      startDemoSim: async () => ({ url: sim.url, relayAccount: sim.credentials.relayAccount, close: async () => undefined }),
    });
    const host = await startPreviewHost({ core, rendererDir, port: 0 });
    await page.setViewportSize({ width: 1600, height: 1100 });
    await page.goto(host.url);
    await use({ sim, core, host });
    await page.close();
    await host.close();
    await core.dispose();
    await sim.close();
  },
});

const callWord: Record<RoomSnapshot['callState'], string> = { inactive: 'idle', dialing: 'dialing', active: 'in call' };
const rowOf = (page: Page, name: string) => page.locator('[data-room-key]').filter({ has: page.locator('.room-name', { hasText: new RegExp(`^${name}$`) }) });

/** Starts demo mode from the empty board, with one row per room and no grouping. */
async function startDemo(page: Page): Promise<void> {
  await expect(page.getByText('No rooms to show yet.')).toBeVisible();
  await page.getByRole('button', { name: 'Explore with demo rooms' }).click();
  await expect(page.getByTestId('room-board')).toBeVisible({ timeout: 15_000 });
  await page.getByRole('combobox', { name: 'Grouping' }).selectOption('none');
}

test('the board shows the simulator\'s rooms, each with its call state', async ({ page, stack }) => {
  await startDemo(page);
  const rooms = stack.sim.control.rooms.list();
  await expect(page.getByTestId('rooms-total')).toContainText(`${rooms.length} rooms`, { timeout: 15_000 });
  for (const r of rooms) {
    const row = rowOf(page, r.name);
    await expect(row).toHaveCount(1);
    await expect(row.locator('.rstate-word')).toHaveText(r.offline ? 'offline' : callWord[r.callState], { timeout: 30_000 });
  }
  // The poller bar reads the request rate against the host's limit, live (Relay's 2 a second by default),
  // and names the host by its connection, never by its address.
  await expect(page.getByTestId('poller-bar')).toContainText(/Demo rooms \(simulator\): \d\.\d of 2 requests a second/);
  await expect(page.getByTestId('poller-bar')).not.toContainText('127.0.0.1');
});

test('muting a room in the UI mutes it in the simulator, and its row shows it', async ({ page, stack }) => {
  test.setTimeout(90_000);
  const room = stack.sim.control.rooms.list().find((r) => !r.offline)!;
  const meeting = stack.sim.control.meetings.list()[0]!;
  stack.sim.control.rooms.set(room.id, { callState: 'active', meetingId: meeting.numericId, muted: false, hold: true });
  await startDemo(page);
  const row = rowOf(page, room.name);
  await expect(row.locator('.rstate-word')).toHaveText('in call', { timeout: 30_000 });
  await expect(row.locator('.mic')).toHaveText('live', { timeout: 30_000 });

  await row.click();
  const panel = page.getByTestId('room-detail');
  await panel.getByRole('button', { name: 'Mute', exact: true }).click();
  await expect(panel.getByTestId('action-status')).toContainText(/Muting…|Muted/);
  await expect(panel.getByTestId('action-status')).toContainText('Muted: confirmed by the room', { timeout: 30_000 });
  expect(stack.sim.control.rooms.get(room.id)!.muted).toBe(true);
  await expect(row.locator('.mic')).toHaveText('muted');
  await expect(page.getByTestId('count-muted')).toContainText('1');

  // And back: unmute through the keyboard.
  await page.getByTestId('room-board').focus();
  await page.keyboard.press('m');
  await expect(row.locator('.mic')).toHaveText('live', { timeout: 30_000 });
  expect(stack.sim.control.rooms.get(room.id)!.muted).toBe(false);
});

test('a fault injected on one room\'s status calls shows on that room only', async ({ page, stack }) => {
  test.setTimeout(120_000);
  const rooms = stack.sim.control.rooms.list().filter((r) => !r.offline);
  const victim = rooms[0]!;
  await startDemo(page);
  await expect(page.getByTestId('rooms-total')).toContainText(`${stack.sim.control.rooms.list().length} rooms`, { timeout: 15_000 });
  await expect(rowOf(page, victim.name).locator('.rstate-word')).toHaveText(callWord[victim.callState], { timeout: 30_000 });

  stack.sim.control.faults.add({ match: { path: `/api/endpoints/${victim.id}/**` }, kind: 'status', status: 503 });
  // Open it: a room on screen and open is polled first.
  await rowOf(page, victim.name).click();
  await expect(rowOf(page, victim.name).locator('.rstate-word')).toHaveText('error', { timeout: 90_000 });
  await expect(page.getByTestId('room-detail')).toContainText('Last error');
  // Every other room is unaffected.
  for (const r of rooms.slice(1)) await expect(rowOf(page, r.name).locator('.rstate-word')).not.toHaveText('error');
  await expect(page.getByTestId('count-error')).toContainText('1');
});
