// The test's side of preview-host-process.ts: start a preview host in a child process, read what it
// reports, and stop, freeze or kill it.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface HostLogLine {
  log: string;
  level: string;
  fields: Record<string, unknown>;
}

export interface HostChildOptions {
  port?: number;
  token?: string;
  rendererDir?: string;
  demo?: boolean;
  dataDir?: string;
  stallMs?: number;
}

export interface HostChild {
  readonly child: ChildProcess;
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  readonly port: number;
  readonly logs: readonly HostLogLine[];
  /** The child's RSS now and its peak so far, in bytes. */
  rss(): Promise<{ rss: number; maxRss: number }>;
  /** Resolves with the first log line (already seen or still to come) that matches. */
  waitForLog(match: (line: HostLogLine) => boolean): Promise<HostLogLine>;
  /** SIGSTOP / SIGCONT: the process stays, its sockets stay open, nothing answers. */
  freeze(): void;
  thaw(): void;
  /** SIGKILL, and wait until it is gone (its port is free then). */
  kill(): Promise<void>;
}

const script = fileURLToPath(new URL('./preview-host-process.ts', import.meta.url));

export async function startHostChild(options: HostChildOptions = {}): Promise<HostChild> {
  const args = ['--port', String(options.port ?? 0)];
  if (options.token) args.push('--token', options.token);
  if (options.rendererDir) args.push('--renderer', options.rendererDir);
  if (options.demo) args.push('--demo');
  if (options.dataDir) args.push('--data-dir', options.dataDir);
  if (options.stallMs !== undefined) args.push('--stall-ms', String(options.stallMs));
  // execArgv: [] — not the test runner's own flags.
  const child = fork(script, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: [] });
  const logs: HostLogLine[] = [];
  const logWaiters = new Set<{ match: (line: HostLogLine) => boolean; resolve: (line: HostLogLine) => void }>();
  const rssWaiters: Array<(m: { rss: number; maxRss: number }) => void> = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const ready = new Promise<{ url: string; origin: string; token: string; port: number }>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => reject(new Error(`the preview host process ended before it was ready (${code ?? signal})`)));
    child.on('message', (raw) => {
      const m = raw as Partial<HostLogLine> & { ready?: boolean; url: string; origin: string; token: string; port: number; rss?: number; maxRss?: number };
      if (m.ready) resolve(m);
      else if (m.log !== undefined) {
        const line = { log: m.log, level: m.level ?? 'warn', fields: m.fields ?? {} };
        logs.push(line);
        for (const waiter of [...logWaiters]) {
          if (!waiter.match(line)) continue;
          logWaiters.delete(waiter);
          waiter.resolve(line);
        }
      } else if (m.rss !== undefined && m.maxRss !== undefined) rssWaiters.shift()?.({ rss: m.rss, maxRss: m.maxRss });
    });
  });
  const info = await ready;

  return {
    child,
    ...info,
    logs,
    rss: () =>
      new Promise((resolve) => {
        rssWaiters.push(resolve);
        child.send({ cmd: 'rss' });
      }),
    waitForLog: (match) =>
      new Promise((resolve) => {
        const seen = logs.find(match);
        if (seen) return resolve(seen);
        logWaiters.add({ match, resolve });
      }),
    freeze: () => void child.kill('SIGSTOP'),
    thaw: () => void child.kill('SIGCONT'),
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
