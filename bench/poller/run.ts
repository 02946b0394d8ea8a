// bench/poller: the poller against the simulator in another process (npm run bench:poller).
//   budget mode    — 10,000 rooms under Relay's limit (2 a second, counted strictly by the simulator: a
//                    third request within any rolling 1,000 ms gets 429): 2 dialing + 4 active, then 200
//                    active + 3 pinned. It reports the 429s received and the budget used as a share of what
//                    the strict rule allows (the client keeps 550 ms between requests: at most ~90 %).
//   unlimited mode — 1,000 / 5,000 / 10,000 rooms polled per room at the seeds' rates, beside a naive
//                    baseline (a setInterval and a plain fetch per room) in the same run.
// Flags: --seconds N (measured window per run, default 60), --warmup N (settling time before the window:
//        unlimited mode N s, budget mode min(N, 15) s after every room's first confirmation; default 20),
//        --only budget|unlimited, --sizes 1000,5000,10000
// Each measured "main process" runs in its own child (clean CPU and RSS); the simulator in another.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { RELAY_LIMIT_PER_SEC } from '../../contract/index.ts';
import type { RateLimitMode } from '../../sim/index.ts';
import type { ClientConfig, ClientResult } from './client-child.ts';
import { fmt, table } from './stats.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    warmup: { type: 'string', default: '20' },
    only: { type: 'string' },
    sizes: { type: 'string', default: '1000,5000,10000' },
  },
});
const seconds = Number(values.seconds);
const warmup = Number(values.warmup);
/** Budget mode: after the list and the first bulk call are in, let the schedule settle this long. */
const budgetWarmup = Math.min(15, warmup);
const sizes = (values.sizes ?? '').split(',').map(Number).filter((n) => n > 0);
if (!(seconds > 0) || !(warmup >= 0)) throw new Error('--seconds and --warmup take numbers');

const here = (f: string) => fileURLToPath(new URL(f, import.meta.url));

interface SimChild {
  url: string;
  relayAccount: { username: string; password: string };
  call<T>(cmd: Record<string, unknown>): Promise<T>;
  close(): Promise<void>;
}

async function startSimChild(rooms: number, rateLimit: RateLimitMode): Promise<SimChild> {
  const child = fork(here('./sim-child.ts'), [String(rooms), rateLimit, '1'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let seq = 0;
  const waiting = new Map<number, (m: { ok: boolean; value?: unknown; error?: string }) => void>();
  const ready = new Promise<{ url: string; relayAccount: SimChild['relayAccount'] }>((resolve, reject) => {
    child.once('error', reject);
    child.on('message', (raw) => {
      const m = raw as { ready?: boolean; id?: number; url: string; relayAccount: SimChild['relayAccount']; ok: boolean; value?: unknown; error?: string };
      if (m.ready) resolve(m);
      else if (m.id !== undefined) waiting.get(m.id)?.(m);
    });
  });
  const { url, relayAccount } = await ready;
  const call = <T>(cmd: Record<string, unknown>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = ++seq;
      waiting.set(id, (m) => (m.ok ? resolve(m.value as T) : reject(new Error(m.error))));
      child.send({ ...cmd, id });
    });
  return {
    url,
    relayAccount,
    call,
    async close() {
      await Promise.race([call({ cmd: 'close' }).catch(() => undefined), new Promise((r) => setTimeout(r, 3_000))]);
      child.kill();
    },
  };
}

function runClient(config: ClientConfig): Promise<ClientResult> {
  return new Promise((resolve, reject) => {
    // BENCH_PROF=dir writes a CPU profile of each measured client (node --cpu-prof).
    const prof = process.env['BENCH_PROF'];
    const execArgv = prof ? [...process.execArgv, '--cpu-prof', `--cpu-prof-dir=${prof}`] : process.execArgv;
    const child: ChildProcess = fork(here('./client-child.ts'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv });
    child.on('message', (raw) => {
      const m = raw as { ready?: boolean; result?: ClientResult; error?: string };
      if (m.ready) child.send(config);
      else if (m.result) resolve(m.result);
      else if (m.error) reject(new Error(m.error));
    });
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`client exited with ${code}`));
    });
  });
}

