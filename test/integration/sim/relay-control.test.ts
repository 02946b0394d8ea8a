// Room control over Relay: join (body or query), dialing → active, mute, unmute, hang up; the errors for
// a wrong passcode, a busy room, a room not in a call, an unknown room and a malformed body; the room's
// calendar and the join-flow check.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSim } from '../../../sim/index.ts';
import { call, expectRelayError, expectSameShape, relayTokenFor, start } from './helpers.ts';

let sim: RunningSim;
let token: string;
let roomId: string;
beforeAll(async () => {
  sim = await start();
  token = await relayTokenFor(sim, 'user'); // read-only: still controls rooms
});
afterAll(() => sim.close());

beforeEach(() => {
  // A quiet, idle room: held, so only our actions change it.
  roomId = sim.control.rooms.list().find((r) => !r.offline)!.id;
  sim.control.rooms.set(roomId, { callState: 'inactive', hold: true });
});

const headers = () => ({ 'x-access-token': token });
const act = (what: string, init: { body?: unknown; raw?: string; query?: string } = {}) =>
  call(sim.url, `/api/endpoints/${roomId}/${what}${init.query ?? ''}`, {
    method: 'POST',
    headers: init.raw ? { ...headers(), 'content-type': 'application/json' } : headers(),
    body: init.body,
    raw: init.raw,
  });
const status = async () => (await call<Record<string, unknown>>(sim.url, `/api/endpoints/${roomId}/status`, { headers: headers() })).body;

describe('join', () => {
  it('with a JSON body: 204, dialing for 3–10 s, then active in that meeting, unmuted', async () => {
    const m = sim.credentials.meetings[0]!;
    const r = await act('join', { body: { meetingId: m.numericId, passcode: m.participantPasscode } });
    expect(r.status).toBe(204);
    expect(r.text).toBe('');
    expect(await status()).toMatchObject({ callState: 'dialing', dialing: true, callActive: false, meetingId: m.numericId, meetingTitle: m.title });
    sim.control.clock.advance(2_999);
    expect(await status()).toMatchObject({ callState: 'dialing' });
    sim.control.clock.advance(7_001);
    expect(await status()).toMatchObject({ callState: 'active', callActive: true, dialing: false, microphoneMuted: false, meetingId: m.numericId });
  });

  it('with query parameters, and a numeric meetingId/passcode in JSON', async () => {
    const m = sim.credentials.meetings[1]!;
    expect((await act('join', { query: `?meetingId=${m.numericId}&passcode=${m.moderatorPasscode}` })).status).toBe(204);
    sim.control.clock.advance(10_000);
    expect(await status()).toMatchObject({ callState: 'active', meetingId: m.numericId });
    expect((await act('hangup')).status).toBe(204);
    expect((await act('join', { body: { meetingId: Number(m.numericId), passcode: Number(m.participantPasscode) } })).status).toBe(204);
    sim.control.clock.advance(10_000);
    expect(await status()).toMatchObject({ callState: 'active' });
  });

  it('a meeting without a passcode is joined without one', async () => {
    const open = sim.credentials.meetings[2]!;
    expect((await act('join', { body: { meetingId: open.numericId } })).status).toBe(204);
    sim.control.clock.advance(10_000);
    expect(await status()).toMatchObject({ callState: 'active', meetingId: open.numericId });
  });

  it('a wrong passcode or an unknown meeting: the room dials, then falls back to inactive', async () => {
    const m = sim.credentials.meetings[0]!;
    expect((await act('join', { body: { meetingId: m.numericId, passcode: '0000' } })).status).toBe(204);
    expect(await status()).toMatchObject({ callState: 'dialing', meetingId: m.numericId });
    sim.control.clock.advance(10_000);
    expect(await status()).toMatchObject({ callState: 'inactive', meetingId: null });
    expect((await act('join', { body: { meetingId: '111222333' } })).status).toBe(204);
    expect(await status()).toMatchObject({ callState: 'dialing', meetingId: '111222333', meetingTitle: null });
    sim.control.clock.advance(10_000);
    expect(await status()).toMatchObject({ callState: 'inactive' });
  });

  it('a room already dialing or in a call is busy (409 EndpointBusy)', async () => {
    const m = sim.credentials.meetings[2]!;
    await act('join', { body: { meetingId: m.numericId } });
    expectRelayError(await act('join', { body: { meetingId: m.numericId } }), 409, 'EndpointBusy');
    sim.control.clock.advance(10_000);
    expectRelayError(await act('join', { body: { meetingId: m.numericId } }), 409, 'EndpointBusy');
  });

  it('a missing meetingId, a wrong body and a malformed body are 400', async () => {
    expectRelayError(await act('join'), 400, 'InvalidRequest');
    expectRelayError(await act('join', { body: { meetingId: 'abc' } }), 400, 'InvalidRequest');
    expectRelayError(await act('join', { body: { meetingId: { nested: true } } }), 400, 'InvalidRequest');
    expectRelayError(await act('join', { raw: '{"meetingId": 12' }), 400, 'MalformedJson');
    expect(await status()).toMatchObject({ callState: 'inactive' });
  });
});

