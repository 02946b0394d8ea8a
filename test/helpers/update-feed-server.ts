// A generic update feed on 127.0.0.1, as electron-builder lays one out: latest.yml (Windows),
// latest-linux.yml and the installers beside them. A release can publish one sha512 and serve other bytes
// (a tampered download), and the server can take requests and never answer (a hung feed).
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FeedRelease {
  version: string;
  /** The installer's file name, e.g. relay-console_1.2.0_amd64.deb or Relay-Console-Setup-1.2.0.exe. */
  fileName: string;
  /** The bytes latest.yml's sha512 describes. */
  published: Buffer;
  /** The bytes the server sends; default: the published ones. */
  served?: Buffer;
}

export interface FeedServer {
  /** The feed folder, with a trailing slash. */
  url: string;
  /** Every path asked for, in order (without the query). */
  requests: string[];
  release(release: FeedRelease): void;
  /** Take every request and answer none (until close). */
  hang(): void;
  close(): Promise<void>;
}

const sha512 = (bytes: Buffer): string => createHash('sha512').update(bytes).digest('base64');

export function latestYml(release: FeedRelease): string {
  const hash = sha512(release.published);
  return [
    `version: ${release.version}`,
    'files:',
    `  - url: ${release.fileName}`,
    `    sha512: ${hash}`,
    `    size: ${release.published.length}`,
    `path: ${release.fileName}`,
    `sha512: ${hash}`,
    "releaseDate: '2026-12-01T00:00:00.000Z'",
    '',
  ].join('\n');
}

export async function startFeedServer(): Promise<FeedServer> {
  let current: FeedRelease | null = null;
  let hanging = false;
  const requests: string[] = [];
  const held: ServerResponse[] = [];

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    requests.push(path);
    if (hanging) {
      held.push(res);
      return;
    }
    if (current && (path === '/latest.yml' || path === '/latest-linux.yml' || path === '/latest-mac.yml')) {
      res.writeHead(200, { 'content-type': 'text/yaml' }).end(latestYml(current));
      return;
    }
    if (current && path === `/${current.fileName}`) {
      const body = current.served ?? current.published;
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length }).end(body);
      return;
    }
    res.writeHead(404).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    release: (release) => {
      current = release;
    },
    hang: () => {
      hanging = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of held) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
