// Call state: GET /api/endpoints/:id/status (one room, the hot path of every poller) and
// GET /api/endpoints/status (every room in one reply). Shapes are our choice (reference §2.3 has only
// hints); see sim/README.md.
import { relayError } from '../errors.ts';
import { send, jsonHeaders, sendJson, type Ctx } from '../http.ts';
import type { Room } from '../world/rooms.ts';
import type { Unreachable } from '../world/world.ts';
import { gate, sendRelayError } from './auth.ts';
import type { RelayContext } from './context.ts';

/**
 * A room Relay cannot reach: ListenerOffline when its Listener Service is offline, CommandTimedOut when only
 * its device does not answer (catalog, reference §2.6; the 504 of ListenerOffline is our choice). The
 * refusal is written to the failure records, as a real server logs a failed command.
 */
export function sendUnreachable(ctx: Ctx, rc: RelayContext, room: Room, why: Unreachable, command: string): void {
  const name = why.why === 'listener' ? 'ListenerOffline' : 'CommandTimedOut';
  const details = why.why === 'listener' ? { listenerServiceId: room.listenerServiceId } : { commandName: command, causes: [], listenerServiceId: room.listenerServiceId };
  const e = relayError(name, undefined, details);
  rc.world.failures.add({
    subjectClass: 'Endpoint',
    subjectId: room.id,
    errorDate: rc.world.clock.now(),
    errorCode: e.body.errorCode,
    errorMessage: e.body.errorMessage,
    errorName: name,
    errorDetails: details,
  });
  sendJson(ctx, 'relay', e.status, e.body);
}

export function roomStatus(ctx: Ctx, rc: RelayContext, id: string): void {
  if (!gate(ctx, rc, { kind: 'zeroTouch', endpointId: id })) return;
  const { world } = rc;
  const room = world.rooms.byId(id);
  if (!room) return sendRelayError(ctx, 'EndpointNotFound', undefined, { endpointId: id });
  const now = world.clock.now();
  const down = world.unreachable(room, now);
  if (down) return sendUnreachable(ctx, rc, room, down, 'Status');
  const s = world.stateOf(room, now);
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
 * room's timestamp stays at the moment it went offline (or its Listener Service did), so a client sees it age at once.
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
    const down = world.unreachable(room, now);
    parts[i++] =
      `{"endpointId":"${room.id}","timestamp":${down ? down.since : now},"callActive":${s.callState === 'active'},` +
      `"reserved":${world.reserved(room, now)},"callState":"${s.callState}"}`;
  }
  send(ctx, 200, jsonHeaders('relay'), `[${parts.join(',')}]`);
}