describe('mute, unmute, hang up', () => {
  it('change the state exactly as a room would', async () => {
    sim.control.rooms.set(roomId, { callState: 'active', meetingId: sim.credentials.meetings[0]!.numericId });
    expect((await act('mutemicrophone')).status).toBe(204);
    expect(await status()).toMatchObject({ microphoneMuted: true, callState: 'active' });
    expect((await act('mutemicrophone')).status).toBe(204); // idempotent
    expect((await act('unmutemicrophone')).status).toBe(204);
    expect(await status()).toMatchObject({ microphoneMuted: false });
    expect((await act('hangup')).status).toBe(204);
    expect(await status()).toMatchObject({ callState: 'inactive', callActive: false, meetingId: null, microphoneMuted: false });
  });

  it('hang up cancels a dial', async () => {
    await act('join', { body: { meetingId: sim.credentials.meetings[2]!.numericId } });
    expect((await act('hangup')).status).toBe(204);
    sim.control.clock.advance(10_000);
    expect(await status()).toMatchObject({ callState: 'inactive' });
  });

  it('on a room not in a call: 409 EndpointNotInCall (mute also while dialing)', async () => {
    for (const what of ['mutemicrophone', 'unmutemicrophone', 'hangup']) {
      const r = await act(what);
      expectRelayError(r, 409, 'EndpointNotInCall');
      expect(r.body).toMatchObject({ errorDetails: { endpointId: roomId, callState: 'inactive' } });
    }
    await act('join', { body: { meetingId: sim.credentials.meetings[2]!.numericId } });
    expectRelayError(await act('mutemicrophone'), 409, 'EndpointNotInCall');
  });

  it('on an unknown room: 404; without credentials: 401', async () => {
    for (const what of ['join', 'mutemicrophone', 'unmutemicrophone', 'hangup']) {
      const r = await call(sim.url, `/api/endpoints/000000000000000000000000/${what}`, { method: 'POST', headers: headers(), body: { meetingId: '1' } });
      expectRelayError(r, 404, 'EndpointNotFound');
      expectRelayError(await call(sim.url, `/api/endpoints/${roomId}/${what}`, { method: 'POST' }), 401, 'BadCredentialsException');
    }
  });
});

describe('meetings', () => {
  it('GET /api/meetings/?endpoint= lists the room calendar for the next day', async () => {
    const r = await call<Record<string, unknown>[]>(sim.url, `/api/meetings/?endpoint=${roomId}`, { headers: headers() });
    expect(r.status).toBe(200);
    expect(r.body.length).toBeGreaterThan(0);
    for (const item of r.body) {
      expectSameShape(item, {
        id: 'x', endpointId: 'x', calendarId: 'x', title: 'x', start: 1, end: 1, meetingId: 'x', passcode: 'x',
        organizer: { name: 'x', email: 'x' }, bridgeAddress: 'x', dialString: 'x',
      });
      expect(item['endpointId']).toBe(roomId);
      expect(item['end'] as number).toBeGreaterThan(item['start'] as number);
    }
    const noSlash = await call(sim.url, `/api/meetings?endpoint=${roomId}`, { headers: headers() });
    expect(noSlash.body).toEqual(r.body);
    expectRelayError(await call(sim.url, '/api/meetings/', { headers: headers() }), 400, 'InvalidRequest');
    expectRelayError(await call(sim.url, '/api/meetings/?endpoint=000000000000000000000000', { headers: headers() }), 404, 'EndpointNotFound');
  });

  it('a calendar meeting can be joined with the passcode it lists', async () => {
    const [item] = (await call<{ meetingId: string; passcode: string }[]>(sim.url, `/api/meetings/?endpoint=${roomId}`, { headers: headers() })).body;
    expect((await act('join', { body: { meetingId: item!.meetingId, passcode: item!.passcode } })).status).toBe(204);
    sim.control.clock.advance(10_000);
    expect(await status()).toMatchObject({ callState: 'active', meetingId: item!.meetingId });
  });

  it('GET /api/meetings/:id/joinflow answers a bare JSON string', async () => {
    const [m, , open] = sim.credentials.meetings;
    const flow = async (id: string, q = '') => {
      const r = await call(sim.url, `/api/meetings/${id}/joinflow${q}`, { headers: headers() });
      expect(r.status).toBe(200);
      expect(r.text.startsWith('"')).toBe(true);
      return r.body;
    };
    expect(await flow(m!.numericId)).toBe('GET_PASSCODE');
    expect(await flow(m!.numericId, '?passcode=')).toBe('GET_GOOD_PASSCODE');
    expect(await flow(m!.numericId, '?passcode=0000')).toBe('GET_GOOD_PASSCODE');
    expect(await flow(m!.numericId, `?passcode=${m!.participantPasscode}`)).toBe('JOIN_NOW');
    expect(await flow(m!.numericId, `?passcode=${m!.moderatorPasscode}&cluster=PROD&meetingtype=MEETME`)).toBe('JOIN_NOW');
    expect(await flow(open!.numericId)).toBe('JOIN_NOW');
    expect(await flow('123')).toBe('JOIN_NOW');
  });
});
