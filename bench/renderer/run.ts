// bench/renderer: the dashboard in Chromium with N rooms, a share of them changing every second, fed by a
// synthetic window.relay (test/e2e/fake-relay.ts) so the renderer alone is measured. The board scrolls
// continuously during the measurement. Prints first paint, frame intervals, diff handling and JS heap per
// run, and the medians.
//
//   npm run bench:renderer -- --rooms 10000 --rate 500 --seconds 15 --runs 3 --density rows
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { chromium, type Page } from 'playwright-core';
import { chromiumArgs } from '../../playwright.config.ts';
import { openWithFakeRelay, rendererDir } from '../../test/e2e/renderer-only.ts';

const { values: args } = parseArgs({
  options: {
    rooms: { type: 'string', default: '10000' },
    rate: { type: 'string', default: '500' }, // room changes per second
    batches: { type: 'string', default: '4' }, // diffs per second
    seconds: { type: 'string', default: '15' },
    runs: { type: 'string', default: '3' },
    density: { type: 'string', default: 'rows,tiles' },
    speed: { type: 'string', default: '2400' }, // scroll, px per second
    json: { type: 'boolean', default: false },
  },
});

const rooms = Number(args.rooms);
const rate = Number(args.rate);
const batches = Number(args.batches);
const seconds = Number(args.seconds);
const runs = Number(args.runs);
const speed = Number(args.speed);
const densities = args.density.split(',').filter((d): d is 'rows' | 'tiles' => d === 'rows' || d === 'tiles');

if (!existsSync(`${rendererDir}/index.html`)) {
  console.error(`No renderer build in ${rendererDir}: run "npm run build:renderer" first (npm run bench:renderer does).`);
  process.exit(1);
}

interface RunResult {
  firstContentfulPaint: number;
  boardPaint: number;
  frameP50: number;
  frameP95: number;
  frameP99: number;
  dropped: number;
  frames: number;
  diffP50: number;
  diffP95: number;
  diffs: number;
  longTasks: number;
  longestTask: number;
  heapMB: number;
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
const median = (values: number[]): number => percentile(values, 50);

async function measure(page: Page, density: 'rows' | 'tiles', scroll: boolean): Promise<RunResult> {
  // The board's view choices, as a user would have left them: grouped by site, this density.
  await page.addInitScript((d) => {
    localStorage.setItem('relay-console.rooms.view', JSON.stringify({ group: 'site', density: d }));
    // When the first room is on screen and painted.
    const seen = (): void => {
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => ((window as unknown as { __boardPaint: number }).__boardPaint = performance.now());
        channel.port2.postMessage(0);
      });
    };
    const observer = new MutationObserver(() => {
      if (document.querySelector('[data-room-key]')) {
        observer.disconnect();
        seen();
      }
    });
    document.addEventListener('DOMContentLoaded', () => observer.observe(document.body, { childList: true, subtree: true }));
  }, density);
  const url = await openWithFakeRelay(page, { rooms, changesPerSecond: rate, batchesPerSecond: batches, seed: 11, serialize: true });
  await page.goto(url);
  await page.waitForFunction(() => typeof (window as unknown as { __boardPaint?: number }).__boardPaint === 'number', null, { timeout: 30_000 });
  const paint = await page.evaluate(() => ({
    board: (window as unknown as { __boardPaint: number }).__boardPaint,
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
  }));
  await page.waitForTimeout(1500); // warm-up: the first diffs, fonts, JIT
  await page.evaluate(() => (window.__fakeRelay!.diffMs.length = 0));

  const frames = await page.evaluate(
    async ({ seconds, speed }) => {
      // speed 0: the board stays put (a wall display) and only the diffs change it.
      const board = document.querySelector<HTMLElement>('[data-testid="room-board"]');
      if (!board) throw new Error('no board on the page');
      board.focus();
      const intervals: number[] = [];
      const longTasks: number[] = [];
      const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => longTasks.push(e.duration)));
      observer.observe({ type: 'longtask', buffered: false });
      let direction = 1;
      // Read once: reading it every frame would force a layout the page itself does not need.
      const max = board.scrollHeight - board.clientHeight;
      let last = performance.now();
      const end = last + seconds * 1000;
      await new Promise<void>((resolve) => {
        const frame = (): void => {
          const now = performance.now();
          const dt = now - last;
          intervals.push(dt);
          last = now;
                    let next = board.scrollTop + direction * speed * (Math.min(dt, 50) / 1000);
          if (next >= max) {
            next = max;
            direction = -1;
          }
          if (next <= 0) {
            next = 0;
            direction = 1;
          }
          board.scrollTop = next;
          if (now < end) requestAnimationFrame(frame);
          else resolve();
        };
        requestAnimationFrame(() => {
          last = performance.now();
          requestAnimationFrame(frame);
        });
      });
      observer.disconnect();
      return { intervals, longTasks, diffMs: [...window.__fakeRelay!.diffMs] };
    },
    { seconds, speed: scroll ? speed : 0 },
  );

  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();

  const frameMedian = median(frames.intervals);
  return {
    firstContentfulPaint: paint.fcp,
    boardPaint: paint.board,
    frameP50: frameMedian,
    frameP95: percentile(frames.intervals, 95),
    frameP99: percentile(frames.intervals, 99),
    dropped: frames.intervals.filter((d) => d > frameMedian * 1.5).length,
    frames: frames.intervals.length,
    diffP50: median(frames.diffMs),
    diffP95: percentile(frames.diffMs, 95),
    diffs: frames.diffMs.length,
    longTasks: frames.longTasks.length,
    longestTask: frames.longTasks.length ? Math.max(...frames.longTasks) : 0,
    heapMB: heap.usedSize / 1024 / 1024,
  };
}

