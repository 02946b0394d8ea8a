// A secret only ever goes to the hosts it was entered for. A room pairing made from another connection
// trades that connection's BlueJeans token (often an enterprise admin's) for a pairing token, so it must
// use that connection's servers: an address chosen by the caller is refused before anything is sent, and
// a saved pairing whose servers differ from its source's (one made before this rule) is refused too.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channels, type ConnectionView } from '../../../contract/index.ts';
import { startHarness, type Harness } from './harness.ts';

let h: Harness;
/** A server the secrets must never reach: it records every request it gets. */
let elsewhere: { server: Server; url: string; requests: string[] };

beforeEach(async () => {
  h = await startHarness();
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    res.writeHead(500).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  elsewhere = { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
});
afterEach(async () => {
  await h.close();
  await new Promise<void>((resolve) => elsewhere.server.close(() => resolve()));
});

async function adminSource(): Promise<ConnectionView> {
  const { admin } = h.sim.credentials;
  return h.call('connectionsAdd', { kind: 'password', username: admin.username, password: admin.password, bases: h.bases });
}

describe("a pairing from a connection uses that connection's servers only", () => {
  it('the add input refuses addresses with a connection as the source, in words', () => {
    const parsed = channels.connectionsAdd.input.safeParse({
      kind: 'pairing',
      pairingCode: 'ABCDE',
      source: { from: 'connection', connectionId: 'c1' },
      bases: { relay: 'https://relay.example.com' },
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(/uses the servers of the connection it comes from/);
    // With a one-off sign-in the addresses belong to the credentials typed with them: allowed.
    expect(
      channels.connectionsAdd.input.safeParse({
        kind: 'pairing',
        pairingCode: 'ABCDE',
        source: { from: 'password', username: 'u', password: 'p' },
        bases: { relay: 'https://relay.example.com' },
      }).success,
    ).toBe(true);
  });

  it('the manager refuses them too (a caller past the schema), and the other host gets nothing', async () => {
    const source = await adminSource();
    const code = h.sim.credentials.pairingCodes[0]!.code;
    await expect(
      h.manager.add({
        kind: 'pairing',
        pairingCode: code,
        source: { from: 'connection', connectionId: source.id },
        bases: { relay: elsewhere.url },
      }),
    ).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/servers of "/) });
    expect(elsewhere.requests).toEqual([]);
    expect(h.manager.list()).toHaveLength(1);
  });

  it("without addresses the pairing takes the source's servers", async () => {
    const source = await adminSource();
    const pairing = h.sim.credentials.pairingCodes[1]!;
    const view = await h.call('connectionsAdd', { kind: 'pairing', pairingCode: pairing.code, source: { from: 'connection', connectionId: source.id } });
    expect(view).toMatchObject({ state: 'connected', bases: source.bases, capabilities: { zeroTouch: { endpointId: pairing.endpointId } } });
  });

  it("a reconnect of a saved pairing whose servers differ from its source's is refused before anything is sent", async () => {
    const source = await adminSource();
    const pairing = h.sim.credentials.pairingCodes[2]!;
    const view = await h.call('connectionsAdd', { kind: 'pairing', pairingCode: pairing.code, source: { from: 'connection', connectionId: source.id } });
    // As a record saved before the rule existed could be: its Relay address is somewhere else.
    const live = h.manager.get(view.id);
    live.record = { ...live.record, bases: { ...live.record.bases, relay: elsewhere.url } };
    await expect(h.call('connectionsReconnect', { id: view.id, pairingCode: pairing.code })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/servers of "/),
    });
    expect(elsewhere.requests).toEqual([]);
  });
});

describe('no other channel lets a caller choose where a stored credential goes', () => {
  it('reconnect, check, rename, budget, sign-out, remove and demo take no address', () => {
    const bases = { relay: 'https://relay.example.com' };
    const inputs = [
      ['connectionsReconnect', { id: 'c1', password: 'p', bases }],
      ['connectionsCheck', { id: 'c1', bases }],
      ['connectionsRename', { id: 'c1', name: 'x', bases }],
      ['connectionsSetPollBudget', { id: 'c1', perSec: 1, bases }],
      ['connectionsSignOut', { id: 'c1', bases }],
      ['connectionsRemove', { id: 'c1', bases }],
      ['demoStart', { bases }],
    ] as const;
    for (const [method, input] of inputs) expect(channels[method].input.safeParse(input).success, method).toBe(false);
  });
});
