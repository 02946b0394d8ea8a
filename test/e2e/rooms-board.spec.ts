// The dashboard, room panel and event log on their own: the real renderer build in Chromium, fed by a
// synthetic window.relay (fake-relay.ts). What the renderer must do whatever main answers: virtualize,
// filter, remember, navigate by keyboard, show progress and errors in words, ask before hanging up.
import { readFileSync } from 'node:fs';
import { test as base, expect, type Page } from '@playwright/test';
import type { FakeRelayOptions } from './fake-relay.ts';
import { openWithFakeRelay } from './renderer-only.ts';

const test = base.extend<{ open: (options?: Partial<FakeRelayOptions>) => Promise<void> }>({
  open: async ({ page }, use) => {
    await use(async (options) => {
      await page.goto(await openWithFakeRelay(page, options));
      await expect(page.locator('[data-room-key]').first()).toBeVisible();
    });
  },
});

const board = (page: Page) => page.getByRole('grid', { name: 'Rooms' });
const row = (page: Page, key: string) => page.locator(`[data-room-key="${key}"]`);
const calls = (page: Page, method: string) => page.evaluate((m) => window.__fakeRelay!.calls.filter((c) => c.method === m).map((c) => c.input), method);
const setRoom = (page: Page, key: string, patch: Record<string, unknown>) => page.evaluate(([k, p]) => window.__fakeRelay!.setRoom(k as string, p as object), [key, patch] as const);

interface Want {
  call?: 'idle' | 'in-call';
  muted?: boolean;
  control?: boolean;
}
/** Rooms on screen now (in the DOM) whose fake state matches, in board order. */
const visibleRooms = (page: Page, want: Want) =>
  page.evaluate((w) => {
    const keys = [...document.querySelectorAll<HTMLElement>('[data-room-key]')].map((e) => e.dataset.roomKey!);
    return keys.filter((k) => {
      const r = window.__fakeRelay!.rooms.get(k);
      if (!r || r.reachability !== 'online' || r.pending) return false;
      if (w.call !== undefined && r.call !== w.call) return false;
      if (w.muted !== undefined && r.muted !== w.muted) return false;
      if (w.control !== undefined && r.allowed.control !== w.control) return false;
      return true;
    });
  }, want);
const visibleRoom = async (page: Page, want: Want): Promise<string> => {
  const [key] = await visibleRooms(page, want);
  if (!key) throw new Error(`no room on screen is ${JSON.stringify(want)}`);
  return key;
};

/** A count chip's number, as the page shows it ("1,234" → 1234). */
const shownCount = async (page: Page, token: string): Promise<number> =>
  Number((await page.getByTestId(`count-${token}`).locator('.count-value').textContent())?.replace(/\D/g, ''));

test('10,000 rooms: counts for all of them, a few dozen rows in the DOM, the last one reachable', async ({ page, open }) => {
  await open({ rooms: 10_000, changesPerSecond: 500, batchesPerSecond: 4 });
  await expect(page.getByTestId('rooms-total')).toContainText('10,000 rooms');
  // Diffs keep arriving and are applied.
  await expect.poll(() => page.evaluate(() => window.__fakeRelay!.diffs)).toBeGreaterThan(4);
  // Once the changes stop, every count the page shows is the fleet's own, room for room.
  await page.evaluate(() => window.__fakeRelay!.stop());
  const truth = await page.evaluate(() => {
    const n: Record<string, number> = { 'in-call': 0, dialing: 0, idle: 0, offline: 0, muted: 0 };
    for (const r of window.__fakeRelay!.rooms.values()) {
      const state = r.reachability === 'online' ? r.call : r.reachability;
      n[state] = (n[state] ?? 0) + 1;
      if (r.call === 'in-call' && r.muted === true) n.muted = (n.muted ?? 0) + 1;
    }
    return n;
  });
  expect(truth['in-call']).toBeGreaterThan(1000);
  for (const token of ['in-call', 'dialing', 'idle', 'offline', 'muted']) {
    await expect.poll(() => shownCount(page, token), { message: `the ${token} count` }).toBe(truth[token]);
  }
  const states = await Promise.all(['in-call', 'dialing', 'idle', 'offline', 'error'].map((token) => shownCount(page, token)));
  expect(states.reduce((a, b) => a + b, 0)).toBe(10_000);
  expect(await page.locator('[data-room-key]').count()).toBeLessThan(80);
  await expect(board(page)).toHaveAttribute('aria-rowcount', /^\d{5}$/);
  // End goes to the last room and keeps it in the DOM and selected.
  await board(page).focus();
  await page.keyboard.press('End');
  const active = await board(page).getAttribute('aria-activedescendant');
  expect(active).toBeTruthy();
  await expect(page.locator(`[id="${active}"]`)).toBeInViewport();
  await expect(page.locator(`[id="${active}"]`)).toHaveAttribute('aria-selected', 'true');
});

