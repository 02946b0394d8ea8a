// Room control: POST /api/endpoints/:id/join, /mutemicrophone, /unmutemicrophone, /hangup. Success is
// 204 with no body (as the Mesh device calls answer). The state changes as a room's would: a join dials
// for a few seconds, then connects, or falls back to inactive when the meeting id or passcode is wrong.
import { z } from 'zod';
import { query, readJson, sendEmpty, type Ctx } from '../http.ts';
import { passcodeRole } from '../world/meetings.ts';
import { hangUp, setMuted, startDial } from '../world/state-machine.ts';
import type { Room } from '../world/rooms.ts';
import { gate, sendRelayError } from './auth.ts';
import type { RelayContext } from './context.ts';
import { sendUnreachable } from './room-status.ts';

const idLike = z.union([z.string(), z.number().int().nonnegative()]).transform(String);
const joinBody = z.object({ meetingId: idLike.optional(), passcode: idLike.nullish() }).nullish();

export type ControlAction = 'mutemicrophone' | 'unmutemicrophone' | 'hangup';

/** The room, after the gate, the 404 and the offline check; null once an error is sent. */
function reachableRoom(ctx: Ctx, rc: RelayContext, id: string, command: string): Room | null {
  if (!gate(ctx, rc, { kind: 'zeroTouch', endpointId: id })) return null;
  const room = rc.world.rooms.byId(id);
  if (!room) {
    sendRelayError(ctx, 'EndpointNotFound', undefined, { endpointId: id });
    return null;
  }
  const down = rc.world.unreachable(room, rc.world.clock.now());
  if (down) {
    sendUnreachable(ctx, rc, room, down, command);
    return null;
  }
  return room;
}

export async function joinRoom(ctx: Ctx, rc: RelayContext, id: string): Promise<void> {
  const room = reachableRoom(ctx, rc, id, 'Invitation');
  if (!room) return;
  const body = await readJson(ctx);
  if (!body.ok) return sendRelayError(ctx, body.reason === 'too_large' ? 'PayloadTooLarge' : 'MalformedJson');
  const parsed = joinBody.safeParse(body.value);
  if (!parsed.success) return sendRelayError(ctx, 'InvalidRequest', 'The body is {meetingId, passcode}.');
  // Body first, then the same names as query parameters (as the Mesh join call carries them).
  const params = query(ctx);
  const meetingId = parsed.data?.meetingId ?? params.get('meetingId') ?? '';
  const passcode = parsed.data?.passcode ?? params.get('passcode') ?? '';
  if (!/^\d{1,20}$/.test(meetingId)) return sendRelayError(ctx, 'InvalidRequest', 'meetingId (the numeric meeting id) is required.');
  const { world } = rc;
  const now = world.clock.now();
  const s = world.stateOf(room, now);
  if (s.callState !== 'inactive') return sendRelayError(ctx, 'EndpointBusy', undefined, { endpointId: id, callState: s.callState });
  const meeting = world.meetings.byNumericId(meetingId);
  const index = meeting ? world.meetings.all.indexOf(meeting) : -1;
  const connects = meeting !== undefined && passcodeRole(meeting, passcode) !== null;
  startDial(s, now, index, meetingId, connects ? 'connect' : 'fail', world.timing);
  sendEmpty(ctx, 204);
}

const COMMANDS: Record<ControlAction, string> = { mutemicrophone: 'MuteMicrophone', unmutemicrophone: 'UnmuteMicrophone', hangup: 'Hangup' };

export function controlRoom(ctx: Ctx, rc: RelayContext, id: string, action: ControlAction): void {
  const room = reachableRoom(ctx, rc, id, COMMANDS[action]);
  if (!room) return;
  const { world } = rc;
  const now = world.clock.now();
  const s = world.stateOf(room, now);
  // Mute and unmute need a connected call; hang up also cancels a dial.
  const inCall = action === 'hangup' ? s.callState !== 'inactive' : s.callState === 'active';
  if (!inCall) return sendRelayError(ctx, 'EndpointNotInCall', undefined, { endpointId: id, callState: s.callState });
  if (action === 'hangup') hangUp(s, now, world.timing);
  else setMuted(s, now, action === 'mutemicrophone', world.timing);
  sendEmpty(ctx, 204);
}
