// bench/history: the fleet history at the size of a large fleet (npm run bench:history).
//   1. writes N simulated days for R rooms (default 10,000 rooms × 30 days ≈ 50 changes a room a day ≈
//      15 M changes) through the history's own writer, in big transactions — the rooms are the simulator's;
//   2. the write cost of a live burst (500 changes/s) as CPU % of one core, in a child process that opens
//      the file as the app does (client + worker), beside the same window with no changes;
//   3. the size of the file per million changes;
//   4. query times through the client (as the app asks them): a room's 30-day timeline, a site's 7-day
//      availability, the fleet's 30-day report, event-log pages with a text filter, the CSV export rate
//      of about a million rows with the process's memory sampled throughout.
// Flags: --rooms N (10000) --days N (30; 90 for the long run) --runs N (3: the query suite repeated, medians
//        reported) --burst-seconds N (20) --dir PATH (keep the file there; default a temporary folder)
//        --reuse (use the file already in --dir instead of writing it again)
import { fork } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { HISTORY_FILE } from '../../main/history/database.ts';
import { demoHistory, demoTiming, type DemoRoom, type DemoTiming } from '../../main/history/demo-history.ts';
import { History } from '../../main/history/history.ts';
import { HistoryStore } from '../../main/history/store.ts';
import type { LogCursor } from '../../main/history/types.ts';
import { systemClock } from '../../main/ports.ts';
import { startSim } from '../../sim/index.ts';
import { fmt, median, percentile, table } from '../poller/stats.ts';

const { values } = parseArgs({
  options: {
    rooms: { type: 'string', default: '10000' },
    days: { type: 'string', default: '30' },
    runs: { type: 'string', default: '3' },
    'burst-seconds': { type: 'string', default: '20' },
    dir: { type: 'string' },
    reuse: { type: 'boolean', default: false },
  },
});
const roomCount = Number(values.rooms);
const days = Number(values.days);
const runs = Math.max(1, Number(values.runs));
const burstSeconds = Number(values['burst-seconds']);
const DAY = 86_400_000;
const MIN = 60_000;
const dir = values.dir ?? mkdtempSync(join(tmpdir(), 'relay-history-bench-'));
const keep = values.dir !== undefined;
const retentionDays = days + 2;
const path = join(dir, HISTORY_FILE);

/** About 50 changes a room a day (weekdays busier than nights and weekends), like bench targets ask. */
const benchTiming: DemoTiming = { ...demoTiming, idleOfficeMs: [22 * MIN, 75 * MIN], idleQuietMs: [60 * MIN, 200 * MIN], callMs: [10 * MIN, 60 * MIN], muteFlipMs: [5 * MIN, 25 * MIN] };

const machine = `${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, ${fmt(totalmem() / 1024 ** 3, 1)} GiB RAM, Node ${process.version}, load ${loadavg()
  .map((l) => l.toFixed(2))
  .join(' ')} at start — shared with other work, so figures are medians of ${runs} runs`;
console.log(`bench/history: ${fmt(roomCount)} rooms × ${days} days, file ${path}\n${machine}`);

// ---- 1. write the history ----

const sim = await startSim({ rooms: roomCount, seed: 1, rateLimit: 'off' });
const rooms: DemoRoom[] = sim.control.rooms.list().map((r) => ({ room: { enterpriseId: sim.credentials.enterprise.relayId, endpointId: r.id }, name: r.name, site: r.site }));
const meetings = sim.credentials.meetings.map((m) => ({ id: m.numericId, title: m.title }));
await sim.close();
const end = Date.now();
let written = 0;
let writeSeconds = 0;
if (!(values.reuse && existsSync(path))) {
  rmSync(dir, { recursive: true, force: true });
  const opened = HistoryStore.open({ dir, now: end, retentionDays, maxBytes: 1024 ** 4 });
  if (!opened.store) throw new Error(opened.notices.map((n) => n.message).join(' '));
  const store = opened.store;
  // Building the file only: a big page cache and fewer checkpoints (the app keeps SQLite's defaults).
  store.database.exec('PRAGMA cache_size = -1048576; PRAGMA wal_autocheckpoint = 25000');
  const started = performance.now();
  let day = 0;
  for (const batch of demoHistory({ rooms, seed: 1, end, days, meetings, timing: benchTiming })) {
    const outcome = store.write(batch, 'live');
    if (!outcome.ok) throw new Error(`write failed: ${outcome.message}`);
    written += outcome.rows;
    const d = Math.floor((batch.now - (end - days * DAY)) / DAY);
    if (d > day) {
      day = d;
      const s = (performance.now() - started) / 1000;
      process.stdout.write(`\r  day ${day}/${days}: ${fmt(written)} changes in ${fmt(s)} s (${fmt(written / s)}/s)   `);
    }
  }
  writeSeconds = (performance.now() - started) / 1000;
  store.close(end);
  console.log(`\n  wrote ${fmt(written)} changes in ${fmt(writeSeconds, 1)} s: ${fmt(written / writeSeconds)} changes/s`);
} else console.log('  reusing the file already written');

