// Provisioning one room through the core against the simulator: create, edit and delete; each rule said in
// words before anything is sent (and the server's own refusal when it is the one to catch it); the device
// password write-only (sent once, never read back, never in a log line); a read-only role refused with the
// reason; every call through the host's request budget.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeleteCheck, FleetConnection, FleetRoom, FleetRoomSummary, ListenerServiceView, RoomFields, SaveRoomResult } from '../../../contract/index.ts';
import { roomFieldNames } from '../../../contract/index.ts';
import { startFleet, type FleetHarness } from './harness.ts';

let h: FleetHarness;
beforeEach(async () => {
  h = await startFleet();
});
afterEach(() => h.close());

const blank = (): RoomFields => Object.fromEntries(roomFieldNames.map((f) => [f, ''])) as RoomFields;

async function newRoom(over: Partial<RoomFields> = {}): Promise<RoomFields> {
  const ls = (await h.call<ListenerServiceView[]>('fleet.listenerServices', { connectionId: h.rw.id }))[1]!;
  return { ...blank(), name: 'AUS-2 Pecan', ipAddress: '10.11.2.40', port: '443', listenerServiceId: ls.id, controlProtocol: 'TANDBERG_HTTP', site: 'Austin', floor: '2', ...over };
}
const save = (fields: RoomFields, id?: string, password?: string) =>
  h.call<SaveRoomResult>('fleet.saveRoom', { connectionId: h.rw.id, fields, ...(id ? { id } : {}), ...(password ? { password } : {}) });

