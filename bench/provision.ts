// Bulk provisioning benchmark: a 10,000-row CSV import against the strict simulator (Relay's 2 requests a
// second per token) through the core's fleet channels, as the Fleet screen drives it. Prints the time to
// parse and to build the dry run, the memory it takes, and the apply plan: its request count and how long
// it takes at the strict budget (the estimate shown to the admin) — then applies the first rows for real
// to show the estimate holds, with no 429 from the strict simulator.
// Run: `npm run bench:provision` (options: --rooms 5000 --rows 10000 --sample 40)
import { parseArgs } from 'node:util';
import type { ConnectionView, FleetExport, ImportPlan, ImportProgress } from '../contract/index.ts';
import { maxImportChunkChars } from '../contract/index.ts';
import { parseFleetCsv } from '../main/admin/fleet-csv.ts';
import { planImport } from '../main/admin/import-plan.ts';
import { snapshotOf } from '../main/admin/provisioning.ts';
import { createCore } from '../main/core.ts';
import { endpointRecordListSchema } from '../main/relay/schemas.ts';
import { startSim } from '../sim/index.ts';

const { values } = parseArgs({ options: { rooms: { type: 'string', default: '5000' }, rows: { type: 'string', default: '10000' }, sample: { type: 'string', default: '40' } } });
const ROOMS = Number(values.rooms);
const ROWS = Number(values.rows);
const SAMPLE = Number(values.sample);

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const ms = (t: number): string => `${t.toFixed(0)} ms`;
const duration = (t: number): string =>
  t < 120_000 ? `${(t / 1000).toFixed(1)} s` : t < 3_600_000 ? `${Math.round(t / 60_000)} min` : `${Math.floor(t / 3_600_000)} h ${Math.round((t % 3_600_000) / 60_000)} min`;
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

const sim = await startSim({ rooms: ROOMS, seed: 9, port: 0, rateLimit: 'strict' });
const core = createCore({ host: { kind: 'preview', version: 'bench', platform: process.platform, electronVersion: null }, startDemoSim: null });
const call = async <T>(channel: string, payload?: unknown): Promise<T> => {
  const r = await core.dispatch(channel, payload);
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
  return r.value as T;
};
const progress: ImportProgress[] = [];
core.subscribe((event, payload) => {
  if (event === 'fleet.import.progress') progress.push(payload as ImportProgress);
});

