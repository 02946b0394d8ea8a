// Calendar and pre-join check: GET /api/meetings/?endpoint=:id (a room's bookings; item shape is our
// choice) and GET /api/meetings/:meetingId/joinflow (a bare JSON string: reference §2.4).
import { query, sendJson, type Ctx } from '../http.ts';
import { joinFlow, roomCalendar } from '../world/meetings.ts';
import { gate, sendRelayError } from './auth.ts';
import type { RelayContext } from './context.ts';

const HOUR = 3_600_000;
const MAX_WINDOW = 31 * 24 * HOUR;

export function listMeetings(ctx: Ctx, rc: RelayContext): void {
  const params = query(ctx);
  const endpointId = params.get('endpoint') ?? '';
  if (!gate(ctx, rc, { kind: 'zeroTouch', endpointId })) return;
  if (!endpointId) return sendRelayError(ctx, 'InvalidRequest', 'The endpoint query parameter is required.');
  const room = rc.world.rooms.byId(endpointId);
  if (!room) return sendRelayError(ctx, 'EndpointNotFound', undefined, { endpointId });
  const now = rc.world.clock.now();
  // Default window: from an hour ago to a day ahead; `start`/`end` (ms) narrow or move it.
  const start = Number(params.get('start') ?? now - HOUR);
  const end = Number(params.get('end') ?? now + 24 * HOUR);
  if (!Number.isFinite(start) || !Number.isFinite(end) || end < start || end - start > MAX_WINDOW) {
    return sendRelayError(ctx, 'InvalidRequest', 'start and end are ms since the epoch, at most 31 days apart.');
  }
  sendJson(ctx, 'relay', 200, roomCalendar(rc.world.seed, room, start, end, rc.world.meetings.all));
}

export function meetingJoinFlow(ctx: Ctx, rc: RelayContext, meetingId: string): void {
  if (!gate(ctx, rc, { kind: 'zeroTouch' })) return;
  const passcode = query(ctx).get('passcode') ?? undefined;
  sendJson(ctx, 'relay', 200, joinFlow(rc.world.meetings.byNumericId(meetingId), passcode));
}
