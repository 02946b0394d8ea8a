// `npm run preview`: the app's main-process core under plain Node, with the built renderer served on
// 127.0.0.1 and a WebSocket bridge in place of Electron's IPC. Flags: --port N, --open, --no-demo.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createCore } from '../main/core.ts';
import { startPreviewHost } from '../main/preview/host.ts';
import { systemBrowser } from '../main/preview/system-browser.ts';
import { consoleLogger } from '../main/log/console-logger.ts';

const usage = 'Usage: npm run preview -- [--port 7788] [--open] [--no-demo]';
let args;
try {
  args = parseArgs({
    options: {
      port: { type: 'string', default: '7788' },
      open: { type: 'boolean', default: false },
      'no-demo': { type: 'boolean', default: false },
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

const log = consoleLogger('preview');
const core = createCore({
  host: { kind: 'preview', version, platform: process.platform, electronVersion: null },
  log,
});

let host;
try {
  host = await startPreviewHost({ core, rendererDir, port, log });
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

console.log(`Relay Console preview host is running.\n\n  Open: ${host.url}\n\nThe address holds a one-off key for this run: keep it to yourself. Ctrl+C stops the host.`);
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
