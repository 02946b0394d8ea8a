// Load benchmark of the simulator: is it fast enough to be the target of the poller benchmarks?
// Starts the sim in a child process (20,000 rooms, rate limit off), drives GET /api/endpoints/:id/status
// for random rooms from this process over a keep-alive undici Pool, and prints requests/s, latency,
// errors and the sim's CPU use, plus one bulk-status run. Run: `npx node bench/sim-load.ts`
// Options: --rooms 20000 --seconds 10 --connections 48 --inflight 64
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Pool } from 'undici';

const { values } = parseArgs({
  options: {
    rooms: { type: 'string', default: '20000' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '48' },
    inflight: { type: 'string', default: '64' },
  },
});
const ROOMS = Number(values.rooms);
const SECONDS = Number(values.seconds);
const CONNECTIONS = Number(values.connections);
const INFLIGHT = Number(values.inflight);

interface Ready {
  type: 'ready';
  url: string;
  credentials: { relayAccount: { username: string; password: string } };
}
interface Cpu {
  type: 'cpu';
  usage: { user: number; system: number };
  memory: number;
}

function nextMessage<T extends { type: string }>(child: ChildProcess, type: T['type']): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (msg: unknown) => {
      if (msg && typeof msg === 'object' && 'type' in msg && msg.type === type) {
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(msg as T);
      }
    };
    const onExit = (code: number | null) => reject(new Error(`sim exited (${code}) before "${type}"`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

async function cpuOf(child: ChildProcess): Promise<Cpu> {
  const reply = nextMessage<Cpu>(child, 'cpu');
  child.send({ type: 'cpu' });
  return reply;
}

const percentile = (sorted: Float64Array, p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;

async function main(): Promise<void> {
  const cli = fileURLToPath(new URL('../sim/cli.ts', import.meta.url));
  const child = fork(cli, ['--rooms', String(ROOMS), '--port', '0', '--seed', '7', '--rate-limit', 'off'], {
    execPath: process.execPath,
    execArgv: [],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  try {
    const startedAt = performance.now();
    const ready = await nextMessage<Ready>(child, 'ready');
    const startMs = performance.now() - startedAt;
    const pool = new Pool(ready.url, { connections: CONNECTIONS, pipelining: 1, keepAliveTimeout: 30_000 });
    const { username, password } = ready.credentials.relayAccount;
    const tokenRes = await pool.request({
      method: 'POST',
      path: '/api/auth/accesstokens',
      headers: { authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`, accept: 'application/json' },
    });
    const { accessToken } = (await tokenRes.body.json()) as { accessToken: string };
    const headers = { 'x-access-token': accessToken, accept: 'application/json', 'content-type': 'application/json' };

    // Bulk status: every room in one reply (first call also warms the rooms up).
    const bulkRuns: { ms: number; bytes: number; items: number }[] = [];
    let ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const res = await pool.request({ method: 'GET', path: '/api/endpoints/status', headers });
      const text = await res.body.text();
      const ms = performance.now() - t0;
      const items = JSON.parse(text) as { endpointId: string }[];
      ids = items.map((x) => x.endpointId);
      bulkRuns.push({ ms, bytes: Buffer.byteLength(text), items: items.length });
    }

    const run = async (seconds: number) => {
      const latencies = new Float64Array(4_000_000);
      let n = 0;
      let errors = 0;
      const statuses = new Map<number, number>();
      const end = performance.now() + seconds * 1000;
      const worker = async () => {
        while (performance.now() < end) {
          const id = ids[Math.floor(Math.random() * ids.length)];
          const t0 = performance.now();
          try {
            const res = await pool.request({ method: 'GET', path: `/api/endpoints/${id}/status`, headers });
            await res.body.text();
            statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
            // 504 ListenerOffline is a valid answer for an offline room, not an error.
            if (res.statusCode !== 200 && res.statusCode !== 504) errors++;
          } catch {
            errors++;
          }
          if (n < latencies.length) latencies[n] = performance.now() - t0;
          n++;
        }
      };
      const cpu0 = await cpuOf(child);
      const own0 = process.cpuUsage();
      const t0 = performance.now();
      await Promise.all(Array.from({ length: INFLIGHT }, worker));
      const wall = performance.now() - t0;
      const own = process.cpuUsage(own0);
      const cpu1 = await cpuOf(child);
      const sorted = latencies.subarray(0, Math.min(n, latencies.length)).sort();
      const cpuMs = (cpu1.usage.user - cpu0.usage.user + cpu1.usage.system - cpu0.usage.system) / 1000;
      const loadPct = ((own.user + own.system) / 1000 / wall) * 100;
      return { n, wall, errors, statuses, p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), cpuPct: (cpuMs / wall) * 100, loadPct, rss: cpu1.memory };
    };

    await run(2); // warm-up: JIT, connections
    const r = await run(SECONDS);
    await pool.close();

    const rps = r.n / (r.wall / 1000);
    const bulk = bulkRuns.slice(1).sort((a, b) => a.ms - b.ms);
    const bulkMedian = bulk[Math.floor(bulk.length / 2)] ?? bulkRuns[0];
    const rows: [string, string][] = [
      ['rooms', String(ROOMS)],
      ['sim start-up (child, to ready)', `${startMs.toFixed(0)} ms`],
      ['load', `${SECONDS} s, ${CONNECTIONS} keep-alive connections, ${INFLIGHT} in flight`],
      ['per-room status requests', String(r.n)],
      ['requests/s', rps.toFixed(0)],
      ['latency p50 / p99', `${r.p50.toFixed(2)} ms / ${r.p99.toFixed(2)} ms`],
      ['errors (not 200/504)', String(r.errors)],
      ['statuses', [...r.statuses].map(([s, c]) => `${s}×${c}`).join(' ')],
      ['sim CPU (of one core)', `${r.cpuPct.toFixed(0)} %`],
      ['requests/s per sim core', (rps / (r.cpuPct / 100)).toFixed(0)],
      ['load generator CPU (this process)', `${r.loadPct.toFixed(0)} %`],
      ['sim RSS', `${(r.rss / 1024 / 1024).toFixed(0)} MB`],
      ['bulk status (median of 4)', `${bulkMedian?.items} items, ${((bulkMedian?.bytes ?? 0) / 1024).toFixed(0)} KiB, ${bulkMedian?.ms.toFixed(1)} ms`],
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    console.log(`\nsim-load (node ${process.version})\n`);
    for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
    console.log('');
  } finally {
    child.kill('SIGTERM');
  }
}

await main();
