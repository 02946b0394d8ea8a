// A preview host in a process of its own, for tests that must measure it (RSS) or stop, kill and restart
// it under a page. Run with `fork`; it reports over IPC:
//   {ready: true, url, origin, token, port}      once it listens (and, with --demo, shows the demo rooms)
//   {log: message, level, fields}                every warning or error the host logs
//   {rss, maxRss}                                in answer to {cmd: 'rss'} (bytes; maxRss is the peak so far)
// Flags: --port N (0: any free port), --token T (the bridge key; default a new one), --renderer DIR,
// --demo (start the built-in demo rooms), --data-dir D (keep settings there), --stall-ms N.
import { parseArgs } from 'node:util';
import { createCore } from '../../main/core.ts';
import { startPreviewHost } from '../../main/preview/host.ts';
import type { Logger } from '../../main/ports.ts';
import { createConfSettingsStore } from '../../main/vault/conf-store.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    token: { type: 'string' },
    renderer: { type: 'string', default: '.' },
    demo: { type: 'boolean', default: false },
    'data-dir': { type: 'string' },
    'stall-ms': { type: 'string' },
  },
});

const report = (message: Record<string, unknown>): void => void process.send?.(message);
const forward =
  (level: string) =>
  (message: string, fields?: Record<string, unknown>): void =>
    report({ log: message, level, fields: fields ?? {} });
const log: Logger = { info: () => undefined, warn: forward('warn'), error: forward('error') };

const core = createCore({
  host: { kind: 'preview', version: '0.0.0-test', platform: process.platform, electronVersion: null },
  log,
  ...(values['data-dir'] ? { settings: createConfSettingsStore({ cwd: values['data-dir'] }) } : {}),
});
const host = await startPreviewHost({
  core,
  rendererDir: values.renderer,
  port: Number(values.port),
  log,
  ...(values.token ? { token: values.token } : {}),
  ...(values['stall-ms'] ? { flow: { stallMs: Number(values['stall-ms']) } } : {}),
});

if (values.demo) {
  await core.dispatch('demo.start', undefined);
  // Ready once every demo room is on the board, so a measurement sees full-size replies.
  for (let i = 0; i < 200; i++) {
    const list = await core.dispatch('rooms.list', undefined);
    if (list.ok && (list.value as { rooms: unknown[] }).rooms.length > 0) break;
    await new Promise((r) => setTimeout(r, 50));
  }
}

process.on('message', (raw) => {
  const message = raw as { cmd?: string };
  // maxRSS is the kernel's own peak for the process (KiB), so no short spike between two samples is missed.
  if (message.cmd === 'rss') report({ rss: process.memoryUsage.rss(), maxRss: process.resourceUsage().maxRSS * 1024 });
});
process.on('disconnect', () => {
  void host.close().then(() => core.dispose()).finally(() => process.exit(0));
});

report({ ready: true, url: host.url, origin: host.origin, token: host.token, port: Number(new URL(host.origin).port) });