/**
 * The floor of this machine: the same viewport scrolled at the same speed over 40 static rows of the same
 * shape, with no app, no React and no diffs. What the browser itself costs here (CPU share, software
 * raster) — the renderer cannot do better than this.
 */
async function floor(page: Page): Promise<number[]> {
  await page.setContent(
    `<div id="b" style="height:900px;overflow:auto;contain:strict;position:relative;font:14px system-ui"><div style="height:440000px;position:relative">` +
      Array.from(
        { length: 40 },
        (_, i) =>
          `<div style="position:absolute;top:0;transform:translateY(${i * 40}px);height:40px;width:100%;display:grid;grid-template-columns:repeat(8,1fr);align-items:center;border-bottom:1px solid #ddd">` +
          Array.from({ length: 8 }, (_, j) => `<span>Room ${i} cell ${j}</span>`).join('') +
          '</div>',
      ).join('') +
      '</div></div>',
  );
  return page.evaluate(
    async ({ seconds, speed }) => {
      const board = document.getElementById('b')!;
      const max = board.scrollHeight - board.clientHeight;
      const intervals: number[] = [];
      let direction = 1;
      let last = performance.now();
      const end = last + seconds * 1000;
      await new Promise<void>((resolve) => {
        const frame = (): void => {
          const now = performance.now();
          const dt = now - last;
          intervals.push(dt);
          last = now;
          let next = board.scrollTop + direction * speed * (Math.min(dt, 50) / 1000);
          if (next >= max) {
            next = max;
            direction = -1;
          }
          if (next <= 0) {
            next = 0;
            direction = 1;
          }
          board.scrollTop = next;
          if (now < end) requestAnimationFrame(frame);
          else resolve();
        };
        requestAnimationFrame(() => {
          last = performance.now();
          requestAnimationFrame(frame);
        });
      });
      return intervals;
    },
    { seconds, speed },
  );
}

