// The code grant end to end in Chromium: the app opens the system browser (we follow the URL main gave
// the OpenBrowser port), the simulator's login and consent page, the loopback redirect, and the
// connection turning Connected in the app. A tampered state is refused.
import type { Page } from '@playwright/test';
import { expect, test, type ConnectionsFixture } from './connections-fixture.ts';

async function startSignIn(page: Page, conn: ConnectionsFixture): Promise<string> {
  await page.getByRole('button', { name: 'Connections' }).click();
  await expect(page.getByTestId('first-run')).toBeVisible();
  await page.getByTestId('first-run').getByRole('button', { name: 'Add a connection' }).click();
  await page.getByRole('radio', { name: 'Sign in with BlueJeans' }).check();
  await page.getByRole('textbox', { name: 'App key' }).fill(conn.sim.credentials.app.clientId);
  await page.getByRole('textbox', { name: 'App secret' }).fill(conn.sim.credentials.app.clientSecret);
  await page.getByText('Server addresses').click();
  await page.getByRole('textbox', { name: 'API', exact: true }).fill(conn.sim.url);
  await page.getByRole('textbox', { name: 'Sign-in page', exact: true }).fill(conn.sim.url);
  await page.getByRole('textbox', { name: 'Relay', exact: true }).fill(conn.sim.url);
  await page.getByRole('button', { name: 'Sign in in the browser' }).click();
  await expect(page.getByTestId('sign-in-panel')).toContainText('Continue in your web browser');
  await expect.poll(() => conn.browserUrls.length).toBe(1);
  return conn.browserUrls[0]!;
}

test('Sign in with BlueJeans: browser login and consent → connected in the app', async ({ page, conn }) => {
  const url = await startSignIn(page, conn);
  expect(new URL(url).searchParams.get('redirectUri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);

  const browser = await page.context().newPage();
  await browser.goto(url);
  await expect(browser.getByRole('heading', { name: 'Sign in to BlueJeans' })).toBeVisible();
  await browser.getByLabel('Username').fill(conn.sim.credentials.admin.username);
  await browser.getByLabel('Password').fill(conn.sim.credentials.admin.password);
  await browser.getByRole('button', { name: 'Allow' }).click();
  await expect(browser.getByRole('heading', { name: 'Signed in' })).toBeVisible();
  await expect(browser.getByText('You can close this tab')).toBeVisible();
  await browser.close();

  const row = page.getByTestId('connection');
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('connection-state')).toHaveText('Connected');
  await expect(row).toContainText('northwind');
  await expect(row).toContainText('Read-write');
  await expect(row.getByTestId('connection-expiry')).toHaveText('Expires in 14 days');
  await expect(page.getByTestId('sign-in-panel')).toContainText('Signed in');
});

test('a tampered state on the redirect is refused, and nothing is added', async ({ page, conn }) => {
  const url = new URL(await startSignIn(page, conn));
  url.searchParams.set('state', 'forged-by-an-attacker');
  const browser = await page.context().newPage();
  await browser.goto(url.toString());
  await browser.getByLabel('Username').fill(conn.sim.credentials.admin.username);
  await browser.getByLabel('Password').fill(conn.sim.credentials.admin.password);
  await browser.getByRole('button', { name: 'Allow' }).click();
  await expect(browser.getByRole('heading', { name: 'Sign-in refused' })).toBeVisible();
  await browser.close();

  await expect(page.getByTestId('sign-in-panel')).toContainText('Sign-in failed');
  await expect(page.getByTestId('sign-in-panel')).toContainText('did not match the request Relay Console sent');
  await expect(page.getByRole('alert').filter({ hasText: 'wrong "state"' }).first()).toBeVisible();
  await expect(page.getByTestId('connection')).toHaveCount(0);
});

test('Cancel stops a waiting sign-in and says so', async ({ page, conn }) => {
  await startSignIn(page, conn);
  await page.getByRole('button', { name: 'Cancel sign-in' }).click();
  await expect(page.getByTestId('sign-in-panel')).toContainText('Sign-in cancelled');
  await expect(page.getByTestId('connection')).toHaveCount(0);
});

test('the sign-in shows its address with Copy, for a machine where no browser opens; the copied address signs in', async ({ page, conn }) => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(conn.host.url).origin });
  const url = await startSignIn(page, conn);
  const panel = page.getByTestId('sign-in-panel');
  const address = panel.getByRole('textbox', { name: 'Sign-in address' });
  await expect(address).toHaveValue(url);
  await panel.getByRole('button', { name: 'Copy address' }).click();
  await expect(panel.getByText('Copied.')).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(url);
  await expect(panel).toContainText(/waits \d+:\d\d more/);

  const browser = await page.context().newPage();
  await browser.goto(copied);
  await browser.getByLabel('Username').fill(conn.sim.credentials.admin.username);
  await browser.getByLabel('Password').fill(conn.sim.credentials.admin.password);
  await browser.getByRole('button', { name: 'Allow' }).click();
  await expect(browser.getByRole('heading', { name: 'Signed in' })).toBeVisible();
  await browser.close();
  await expect(page.getByTestId('connection').getByTestId('connection-state')).toHaveText('Connected');
  // The address is gone once the sign-in has ended.
  await expect(panel.getByRole('textbox', { name: 'Sign-in address' })).toHaveCount(0);
});

test.describe('a sign-in nobody finishes', () => {
  test.use({ signInTimeoutMs: 5_000 });

  test('ends with a clear timeout message, the address gone and the form usable again', async ({ page, conn }) => {
    await startSignIn(page, conn);
    const panel = page.getByTestId('sign-in-panel');
    await expect(panel.getByRole('heading', { name: 'Sign-in timed out' })).toBeVisible({ timeout: 20_000 });
    await expect(panel).toContainText('No sign-in arrived within 5 s, so Relay Console stopped waiting. Try again.');
    await expect(panel.getByRole('textbox', { name: 'Sign-in address' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Sign in in the browser' })).toBeEnabled();
    await expect(page.getByTestId('connection')).toHaveCount(0);
  });
});
