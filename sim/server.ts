// The one loopback listener. It serves every "host" by path: /oauth2/* and /v1/* (api.bluejeans.com),
// /oauth2/authorize (bluejeans.com), /api/* (relay.bluejeans.com) and /_sim/* (control: loopback, its own
// Host and Origin, and the run's token; control/guard.ts), unless the control API is off.
// Each request: faults first (latency, then a terminal fault), then the route. Plain node:http for speed.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { controlRefusal } from './control/guard.ts';
import { routeControl, type ControlDeps } from './control/http.ts';
import { applyFault } from './fault-responses.ts';
import type { FaultMatch, FaultRegistry } from './faults.ts';
import { createCtx, sendJson, type Ctx, type Host } from './http.ts';
import { routeOAuth } from './oauth/router.ts';
import type { RequestLog } from './request-log.ts';
import type { RelayContext } from './relay/context.ts';
import { routeRelay } from './relay/router.ts';
import { oauthError, relayError } from './errors.ts';

export interface ServerDeps {
  relay: RelayContext;
  faults: FaultRegistry;
  log: RequestLog;
  control: ControlDeps;
  /** The control API over HTTP: its per-run token, or null when it is off (the in-app demo). */
  controlToken: string | null;
}

export interface SimServer {
  server: Server;
  close(): Promise<void>;
}

function hostOf(path: string): Host | null {
  if (path.startsWith('/api/')) return 'relay';
  if (path.startsWith('/oauth2/') || path.startsWith('/v1/')) return 'api';
  return null;
}

export function createSimServer(deps: ServerDeps): SimServer {
  const { relay, faults, log } = deps;
  const clock = relay.world.clock;
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const stalled = new Set<ServerResponse>();

  const crash = (ctx: Ctx, host: Host, error: unknown) => {
    console.error('[sim] handler failed:', error);
    if (ctx.res.headersSent) return void ctx.res.destroy();
    const e = host === 'relay' ? relayError('InternalServerError') : oauthError(500, 'server_error', 'Internal server error');
    sendJson(ctx, host, e.status, e.body);
  };

  const dispatch = (ctx: Ctx, host: Host, fault: FaultMatch | null) => {
    if (fault?.terminal) return applyFault(ctx, host, fault.terminal, stalled);
    try {
      const done = host === 'relay' ? routeRelay(ctx, relay) : routeOAuth(ctx, relay.world);
      if (done) done.catch((e: unknown) => crash(ctx, host, e));
    } catch (e) {
      crash(ctx, host, e);
    }
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '/';
    if (url.startsWith('/_sim') && deps.controlToken !== null) {
      const ctx = createCtx(req, res, null, clock);
      const refused = controlRefusal(req, deps.controlToken, (server.address() as AddressInfo).port);
      if (refused) return sendJson(ctx, 'control', refused.status, { error: refused.error });
      routeControl(ctx, deps.control).catch((e: unknown) => {
        console.error('[sim] control failed:', e);
        if (!res.headersSent) sendJson(ctx, 'control', 500, { error: 'control failed' });
      });
      return;
    }
    const ctx = createCtx(req, res, log, clock);
    const host = hostOf(ctx.path);
    if (host === null) {
      return sendJson(ctx, 'control', ctx.path === '/' ? 200 : 404, ctx.path === '/' ? deps.control.urls() : { error: `No such path ${ctx.path}` });
    }
    const fault = faults.match(ctx.method, ctx.path);
    if (fault && fault.latencyMs > 0) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!res.destroyed) dispatch(ctx, host, fault);
      }, fault.latencyMs);
      timers.add(timer);
      return;
    }
    dispatch(ctx, host, fault);
  };

  // Keep-alive as a load balancer would; no request timeout, so a stalled body is the client's problem.
  const server = createServer({ keepAliveTimeout: 65_000, requestTimeout: 0, noDelay: true }, handle);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  return {
    server,
    close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const res of stalled) res.destroy();
      stalled.clear();
      return new Promise<void>((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        server.closeAllConnections();
        for (const s of sockets) s.destroy();
      });
    },
  };
}
