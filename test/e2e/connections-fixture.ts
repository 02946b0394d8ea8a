// E2E set-up for the connection tests: a simulator, and a preview host over a core whose OpenBrowser
// port records the URLs it was asked to open (the test plays the browser by following them), whose
// settings live in a temp folder, whose log lines are kept, and whose HTTP traffic is watched for every
// token the servers hand out (the leak test looks for them everywhere the renderer and the disk see).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, type Dispatcher } from 'undici';
import { test as base, expect } from '@playwright/test';
import { createCore, type Core } from '../../main/core.ts';
import { startPreviewHost, type PreviewHost } from '../../main/preview/host.ts';
import { createConfSettingsStore } from '../../main/vault/conf-store.ts';
import type { Logger } from '../../main/ports.ts';
import { startSim, type RunningSim } from '../../sim/index.ts';
import { rendererDir } from './fixtures.ts';

export interface ConnectionsFixture {
  core: Core;
  host: PreviewHost;
  sim: RunningSim;
  /** The settings folder (settings.json). */
  dir: string;
  /** Every URL main asked the system browser to open. */
  browserUrls: string[];
  /** Every text frame the bridge sent to the browser. */
  outgoing: string[];
  logLines: string[];
  /** Every token the servers issued (access_token, refresh_token, accessToken), seen on the wire. */
  issuedTokens: Set<string>;
}

/** An undici dispatcher that reads every JSON answer for tokens, then passes it on untouched. */
function watchingDispatcher(issued: Set<string>): Dispatcher {
  return new Agent({ connections: 4 }).compose((dispatch) => (opts, handler) => {
    const chunks: Buffer[] = [];
    return dispatch(opts, {
      ...handler,
      onRequestStart: (c, ctx) => handler.onRequestStart?.(c, ctx),
      onResponseStart: (c, status, headers, message) => handler.onResponseStart?.(c, status, headers, message),
      onResponseData(c, chunk) {
        chunks.push(chunk);
        handler.onResponseData?.(c, chunk);
      },
      onResponseEnd(c, trailers) {
        try {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
          for (const key of ['access_token', 'refresh_token', 'accessToken']) {
            const v = body[key];
            if (typeof v === 'string' && v.length >= 8) issued.add(v);
          }
        } catch {
          // not JSON: nothing to learn
        }
        handler.onResponseEnd?.(c, trailers);
      },
      onResponseError: (c, e) => handler.onResponseError?.(c, e),
    });
  });
}

export const test = base.extend<{ conn: ConnectionsFixture; signInTimeoutMs: number | undefined }>({
  /** How long main waits for a browser sign-in (default: the app's own). */
  signInTimeoutMs: [undefined, { option: true }],
  conn: async ({ page, signInTimeoutMs }, use) => {
    const sim = await startSim({ rooms: 6, seed: 3, port: 0 });
    const dir = mkdtempSync(join(tmpdir(), 'relay-e2e-'));
    const browserUrls: string[] = [];
    const outgoing: string[] = [];
    const logLines: string[] = [];
    const issuedTokens = new Set<string>();
    const line = (level: string) => (m: string, f?: Record<string, unknown>) => void logLines.push(`${level} ${m} ${JSON.stringify(f ?? {})}`);
    const log: Logger = { info: line('info'), warn: line('warn'), error: line('error') };
    const core = createCore({
      host: { kind: 'preview', version: '0.0.0-test', platform: process.platform, electronVersion: null },
      log,
      settings: createConfSettingsStore({ cwd: dir }),
      openBrowser: { open: async (url) => void browserUrls.push(url) },
      http: { dispatcher: watchingDispatcher(issuedTokens) },
      ...(signInTimeoutMs === undefined ? {} : { signInTimeoutMs }),
    });
    const host = await startPreviewHost({ core, rendererDir, port: 0, log, onOutgoing: (t) => outgoing.push(t) });
    await page.goto(host.url);
    await use({ core, host, sim, dir, browserUrls, outgoing, logLines, issuedTokens });
    await page.close();
    await host.close();
    await core.dispose();
    await sim.close();
  },
});

export { expect };
