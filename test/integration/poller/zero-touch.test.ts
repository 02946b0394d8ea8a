// A room-pairing (Zero Touch) connection: one room, reached only through the zero-touch calls — named
// from its pairing code, polled one by one (no list, no bulk call), controllable, with who is paired.
import { afterEach, describe, expect, it } from 'vitest';
import { passwordGrant } from '../../../main/auth/grants/password.ts';
import { relayTokenFromPairingCode } from '../../../main/auth/grants/zero-touch.ts';
import { TokenSource } from '../../../main/auth/token-source.ts';
import type { RelayToken } from '../../../main/auth/tokens.ts';
import { HttpClient } from '../../../main/net/http.ts';
import { connectionView, startHarness, type Harness } from './harness.ts';

let h: Harness;
let http: HttpClient;
afterEach(async () => {
  await http?.close();
  await h?.close();
});

describe('a room-pairing connection', () => {
  it('polls its one room through the zero-touch calls only', async () => {
    h = await startHarness({ sim: { rooms: 10, rateLimit: 'strict' }, connect: false });
    http = new HttpClient();
    const bases = { api: h.sim.url, authorize: h.sim.url, relay: h.sim.url };
    const ctx = { http, bases, clock: h.clock };
    const { admin, pairingCodes } = h.sim.credentials;
    const seam = await passwordGrant(ctx, admin.username, admin.password);
    const paired = pairingCodes[3]!;
    const relay = await relayTokenFromPairingCode(ctx, seam.token, paired.code);
    expect(relay.pairing?.endpointId).toBe(paired.endpointId);
    const tokens = new TokenSource<RelayToken>(relay, { clock: h.clock, renew: null, reconnectMessage: 'Pair again.' });
    const view = connectionView(h.sim.url, { canView: true, canControl: true, canProvision: false, zeroTouch: relay.pairing }, { kind: 'pairing', id: 'zt' });
    h.sim.control.rooms.set(paired.endpointId, { callState: 'active', muted: false, hold: true });
    const from = h.clock.now();
    h.rooms.sync([{ view, tokens }]);
    await h.advance(25_000);
    const rooms = h.rooms.list().rooms;
    expect(rooms.map((v) => [v.key, v.name, v.call])).toEqual([[`zt/${paired.endpointId}`, paired.name, 'in-call']]);
    const paths = new Set(h.requests(/^\/api\//, from).map((r) => r.path));
    expect(paths.has('/api/endpoints')).toBe(false);
    expect(paths.has('/api/endpoints/status')).toBe(false);
    expect(h.requests(/^\/api\//, from).every((r) => r.status === 200)).toBe(true);
    // Control and detail work within the pairing token's reach.
    const act = h.rooms.act(`zt/${paired.endpointId}`, 'mute');
    // The action and its confirming poll each wait for a token (a poll may have just taken one): ≤ 1.5 s.
    await h.advance(1_500);
    await expect(act).resolves.toBeNull();
    expect(h.rooms.list().rooms[0]).toMatchObject({ muted: true, pending: null });
    const detail = h.rooms.detail(`zt/${paired.endpointId}`);
    await h.advance(1_000);
    const d = await detail;
    // Our own pairing shows (the zero-touch calls above keep its PairedStatus alive).
    expect(d.paired).toHaveLength(1);
    expect(d.paired?.[0]?.name).toMatch(/\S/);
    expect(d.paired?.[0]?.since).toEqual(expect.any(Number));
  });
});
