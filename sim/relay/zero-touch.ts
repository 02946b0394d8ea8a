// Zero Touch lookups (seed 003): GET /api/endpoints/:pairingCodeId/pairingcode (the room behind a
// pairing code) and GET /api/endpoints/:id/paired (who is paired now). Shapes are our choice.
import { sendJson, type Ctx } from '../http.ts';
import { endpointOf } from '../world/rooms.ts';
import { gate, sendRelayError } from './auth.ts';
import type { RelayContext } from './context.ts';

/** What a room can do, in the Mesh capability names (reference §2.7); the simulator's rooms do it all. */
const capabilities = { JOIN: true, HANGUP: true, STATUS: true, MUTE_MICROPHONE: true, CALENDAR_PUSH: true };

export function pairingCode(ctx: Ctx, rc: RelayContext, pairingCodeId: string): void {
  if (!gate(ctx, rc, { kind: 'zeroTouch', pairingCodeId })) return;
  const room = rc.world.rooms.byPairingCodeId(pairingCodeId);
  if (!room) return sendRelayError(ctx, 'PairingCodeNotFound', undefined, { pairingCodeId });
  const e = endpointOf(room);
  sendJson(ctx, 'relay', 200, {
    id: room.pairingCodeId,
    code: room.pairingCode,
    endpointId: room.id,
    endpointName: e.name,
    location: e.location,
    controlProtocol: e.controlProtocol,
    zeroTouchType: e.zeroTouchType,
    capabilities,
  });
}

export function paired(ctx: Ctx, rc: RelayContext, id: string): void {
  if (!gate(ctx, rc, { kind: 'zeroTouch', endpointId: id })) return;
  const room = rc.world.rooms.byId(id);
  if (!room) return sendRelayError(ctx, 'EndpointNotFound', undefined, { endpointId: id });
  sendJson(ctx, 'relay', 200, rc.world.paired.list(room.id, rc.world.clock.now()));
}
