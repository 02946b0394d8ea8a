// A child process for bench/history: opens the history (client + worker, as the app does) on the built
// file and records `rate` room changes a second for `seconds`, then the same time with no changes; prints
// the process's CPU time (both threads) for each window as JSON on its last line.
import { History } from '../../main/history/history.ts';
import { systemClock } from '../../main/ports.ts';
import type { CallState, RoomIdentity } from '../../main/history/types.ts';

const [dir, secondsArg, rateArg] = process.argv.slice(2);
if (!dir) throw new Error('usage: burst-child.ts <dir> <seconds> <rate>');
const seconds = Number(secondsArg ?? 20);
const rate = Number(rateArg ?? 500);

const history = await History.open({ dir, clock: systemClock });
if (!history.on) throw new Error('history is off');
const { rooms } = await history.rooms();
const calls = new Map<string, CallState>();
const pick = (): RoomIdentity & { name: string; site: string | null } => rooms[Math.floor(Math.random() * rooms.length)] as (typeof rooms)[number];

function feed(forMs: number, changesPerSecond: number): Promise<void> {
  // No changes: no ticking either, so the window shows what the history costs doing nothing.
  if (changesPerSecond === 0) return new Promise((resolve) => setTimeout(resolve, forMs));
  return new Promise((resolve) => {
    const started = Date.now();
    let sent = 0;
    const tick = setInterval(() => {
      const elapsed = Date.now() - started;
      const due = Math.floor((Math.min(elapsed, forMs) / 1000) * changesPerSecond);
      for (; sent < due; sent++) {
        const r = pick();
        const key = `${r.enterpriseId}/${r.endpointId}`;
        const from = calls.get(key) ?? 'idle';
        const to: CallState = from === 'in-call' ? 'idle' : 'in-call';
        calls.set(key, to);
        history.transition({ room: { enterpriseId: r.enterpriseId, endpointId: r.endpointId }, name: r.name, site: r.site, at: Date.now(), why: 'poll', call: { from, to } });
      }
      if (elapsed >= forMs) {
        clearInterval(tick);
        resolve();
      }
    }, 10);
  });
}

async function window(changesPerSecond: number): Promise<{ cpuMs: number; wallMs: number }> {
  const cpu = process.cpuUsage();
  const t = performance.now();
  await feed(seconds * 1000, changesPerSecond);
  await history.flush();
  const used = process.cpuUsage(cpu);
  return { cpuMs: (used.user + used.system) / 1000, wallMs: performance.now() - t };
}

await feed(2_000, rate); // warm-up: caches, JIT
await history.flush();
const burst = await window(rate);
const idle = await window(0);
await history.close();
console.log(JSON.stringify({ burst, idle }));
