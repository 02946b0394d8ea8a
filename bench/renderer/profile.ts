// bench/renderer/profile.ts: where the page's main thread spends its time while the board takes diffs
// (and scrolls), from a Chrome trace of one run. Prints the top-level main-thread tasks by kind (script,
// style, layout, paint…), the JavaScript functions with the most self time, and writes the raw trace.
//
//   npm run build:renderer && node bench/renderer/profile.ts --density rows --seconds 6 [--still] [--out /tmp/trace.json]
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { benchChromiumArgs } from './chromium.ts';
import { floorHtml } from './floor.ts';
import { openWithFakeRelay, rendererDir } from '../../test/e2e/renderer-only.ts';

const { values: args } = parseArgs({
  options: {
    rooms: { type: 'string', default: '10000' },
    rate: { type: 'string', default: '500' },
    density: { type: 'string', default: 'rows' },
    seconds: { type: 'string', default: '6' },
    speed: { type: 'string', default: '2400' },
    still: { type: 'boolean', default: false },
    out: { type: 'string' },
    // Another renderer build, e.g. an unminified one for readable function names:
    //   npx vite build --config vite.renderer.config.ts --minify false --outDir /tmp/preview-dev
    dir: { type: 'string' },
    // The static 40-row page of run.ts instead of the app: what the browser alone does per frame.
    floor: { type: 'boolean', default: false },
  },
});
const density = args.density === 'tiles' ? 'tiles' : 'rows';
const seconds = Number(args.seconds);
const speed = args.still ? 0 : Number(args.speed);

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { data?: Record<string, unknown>; name?: string };
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: benchChromiumArgs, headless: true });
const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
const page = await context.newPage();
if (args.floor) {
  await page.setContent(floorHtml('data-testid="room-board"'));
} else {
  await page.addInitScript((d) => localStorage.setItem('relay-console.rooms.view', JSON.stringify({ group: 'site', density: d })), density);
  await page.goto(await openWithFakeRelay(page, { rooms: Number(args.rooms), changesPerSecond: Number(args.rate), batchesPerSecond: 4, seed: 11, serialize: true }, args.dir ?? rendererDir));
  await page.waitForSelector('[data-room-key]');
  await page.waitForTimeout(1500);
}

const cdp = await context.newCDPSession(page);
const events: TraceEvent[] = [];
cdp.on('Tracing.dataCollected', (e) => void events.push(...(e.value as unknown as TraceEvent[])));
const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
await cdp.send('Tracing.start', {
  transferMode: 'ReportEvents',
  traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'disabled-by-default-v8.cpu_profiler', 'blink', 'cc'] },
});
const intervals = await page.evaluate(
  async ({ seconds, speed }) => {
    const board = document.querySelector<HTMLElement>('[data-testid="room-board"]')!;
    const max = board.scrollHeight - board.clientHeight;
    const out: number[] = [];
    let direction = 1;
    let position = board.scrollTop;
    let last = performance.now();
    const end = last + seconds * 1000;
    await new Promise<void>((resolve) => {
      const frame = (): void => {
        const now = performance.now();
        out.push(now - last);
        position += direction * speed * (Math.min(now - last, 50) / 1000);
        last = now;
        if (position >= max) [position, direction] = [max, -1];
        if (position <= 0) [position, direction] = [0, 1];
        if (speed > 0) board.scrollTop = position;
        if (now < end) requestAnimationFrame(frame);
        else resolve();
      };
      requestAnimationFrame(frame);
    });
    return out;
  },
  { seconds, speed },
);
await cdp.send('Tracing.end');
await done;
await browser.close();
if (args.out) writeFileSync(args.out, JSON.stringify({ traceEvents: events }));

// The renderer's main thread: the thread with the most RunTask time in the page's process.
const threadNames = new Map<string, string>();
for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threadNames.set(`${e.pid}:${e.tid}`, String(e.args?.name));
const main = [...threadNames].find(([, n]) => n === 'CrRendererMain')?.[0];
const onMain = events.filter((e) => `${e.pid}:${e.tid}` === main && e.ph === 'X' && typeof e.dur === 'number');
const wall = (Math.max(...onMain.map((e) => e.ts + e.dur!)) - Math.min(...onMain.map((e) => e.ts))) / 1000;

