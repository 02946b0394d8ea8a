import { describe, expect, it } from 'vitest';
import {
  applyObservation,
  callFrom,
  infoFromEndpoint,
  newRoomEntry,
  observeBulkItem,
  observeStatus,
  type RoomEntry,
} from '../../../main/poller/room-state.ts';

function room(): RoomEntry {
  const info = { name: 'Room', site: null, floor: null, system: null, listenerServiceId: null };
  return newRoomEntry({ connectionId: 'c', endpointId: 'e', host: 'h', info, intervalMs: 20_000, pollEvery: 20_000, pinned: false, focused: false, cls: 4, now: 0, run: async () => {} });
}

describe('room state', () => {
  it('reads the call state from words or booleans', () => {
    expect(callFrom('dialing', false)).toBe('dialing');
    expect(callFrom('active', true)).toBe('in-call');
    expect(callFrom('inactive', false)).toBe('idle');
    expect(callFrom('weird', true)).toBe('in-call');
    expect(callFrom(undefined, false, true)).toBe('dialing');
    expect(callFrom(undefined, undefined)).toBeNull();
  });

  it('maps a status to an observation, and an unreadable one to null', () => {
    expect(observeStatus({ callState: 'active', callActive: true, microphoneMuted: true, meetingId: '123', meetingTitle: 'Standup' })).toEqual({
      call: 'in-call',
      reachability: 'online',
      muted: true,
      meeting: { id: '123', title: 'Standup' },
    });
    expect(observeStatus({ callState: 'inactive', microphoneMuted: false, meetingId: '9' })).toMatchObject({ call: 'idle', muted: null, meeting: null });
    expect(observeStatus({ timestamp: 5 })).toBeNull();
  });

  it('marks a bulk item offline when its timestamp lags the server by more than the limit', () => {
    expect(observeBulkItem({ endpointId: 'e', timestamp: 1_000, callState: 'active' }, 1_000 + 5 * 60_000 + 1, 5 * 60_000)).toMatchObject({ reachability: 'offline', call: 'unknown' });
    expect(observeBulkItem({ endpointId: 'e', timestamp: 1_000, callState: 'active' }, 1_000, 5 * 60_000)).toEqual({ call: 'in-call', reachability: 'online' });
  });

  it('logs changes but not the first observation, and only a per-room answer clears an error', () => {
    const r = room();
    expect(applyObservation(r, { call: 'idle', reachability: 'online', muted: null, meeting: null }, 10, false)).toEqual([]);
    expect(r.confirmedAt).toBe(10);
    expect(r.detailAt).toBeNull();
    const dial = applyObservation(r, { call: 'dialing', reachability: 'online', meeting: { id: '42', title: 'Board' } }, 20, true);
    expect(dial.map((c) => c.message)).toEqual(['Dialing "Board" (42).']);
    expect(r.since).toBe(20);
    expect(r.detailAt).toBe(20);
    applyObservation(r, { call: 'in-call', reachability: 'online', muted: false, meeting: { id: '42', title: 'Board' } }, 30, true);
    expect(applyObservation(r, { call: 'in-call', reachability: 'online', muted: true }, 40, true).map((c) => c.message)).toEqual(['Microphone muted.']);
    r.error = { code: 'timeout', message: 'slow' };
    r.failures = 3;
    applyObservation(r, { call: 'in-call', reachability: 'online' }, 50, false);
    expect(r.error).not.toBeNull();
    expect(applyObservation(r, { call: 'in-call', reachability: 'online' }, 60, true).map((c) => c.message)).toEqual(['The room answers again.']);
    expect(r.error).toBeNull();
    expect(r.failures).toBe(0);
    expect(applyObservation(r, { call: 'unknown', reachability: 'offline', muted: null, meeting: null }, 70, true).map((c) => c.message)).toEqual([
      'Went offline: Relay cannot reach the room.',
    ]);
  });

  it('describes a room from its Endpoint', () => {
    expect(infoFromEndpoint({ name: 'HQ-2 Aspen', location: '1 Main St', controlProtocol: 'POLYCOM_HTTP_HDX', customData: { siteName: 'Head office', floor: 2 } })).toEqual({
      name: 'HQ-2 Aspen',
      site: 'Head office',
      floor: '2',
      system: 'Polycom',
      listenerServiceId: null,
    });
    expect(infoFromEndpoint({ name: 'A', location: null, controlProtocol: null, customData: null, listenerServiceId: '527ca9e2776a7e02dd2e15fe' }).listenerServiceId).toBe('527ca9e2776a7e02dd2e15fe');
    expect(infoFromEndpoint({ name: '', location: null, controlProtocol: null, customData: null })).toEqual({ name: 'Unnamed room', site: null, floor: null, system: null, listenerServiceId: null });
  });
});
