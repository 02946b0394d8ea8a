import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import WebSocket from 'ws';
import { expect, test } from './fixtures.ts';

test('the app shell shows the app.info round trip from main', async ({ page, app }) => {
  await expect(page.getByTestId('app-info')).toContainText('Relay Console 0.0.0-test');
  await expect(page.getByTestId('app-info')).toContainText('preview host');
  await expect(page.getByTestId('app-info')).toContainText(process.platform);
  // The token left the address bar as soon as the bridge took it.
  expect(page.url()).not.toContain('token=');
  expect(app.outgoing.some((t) => t.includes('"version":"0.0.0-test"'))).toBe(true);
});

test('no screen speaks of our insides: no "main", no "bridge", no port number', async ({ page, app }) => {
  await expect(page.getByTestId('app-info')).toContainText('answered in');
  const port = new URL(app.host.origin).port;
  for (const name of ['Rooms', 'Connections', 'Event log', 'Settings']) {
    await page.getByRole('button', { name, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    const text = await page.evaluate(() => document.body.innerText);
    expect(text, name).not.toMatch(/\bmain\b|\bbridge\b/i);
    expect(text, name).not.toContain(port);
  }
});

test('navigation reaches every screen by mouse and keyboard; a shortcut puts focus in the screen it opens', async ({ page, app }) => {
  void app;
  // Tab reaches the navigation, right after the skip link, and shows where focus is.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  await page.keyboard.press('Tab');
  const firstScreen = page.getByRole('button', { name: 'Rooms', exact: true });
  await expect(firstScreen).toBeFocused();
  expect(await firstScreen.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none');
  for (const name of ['Connections', 'Event log', 'Settings', 'Rooms']) {
    await page.getByRole('button', { name, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await expect(page.getByRole('button', { name, exact: true })).toHaveAttribute('aria-current', 'page');
  }
  // Ctrl+1…4: focus moves into the screen just opened (the region named after it), not onto the page body.
  const screen = page.getByRole('main');
  for (const [keys, name] of [['Control+4', 'Settings'], ['Control+1', 'Rooms'], ['Control+3', 'Event log'], ['Control+2', 'Connections']] as const) {
    await page.keyboard.press(keys);
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await expect(screen).toBeFocused();
    await expect(screen).toHaveAccessibleName(name);
  }
  // Tab goes on from inside that screen, not from the top of the page.
  await page.keyboard.press('Tab');
  expect(await screen.evaluate((el) => el !== document.activeElement && el.contains(document.activeElement))).toBe(true);
  // The shortcut of the screen already open brings focus back to it.
  await page.keyboard.press('Control+2');
  await expect(screen).toBeFocused();
});

test('a ping goes to main and its event comes back', async ({ page, app }) => {
  void app;
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await page.getByRole('button', { name: 'Check that Relay Console responds' }).click();
  await expect(page.getByTestId('connection-check')).toContainText(/Relay Console answered in \d+ ms; live updates arrive too/);
});

test('the theme follows the OS and can be pinned', async ({ page, app }) => {
  void app;
  await page.emulateMedia({ colorScheme: 'dark' });
  const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const dark = await bg();
  await page.emulateMedia({ colorScheme: 'light' });
  const light = await bg();
  expect(dark).not.toBe(light);
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await page.getByLabel('Dark').check();
  expect(await bg()).toBe(dark);
});

test('the page has a favicon, the app icon, and nothing it asks for is missing or blocked', async ({ page, app }) => {
  const failed: string[] = [];
  page.on('response', (r) => r.status() >= 400 && failed.push(`${r.status()} ${new URL(r.url()).pathname}`));
  page.on('console', (m) => m.type() === 'error' && failed.push(m.text()));
  await page.reload();
  await expect(page.getByTestId('app-info')).toContainText('Relay Console');
  const href = await page.locator('link[rel="icon"]').getAttribute('href');
  expect(href).toBeTruthy();
  const icon = await page.request.get(new URL(href!, app.host.origin).href);
  expect(icon.status()).toBe(200);
  expect(icon.headers()['content-type']).toBe('image/svg+xml');
  expect(await icon.text()).toBe(readFileSync(resolve(import.meta.dirname, '../../build/icon.svg'), 'utf8'));
  // The browser's own favicon fetch goes through the CSP too.
  const drawn = await page.evaluate(async (url) => {
    const img = new Image();
    img.src = url;
    return img.decode().then(() => img.naturalWidth > 0, () => false);
  }, href!);
  expect(drawn).toBe(true);
  expect(failed).toEqual([]);
});

test('the page is served with a strict CSP', async ({ page, app }) => {
  const response = await page.request.get(app.host.origin + '/');
  const csp = response.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain('unsafe-eval');
  expect(csp).not.toContain('unsafe-inline');
  // An inline script injected into the page does not run.
  const ran = await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__inline = true';
    document.head.appendChild(s);
    return (window as unknown as { __inline?: boolean }).__inline === true;
  });
  expect(ran).toBe(false);
});

async function tryConnect(url: string, origin: string): Promise<string> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { origin });
    ws.on('open', () => {
      ws.close();
      resolve('open');
    });
    ws.on('unexpected-response', (_req, res) => resolve(String(res.statusCode)));
    ws.on('error', (e) => resolve(`error: ${e.message}`));
  });
}

test('the bridge refuses a bad token and a foreign Origin', async ({ app }) => {
  const ws = app.host.origin.replace('http', 'ws');
  expect(await tryConnect(`${ws}/bridge?token=${app.host.token}`, app.host.origin)).toBe('open');
  expect(await tryConnect(`${ws}/bridge?token=wrong-token-of-the-same-length-xx`, app.host.origin)).toBe('401');
  expect(await tryConnect(`${ws}/bridge`, app.host.origin)).toBe('401');
  expect(await tryConnect(`${ws}/bridge?token=${app.host.token}`, 'https://evil.example')).toBe('403');
  expect(await tryConnect(`${ws}/bridge?token=${app.host.token}`, 'null')).toBe('403');
});

test('malformed bridge messages get typed errors and the host keeps running', async ({ page, app }) => {
  const ws = new WebSocket(`${app.host.origin.replace('http', 'ws')}/bridge?token=${app.host.token}`, { origin: app.host.origin });
  await new Promise((r) => ws.once('open', r));
  const replies: unknown[] = [];
  ws.on('message', (d) => replies.push(JSON.parse(d.toString())));
  const sendAll = ['not json', '{"id":1}', '{"id":2,"channel":"app.ping","payload":{"nonce":""}}', '{"id":3,"channel":"no.such"}', '[]', '{"id":4,"channel":"app.info"}'];
  for (const m of sendAll) ws.send(m);
  await expect.poll(() => replies.length).toBe(sendAll.length);
  const byId = (id: unknown) => replies.find((r) => (r as { id: unknown }).id === id) as { ok: boolean; error?: { code: string } };
  expect(replies.filter((r) => (r as { id: unknown }).id === null)).toHaveLength(2);
  expect(byId(1).error?.code).toBe('bad_message');
  expect(byId(2).error?.code).toBe('invalid_input');
  expect(byId(3).error?.code).toBe('unknown_channel');
  expect(byId(4).ok).toBe(true);
  ws.close();
  // The page still works.
  await page.reload();
  await expect(page.getByTestId('app-info')).toContainText('Relay Console');
});