describe('a room from the form', () => {
  it('is created, edited and deleted; the board follows', async () => {
    const created = await save(await newRoom({ calendarId: 'aus-2-pecan@resource.calendar.google.com', calendarType: 'GOOGLE', autoJoin: 'yes' }));
    expect(created.issues).toEqual([]);
    const room = created.room as FleetRoom;
    expect(room.fields).toMatchObject({ name: 'AUS-2 Pecan', ipAddress: '10.11.2.40', site: 'Austin', floor: '2', autoJoin: 'yes', calendarType: 'GOOGLE' });
    expect(h.sim.control.rooms.get(room.id)).toMatchObject({ name: 'AUS-2 Pecan', site: 'AUS' });
    await expect.poll(async () => (await h.rooms()).find((r) => r.endpointId === room.id)?.name, { timeout: 10_000 }).toBe('AUS-2 Pecan');

    const edited = await save({ ...room.fields, name: 'AUS-2 Live Oak', floor: '3' }, room.id);
    expect(edited.issues).toEqual([]);
    expect(edited.room?.fields).toMatchObject({ name: 'AUS-2 Live Oak', floor: '3', site: 'Austin', calendarId: 'aus-2-pecan@resource.calendar.google.com' });
    // Only what changed was changed: the rest of the record is as it was.
    const read = await h.call<FleetRoom>('fleet.room', { connectionId: h.rw.id, id: room.id });
    expect(read.fields).toEqual(edited.room?.fields);

    const check = await h.call<DeleteCheck>('fleet.deleteCheck', { connectionId: h.rw.id, id: room.id });
    expect(check).toMatchObject({ id: room.id, name: 'AUS-2 Live Oak' });
    expect(await h.call('fleet.deleteRoom', { connectionId: h.rw.id, id: room.id })).toBeNull();
    expect(h.sim.control.rooms.get(room.id)).toBeUndefined();
    const summaries = await h.call<FleetRoomSummary[]>('fleet.rooms', { connectionId: h.rw.id });
    expect(summaries.some((s) => s.id === room.id)).toBe(false);
    const log = await h.call<{ message: string }[]>('events.list', { kinds: ['action'] });
    expect(log.map((e) => e.message)).toEqual(expect.arrayContaining(['Room "AUS-2 Pecan" created.', 'Room "AUS-2 Live Oak" changed (name, floor).', 'Room "AUS-2 Live Oak" deleted.']));
  });

  it('says each rule in words and sends nothing when one is broken', async () => {
    const existing = h.sim.control.rooms.list()[0]!;
    const before = h.sim.control.log().filter((e) => e.method !== 'GET').length;
    const cases: [Partial<RoomFields>, string, RegExp][] = [
      [{ ipAddress: '10.11.2' }, 'ipAddress', /"10\.11\.2" is not an IP address or a host name/],
      [{ ipAddress: 'codec one.example' }, 'ipAddress', /not an IP address or a host name/],
      [{ name: ` ${existing.name.toLowerCase()} ` }, 'name', /Another room is already named/],
      [{ listenerServiceId: '000000000000000000000000' }, 'listenerServiceId', /no Listener Service "000000000000000000000000"/],
      [{ name: '' }, 'name', /needs a name/],
      [{ port: '70000' }, 'port', /from 1 to 65535/],
      [{ customData: '[1,2]' }, 'customData', /JSON object/],
    ];
    for (const [over, field, message] of cases) {
      const r = await save(await newRoom(over));
      expect(r.room).toBeNull();
      expect(r.issues).toEqual([expect.objectContaining({ field, message: expect.stringMatching(message) })]);
    }
    expect(h.sim.control.log().filter((e) => e.method !== 'GET').length).toBe(before);
  });

  it('shows the server’s own refusal where the client could not know (a calendar another room took meanwhile)', async () => {
    const first = await save(await newRoom({ name: 'Room A', calendarId: 'shared@corp.example' }));
    expect(first.issues).toEqual([]);
    // Another admin (straight to the server) takes a calendar; our cached fleet does not know it yet.
    const token = (await (await fetch(`${h.sim.url}/api/auth/accesstokens`, { method: 'POST', headers: { authorization: `Basic ${Buffer.from(`${h.sim.credentials.relayAccount.username}:${h.sim.credentials.relayAccount.password}`).toString('base64')}` } })).json()) as { accessToken: string };
    const ls = h.sim.control.listenerServices.list()[0]!.id;
    await fetch(`${h.sim.url}/api/endpoints`, {
      method: 'POST',
      headers: { 'x-access-token': token.accessToken, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Elsewhere', ipAddress: '10.0.0.9', listenerServiceId: ls, controlProtocol: 'TANDBERG_HTTP', calendarId: 'other@corp.example' }),
    });
    const r = await save(await newRoom({ name: 'Room B', calendarId: 'other@corp.example' }));
    expect(r.room).toBeNull();
    expect(r.issues).toEqual([{ field: 'calendarId', message: expect.stringMatching(/refused the room.*already uses the calendar/) }]);
  });

  it('keeps a control protocol it does not know exactly as the server has it', async () => {
    const mesh = h.sim.control.rooms.list().find((r) => r.controlProtocol === 'RELAY_MESH') ?? h.sim.control.rooms.list()[0]!;
    const read = await h.call<FleetRoom>('fleet.room', { connectionId: h.rw.id, id: mesh.id });
    const r = await save({ ...read.fields, floor: '9' }, mesh.id);
    expect(r.issues).toEqual([]);
    expect(r.room?.fields.controlProtocol).toBe(read.fields.controlProtocol);
  });
});

describe('the device password', () => {
  it('is sent once, never read back, never shown, never logged', async () => {
    const secret = 'Codec-Secret-9931';
    const created = await save(await newRoom({ username: 'admin' }), undefined, secret);
    expect(created.issues).toEqual([]);
    const id = created.room!.id;
    expect(h.sim.control.rooms.get(id)!.passwordSet).toBe(true);
    // Nothing that comes back carries it: the save's answer, the room read, the export, any event.
    expect(JSON.stringify(created)).not.toContain(secret);
    expect(JSON.stringify(await h.call('fleet.room', { connectionId: h.rw.id, id }))).not.toContain(secret);
    expect((await h.call<{ text: string }>('fleet.export', { connectionId: h.rw.id })).text).not.toContain(secret);
    expect(JSON.stringify(h.events)).not.toContain(secret);
    // A change of the password alone is sent (write-only: it cannot be compared), and the form says so in the log.
    const room = await h.call<FleetRoom>('fleet.room', { connectionId: h.rw.id, id });
    const again = await save(room.fields, id, 'Another-Secret-55');
    expect(again.issues).toEqual([]);
    const log = await h.call<{ message: string }[]>('events.list', {});
    expect(log.some((e) => e.message === 'Room "AUS-2 Pecan" changed (password).')).toBe(true);
    expect(JSON.stringify(log)).not.toMatch(/Secret-/);
    // The sim's request log never holds bodies; the only place it went is the request body.
    expect(JSON.stringify(h.sim.control.log())).not.toContain(secret);
    // main logged the saves (and the sim's requests were logged), never the password.
    expect(h.logLines.some((l) => l.includes('provisioning'))).toBe(true);
    expect(h.logLines.join('\n')).not.toMatch(/Secret-/);
  });
});

describe('roles', () => {
  it('a read-only connection sees the form but cannot save, with the reason; nothing is sent', async () => {
    const ro = await h.addReadOnly();
    const conns = await h.call<FleetConnection[]>('fleet.connections');
    const mine = conns.find((c) => c.connectionId === ro.id)!;
    expect(mine).toMatchObject({ canProvision: false, connected: true, reason: expect.stringMatching(/read-only access.*ROLE_READONLY.*read-write access/) });
    // It may read the fleet and a room (the form is shown with its values) …
    const rooms = await h.call<FleetRoomSummary[]>('fleet.rooms', { connectionId: ro.id });
    expect(rooms.length).toBe(12);
    const room = await h.call<FleetRoom>('fleet.room', { connectionId: ro.id, id: rooms[0]!.id });
    // … but a save, a delete or an import apply is refused with the same reason, before anything is sent.
    const writes = () => h.sim.control.log().filter((e) => e.method !== 'GET').length;
    const before = writes();
    const saved = await h.result('fleet.saveRoom', { connectionId: ro.id, id: room.id, fields: { ...room.fields, floor: '7' } });
    expect(saved).toEqual({ ok: false, error: { code: 'forbidden', message: mine.reason } });
    expect(await h.result('fleet.deleteRoom', { connectionId: ro.id, id: room.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(writes()).toBe(before);
  });
});
