// The preview host: the same core as the desktop app, served to a browser over a loopback WebSocket
// bridge. It is how the full stack runs on machines without an Electron binary (development, CI, wall
// displays). Guarded three ways: it binds 127.0.0.1 only, the bridge needs the per-launch token, and
// the socket's Origin and Host must be this host's own (which stops other sites and DNS rebinding).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { resolve } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { bridgeKeyCheckPath, bridgeKeyHeader, bridgeTiming, maxBridgeMessageBytes } from '../../contract/index.ts';
import type { Core } from '../core.ts';
import type { Clock, Logger } from '../ports.ts';
import { silentLogger, systemClock } from '../ports.ts';
import { contentSecurityPolicy, securityHeaders } from '../security/csp.ts';
import { defaultFlowLimits, serveBridgeSocket, type BridgeFlowLimits, type BridgeSocket } from './bridge-socket.ts';
import { readStaticFile } from './static-files.ts';

export interface PreviewHostOptions {
  core: Core;
  /** The built preview renderer (out/preview): index.html, assets, preview-bridge.js. */
  rendererDir: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  log?: Logger;
  /** Observe every message sent to a browser (the leak tests read these). */
  onOutgoing?: (text: string) => void;
  /**
   * The bridge key; by default a new one per run. Given, the same address keeps working across restarts
   * (a wall display reconnects by itself). 32–128 characters of base64url.
   */
  token?: string;
  /** Limits per page socket (bridge-socket.ts); the defaults suit every real page. */
  flow?: Partial<BridgeFlowLimits>;
  /** The most pages (bridge sockets) at once; more are refused until one closes. */
  maxPages?: number;
  /** Drives the heartbeat and the flow timers; tests pass a manual one. */
  clock?: Clock;
}

export interface PreviewHost {
  /** The page to open, with the bridge token in the fragment (never sent to the server in HTTP requests). */
  url: string;
  origin: string;
  token: string;
  close(): Promise<void>;
}

const tokenPattern = /^[A-Za-z0-9_-]{32,128}$/;

/** Wall displays and a few tabs; a page that reconnects is counted once its old socket is closed. */
const defaultMaxPages = 16;

export async function startPreviewHost(options: PreviewHostOptions): Promise<PreviewHost> {
  const log = options.log ?? silentLogger;
  const clock = options.clock ?? systemClock;
  const rendererDir = resolve(options.rendererDir);
  if (options.token !== undefined && !tokenPattern.test(options.token)) {
    throw new Error('The bridge key must be 32 to 128 characters of A–Z, a–z, 0–9, "-" and "_".');
  }
  const token = options.token ?? randomBytes(24).toString('base64url');
  const tokenBytes = Buffer.from(token);
  const limits: BridgeFlowLimits = { ...defaultFlowLimits, ...options.flow };
  const maxPages = options.maxPages ?? defaultMaxPages;
  // perMessageDeflate stays off (the default): a compressed bomb cannot get past maxPayload. closeTimeout
  // (in ws 8.23, not yet in @types/ws): a closed page that never answers the close frame is cut off after 5 s.
  const serverOptions = { noServer: true, maxPayload: maxBridgeMessageBytes, closeTimeout: 5_000 };
  const wss = new WebSocketServer(serverOptions);
  const pages = new Set<BridgeSocket>();
  let origin = '';

  const server = createServer((req, res) => {
    void serveFile(req, res);
  });

  async function serveFile(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req.headers.host)) return plain(res, 421, 'Misdirected request.');
    if (req.method !== 'GET' && req.method !== 'HEAD') return plain(res, 405, 'Method not allowed.');
    if (new URL(req.url ?? '/', origin).pathname === bridgeKeyCheckPath) return checkKey(req, res);
    const file = await readStaticFile(rendererDir, req.url ?? '/');
    if (!file) return plain(res, 404, 'Not found.');
    res.writeHead(200, {
      'content-type': file.contentType,
      'content-security-policy': contentSecurityPolicy({ connect: [origin.replace(/^http/, 'ws')] }),
      'cache-control': 'no-store',
      ...securityHeaders,
    });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  function hostAllowed(host: string | undefined): boolean {
    const port = new URL(origin).port;
    return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
  }

  function tokenMatches(candidate: string | null | undefined): boolean {
    if (typeof candidate !== 'string') return false;
    const bytes = Buffer.from(candidate);
    return bytes.length === tokenBytes.length && timingSafeEqual(bytes, tokenBytes);
  }

  /**
   * Tells a page that cannot open the bridge why: 204, the key it holds is this run's (try again);
   * 401, it is not (the host was restarted with a new key, or the page never had one). The key travels in a
   * header, never in the URL; a foreign page cannot send that header without a CORS preflight, which fails.
   */
  function checkKey(req: IncomingMessage, res: ServerResponse): void {
    const candidate = req.headers[bridgeKeyHeader];
    if (tokenMatches(Array.isArray(candidate) ? candidate[0] : candidate)) {
      res.writeHead(204, { 'cache-control': 'no-store', ...securityHeaders });
      res.end();
      return;
    }
    plain(res, 401, 'This address holds the key of another run of Relay Console.');
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', origin);
    const refuse = (status: number, reason: string): void => {
      log.warn('bridge connection refused', { reason });
      socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (url.pathname !== '/bridge') return refuse(404, 'Not Found');
    if (!hostAllowed(req.headers.host)) return refuse(421, 'Misdirected Request');
    const requestOrigin = req.headers.origin;
    if (requestOrigin !== origin && requestOrigin !== origin.replace('127.0.0.1', 'localhost')) {
      return refuse(403, 'Forbidden');
    }
    if (!tokenMatches(url.searchParams.get('token'))) return refuse(401, 'Unauthorized');
    if (wss.clients.size >= maxPages) return refuse(503, 'Service Unavailable');
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws));
  });

  function attach(ws: WebSocket): void {
    const page = serveBridgeSocket(ws, {
      core: options.core,
      clock,
      log,
      limits,
      ...(options.onOutgoing ? { onOutgoing: options.onOutgoing } : {}),
    });
    pages.add(page);
    ws.on('close', () => pages.delete(page));
  }

  // One heartbeat for every page, so a page knows within seconds when the host is gone.
  let beats = 0;
  let heartbeat: { cancel(): void } | null = null;
  const beat = (): void => {
    beats++;
    for (const page of pages) page.beat(beats);
    heartbeat = clock.setTimeout(beat, bridgeTiming.heartbeatMs);
  };

  await new Promise<void>((done, failed) => {
    server.once('error', failed);
    server.listen(options.port ?? 0, '127.0.0.1', () => done());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('The preview host has no TCP address.');
  origin = `http://127.0.0.1:${address.port}`;
  heartbeat = clock.setTimeout(beat, bridgeTiming.heartbeatMs);

  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    async close() {
      heartbeat?.cancel();
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

function plain(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...securityHeaders });
  res.end(text);
}
