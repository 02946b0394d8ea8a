// What an admin reads, on its own (the real renderer build, a synthetic window.relay): calendar times
// carry their date when they are not today, no label on the board is clipped at the window widths people
// use, and the page has a favicon.
import { test, expect, type Page } from '@playwright/test';
import { openWithFakeRelay } from './renderer-only.ts';

async function open(page: Page, width: number, rooms = 60): Promise<void> {
  await page.setViewportSize({ width, height: 900 });
  await page.goto(await openWithFakeRelay(page, { rooms }));
  await expect(page.locator('[data-room-key]').first()).toBeVisible();
}

test('a meeting on another day shows its date; one today shows only its time', async ({ page }) => {
  await open(page, 1600);
  await page.locator('[data-room-key]').first().click();
  const panel = page.getByTestId('room-detail');
  const today = panel.locator('.meetings li', { hasText: 'Board meeting' });
  const tomorrow = panel.locator('.meetings li', { hasText: 'Quarterly review' });
  await expect(tomorrow).toBeVisible();
  const day = await page.evaluate(() => {
    const at = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 + 86_400_000);
    return new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' }).formatToParts(at).find((p) => p.type === 'day')!.value;
  });
  const month = await page.evaluate(() => new Intl.DateTimeFormat(undefined, { month: 'short' }).format(new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 + 86_400_000)));
  await expect(tomorrow.locator('.muted')).toContainText(month);
  await expect(tomorrow.locator('.muted')).toContainText(new RegExp(`\\b${day}\\b`));
  const todayText = (await today.locator('.muted').textContent()) ?? '';
  expect(todayText).toMatch(/^\d{1,2}:\d{2}/);
});

/** Every microphone label and state badge that its row cell or tile line cuts off, by how many pixels. */
const clippedLabels = (page: Page) =>
  page.evaluate(() => {
    const clipped: string[] = [];
    for (const mic of document.querySelectorAll<HTMLElement>('[data-room-key] .mic, [data-room-key] .state-badge')) {
      // Inside its cell or tile line, and inside its row or tile (a cell taller than its row spills over).
      const box = mic.closest<HTMLElement>('.cell, .tile > div');
      const room = mic.closest<HTMLElement>('[data-room-key]');
      if (!box || !room) continue;
      const label = mic.getBoundingClientRect();
      let over = 0;
      for (const outer of [box, room]) {
        const style = getComputedStyle(outer);
        const r = outer.getBoundingClientRect();
        over = Math.max(
          over,
          label.right - (r.right - parseFloat(style.paddingRight) - parseFloat(style.borderRightWidth)),
          label.bottom - (r.bottom - parseFloat(style.borderBottomWidth)),
          r.top + parseFloat(style.borderTopWidth) - label.top,
        );
      }
      if (over > 0.5 || box.scrollWidth > box.clientWidth) clipped.push(`${mic.textContent} by ${over.toFixed(1)} px`);
    }
    return clipped;
  });

for (const width of [800, 1024, 1280, 1366, 1440, 1920]) {
  test(`no microphone, state or column label is clipped at ${width} px, in rows or tiles`, async ({ page }) => {
    await open(page, width);
    // Rooms in a call whose microphone is not known yet: the longest label, "mic unknown".
    const keys = await page.evaluate(() => [...document.querySelectorAll<HTMLElement>('[data-room-key]')].map((e) => e.dataset.roomKey!).slice(0, 12));
    // The widest state: in a call, stale, and an action on its way ("hanging up…").
    for (const [i, key] of keys.entries()) {
      await page.evaluate(([k, p]) => window.__fakeRelay!.setRoom(k as string, p as object), [key, { call: 'in-call', reachability: 'online', muted: null, stale: true, pending: i % 2 ? 'hangup' : null }] as const);
    }
    await expect(page.locator('[data-room-key] .mic-unknown').first()).toBeVisible();
    expect(await clippedLabels(page), 'rows').toEqual([]);
    // The column headings, the widest with its sort arrow.
    await page.getByRole('columnheader', { name: 'In state' }).click();
    await expect(page.getByRole('columnheader', { name: /In state/ })).toHaveAttribute('aria-sort', /ascending|descending/);
    const clippedHeadings = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.board-head .cell')].filter((c) => c.scrollWidth > c.clientWidth).map((c) => `${c.textContent} (${c.scrollWidth} > ${c.clientWidth})`),
    );
    expect(clippedHeadings, 'headings').toEqual([]);
    await page.getByRole('button', { name: 'Tiles', exact: true }).click();
    await expect(page.locator('.tile .mic-unknown').first()).toBeVisible();
    expect(await clippedLabels(page), 'tiles').toEqual([]);
  });
}