const probe = HistoryStore.open({ dir, now: end, retentionDays, maxBytes: 1024 ** 4 }).store as HistoryStore;
const stateRows = (probe.database.prepare('SELECT count(*) AS n FROM event WHERE kind = 0').get() as { n: number }).n;
const allRows = (probe.database.prepare('SELECT count(*) AS n FROM event').get() as { n: number }).n;
probe.close();
const bytes = statSync(path).size + (existsSync(`${path}-wal`) ? statSync(`${path}-wal`).size : 0);

// ---- 2. write cost of a live burst ----

interface Window {
  cpuMs: number;
  wallMs: number;
}
const bursts: { burst: Window; idle: Window }[] = [];
for (let i = 0; i < runs; i++) {
  const child = fork(fileURLToPath(new URL('./burst-child.ts', import.meta.url)), [dir, String(burstSeconds), '500'], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  await new Promise<void>((resolve, reject) => child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`burst child exited ${code}`)))));
  bursts.push(JSON.parse(out.trim().split('\n').pop() as string) as { burst: Window; idle: Window });
}
const pct = (w: Window) => (w.cpuMs / w.wallMs) * 100;

// ---- 3 and 4. queries through the client ----

const history = await History.open({ dir, clock: systemClock, retentionDays, maxBytes: 1024 ** 4, requestTimeoutMs: 120_000, exportTimeoutMs: 3_600_000 });
const now = Date.now();
const random = (() => {
  let a = 42;
  return () => ((a = (Math.imul(a, 1_103_515_245) + 12_345) >>> 0) / 4294967296);
})();
const anyRoom = () => rooms[Math.floor(random() * rooms.length)] as DemoRoom;
const sites = [...new Set(rooms.map((r) => r.site))];

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

async function sample(n: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(await timed(() => fn(i)));
  return out;
}

const texts = [
  { label: 'a room’s name', text: () => anyRoom().name },
  { label: 'a meeting’s title', text: () => (meetings[Math.floor(random() * meetings.length)] as { title: string }).title },
  { label: 'a state word ("went offline")', text: () => 'went offline' },
  { label: 'a site ("AUS-")', text: () => 'AUS-' },
  { label: 'no match', text: () => 'no room is called this' },
];

type Suite = Record<string, number[]>;
const suites: Suite[] = [];
for (let run = 0; run < runs; run++) {
  const s: Suite = {};
  s['room: 30-day timeline'] = await sample(30, () => history.timelines([anyRoom().room], { from: now - 30 * DAY, to: now }));
  s['site: 7-day report (every room of the site)'] = await sample(16, (i) => history.report({ kind: 'site', site: sites[i % sites.length] as string }, { from: now - 7 * DAY, to: now }));
  s['site: 7-day availability, hourly'] = await sample(16, (i) => history.availabilityOverTime({ kind: 'site', site: sites[i % sites.length] as string }, { from: now - 7 * DAY, to: now }, 3_600_000));
  s['fleet: 30-day report (10,000 rooms)'] = await sample(8, () => history.report({ kind: 'fleet' }, { from: now - 30 * DAY, to: now }));
  s['fleet: 30-day availability, daily per site'] = await sample(8, () => history.availabilityOverTime({ kind: 'fleet' }, { from: now - 30 * DAY, to: now }, DAY));
  s['fleet: 30-day hour-of-week map'] = await sample(8, () => history.utilisationByHourOfWeek({ kind: 'fleet' }, { from: now - 30 * DAY, to: now }));
  for (const t of texts) {
    s[`log page of 200, text: ${t.label}`] = await sample(10, () => history.log({ text: t.text(), limit: 200 }));
  }
  const middle: LogCursor = { at: now - Math.floor(days / 2) * DAY, id: Number.MAX_SAFE_INTEGER };
  s['log page of 200, text, from mid-history'] = await sample(10, (i) => history.log({ text: (texts[i % 3] as (typeof texts)[number]).text(), limit: 200, after: middle }));
  s['log page of 200, no filter'] = await sample(10, () => history.log({ limit: 200 }));
  suites.push(s);
}