try {
  const bases = { api: sim.url, authorize: sim.url, relay: sim.url };
  const conn = await call<ConnectionView>('connections.add', { kind: 'relay', username: sim.credentials.relayAccount.username, password: sim.credentials.relayAccount.password, bases });
  // The file: the fleet as exported (every room), a tenth of them edited, and new rooms up to ROWS.
  let exported: FleetExport | null = null;
  for (let i = 0; i < 60 && !exported; i++) {
    try {
      exported = await call<FleetExport>('fleet.export', { connectionId: conn.id });
    } catch {
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  if (!exported) throw new Error('the fleet could not be exported');
  const lines = exported.text.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
  const header = lines[0] as string;
  const body = lines.slice(1).map((line, i) => (i % 10 === 0 ? line.replace(/,admin,/, ',codec-admin,') : line));
  const ls = sim.control.listenerServices.list()[1]!;
  const cols = header.split(',');
  for (let i = body.length; i < ROWS; i++) {
    const cells = cols.map((c) =>
      c === 'name' ? `Bench ${i}` : c === 'ipAddress' ? `10.${100 + Math.floor(i / 62_500)}.${Math.floor(i / 250) % 250}.${(i % 250) + 1}` : c === 'listenerServiceId' ? ls.id : c === 'controlProtocol' ? 'TANDBERG_HTTP' : c === 'site' ? 'Austin' : '',
    );
    body.push(cells.join(','));
  }
  const text = `\uFEFF${[header, ...body].join('\r\n')}\r\n`;

  // Parse and dry run on their own (CPU only), on the fleet as read.
  const records = endpointRecordListSchema.parse(JSON.parse(await (await fetch(`${sim.url}/api/endpoints`, { headers: { authorization: `Basic ${Buffer.from(`${sim.credentials.relayAccount.username}:${sim.credentials.relayAccount.password}`).toString('base64')}` } })).text()));
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  let t = performance.now();
  const parsed = parseFleetCsv(text);
  const parseMs = performance.now() - t;
  if (!parsed.ok) throw new Error(parsed.message);
  t = performance.now();
  const built = planImport(parsed.csv, snapshotOf(records, Date.now()), new Map(sim.control.listenerServices.list().map((l) => [l.id, l.name])));
  const planMs = performance.now() - t;
  const heapAfter = process.memoryUsage().heapUsed;

  // The same through the core's channels, as the screen does it (chunks, reads of the fleet and Listener Services).
  const rssBefore = process.memoryUsage().rss;
  t = performance.now();
  const { importId } = await call<{ importId: string }>('fleet.import.begin', { connectionId: conn.id, fileName: 'bench.csv', size: text.length });
  for (let i = 0, n = 0; i < text.length; i += maxImportChunkChars, n++) await call('fleet.import.chunk', { importId, index: n, text: text.slice(i, i + maxImportChunkChars) });
  const plan = await call<ImportPlan>('fleet.import.plan', { importId });
  const channelMs = performance.now() - t;
  const rssAfter = process.memoryUsage().rss;

  // Apply the first rows for real at the strict budget: the measured rate against the estimate.
  const sampleText = `\uFEFF${[header, ...body.slice(ROOMS, ROOMS + SAMPLE)].join('\r\n')}\r\n`;
  const { importId: sampleId } = await call<{ importId: string }>('fleet.import.begin', { connectionId: conn.id, fileName: 'sample.csv', size: sampleText.length });
  await call('fleet.import.chunk', { importId: sampleId, index: 0, text: sampleText });
  const samplePlan = await call<ImportPlan>('fleet.import.plan', { importId: sampleId });
  const applyStart = performance.now();
  await call('fleet.import.apply', { importId: sampleId });
  while (!progress.some((p) => p.importId === sampleId && (p.phase === 'done' || p.phase === 'failed'))) await new Promise((r) => setTimeout(r, 50));
  const applyMs = performance.now() - applyStart;
  const done = progress.filter((p) => p.importId === sampleId).at(-1) as ImportProgress;
  const tooMany = sim.control.log().filter((e) => e.status === 429).length;

  console.log(`\nBulk provisioning: ${ROWS.toLocaleString('en-US')} rows against a fleet of ${ROOMS.toLocaleString('en-US')} rooms (strict simulator, 2 requests/s)\n`);
  console.log('| step | figure |');
  console.log('|---|--:|');
  console.log(`| file size | ${mb(text.length)} |`);
  console.log(`| parse (csv-parse, ${parsed.csv.rows.length.toLocaleString('en-US')} rows) | ${ms(parseMs)} |`);
  console.log(`| dry run against the fleet | ${ms(planMs)} |`);
  console.log(`| heap for the parsed file and the plan | ${mb(heapAfter - heapBefore)} |`);
  console.log(`| dry run through the core (chunks + fleet read + plan) | ${ms(channelMs)} |`);
  console.log(`| RSS growth for that | ${mb(rssAfter - rssBefore)} |`);
  console.log(`| plan: create / update / unchanged / errors | ${plan.counts.create} / ${plan.counts.update} / ${plan.counts.unchanged} / ${plan.counts.error} |`);
  console.log(`| apply plan: requests | ${plan.requests.toLocaleString('en-US')} |`);
  console.log(`| apply plan: duration at the budget (the estimate shown) | ${plan.estimateMs === null ? 'no limit' : duration(plan.estimateMs)} |`);
  console.log(`| sample applied: ${samplePlan.requests} creates, estimate | ${samplePlan.estimateMs === null ? 'no limit' : duration(samplePlan.estimateMs)} |`);
  console.log(`| sample applied: measured | ${duration(applyMs)} (${done.created} created, ${done.failed} failed) |`);
  console.log(`| 429s from the strict simulator | ${tooMany} |`);
  console.log(`\n(The dry run on its own found ${built.counts.create} to add, ${built.counts.update} to change, the same as through the core.)`);
} finally {
  await core.dispose();
  await sim.close();
}