test('a diff after a lost one makes the board fetch the whole picture again', async ({ page, open }) => {
  await open();
  expect(await calls(page, 'roomsList')).toHaveLength(1);
  const key = await visibleRoom(page, {});
  await page.evaluate(() => window.__fakeRelay!.skipSeq());
  await setRoom(page, key, { floor: '42' });
  await expect.poll(async () => (await calls(page, 'roomsList')).length).toBe(2);
  await expect(row(page, key)).toContainText('floor 42');
  await expect(row(page, key)).toHaveAttribute('aria-label', /, floor 42,/);
  // A named floor is shown, and read out, as the server names it.
  await setRoom(page, key, { floor: 'Mezzanine' });
  await expect(row(page, key)).toContainText('Mezzanine');
  await expect(row(page, key)).not.toContainText('floor Mezzanine');
  await expect(row(page, key)).toHaveAttribute('aria-label', /, Mezzanine,/);
});

test('state words, stale overlay and the microphone are shown in words, not colour alone', async ({ page, open }) => {
  await open({ rooms: 12 });
  await page.getByRole('combobox', { name: 'Grouping' }).selectOption('none');
  await expect(row(page, 'c1/ep00000')).toBeVisible();
  await setRoom(page, 'c1/ep00000', { call: 'in-call', reachability: 'online', muted: true, stale: true, confirmedAt: Date.now() - 120_000 });
  const r = row(page, 'c1/ep00000');
  await expect(r).toContainText('in call');
  await expect(r).toContainText('stale');
  await expect(r).toContainText('muted');
  await expect(r).toContainText('2 min ago');
  await expect(r).toHaveAttribute('aria-label', /in call, stale, microphone muted/);
  // The microphone comes from the room's own status call: it says when it was read.
  await setRoom(page, 'c1/ep00000', { detailAt: Date.UTC(2026, 0, 1, 9, 41, 5) });
  await expect(r.locator('[data-mic="muted"]')).toHaveAttribute('title', /^Microphone as of \d/);
  await expect(page.getByTestId('count-stale')).toContainText('1');
  await setRoom(page, 'c1/ep00001', { reachability: 'offline', call: 'unknown' });
  await expect(row(page, 'c1/ep00001')).toContainText('offline');
});

