// Call state: GET /api/endpoints/:id/status (one room, the hot path of every poller) and
// GET /api/endpoints/status (every room in one reply). Shapes are our choice (reference §2.3 has only
// hints); see sim/README.md.
import { send, jsonHeaders, sendJson, type Ctx } from '../http.ts';
import type { Room } from '../world/rooms.ts';
import { gate, sendRelayError } from './auth.ts';
import type { RelayContext } from './context.ts';

export function listenerOffline(ctx: Ctx, room: Room): void {
  sendRelayError(ctx, 'ListenerOffline', undefined, { listenerServiceId: room.listenerServiceId });
}

export function roomStatus(ctx: Ctx, rc: RelayContext, id: string): void {
  if (!gate(ctx, rc, { kind: 'zeroTouch', endpointId: id })) return;
  const { world } = rc;
  const room = world.rooms.byId(id);
  if (!room) return sendRelayError(ctx, 'EndpointNotFound', undefined, { endpointId: id });
  const now = world.clock.now();
  const s = world.stateOf(room, now);
  if (s.offline) return listenerOffline(ctx, room);
  const meeting = world.meetingOf(s);
  sendJson(ctx, 'relay', 200, {
    endpointId: room.id,
    callState: s.callState,
    callActive: s.callState === 'active',
    dialing: s.callState === 'dialing',
    microphoneMuted: s.muted,
    meetingId: meeting ? meeting.numericId : s.unknownMeetingId,
    meetingTitle: meeting ? meeting.title : null,
    reserved: world.reserved(room, now),
    timestamp: now,
  });
}

/**
 * Every room in one bare array: `{endpointId, timestamp, callActive, reserved, callState}`. An offline
 * room's timestamp stays at the moment it went offline, so a client sees it age at once.
 */
export function bulkStatus(ctx: Ctx, rc: RelayContext): void {
  if (!gate(ctx, rc, { kind: 'read' })) return;
  const { world } = rc;
  const now = world.clock.now();
  // Built by hand: ids are hex and states are fixed words, so nothing needs escaping, and 20,000 rooms
  // serialise several times faster than through JSON.stringify of objects.
  const parts: string[] = new Array<string>(world.rooms.list.length);
  let i = 0;
  for (const room of world.rooms.list) {
    const s = world.stateOf(room, now);
    parts[i++] =
      `{"endpointId":"${room.id}","timestamp":${s.offline ? s.since : now},"callActive":${s.callState === 'active'},` +
      `"reserved":${world.reserved(room, now)},"callState":"${s.callState}"}`;
  }
  send(ctx, 200, jsonHeaders('relay'), `[${parts.join(',')}]`);
}