const ms = (v: number) => `${fmt(v)} ms`;
/** What the simulator saw in the window: requests, by status, and the closest three (ms from first to third). */
interface ServerLog {
  total: number;
  byStatus: Record<string, number>;
  tightest: number | null;
}
const tightest = (log: ServerLog) => (log.tightest === null ? '—' : `${fmt(log.tightest)} ms`);
/** Requests the server saw, as a share of what the strict rule lets through (2 in every second). */
const used = (total: number, windowS: number) => `${fmt((total / (RELAY_LIMIT_PER_SEC * windowS)) * 100, 1)} %`;
const sec = (v: number) => `${fmt(v / 1000, 1)} s`;

/** One budget-mode run: 10,000 rooms held idle but for the chosen ones, the poller under Relay's limit, the server's log of the window. */
async function budgetScenario(
  title: string,
  choose: (ids: string[]) => { dialing: string[]; active: string[]; pinned: string[] },
): Promise<{ r: ClientResult; log: ServerLog }> {
  const sim = await startSimChild(10_000, 'strict');
  const ids = (await sim.call<{ id: string }[]>({ cmd: 'rooms' })).map((room) => room.id);
  const { dialing, active, pinned } = choose(ids);
  await sim.call({ cmd: 'hold', state: 'inactive' });
  if (dialing.length > 0) await sim.call({ cmd: 'hold', state: 'dialing', ids: dialing });
  if (active.length > 0) await sim.call({ cmd: 'hold', state: 'active', ids: active });
  console.log(`budget ${title}, ${seconds} s …`);
  const r = await runClient({ variant: 'poller', url: sim.url, relayAccount: sim.relayAccount, budget: RELAY_LIMIT_PER_SEC, warmupMs: budgetWarmup * 1000, measureMs: seconds * 1000, dialing, active, pinned });
  const log = await sim.call<ServerLog>({ cmd: 'logStats', since: r.windowStart });
  await sim.close();
  return { r, log };
}

async function budgetMode(): Promise<void> {
  const out: string[] = [];
  // Scenario A: 10,000 rooms, 2 dialing, 4 active.
  {
    const { r, log } = await budgetScenario("A: 10,000 rooms under Relay's limit, 2 dialing + 4 active", (ids) => ({ dialing: ids.slice(0, 2), active: ids.slice(2, 6), pinned: [] }));
    const a = r.ages!;
    const windowS = (r.windowEnd - r.windowStart) / 1000;
    out.push(
      table(
        `Budget mode A — 10,000 rooms, Relay's limit (2 a second, strict), 2 dialing + 4 active (${fmt(windowS)} s window)`,
        ['measure', 'p50', 'p99', 'max', 'target'],
        [
          ['call-state age, every room', sec(a.state.p50), sec(a.state.p99), sec(a.state.max), 'max < 10 s'],
          ['detail age, dialing rooms', sec(a.dialing.p50), sec(a.dialing.p99), sec(a.dialing.max), 'p99 < 3 s'],
          ['detail age, active rooms', sec(a.active.p50), sec(a.active.p99), sec(a.active.max), 'p99 < 6 s'],
        ],
      ),
      table('', ['measure', 'value', 'target'], [
        ['429 responses received (strict simulator)', fmt(log.byStatus['429'] ?? 0), '0'],
        ['requests sent (server log)', fmt(log.total), ''],
        ['closest 3 requests, as the server saw them', tightest(log), '≥ 1,000 ms (sent ≥ 1,100)'],
        ['budget used, of what the strict rule allows', used(log.total, windowS), '≥ 85 %'],
        ['main CPU (% of one core)', `${fmt(r.cpuPct, 1)} %`, ''],
        ['RSS max', `${fmt(r.rssMaxMb)} MB`, ''],
        ['IPC messages / s', fmt(r.ipcMessages / windowS, 2), '≤ 4'],
      ]),
    );
  }
  // Scenario B: 10,000 rooms, 200 active, 3 pinned (idle).
  {
    const { r, log } = await budgetScenario("B: 10,000 rooms under Relay's limit, 200 active + 3 pinned", (ids) => ({ dialing: [], active: ids.slice(0, 200), pinned: ids.slice(5_000, 5_003) }));
    const a = r.ages!;
    const windowS = (r.windowEnd - r.windowStart) / 1000;
    out.push(
      table(
        `Budget mode B — 10,000 rooms, Relay's limit (2 a second, strict), 200 active + 3 pinned idle rooms (${fmt(windowS)} s window)`,
        ['measure', 'p50', 'p90', 'p99', 'max'],
        [
          ['call-state age, every room', sec(a.state.p50), sec(a.state.p90), sec(a.state.p99), sec(a.state.max)],
          ['detail age, pinned rooms (interval 20 s)', sec(a.pinned.p50), sec(a.pinned.p90), sec(a.pinned.p99), sec(a.pinned.max)],
          ['detail age, 200 active rooms (shared)', sec(a.active.p50), sec(a.active.p90), sec(a.active.p99), sec(a.active.max)],
          ['per-room polls in window, active rooms', fmt(a.activePolls.p50), fmt(a.activePolls.p90), fmt(a.activePolls.p99), fmt(a.activePolls.max)],
        ],
      ),
      table('', ['measure', 'value', 'target'], [
        ['429 responses received (strict simulator)', fmt(log.byStatus['429'] ?? 0), '0'],
        ['pinned rooms: polls in window', a.pinnedPolls.join(', '), `≈ ${fmt(windowS / 20)} each`],
        ['active rooms: polls min … max', `${fmt(a.activePolls.min)} … ${fmt(a.activePolls.max)}`, 'fair: spread ≤ 1–2'],
        ['closest 3 requests, as the server saw them', tightest(log), '≥ 1,000 ms (sent ≥ 1,100)'],
        ['budget used, of what the strict rule allows', used(log.total, windowS), '≥ 85 %'],
      ]),
    );
  }
  console.log(out.join('\n'));
}