const f = (n: number, digits = 1): string => (Number.isFinite(n) ? n.toFixed(digits) : '—');
const ms = (n: number, width: number, digits = 1): string => `${f(n, digits).padStart(width)} ms`;

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs, headless: true });
const load = (await import('node:os')).loadavg()[0]!;
const cpus = (await import('node:os')).availableParallelism();
console.log(
  `bench/renderer: ${rooms.toLocaleString()} rooms, ${rate} changes/s in ${batches} diffs/s (${((rate / rooms) * 100).toFixed(1)}% of rooms per second), ` +
    `${seconds} s per run, ${runs} runs, viewport 1600x1000, Chromium ${browser.version()} headless (software raster), ${cpus} CPUs, load ${load.toFixed(1)} at start`,
);
console.log('frame = interval between animation frames (60 Hz: 16.7 ms when none is dropped); diff = one diff applied and rendered by React');

const header = 'scenario                     first paint  board paint  frame p50  frame p95  frame p99    dropped   diff p50  diff p95  long tasks  JS heap';
const line = (name: string, r: RunResult): string =>
  `${name.padEnd(28)}${ms(r.firstContentfulPaint, 9, 0)}${ms(r.boardPaint, 10, 0)}${ms(r.frameP50, 8)}${ms(r.frameP95, 8)}${ms(r.frameP99, 8)}` +
  `${`${r.dropped}/${r.frames}`.padStart(11)}${ms(r.diffP50, 8)}${ms(r.diffP95, 7)}${`${r.longTasks} (${f(r.longestTask, 0)})`.padStart(12)}${f(r.heapMB).padStart(6)} MB`;

const medianOf = (results: RunResult[]): RunResult => {
  const m = (pick: (r: RunResult) => number): number => median(results.map(pick));
  return {
    firstContentfulPaint: m((r) => r.firstContentfulPaint),
    boardPaint: m((r) => r.boardPaint),
    frameP50: m((r) => r.frameP50),
    frameP95: m((r) => r.frameP95),
    frameP99: m((r) => r.frameP99),
    dropped: m((r) => r.dropped),
    frames: m((r) => r.frames),
    diffP50: m((r) => r.diffP50),
    diffP95: m((r) => r.diffP95),
    diffs: m((r) => r.diffs),
    longTasks: m((r) => r.longTasks),
    longestTask: m((r) => r.longestTask),
    heapMB: m((r) => r.heapMB),
  };
};

const summary: Record<string, RunResult> = {};
const floors: number[][] = [];
for (const density of densities) {
  for (const scroll of [true, false]) {
    const name = `${density}, ${scroll ? `scrolling ${speed} px/s` : 'still (wall display)'}`;
    const results: RunResult[] = [];
    console.log(`\n${header}`);
    for (let run = 1; run <= runs; run++) {
      const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
      const page = await context.newPage();
      results.push(await measure(page, density, scroll));
      if (scroll && density === densities[0]) floors.push(await floor(page));
      await context.close();
      console.log(line(`${name} #${run}`, results.at(-1)!));
    }
    const med = medianOf(results);
    summary[name] = med;
    console.log(line(`${name} median`, med));
  }
}
const floorP50 = median(floors.map((i) => median(i)));
const floorP95 = median(floors.map((i) => percentile(i, 95)));
console.log(`\nfloor (40 static rows, no app, same scroll): frame p50 ${f(floorP50)} ms, p95 ${f(floorP95)} ms (median of ${floors.length} runs)`);
for (const [name, r] of Object.entries(summary)) {
  console.log(
    `targets ${name}: frame p95 < 16.7 ms ${r.frameP95 < 16.7 ? 'met' : 'MISSED'} (${f(r.frameP95)} ms; this machine's floor ${f(floorP95)} ms; ` +
      `${f((r.dropped / r.frames) * 100)}% of frames dropped); ` +
      `first paint of the board < 1.5 s ${r.boardPaint < 1500 ? 'met' : 'MISSED'} (${f(r.boardPaint, 0)} ms)`,
  );
}
await browser.close();
if (args.json) console.log(JSON.stringify({ summary, floor: { p50: floorP50, p95: floorP95 } }));