// CSV export of about a million rows, memory sampled every 100 ms.
const exportDays = Math.max(1, Math.round(1_000_000 / Math.max(1, stateRows / days)));
const exportPath = join(dir, 'export.csv');
const rss: number[] = [];
const sampler = setInterval(() => rss.push(process.memoryUsage().rss), 100);
const exportStart = performance.now();
const exported = await history.exportLog(exportPath, { from: now - exportDays * DAY, to: now });
const exportSeconds = (performance.now() - exportStart) / 1000;
clearInterval(sampler);
const exportBytes = statSync(exportPath).size;
rmSync(exportPath, { force: true });
await history.close();

// ---- report ----

const rows: string[][] = [];
const targets: Record<string, string> = {
  'room: 30-day timeline': '< 20 ms',
  'site: 7-day report (every room of the site)': '< 100 ms',
  'site: 7-day availability, hourly': '< 100 ms',
  'fleet: 30-day report (10,000 rooms)': '< 1,000 ms',
};
for (const name of Object.keys(suites[0] ?? {})) {
  const p50s = suites.map((s) => percentile(Float64Array.from(s[name] ?? []).sort(), 50));
  const p95s = suites.map((s) => percentile(Float64Array.from(s[name] ?? []).sort(), 95));
  const target = targets[name] ?? (name.startsWith('log page of 200, text') ? '< 100 ms' : '');
  rows.push([name, fmt(median(p50s), 1), fmt(median(p95s), 1), target]);
}
console.log(table(`Queries through the client (ms; median over ${runs} runs of each run's p50 / p95)`, ['query', 'p50', 'p95', 'target'], rows));
console.log(
  table(
    'Writing',
    ['figure', 'value', 'target'],
    [
      ['changes written (state rows)', fmt(stateRows), '15 M for 10,000 × 30 d'],
      ['all rows (with actions, marks of not running, …)', fmt(allRows), ''],
      ['generation rate', written > 0 ? `${fmt(written / writeSeconds)} changes/s (${fmt(writeSeconds)} s)` : 'reused', ''],
      ['file size', `${fmt(bytes / 1024 ** 2)} MiB`, ''],
      ['size per million changes', `${fmt(bytes / 1024 ** 2 / (stateRows / 1e6), 1)} MiB`, ''],
      ['live burst 500 changes/s: CPU of one core', `${fmt(median(bursts.map((b) => pct(b.burst))), 2)} %`, '< 3 %'],
      ['same window, no changes', `${fmt(median(bursts.map((b) => pct(b.idle))), 2)} %`, ''],
      ['CSV export', `${fmt(exported.rows)} rows in ${fmt(exportSeconds, 1)} s: ${fmt(exported.rows / exportSeconds)} rows/s, ${fmt(exportBytes / 1024 ** 2)} MiB`, ''],
      ['RSS during the export (start / max / end)', `${fmt((rss[0] ?? 0) / 1024 ** 2)} / ${fmt(Math.max(...rss) / 1024 ** 2)} / ${fmt((rss[rss.length - 1] ?? 0) / 1024 ** 2)} MiB`, 'flat'],
    ],
  ),
);
console.log(`\nBurst CPU per run: ${bursts.map((b) => `${pct(b.burst).toFixed(2)} %`).join(', ')} (idle ${bursts.map((b) => `${pct(b.idle).toFixed(2)} %`).join(', ')})`);
console.log(machine);
if (!keep) rmSync(dir, { recursive: true, force: true });
