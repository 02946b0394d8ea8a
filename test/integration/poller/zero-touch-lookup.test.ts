// A room pairing's room comes from its token (pairingCodeEndpointId, seed 003), not from the pairing-code
// look-up, whose body is undocumented (reference §2.3): when the look-up fails or answers a shape of its
// own, the room still reaches the board — named from the look-up when it names the room, else from the
// connection — and is polled.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { passwordGrant } from '../../../main/auth/grants/password.ts';
import { relayTokenFromPairingCode } from '../../../main/auth/grants/zero-touch.ts';
import { TokenSource } from '../../../main/auth/token-source.ts';
import type { RelayToken } from '../../../main/auth/tokens.ts';
import { HttpClient } from '../../../main/net/http.ts';
import type { FaultSpec } from '../../../sim/index.ts';
import { connectionView, startHarness, type Harness } from './harness.ts';

let h: Harness;
let http: HttpClient;
let front: Server | null = null;
afterEach(async () => {
  await http?.close();
  if (front) await new Promise<void>((resolve) => front!.close(() => resolve()));
  front = null;
  await h?.close();
});

type LookupAnswer = { status: number; body: unknown };

/** Another server: the simulator's Relay behind a front that answers the pairing-code look-up its own way. */
async function frontWith(answer: (endpointId: string) => LookupAnswer, endpointId: string): Promise<string> {
  front = createServer((req, res) => {
    if (req.url?.endsWith('/pairingcode')) {
      const { status, body } = answer(endpointId);
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => k !== 'host' && k !== 'connection'));
      request(`${h.sim.url}${req.url}`, { method: req.method as 'GET', headers, body: chunks.length ? Buffer.concat(chunks) : undefined }).then(
        async (r) => {
          const body = Buffer.from(await r.body.arrayBuffer());
          res.writeHead(r.statusCode, { 'content-type': String(r.headers['content-type'] ?? 'application/json') }).end(body);
        },
        () => res.writeHead(502).end(),
      );
    });
  });
  await new Promise<void>((resolve) => front!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
}

/** A pairing token for one of the simulator's rooms, and the board after the poller ran with it against `relayBase`. */
async function pairAndPoll(relayBase?: (endpointId: string) => Promise<string>) {
  h = await startHarness({ sim: { rooms: 6 }, connect: false });
  http = new HttpClient();
  const ctx = { http, bases: { api: h.sim.url, authorize: h.sim.url, relay: h.sim.url }, clock: h.clock };
  const { admin, pairingCodes } = h.sim.credentials;
  const paired = pairingCodes[2]!;
  const relay = await relayTokenFromPairingCode(ctx, (await passwordGrant(ctx, admin.username, admin.password)).token, paired.code);
  const tokens = new TokenSource<RelayToken>(relay, { clock: h.clock, renew: null, reconnectMessage: 'Pair again.' });
  const base = relayBase ? await relayBase(paired.endpointId) : h.sim.url;
  const view = connectionView(base, { canView: true, canControl: true, canProvision: false, zeroTouch: relay.pairing }, { kind: 'pairing', id: 'zt', name: 'Lobby pairing' });
  h.rooms.sync([{ view, tokens }]);
  await h.advance(25_000);
  return { paired, rooms: h.rooms.list().rooms };
}

describe('a room pairing whose pairing-code look-up fails', () => {
  const faults: [string, FaultSpec][] = [
    ['a 500', { match: { path: '/api/endpoints/*/pairingcode' }, kind: 'status', status: 500 }],
    ['a body that is not JSON', { match: { path: '/api/endpoints/*/pairingcode' }, kind: 'malformed_json' }],
    ['an HTML gateway page', { match: { path: '/api/endpoints/*/pairingcode' }, kind: 'html', status: 502 }],
  ];
  for (const [what, fault] of faults) {
    it(`still shows and polls its room after ${what} (simulator)`, async () => {
      const { paired, rooms } = await pairAndPoll(async () => {
        h.sim.control.faults.add(fault);
        return h.sim.url;
      });
      expect(rooms.map((r) => [r.key, r.name])).toEqual([[`zt/${paired.endpointId}`, 'Lobby pairing']]);
      expect(rooms[0]!.confirmedAt).not.toBeNull();
      expect(h.requests(`/api/endpoints/${paired.endpointId}/status`).length).toBeGreaterThan(0);
    });
  }
});

describe('a server whose pairing-code look-up answers its own shape', () => {
  const answers: [string, (endpointId: string) => LookupAnswer, string | null][] = [
    ['an Endpoint object', (id) => ({ status: 200, body: { id, name: 'Boardroom East', location: 'Floor 3', controlProtocol: 'TANDBERG_SSH', password: null } }), 'Boardroom East'],
    ['{name}', () => ({ status: 200, body: { name: 'Huddle 2' } }), 'Huddle 2'],
    ['{endpointName}', () => ({ status: 200, body: { endpointName: 'Atrium' } }), 'Atrium'],
    ['a bare string', () => ({ status: 200, body: 'PAIRED' }), null],
    ['an empty array', () => ({ status: 200, body: [] }), null],
    ['a 404', () => ({ status: 404, body: { errorCode: 1, errorName: 'NotFound', errorMessage: 'no', errorDetails: {} } }), null],
    ['a 403', () => ({ status: 403, body: { errorCode: 2, errorName: 'Forbidden', errorMessage: 'no', errorDetails: {} } }), null],
  ];
  for (const [what, answer, name] of answers) {
    it(`takes the room from the token with ${what}`, async () => {
      const { paired, rooms } = await pairAndPoll((endpointId) => frontWith(answer, endpointId));
      expect(rooms.map((r) => [r.key, r.name])).toEqual([[`zt/${paired.endpointId}`, name ?? 'Lobby pairing']]);
      expect(rooms[0]!.confirmedAt).not.toBeNull();
    });
  }
});
