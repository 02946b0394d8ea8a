// The Connections screen in Chromium: first run with demo rooms, the add form's inline checks and
// errors in words, rename, remove with confirmation, and the vault warning with "store anyway".
import { expect, test } from './connections-fixture.ts';

test('first run: "Explore with demo rooms" connects to the built-in simulator, no account needed', async ({ page, conn }) => {
  void conn;
  await page.getByRole('button', { name: 'Connections' }).click();
  await page.getByRole('button', { name: 'Explore with demo rooms' }).click();
  const row = page.getByTestId('connection');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Demo rooms (simulator)');
  await expect(row.getByTestId('connection-state')).toHaveText('Connected');
  await expect(page.getByTestId('first-run')).toHaveCount(0);
});

test("a connection's polling budget: Relay's limit by default, no limit for an on-premises server, shown on the board", async ({ page, conn }) => {
  void conn;
  await page.getByRole('button', { name: 'Connections' }).click();
  await page.getByRole('button', { name: 'Explore with demo rooms' }).click();
  const budget = page.getByTestId('connection').getByLabel('Polling');
  await expect(budget).toHaveValue('2');
  await expect(budget.locator('option:checked')).toHaveText("2 requests a second (Relay's limit)");
  await expect(page.getByTestId('connection-budget-hint')).toContainText('At most 2 requests in any 1.1 s (about 1.8 a second)');
  await budget.selectOption({ label: 'No limit (on-premises servers)' });
  await expect(budget).toHaveValue('none');
  await page.getByRole('button', { name: 'Rooms' }).click();
  await expect(page.getByText(/requests a second \(no limit\)/)).toBeVisible();
  await page.reload();
  await page.getByRole('button', { name: 'Connections' }).click();
  await expect(page.getByTestId('connection').getByLabel('Polling')).toHaveValue('none');
});

test('add, check inline, fail in words, succeed, rename, remove with confirmation', async ({ page, conn }) => {
  const { relayAccount } = conn.sim.credentials;
  await page.getByRole('button', { name: 'Connections' }).click();
  await expect(page.getByTestId('vault-warning')).toContainText('memory for this session only');
  await page.getByTestId('first-run').getByRole('button', { name: 'Add a connection' }).click();

  // Inline checks before anything is sent.
  await page.getByRole('radio', { name: 'Meeting passcode' }).check();
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByText('Enter the meeting ID: 4 to 15 digits.')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Meeting ID' })).toBeFocused();
  await page.getByRole('textbox', { name: 'Meeting ID' }).fill('12ab');
  await page.getByRole('textbox', { name: 'Meeting ID' }).blur();
  await expect(page.getByRole('textbox', { name: 'Meeting ID' })).toHaveAttribute('aria-invalid', 'true');

  await page.getByRole('radio', { name: 'Relay account' }).check();
  await page.getByRole('textbox', { name: 'User name' }).fill(relayAccount.username);
  await page.getByRole('textbox', { name: 'Password' }).fill('not-the-password');
  await page.getByText('Server addresses').click();
  await page.getByRole('textbox', { name: 'Relay', exact: true }).fill('http://relay.example.com');
  await page.getByRole('textbox', { name: 'Relay', exact: true }).blur();
  await expect(page.getByText('Use https:// (plain http:// only on this computer).')).toBeVisible();
  await page.getByRole('textbox', { name: 'Relay', exact: true }).fill(conn.sim.url);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Relay did not accept that user name and password.' })).toBeVisible();
  await expect(page.getByTestId('connection')).toHaveCount(0);

  await page.getByRole('textbox', { name: 'Password' }).fill(relayAccount.password);
  await page.getByRole('textbox', { name: 'Name (optional)' }).fill('Head office');
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  const row = page.getByTestId('connection');
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('connection-state')).toHaveText('Connected');
  await expect(row.getByTestId('connection-expiry')).toHaveText('Expires in 14 days');
  await expect(row).toContainText('Read-write');

  // Rename from the keyboard.
  await row.getByRole('button', { name: 'Rename' }).click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Main campus');
  await page.keyboard.press('Enter');
  await expect(row).toContainText('Main campus');

  // Remove asks first; Cancel keeps it.
  await row.getByRole('button', { name: 'Remove' }).click();
  const dialog = page.getByRole('dialog', { name: /Remove “Main campus”/ });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('connection')).toHaveCount(1);
  await row.getByRole('button', { name: 'Remove' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click();
  await expect(page.getByTestId('connection')).toHaveCount(0);
  await expect(page.getByTestId('first-run')).toBeVisible();
});

test('"store anyway" is an explicit choice and the warning says what it means', async ({ page, conn }) => {
  void conn;
  await page.getByRole('button', { name: 'Connections' }).click();
  const box = page.getByLabel(/Store anyway/);
  await expect(box).not.toBeChecked();
  const means = page.getByTestId('store-anyway-means');
  await expect(means).toContainText('It protects them from other user accounts on this computer, and from someone who gets a copy of the settings file alone.');
  await expect(means).toContainText('It does not protect them from anyone who can read your user account’s files');
  await expect(means).toContainText('or from malware running as you.');
  await box.check();
  await expect(page.getByTestId('vault-warning')).toContainText('only your user account can read');
  await box.uncheck();
  await expect(page.getByTestId('vault-warning')).toContainText('memory for this session only');
});

test('a Relay address pasted with /api is taken; Check connection shows its outcome on the row, and a failed check is in the event log', async ({ page, conn }) => {
  const { relayAccount } = conn.sim.credentials;
  await page.getByRole('button', { name: 'Connections' }).click();
  await page.getByTestId('first-run').getByRole('button', { name: 'Add a connection' }).click();
  await page.getByRole('radio', { name: 'Relay account' }).check();
  await page.getByRole('textbox', { name: 'User name' }).fill(relayAccount.username);
  await page.getByRole('textbox', { name: 'Password' }).fill(relayAccount.password);
  await page.getByRole('textbox', { name: 'Name (optional)' }).fill('Head office');
  await page.getByText('Server addresses').click();
  // As the simulator prints it: the Relay URL ends in /api.
  await page.getByRole('textbox', { name: 'Relay', exact: true }).fill(`${conn.sim.url}/api/`);
  await page.getByRole('textbox', { name: 'Relay', exact: true }).blur();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  const row = page.getByTestId('connection');
  await expect(row.getByTestId('connection-state')).toHaveText('Connected');
  await expect(row.getByTestId('connection-rooms')).toHaveText('6 rooms');

  await row.getByRole('button', { name: 'Check connection' }).click();
  await expect(row.getByTestId('connection-check')).toContainText(/^Checked at .*: Relay answered for Northwind Traders in \d+ ms\.$/);

  conn.sim.control.faults.add({ match: { path: '/api/enterprises/self' }, kind: 'status', status: 503 });
  await row.getByRole('button', { name: 'Check connection' }).click();
  await expect(row.getByTestId('connection-check')).toContainText(/^Check at .* failed: .*HTTP 503/);
  await page.getByRole('button', { name: 'Event log' }).click();
  await expect(page.getByText(/Connection check failed: .*HTTP 503/)).toBeVisible();
});
