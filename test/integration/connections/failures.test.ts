// Bad input and bad servers: each failure is a typed error with a sentence, and nothing saved changes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer, type Server } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AddConnectionInput, ConnectionView } from '../../../contract/index.ts';
import { startHarness, type Harness } from './harness.ts';

let h: Harness;
let before: { file: string; list: ConnectionView[] };
beforeEach(async () => {
  h = await startHarness({ timeoutMs: 600 });
  const { relayAccount } = h.sim.credentials;
  await h.call('connectionsAdd', { kind: 'relay', ...relayAccount, bases: h.bases, name: 'Kept' });
  before = snapshot();
});
afterEach(async () => {
  await h.close();
});

function snapshot() {
  return { file: readFileSync(join(h.dir, 'settings.json'), 'utf8'), list: h.manager.list() };
}

async function expectFailure(input: AddConnectionInput, code: string, message: RegExp) {
  await expect(h.call('connectionsAdd', input)).rejects.toMatchObject({ code, message: expect.stringMatching(message) });
  expect(snapshot()).toEqual(before);
}

describe('a failed add changes nothing and says why', () => {
  it('wrong BlueJeans password', async () => {
    await expectFailure({ kind: 'password', username: h.sim.credentials.admin.username, password: 'wrong-pass', bases: h.bases }, 'unauthorized', /did not accept that user name and password/);
  });

  it('wrong Relay password', async () => {
    await expectFailure({ kind: 'relay', username: h.sim.credentials.relayAccount.username, password: 'wrong-pass', bases: h.bases }, 'unauthorized', /Relay did not accept/);
  });

  it('wrong meeting passcode', async () => {
    const m = h.sim.credentials.meetings[0]!;
    await expectFailure({ kind: 'meeting', meetingId: m.numericId, passcode: '0000000', bases: h.bases }, 'unauthorized', /meeting ID and passcode/);
  });

  it('unknown pairing code', async () => {
    const { admin } = h.sim.credentials;
    await expectFailure(
      { kind: 'pairing', pairingCode: 'ZZZZZZ', source: { from: 'password', username: admin.username, password: admin.password }, bases: h.bases },
      'rejected',
      /does not know that pairing code/,
    );
  });

  it('revoked (wrong) app secret', async () => {
    const { app } = h.sim.credentials;
    await expectFailure({ kind: 'client', clientId: app.clientId, clientSecret: 'revoked-secret-000', bases: h.bases }, 'unauthorized', /app key and secret/);
  });

  it('a server that answers an HTML error page', async () => {
    h.sim.control.faults.add({ match: { path: '/oauth2/token' }, kind: 'html', count: 1 });
    const { app } = h.sim.credentials;
    await expectFailure({ kind: 'client', clientId: app.clientId, clientSecret: app.clientSecret, bases: h.bases }, 'server_error', /^The server is having trouble \(HTTP 502\)\. Try again in a moment\.$/);
  });

  it('a server that answers garbage (cut-off JSON)', async () => {
    h.sim.control.faults.add({ match: { path: '/api/auth/accesstokens' }, kind: 'malformed_json', count: 1 });
    await expectFailure({ kind: 'relay', ...h.sim.credentials.relayAccount, bases: h.bases }, 'bad_response', /not valid JSON/);
  });

  it('a server that answers a huge body', async () => {
    h.sim.control.faults.add({ match: { path: '/api/auth/accesstokens' }, kind: 'huge_body', count: 1, bytes: 4 * 1024 * 1024 });
    await expectFailure({ kind: 'relay', ...h.sim.credentials.relayAccount, bases: h.bases }, 'bad_response', /larger than/);
  });

  it('a server error (503)', async () => {
    h.sim.control.faults.add({ match: { path: '/oauth2/token' }, kind: 'status', status: 503, count: 1 });
    await expectFailure({ kind: 'password', username: h.sim.credentials.admin.username, password: h.sim.credentials.admin.password, bases: h.bases }, 'server_error', /HTTP 503/);
  });

  it('a server that stalls: timeout', async () => {
    h.sim.control.faults.add({ match: { path: '/api/auth/accesstokens' }, kind: 'stall', count: 1 });
    await expectFailure({ kind: 'relay', ...h.sim.credentials.relayAccount, bases: h.bases }, 'timeout', /did not answer within/);
  });

  it('a connection reset: offline', async () => {
    h.sim.control.faults.add({ match: { path: '/oauth2/token' }, kind: 'reset', count: 1 });
    await expectFailure({ kind: 'password', username: h.sim.credentials.admin.username, password: h.sim.credentials.admin.password, bases: h.bases }, 'offline', /Could not reach|connection/);
  });

  it('rate limited: carries the wait', async () => {
    h.sim.control.faults.add({ match: { path: '/api/auth/accesstokens' }, kind: 'rate_limit', retryAfterSec: 4, count: 1 });
    await expectFailure({ kind: 'relay', ...h.sim.credentials.relayAccount, bases: h.bases }, 'rate_limited', /Retry in 4 s/);
  });

  it('an address that is not a BlueJeans server (a web page with 200)', async () => {
    const server: Server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Router login</title>'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      await expectFailure({ kind: 'relay', ...h.sim.credentials.relayAccount, bases: { relay: url } }, 'bad_response', /web page instead of data/);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it('nothing listening at the address: offline', async () => {
    await expectFailure({ kind: 'relay', ...h.sim.credentials.relayAccount, bases: { relay: 'http://127.0.0.1:9' } }, 'offline', /Could not reach 127\.0\.0\.1:9/);
  });
});

describe('a failed reconnect changes nothing either', () => {
  it('wrong password on reconnect keeps the connection and its saved token', async () => {
    const [kept] = h.manager.list();
    await expect(h.call('connectionsReconnect', { id: kept!.id, password: 'wrong-pass' })).rejects.toMatchObject({ code: 'unauthorized' });
    expect(snapshot()).toEqual(before);
    await expect(h.call('connectionsReconnect', { id: kept!.id })).rejects.toMatchObject({ code: 'invalid_input', message: /Enter the password/ });
  });
});
