// `npm run preview`: the app's main-process core under plain Node, with the built renderer served on
// 127.0.0.1 and a WebSocket bridge in place of Electron's IPC. Flags: --port N, --open, --no-demo, --data-dir D,
// --key-file F.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createCore } from '../main/core.ts';
import { startPreviewHost } from '../main/preview/host.ts';
import { systemBrowser } from '../main/preview/system-browser.ts';
import { consoleLogger } from '../main/log/console-logger.ts';
import { createConfSettingsStore } from '../main/vault/conf-store.ts';

const usage = 'Usage: npm run preview -- [--port 7788] [--open] [--no-demo] [--data-dir <folder>] [--key-file <file>]';
let args;
try {
  args = parseArgs({
    options: {
      port: { type: 'string', default: '7788' },
      open: { type: 'boolean', default: false },
      'no-demo': { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
      'key-file': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  }).values;
} catch (error) {
  console.error(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
  process.exit(2);
}
if (args.help) {
  console.log(usage);
  process.exit(0);
}
const port = Number(args.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a number from 0 to 65535, not "${args.port}".\n${usage}`);
  process.exit(2);
}

const root = resolve(import.meta.dirname, '..');
const rendererDir = resolve(root, 'out/preview');
if (!existsSync(resolve(rendererDir, 'index.html'))) {
  console.error('The renderer is not built yet. Run "npm run build:renderer" (npm run preview does it for you).');
  process.exit(1);
}
const version = (JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string }).version;

/** Where the preview host keeps its settings: the OS's per-user config folder, apart from the desktop app's. */
function defaultDataDir(): string {
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Relay Console Preview');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Relay Console Preview');
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'relay-console-preview');
}
const dataDir = resolve(args['data-dir'] ?? defaultDataDir());

/**
 * --key-file: the bridge key is kept in that file (made, readable by this user only, on first use), so the
 * printed address stays the same across restarts and an open page (a wall display) reconnects by itself.
 */
function keyFromFile(path: string): string {
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  const key = randomBytes(24).toString('base64url');
  writeFileSync(path, `${key}\n`, { mode: 0o600, flag: 'wx' });
  return key;
}
let token: string | undefined;
if (args['key-file']) {
  try {
    token = keyFromFile(resolve(args['key-file']));
  } catch (error) {
    console.error(`The key file could not be read or made: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

const log = consoleLogger('preview');
const core = createCore({
  host: { kind: 'preview', version, platform: process.platform, electronVersion: null },
  log,
  // No OS keychain here (no cipher port): the vault keeps secrets in memory unless the user accepts the risk.
  // A settings file that cannot be read or written never stops the host: it says so on the Connections screen.
  settings: createConfSettingsStore({ cwd: dataDir, log }),
  openBrowser: systemBrowser,
  ...(args['no-demo'] ? { startDemoSim: null } : {}),
});

let host;
try {
  host = await startPreviewHost({ core, rendererDir, port, log, ...(token ? { token } : {}) });
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  console.error(
    code === 'EADDRINUSE'
      ? `Port ${port} is already in use. Choose another with --port, or --port 0 for any free port.`
      : `The preview host could not start: ${error instanceof Error ? error.message : String(error)}`,
  );
  await core.dispose();
  process.exit(1);
}

console.log(
  `Relay Console preview host is running.\n\n  Open: ${host.url}\n  Settings: ${dataDir}\n\n` +
    (token ? `The address holds the key kept in ${resolve(args['key-file'] ?? '')}: keep both to yourself.` : 'The address holds a one-off key for this run: keep it to yourself.') +
    ' Ctrl+C stops the host.',
);
if (args['no-demo']) console.log('Demo rooms are off (--no-demo).');
if (args.open) {
  systemBrowser.open(host.url).catch((error: unknown) => console.error(error instanceof Error ? error.message : String(error)));
}

const stop = async (): Promise<void> => {
  await host.close();
  await core.dispose();
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
