// The simulator in its own process for the benchmark (so its CPU is not the client's): started from
// argv, then driven over the IPC channel. Never imported by main.
import { startSim, type RateLimitMode } from '../../sim/index.ts';

interface Msg {
  id: number;
  cmd: 'hold' | 'set' | 'rooms' | 'logStats' | 'close';
  state?: 'inactive' | 'dialing' | 'active';
  ids?: string[];
  since?: number;
}

const [rooms, rateLimit, seed] = [Number(process.argv[2] ?? 1000), (process.argv[3] ?? 'off') as RateLimitMode, Number(process.argv[4] ?? 1)];
const sim = await startSim({ rooms, rateLimit, seed, port: 0, logCapacity: 50_000 });
const send = (m: unknown): void => void process.send?.(m);

process.on('message', (raw) => {
  const m = raw as Msg;
  try {
    switch (m.cmd) {
      case 'hold': {
        const ids = m.ids ?? sim.control.rooms.list().map((r) => r.id);
        for (const id of ids) sim.control.rooms.set(id, { offline: false, callState: m.state ?? 'inactive', hold: true });
        return send({ id: m.id, ok: true });
      }
      case 'rooms':
        return send({ id: m.id, ok: true, value: sim.control.rooms.list().map((r) => ({ id: r.id, callState: r.callState, offline: r.offline })) });
      case 'logStats': {
        const entries = sim.control.log().filter((e) => e.at >= (m.since ?? 0) && e.path.startsWith('/api/') && !e.path.startsWith('/api/auth/'));
        const byStatus: Record<string, number> = {};
        for (const e of entries) byStatus[e.status] = (byStatus[e.status] ?? 0) + 1;
        // The closest three requests came, as the server saw them (a strict server refuses the third within 1,000 ms).
        const at = entries.map((e) => e.at).sort((a, b) => a - b);
        let tightest: number | null = null;
        for (let i = 2; i < at.length; i++) tightest = Math.min(tightest ?? Infinity, (at[i] as number) - (at[i - 2] as number));
        return send({ id: m.id, ok: true, value: { total: entries.length, byStatus, tightest, first: entries[0]?.at ?? null, last: entries.at(-1)?.at ?? null } });
      }
      case 'close':
        void sim.close().then(() => {
          send({ id: m.id, ok: true });
          process.exit(0);
        });
        return;
      default:
        return send({ id: m.id, ok: false, error: 'unknown command' });
    }
  } catch (error) {
    send({ id: m.id, ok: false, error: error instanceof Error ? error.message : String(error) });
  }
});

send({ ready: true, url: sim.url, relayAccount: sim.credentials.relayAccount });
