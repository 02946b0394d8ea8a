// The Relay infrastructure a console shows beside the rooms (reference §2.5): GET /api/listenerservices
// (the path is inferred: the public record has the entity, not its list call), GET
// /api/listenerservices/:id, and GET /api/failures/ (the failure records; seen in one integration).
import { relayErrorForStatus } from '../errors.ts';
import { sendJson, type Ctx } from '../http.ts';
import { listenerServiceEntity } from '../world/listener-services.ts';
import { gate, sendRelayError } from './auth.ts';
import type { RelayContext } from './context.ts';

export function listListenerServices(ctx: Ctx, rc: RelayContext): void {
  if (!gate(ctx, rc, { kind: 'read' })) return;
  sendJson(ctx, 'relay', 200, rc.world.listenerServices.list.map(listenerServiceEntity));
}

export function getListenerService(ctx: Ctx, rc: RelayContext, id: string): void {
  if (!gate(ctx, rc, { kind: 'read' })) return;
  const ls = rc.world.listenerServices.byId(id);
  if (!ls) return sendRelayError(ctx, 'ListenerServiceNotFound', undefined, { listenerServiceId: id });
  sendJson(ctx, 'relay', 200, listenerServiceEntity(ls));
}

/** A bare array, oldest first, of at most FAILURE_CAPACITY records (one enterprise had 908, no paging). */
export function listFailures(ctx: Ctx, rc: RelayContext): void {
  if (!gate(ctx, rc, { kind: 'read' })) return;
  sendJson(ctx, 'relay', 200, rc.world.failures.list());
}

/**
 * An injected server error on a room's call is a failed command too: written to the failure records (the
 * room as subject), as the server behind a failing gateway would have logged it.
 */
export function recordFaultFailure(rc: RelayContext, path: string, status: number): void {
  const m = /^\/api\/endpoints\/([^/]+)\/([a-z]+)\/?$/.exec(path);
  if (!m || m[1] === 'status' || !rc.world.rooms.byId(m[1] ?? '')) return;
  const e = relayErrorForStatus(status);
  rc.world.failures.add({
    subjectClass: 'Endpoint',
    subjectId: m[1] ?? '',
    errorDate: rc.world.clock.now(),
    errorCode: e.body.errorCode,
    errorMessage: e.body.errorMessage,
    errorName: e.body.errorName,
    errorDetails: { command: m[2] ?? '', status },
  });
}
