// Routes /api/* (relay.bluejeans.com) to its handlers. Hand-written on path segments: this is the hot
// path of the load benchmark.
import type { Ctx } from '../http.ts';
import { createAccessToken, deleteAccessToken, getAccessToken } from './access-tokens.ts';
import { sendRelayError } from './auth.ts';
import type { RelayContext } from './context.ts';
import { createEndpoint, deleteEndpoint, getEndpoint, listEndpoints, updateEndpoint } from './endpoints.ts';
import { getListenerService, listFailures, listListenerServices } from './infrastructure.ts';
import { listMeetings, meetingJoinFlow } from './meetings.ts';
import { controlRoom, joinRoom } from './room-control.ts';
import { bulkStatus, roomStatus } from './room-status.ts';
import { enterpriseSelf, health } from './system.ts';
import { paired, pairingCode } from './zero-touch.ts';

const notFound = (ctx: Ctx) => sendRelayError(ctx, 'NotFound', `No such resource: ${ctx.method} ${ctx.path}`);
const notAllowed = (ctx: Ctx) => sendRelayError(ctx, 'MethodNotAllowed', `${ctx.method} is not allowed on ${ctx.path}`);

export function routeRelay(ctx: Ctx, rc: RelayContext): void | Promise<void> {
  // "/api/endpoints/<id>/status/" → ["endpoints", "<id>", "status"]
  const seg = ctx.path.split('/');
  seg.splice(0, 2);
  if (seg.length > 0 && seg[seg.length - 1] === '') seg.pop();
  const [resource, a, b] = seg;
  const m = ctx.method;
  if (seg.length > 3) return notFound(ctx);

  switch (resource) {
    case 'endpoints':
      if (a === undefined) return m === 'GET' ? listEndpoints(ctx, rc) : m === 'POST' ? createEndpoint(ctx, rc) : notAllowed(ctx);
      if (a === 'status' && b === undefined) return m === 'GET' ? bulkStatus(ctx, rc) : notAllowed(ctx);
      if (b === undefined) {
        return m === 'GET' ? getEndpoint(ctx, rc, a) : m === 'PUT' ? updateEndpoint(ctx, rc, a) : m === 'DELETE' ? deleteEndpoint(ctx, rc, a) : notAllowed(ctx);
      }
      switch (b) {
        case 'status':
          return m === 'GET' ? roomStatus(ctx, rc, a) : notAllowed(ctx);
        case 'join':
          return m === 'POST' ? joinRoom(ctx, rc, a) : notAllowed(ctx);
        case 'mutemicrophone':
        case 'unmutemicrophone':
        case 'hangup':
          return m === 'POST' ? controlRoom(ctx, rc, a, b) : notAllowed(ctx);
        case 'paired':
          return m === 'GET' ? paired(ctx, rc, a) : notAllowed(ctx);
        case 'pairingcode':
          return m === 'GET' ? pairingCode(ctx, rc, a) : notAllowed(ctx);
      }
      return notFound(ctx);
    case 'meetings':
      if (a === undefined) return m === 'GET' ? listMeetings(ctx, rc) : notAllowed(ctx);
      if (b === 'joinflow') return m === 'GET' ? meetingJoinFlow(ctx, rc, a) : notAllowed(ctx);
      return notFound(ctx);
    case 'auth':
      if (a !== 'accesstokens') return notFound(ctx);
      if (b === undefined) return m === 'POST' ? createAccessToken(ctx, rc) : notAllowed(ctx);
      return m === 'GET' ? getAccessToken(ctx, rc, b) : m === 'DELETE' ? deleteAccessToken(ctx, rc, b) : notAllowed(ctx);
    case 'enterprises':
      if (a === 'self' && b === undefined) return m === 'GET' ? enterpriseSelf(ctx, rc) : notAllowed(ctx);
      return notFound(ctx);
    case 'system':
      if (a === 'health' && b === undefined) return m === 'GET' ? health(ctx, rc) : notAllowed(ctx);
      return notFound(ctx);
    case 'listenerservices':
      if (a === undefined) return m === 'GET' ? listListenerServices(ctx, rc) : notAllowed(ctx);
      if (b === undefined) return m === 'GET' ? getListenerService(ctx, rc, a) : notAllowed(ctx);
      return notFound(ctx);
    case 'failures':
      if (a === undefined) return m === 'GET' ? listFailures(ctx, rc) : notAllowed(ctx);
      return notFound(ctx);
  }
  return notFound(ctx);
}
