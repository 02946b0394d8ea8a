// The preview host: the same core as the desktop app, served to a browser over a loopback WebSocket
// bridge. It is how the full stack runs on machines without an Electron binary (development, CI, wall
// displays). Guarded three ways: it binds 127.0.0.1 only, the bridge needs the per-launch token, and
// the socket's Origin and Host must be this host's own (which stops other sites and DNS rebinding).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { resolve } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Core } from '../core.ts';
import type { Logger } from '../ports.ts';
import { silentLogger } from '../ports.ts';
import { contentSecurityPolicy, securityHeaders } from '../security/csp.ts';
import { bridgeRequest, maxBridgeMessageBytes } from './bridge-protocol.ts';
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
}

export interface PreviewHost {
  /** The page to open, with the bridge token in the fragment (never sent to the server in HTTP requests). */
  url: string;
  origin: string;
  token: string;
  close(): Promise<void>;
}

export async function startPreviewHost(options: PreviewHostOptions): Promise<PreviewHost> {
  const log = options.log ?? silentLogger;
  const rendererDir = resolve(options.rendererDir);
  const token = randomBytes(24).toString('base64url');
  const tokenBytes = Buffer.from(token);
  const wss = new WebSocketServer({ noServer: true, maxPayload: maxBridgeMessageBytes });
  let origin = '';

  const server = createServer((req, res) => {
    void serveFile(req, res);
  });

  async function serveFile(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req.headers.host)) return plain(res, 421, 'Misdirected request.');
    if (req.method !== 'GET' && req.method !== 'HEAD') return plain(res, 405, 'Method not allowed.');
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

  function tokenMatches(candidate: string | null): boolean {
    if (candidate === null) return false;
    const bytes = Buffer.from(candidate);
    return bytes.length === tokenBytes.length && timingSafeEqual(bytes, tokenBytes);
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
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws));
  });

  function attach(ws: WebSocket): void {
    const send = (message: unknown): void => {
      if (ws.readyState !== ws.OPEN) return;
      const text = JSON.stringify(message);
      options.onOutgoing?.(text);
      ws.send(text);
    };
    const unsubscribe = options.core.subscribe((event, payload) => send({ event, payload }));
    ws.on('close', unsubscribe);
    ws.on('error', (error) => log.warn('bridge socket error', { error: error.message }));
    ws.on('message', (data, isBinary) => {
      void (async () => {
        let parsedJson: unknown;
        try {
          if (isBinary) throw new Error('binary');
          parsedJson = JSON.parse(data.toString());
        } catch {
          return send({ id: null, ok: false, error: { code: 'bad_message', message: 'The bridge message was not JSON text.' } });
        }
        const request = bridgeRequest.safeParse(parsedJson);
        if (!request.success) {
          const id = typeof parsedJson === 'object' && parsedJson !== null && 'id' in parsedJson ? parsedJson.id : null;
          return send({
            id: typeof id === 'number' || typeof id === 'string' ? id : null,
            ok: false,
            error: { code: 'bad_message', message: 'The bridge message must be {id, channel, payload}.' },
          });
        }
        const { id, channel, payload } = request.data;
        const result = await options.core.dispatch(channel, payload);
        send(result.ok ? { id, ok: true, result: result.value } : { id, ok: false, error: result.error });
      })();
    });
  }

  await new Promise<void>((done, failed) => {
    server.once('error', failed);
    server.listen(options.port ?? 0, '127.0.0.1', () => done());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('The preview host has no TCP address.');
  origin = `http://127.0.0.1:${address.port}`;

  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    async close() {
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