test('search, count filters, site filter and sort; the choices survive a reload, a corrupt value does not break it', async ({ page, open }) => {
  await open({ rooms: 200 });
  await page.getByRole('searchbox', { name: 'Search rooms' }).fill('austin BOREAL');
  await expect(page.getByTestId('rooms-total')).toContainText('shown');
  const found = await page.locator('[data-room-key]').allTextContents();
  expect(found.length).toBeGreaterThan(0);
  for (const text of found) expect(text).toMatch(/Boreal.*Austin/);
  await page.getByRole('searchbox', { name: 'Search rooms' }).fill('');
  await page.getByTestId('count-dialing').click();
  await expect(page.getByTestId('count-dialing')).toHaveAttribute('aria-pressed', 'true');
  for (const text of await page.locator('[data-room-key]').allTextContents()) expect(text).toContain('dialing');
  await page.getByTestId('count-dialing').click();
  await page.getByRole('combobox', { name: 'Site' }).selectOption('Tokyo');
  for (const text of await page.locator('[data-room-key] .c-place').allTextContents()) expect(text).toContain('Tokyo');
  await page.getByRole('columnheader', { name: /Room/ }).getByRole('button').click(); // name, now descending
  await expect(page.getByRole('columnheader', { name: /Room/ })).toHaveAttribute('aria-sort', 'descending');
  await page.getByRole('button', { name: 'Tiles' }).click();

  await page.reload();
  await expect(page.locator('[data-room-key]').first()).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Site' })).toHaveValue('Tokyo');
  await expect(page.getByRole('button', { name: 'Tiles' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('.tile').first()).toBeVisible();
  await page.getByRole('button', { name: 'Rows' }).click();
  await expect(page.getByRole('columnheader', { name: /Room/ })).toHaveAttribute('aria-sort', 'descending');

  await page.evaluate(() => localStorage.setItem('relay-console.rooms.view', '{"density":"huge","sort":{"field":7},'));
  await page.reload();
  await expect(page.locator('[data-room-key]').first()).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Site' })).toHaveValue('*');
  await expect(page.getByRole('button', { name: 'Rows' })).toHaveAttribute('aria-pressed', 'true');
});

test('groups by site, with a header that folds its rooms away', async ({ page, open }) => {
  await open({ rooms: 80 });
  const austin = page.getByRole('button', { name: /Austin\s+10 rooms/ });
  await expect(austin).toHaveAttribute('aria-expanded', 'true');
  await austin.click();
  await expect(austin).toHaveAttribute('aria-expanded', 'false');
  expect(await page.locator('[data-room-key] .c-place', { hasText: 'Austin' }).count()).toBe(0);
});

test('keyboard: / searches, j k and arrows move, Enter opens, m mutes with confirmation, Escape closes', async ({ page, open }) => {
  await open({ rooms: 40 });
  await page.getByRole('combobox', { name: 'Grouping' }).selectOption('none');
  await page.keyboard.press('/');
  await expect(page.getByRole('searchbox', { name: 'Search rooms' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(board(page)).toBeFocused();
  await page.keyboard.press('j');
  const first = await board(page).getAttribute('aria-activedescendant');
  await page.keyboard.press('j');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('k');
  const second = await board(page).getAttribute('aria-activedescendant');
  expect(second).not.toBe(first);
  await expect(page.locator(`[id="${second}"]`)).toHaveClass(/is-selected/);

  // A room in a call with a live microphone that this connection may control.
  const key = await visibleRoom(page, { call: 'in-call', muted: false, control: true });
  await row(page, key).click();
  await expect(page.getByTestId('room-detail')).toBeVisible();
  await board(page).focus();
  await page.keyboard.press('m');
  await expect(page.getByTestId('rooms-notice')).toContainText(/Muting…|Muted/);
  await expect(page.getByTestId('rooms-notice')).toContainText('Muted: confirmed by the room');
  await expect(row(page, key)).toContainText('muted');
  expect(await calls(page, 'roomAct')).toContainEqual({ key, action: 'mute' });
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('room-detail')).toBeHidden();
  await expect(board(page)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('room-detail')).toBeVisible();
});

test('tells main which rooms are on screen, after the list rests', async ({ page, open }) => {
  await open({ rooms: 500 });
  await expect.poll(async () => (await calls(page, 'roomsFocus')).length).toBeGreaterThan(0);
  const [focus] = (await calls(page, 'roomsFocus')) as { keys: string[] }[];
  expect(focus!.keys.length).toBeGreaterThan(5);
  expect(focus!.keys.length).toBeLessThan(80);
  const before = (await calls(page, 'roomsFocus')).length;
  await board(page).evaluate((el) => (el.scrollTop = 8000));
  await expect.poll(async () => (await calls(page, 'roomsFocus')).length).toBe(before + 1);
});

test('hang up asks first; the action shows progress, then the state confirmed by the next poll', async ({ page, open }) => {
  await open({ rooms: 40, actDelayMs: 600 });
  const key = await visibleRoom(page, { call: 'in-call', control: true });
  await row(page, key).click();
  const panel = page.getByTestId('room-detail');
  await panel.getByRole('button', { name: 'Hang up' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(panel).toBeVisible(); // Escape closed the dialog only
  expect(await calls(page, 'roomAct')).toHaveLength(0);

  await panel.getByRole('button', { name: 'Hang up' }).click();
  await dialog.getByRole('button', { name: 'Hang up' }).click();
  await expect(panel.getByTestId('action-status')).toContainText('Hanging up…');
  await expect(row(page, key)).toContainText('hanging up…');
  await expect(panel.getByTestId('action-status')).toContainText('Hung up: confirmed by the room');
  await expect(panel.getByTestId('detail-state')).toContainText('idle');
  expect(await calls(page, 'roomAct')).toEqual([{ key, action: 'hangup' }]);
});

test('controls the role does not allow are disabled with the reason in words; a refusal is shown in words', async ({ page, open }) => {
  await open({ rooms: 40 });
  const key = await visibleRoom(page, { control: false }); // a room of a pairing-code connection
  await setRoom(page, key, { call: 'in-call', muted: false, reachability: 'online' });
  await row(page, key).click();
  const panel = page.getByTestId('room-detail');
  await expect(panel.getByText('A pairing-code token controls only its own room.').first()).toBeVisible();
  for (const name of ['Mute', 'Unmute', 'Hang up']) await expect(panel.getByRole('button', { name, exact: true })).toBeDisabled();
  await panel.getByRole('button', { name: 'Mute', exact: true }).click({ force: true });
  expect(await calls(page, 'roomAct')).toHaveLength(0);
  // The keyboard says why too.
  await board(page).focus();
  await page.keyboard.press('m');
  await expect(page.getByTestId('rooms-notice')).toContainText('A pairing-code token controls only its own room.');

  // An action main refuses: its error is shown in words, and nothing is retried.
  const live = await visibleRoom(page, { call: 'in-call', muted: false, control: true });
  await page.evaluate(() => window.__fakeRelay!.failNext('roomAct', { code: 'server_error', message: 'The room did not answer (HTTP 503).' }));
  await row(page, live).click();
  await panel.getByRole('button', { name: 'Mute', exact: true }).click();
  await expect(panel.getByRole('alert')).toHaveText('The room did not answer (HTTP 503).');
  expect(await calls(page, 'roomAct')).toEqual([{ key: live, action: 'mute' }]);
  await expect(row(page, live).locator('.mic')).toHaveText('live');

  // A room that is not in a call: mute is disabled with that reason.
  const idle = await visibleRoom(page, { call: 'idle', control: true });
  await row(page, idle).click();
  await expect(panel.getByRole('button', { name: 'Mute', exact: true })).toBeDisabled();
  await expect(panel.getByText('The room is not in a call.').first()).toBeVisible();
});

test('join: the pre-join check asks for a passcode, says when it is wrong, joins with the right one or a passcode connection', async ({ page, open }) => {
  await open({ rooms: 40, actDelayMs: 200 });
  const [a, b] = await visibleRooms(page, { call: 'idle', control: true });
  await row(page, a!).click();
  const panel = page.getByTestId('room-detail');
  await expect(panel.locator('.meeting-title', { hasText: 'Board meeting' })).toBeVisible();
  await panel.getByRole('button', { name: 'Join Board meeting' }).click();
  await expect(panel.getByText('Meeting 111222333 needs a passcode')).toBeVisible();
  await panel.getByRole('radio', { name: 'Type the passcode' }).check();
  await panel.getByRole('textbox', { name: 'Passcode' }).fill('1111');
  await panel.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(panel.getByText('The passcode for meeting 111222333 was wrong.')).toBeVisible();
  await panel.getByRole('textbox', { name: 'Passcode' }).fill('2468');
  await panel.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(panel.getByTestId('action-status')).toContainText('Joined: confirmed by the room');
  await expect(panel.getByTestId('detail-state')).toContainText('in call');
  expect(await calls(page, 'roomJoinFlow')).toEqual([
    { key: a, meetingId: '111222333' },
    { key: a, meetingId: '111222333', passcode: '1111' },
    { key: a, meetingId: '111222333', passcode: '2468' },
  ]);
  expect(await calls(page, 'roomJoin')).toEqual([{ key: a, meetingId: '111222333', passcode: '2468' }]);

  // Another room. A meeting ID that is not digits is refused in words before anything is sent.
  await row(page, b!).click();
  await panel.getByLabel('Meeting ID').fill('abc');
  await panel.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(panel.getByText('A meeting ID is digits only.')).toBeVisible();
  expect(await calls(page, 'roomJoinFlow')).toHaveLength(3);

  // A Meeting passcode connection for that meeting is offered and used.
  await panel.getByLabel('Meeting ID').fill('111222333');
  await panel.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(panel.getByRole('radio', { name: 'Use a Meeting passcode connection' })).toBeChecked();
  await expect(panel.getByRole('combobox', { name: 'Meeting passcode connection' })).toHaveValue('m1');
  await panel.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(panel.getByTestId('action-status')).toContainText('Joined: confirmed by the room');
  expect((await calls(page, 'roomJoin')).at(-1)).toEqual({ key: b, meetingId: '111222333', passcodeConnectionId: 'm1' });
  // Now in a call: joining again is disabled, with the reason.
  await expect(panel.getByRole('button', { name: 'Join', exact: true })).toBeDisabled();
  await expect(panel.getByText('The room is already in a call: hang up first.')).toBeVisible();
});

test('event log: actions and state changes with time, room and cause; filter by kind and room; live; CSV export', async ({ page, open }) => {
  await open({ rooms: 40, actDelayMs: 100 });
  const key = await visibleRoom(page, { call: 'in-call', muted: false, control: true });
  const name = await page.evaluate((k) => window.__fakeRelay!.rooms.get(k)!.name, key);
  await row(page, key).click();
  await page.getByTestId('room-detail').getByRole('button', { name: 'Mute', exact: true }).click();
  await expect(page.getByTestId('room-detail').getByTestId('action-status')).toContainText('Muted: confirmed');
  await expect(page.getByTestId('room-detail').getByText('mute confirmed')).toBeVisible(); // the room's recent events
  await page.getByTestId('room-detail').getByRole('link', { name: 'All events of this room' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Event log' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Room' })).toHaveValue(key);
  const rows = page.getByTestId('event-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText(name);
  await expect(rows.first()).toContainText('Poller');
  await expect(rows.nth(1)).toContainText('You');
  await page.getByRole('button', { name: 'Action', exact: true }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('mute sent');

  // Live: a new action on the room appears without a reload.
  await page.evaluate((k) => (window.relay as unknown as { roomAct(i: object): Promise<unknown> }).roomAct({ key: k, action: 'unmute' }), key);
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText('unmute sent');

  const download = page.waitForEvent('download');
  await page.getByTestId('export-csv').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^relay-console-events-\d{8}-\d{6}\.csv$/);
  const csv = readFileSync((await file.path())!, 'utf8');
  expect(csv.split('\n')[0]).toBe('time,room,kind,cause,message');
  expect(csv).toContain('mute sent');
  await expect(page.getByTestId('export-note')).toContainText('Saved');
  expect((await calls(page, 'eventLogCsv')).at(-1)).toEqual({ kinds: ['action'], roomKey: key });
});
