// The infrastructure through the core against the simulator: failure records mapped to de-duplicated
// alerts and event-log lines, health (a 503 naming hosed services is a degraded server, not a failure of the
// view), the enterprise; and a Listener Service outage: its rooms show the cause at once, the event log, the
// tray and the desktop notifications say it once ("N rooms offline at Austin: Listener Service AUS-LS1 is
// offline"), and it ends when the Listener Service is back.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Infrastructure, NavigateRequest, RoomView } from '../../../contract/index.ts';
import { createDesktopService, type DesktopService } from '../../../main/desktop/desktop-service.ts';
import { silentLogger, systemClock } from '../../../main/ports.ts';
import { startFleet, type FleetHarness } from './harness.ts';

let h: FleetHarness;
let desktop: DesktopService;
let shown: { title: string; body: string; target: NavigateRequest | null }[];
beforeEach(async () => {
  h = await startFleet({ sim: { rooms: 24, seed: 3 } });
  for (const r of h.sim.control.rooms.list()) h.sim.control.rooms.set(r.id, { hold: true, offline: false });
  shown = [];
  desktop = createDesktopService({
    clock: systemClock,
    log: silentLogger,
    notifier: { supported: () => true, notify: (n) => void shown.push(n) },
    confirmer: { confirm: async () => false },
    window: { show: () => undefined, focused: () => false, quit: () => undefined },
    shortcuts: null,
    loginItem: null,
  });
  await desktop.attach(h.core);
});
afterEach(async () => {
  desktop.dispose();
  await h.close();
});

const infra = () => h.call<Infrastructure>('fleet.infrastructure', { connectionId: h.rw.id });

describe('the infrastructure view', () => {
  it('shows the enterprise, health and Listener Services with their rooms', async () => {
    const view = await infra();
    expect(view.enterprise).toEqual({ name: 'northwind', label: 'Northwind Traders', pointOfContact: expect.any(String) });
    expect(view.health).toMatchObject({ state: 'ok', hosed: [], hostname: 'relay-storm-sim' });
    expect(view.listenerServices).toHaveLength(8);
    const total = (view.listenerServices ?? []).reduce((n, ls) => n + ls.rooms, 0);
    expect(total).toBe(24);
    expect(view.listenerServices?.find((ls) => ls.name === 'AUS-LS1')).toMatchObject({ online: true, location: expect.stringContaining('Austin') });
  });

  it('maps a 503 with hosed services to a degraded server, and failures to de-duplicated alerts and event-log lines', async () => {
    h.sim.control.health.set('db', 'hosed');
    const room = h.sim.control.rooms.list()[0]!;
    h.sim.control.rooms.set(room.id, { offline: true, hold: true });
    // Refused commands are failure records; the sim writes one a minute per room, here two minutes apart.
    for (let i = 0; i < 2; i++) {
      await fetch(`${h.sim.url}/api/endpoints/${room.id}/status`, { headers: { 'x-access-token': await token() } });
      h.sim.control.clock.advance(61_000);
    }
    const view = await infra();
    expect(view.health).toMatchObject({ state: 'degraded', hosed: ['db'], message: expect.stringMatching(/trouble with db/) });
    expect(view.notes).toEqual([]);
    const alert = view.alerts.find((a) => a.subject === `Room ${room.name}`);
    expect(alert).toMatchObject({ errorName: 'CommandTimedOut', count: expect.any(Number) });
    expect(alert!.count).toBeGreaterThanOrEqual(2);
    expect(new Set(view.alerts.map((a) => a.key)).size).toBe(view.alerts.length);
    // The event log has the failure once, however often it was read.
    await infra();
    const lines = (await h.call<{ message: string }[]>('events.list', { text: 'Relay reports for' })).filter((e) => e.message.includes(room.name));
    expect(lines).toHaveLength(1);
  });
});

async function token(): Promise<string> {
  const { username, password } = h.sim.credentials.relayAccount;
  const r = await fetch(`${h.sim.url}/api/auth/accesstokens`, { method: 'POST', headers: { authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` } });
  return ((await r.json()) as { accessToken: string }).accessToken;
}

describe('a Listener Service outage', () => {
  it('is one root-cause line on the board, in the event log, in the tray and as one notification', async () => {
    const ls = h.sim.control.listenerServices.list().find((l) => l.name === 'AUS-LS1')!;
    const rooms = ls.rooms;
    expect(rooms.length).toBeGreaterThanOrEqual(2);
    await infra(); // the names are known (as the board would have them after the first look)
    h.sim.control.listenerServices.set(ls.id, { online: false });

    const byCause = async (): Promise<RoomView[]> => (await h.rooms()).filter((r) => r.cause?.listenerServiceId === ls.id);
    await expect.poll(async () => (await byCause()).length, { timeout: 30_000 }).toBe(rooms.length);
    const views = await byCause();
    expect(views.every((v) => v.reachability === 'offline' && v.cause?.message === 'Listener Service AUS-LS1 is offline')).toBe(true);
    const line = `${rooms.length} rooms offline at Austin: Listener Service AUS-LS1 is offline`;
    await expect.poll(() => shown.map((n) => n.title), { timeout: 15_000 }).toContain(line);
    // One notification for the outage, none per room.
    expect(shown.filter((n) => /offline/.test(n.title))).toEqual([expect.objectContaining({ title: line, target: { route: 'rooms', roomKey: null } })]);
    expect(desktop.trayModel().headline).toBe(line);
    expect(desktop.trayModel().items[0]).toMatchObject({ label: line });
    const log = await h.call<{ message: string }[]>('events.list', { text: 'Listener Service AUS-LS1' });
    expect(log.filter((e) => e.message === `${line}.`)).toHaveLength(1);
    // The infrastructure view says it is offline, and why.
    const view = await infra();
    expect(view.listenerServices?.find((l) => l.id === ls.id)).toMatchObject({ online: false, roomsOffline: rooms.length });
    expect(view.alerts.some((a) => a.subject === 'Listener Service AUS-LS1' && a.errorName === 'ListenerOffline')).toBe(true);

    // Back: the rooms answer again and the cause is gone.
    h.sim.control.listenerServices.set(ls.id, { online: true });
    await expect.poll(async () => (await byCause()).length, { timeout: 30_000 }).toBe(0);
    expect(shown.filter((n) => /offline/.test(n.title))).toHaveLength(1);
  }, 60_000);
});