async function unlimitedMode(): Promise<void> {
  const rows: string[][] = [];
  const ratios: string[][] = [];
  for (const n of sizes) {
    const results: Record<string, ClientResult> = {};
    for (const variant of ['poller', 'baseline'] as const) {
      const sim = await startSimChild(n, 'off');
      console.log(`unlimited: ${fmt(n)} rooms, ${variant}, ${warmup} s warm-up + ${seconds} s …`);
      results[variant] = await runClient({ variant, url: sim.url, relayAccount: sim.relayAccount, budget: null, warmupMs: warmup * 1000, measureMs: seconds * 1000, dialing: [], active: [], pinned: [] });
      await sim.close();
    }
    for (const variant of ['poller', 'baseline'] as const) {
      const r = results[variant] as ClientResult;
      const windowS = (r.windowEnd - r.windowStart) / 1000;
      rows.push([
        fmt(n),
        variant,
        fmt(r.requests / windowS),
        ms(r.lateness.p50),
        ms(r.lateness.p99),
        `${fmt(r.cpuPct, 1)} % (user ${fmt(r.userPct, 1)})`,
        fmt(((r.cpuPct / 100) * windowS * 1000) / Math.max(1, r.requests / 1000), 0),
        `${fmt(r.rssMaxMb)} MB (heap ${fmt(r.heapMaxMb)})`,
        fmt(r.ipcMessages / windowS, 1),
        fmt(r.failures),
      ]);
    }
    const p = results.poller as ClientResult;
    const b = results.baseline as ClientResult;
    const perReq = (r: ClientResult) => r.cpuPct / Math.max(1, r.requests / ((r.windowEnd - r.windowStart) / 1000));
    ratios.push([fmt(n), `${fmt(b.cpuPct / p.cpuPct, 2)}×`, `${fmt(perReq(b) / perReq(p), 2)}×`, `${fmt(b.lateness.p99 / Math.max(0.5, p.lateness.p99), 1)}×`, `${fmt(b.ipcMessages / Math.max(1, p.ipcMessages), 0)}×`]);
  }
  console.log(
    table(
      `Unlimited mode — per-room polling at the seeds' rates (${seconds} s window after ${warmup} s warm-up)`,
      ['rooms', 'variant', 'req/s', 'late p50', 'late p99', 'CPU (1 core)', 'CPU ms / 1k req', 'RSS max', 'IPC msg/s', 'errors*'],
      rows,
    ) + "\n* poller: error lines in the event log; baseline: non-2xx answers (the simulator's offline rooms answer 504 ListenerOffline, which the poller shows as 'offline', not as an error).",
  );
  console.log(
    table('Ratios, baseline ÷ poller, same run (targets at 10,000: CPU ≥ 3×; poller: late p99 < 100 ms, CPU < 25 %, RSS < 300 MB, ≤ 4 IPC msg/s)', ['rooms', 'CPU', 'CPU per request', 'late p99', 'IPC msgs'], ratios),
  );
}

if (values.only !== 'unlimited') await budgetMode();
if (values.only !== 'budget') await unlimitedMode();