// Inclusive time per event name, counting only the outermost occurrence of each name (no double count
// for nested events of the same name).
const kinds = ['RunTask', 'FunctionCall', 'EvaluateScript', 'v8.run', 'TimerFire', 'FireAnimationFrame', 'EventDispatch', 'RunMicrotasks', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'UpdateLayer', 'CompositeLayers', 'HitTest', 'MajorGC', 'MinorGC', 'V8.GC_SCAVENGER', 'V8.GCScavenger', 'ScheduleStyleRecalculation', 'ParseHTML', 'Commit'];
const totals = new Map<string, { ms: number; n: number }>();
const byName = new Map<string, TraceEvent[]>();
for (const e of onMain) if (kinds.includes(e.name)) (byName.get(e.name) ?? byName.set(e.name, []).get(e.name)!).push(e);
for (const [name, list] of byName) {
  list.sort((a, b) => a.ts - b.ts);
  let end = -1;
  let ms = 0;
  for (const e of list) {
    if (e.ts >= end) {
      ms += e.dur! / 1000;
      end = e.ts + e.dur!;
    }
  }
  totals.set(name, { ms, n: list.length });
}
const sorted = [...intervals].sort((a, b) => a - b);
const pct = (p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
console.log(`${density}, ${speed ? `scrolling ${speed} px/s` : 'still'}: ${intervals.length} frames, p50 ${pct(50).toFixed(1)} ms, p95 ${pct(95).toFixed(1)} ms; main thread traced ${wall.toFixed(0)} ms`);
console.log('\nmain thread, by event (outermost, ms total, per second, count):');
for (const [name, t] of [...totals].sort((a, b) => b[1].ms - a[1].ms)) {
  console.log(`  ${name.padEnd(22)} ${t.ms.toFixed(0).padStart(7)} ms  ${((t.ms / wall) * 1000).toFixed(0).padStart(5)} ms/s  ${String(t.n).padStart(6)}`);
}

// JavaScript self time from the sampling profiler in the trace (ProfileChunk events).
interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  parent?: number;
}
const nodes = new Map<number, Node>();
const self = new Map<number, number>();
for (const e of events) {
  if (e.name !== 'ProfileChunk') continue;
  const data = e.args?.data as { cpuProfile?: { nodes?: Node[]; samples?: number[] }; timeDeltas?: number[] } | undefined;
  for (const n of data?.cpuProfile?.nodes ?? []) nodes.set(n.id, n);
  const samples = data?.cpuProfile?.samples ?? [];
  const deltas = data?.timeDeltas ?? [];
  samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (deltas[i] ?? 0) / 1000));
}
const nameOf = (id: number): string | null => {
  const f = nodes.get(id)?.callFrame;
  if (!f) return null;
  return `${f.functionName || '(anonymous)'} ${f.url ? `${f.url.split('/').pop()}:${f.lineNumber + 1}:${f.columnNumber + 1}` : ''}`;
};
const selfByFunction = new Map<string, number>();
const totalByFunction = new Map<string, number>();
for (const [id, ms] of self) {
  const name = nameOf(id);
  if (!name) continue;
  selfByFunction.set(name, (selfByFunction.get(name) ?? 0) + ms);
  // Inclusive: once for each distinct function on the sample's stack.
  const onStack = new Set<string>();
  for (let n: number | undefined = id; n !== undefined; n = nodes.get(n)?.parent) {
    const fn = nameOf(n);
    if (fn) onStack.add(fn);
  }
  for (const fn of onStack) totalByFunction.set(fn, (totalByFunction.get(fn) ?? 0) + ms);
}
const top = (m: Map<string, number>, n: number): void => {
  for (const [name, ms] of [...m].filter(([k]) => !/^\((program|idle|root)\)/.test(k)).sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(`  ${ms.toFixed(0).padStart(6)} ms  ${name}`);
};
console.log('\nJavaScript self time (sampled, top 25):');
top(selfByFunction, 25);
console.log('\nJavaScript total time, callees included (sampled, top 40):');
top(totalByFunction, 40);
