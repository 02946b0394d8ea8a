// The leak test: run every connection kind (and rename, reconnect, sign-out, remove, a wrong password)
// through the bridge, then look for every token, secret, password, passcode and pairing code in every
// message the renderer received, every log line, and every file in the settings folder. None may appear.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { AddConnectionInput, ReconnectInput, RelayApi } from '../../contract/index.ts';
import { expect, test } from './connections-fixture.ts';

declare global {
  interface Window {
    relay?: RelayApi;
  }
}

type Outcome = { ok: boolean; value?: { id: string; state: string }; error?: { code: string; message: string } };

const add = (page: Page, input: AddConnectionInput) =>
  page.evaluate((i) => window.relay!.connectionsAdd(i) as Promise<Outcome>, input);
const reconnect = (page: Page, input: ReconnectInput) =>
  page.evaluate((i) => window.relay!.connectionsReconnect(i) as Promise<Outcome>, input);

test('no token, secret or password reaches the renderer, the log or the disk', async ({ page, conn }) => {
  test.setTimeout(60_000);
  const { sim } = conn;
  const { admin, user, app, relayAccount, pairingCodes, meetings } = sim.credentials;
  const bases = { api: sim.url, authorize: sim.url, relay: sim.url };

  // Secrets must reach the disk for the file to be worth scanning: accept the risk (this host has no keychain).
  await page.getByRole('button', { name: 'Connections' }).click();
  await page.getByLabel(/Store anyway/).check();
  await expect(page.getByLabel(/Store anyway/)).toBeChecked();

  const relayConn = await add(page, { kind: 'relay', username: relayAccount.username, password: relayAccount.password, durationDays: 7, bases });
  const passwordConn = await add(page, { kind: 'password', username: admin.username, password: admin.password, bases });
  const userConn = await add(page, { kind: 'password', username: user.username, password: user.password, bases });
  const clientConn = await add(page, { kind: 'client', clientId: app.clientId, clientSecret: app.clientSecret, bases });

  // The code grant, with Playwright as the system browser.
  const codeCall = add(page, { kind: 'code', clientId: app.clientId, clientSecret: app.clientSecret, bases });
  await expect.poll(() => conn.browserUrls.length).toBe(1);
  const browser = await page.context().newPage();
  await browser.goto(conn.browserUrls[0]!);
  await browser.getByLabel('Username').fill(admin.username);
  await browser.getByLabel('Password').fill(admin.password);
  await browser.getByRole('button', { name: 'Allow' }).click();
  await expect(browser.getByText('You can close this tab')).toBeVisible();
  await browser.close();
  const codeConn = await codeCall;

  const pairA = await add(page, { kind: 'pairing', pairingCode: pairingCodes[0]!.code, source: { from: 'password', username: admin.username, password: admin.password }, bases });
  const pairB = await add(page, { kind: 'pairing', pairingCode: pairingCodes[1]!.code, source: { from: 'connection', connectionId: clientConn.value!.id } });
  const pairC = await add(page, { kind: 'pairing', pairingCode: pairingCodes[2]!.code, source: { from: 'client', clientId: app.clientId, clientSecret: app.clientSecret }, bases });
  const meeting = meetings.find((m) => m.moderatorPasscode && m.participantPasscode)!;
  const modConn = await add(page, { kind: 'meeting', meetingId: meeting.numericId, passcode: meeting.moderatorPasscode!, bases });
  const partConn = await add(page, { kind: 'meeting', meetingId: meeting.numericId, passcode: meeting.participantPasscode!, bases });
  for (const r of [relayConn, passwordConn, userConn, clientConn, codeConn, pairA, pairB, pairC, modConn, partConn]) {
    expect(r, JSON.stringify(r.error)).toMatchObject({ ok: true, value: { state: 'connected' } });
  }

  // Failures carry messages too: they must not carry what was typed.
  const wrong = await add(page, { kind: 'password', username: admin.username, password: 'Wrong-Password-4711', bases });
  expect(wrong).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  const wrongCode = await add(page, { kind: 'pairing', pairingCode: 'QQQQQQ9', source: { from: 'password', username: admin.username, password: admin.password }, bases });
  expect(wrongCode.ok).toBe(false);

  // The rest of the lifecycle.
  await page.evaluate((id) => window.relay!.connectionsRename({ id, name: 'Renamed' }), passwordConn.value!.id);
  expect(await reconnect(page, { id: passwordConn.value!.id, password: admin.password })).toMatchObject({ ok: true });
  expect(await reconnect(page, { id: modConn.value!.id, passcode: meeting.moderatorPasscode! })).toMatchObject({ ok: true });
  await page.evaluate((id) => window.relay!.connectionsSignOut({ id }), clientConn.value!.id);
  await page.evaluate((id) => window.relay!.connectionsRemove({ id }), relayConn.value!.id);
  sim.control.tokens.expire();
  await page.getByRole('button', { name: 'Rooms' }).click();
  await page.getByRole('button', { name: 'Connections' }).click();
  await expect(page.getByTestId('connection')).toHaveCount(9);

  // What to look for: every secret the user typed, every token the servers issued.
  const secrets = new Set<string>([
    admin.password,
    user.password,
    relayAccount.password,
    app.clientSecret,
    'Wrong-Password-4711',
    Buffer.from(`${relayAccount.username}:${relayAccount.password}`).toString('base64'),
    ...pairingCodes.slice(0, 3).map((p) => p.code),
    ...conn.issuedTokens,
  ]);
  expect(conn.issuedTokens.size).toBeGreaterThanOrEqual(12); // the watch really saw the tokens
  // Passcodes are short digits: looked for as whole JSON strings, not inside timestamps.
  const passcodes = [meeting.moderatorPasscode!, meeting.participantPasscode!].map((p) => `"${p}"`);

  const files = readdirSync(conn.dir).map((f) => ({ name: f, text: readFileSync(join(conn.dir, f), 'utf8') }));
  expect(files.some((f) => f.name === 'settings.json' && f.text.includes('"secrets"'))).toBe(true);
  const places: [string, string][] = [
    ['bridge messages to the renderer', conn.outgoing.join('\n')],
    ['log output', conn.logLines.join('\n')],
    ...files.map((f): [string, string] => [`file ${f.name}`, f.text]),
  ];
  expect(conn.outgoing.length).toBeGreaterThan(20);
  for (const [where, text] of places) {
    for (const secret of secrets) expect(text.includes(secret), `a secret (${secret.slice(0, 3)}…) appeared in ${where}`).toBe(false);
    for (const p of passcodes) expect(text.includes(p), `a passcode appeared in ${where}`).toBe(false);
  }
});
