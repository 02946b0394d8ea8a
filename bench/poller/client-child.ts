// The measured "main process" of the benchmark: the real rooms feature (poller, diff batcher, event
// log) or the naive baseline, against the simulator running in another process. It reports its own CPU,
// memory, schedule lateness, requests and renderer messages.
import type { ConnectionView, EventName, EventPayloads } from '../../contract/index.ts';
import type { RelayTokens } from '../../main/relay/client.ts';
import { createRelayTransport } from '../../main/relay/transport.ts';
import { RoomsService } from '../../main/rooms/service.ts';
import { connectionViewOf } from '../../test/helpers/connection-view.ts';
import { startBaseline } from './baseline.ts';
import { Samples, summarize, type Summary } from './stats.ts';

export interface ClientConfig {
  variant: 'poller' | 'baseline';
  url: string;
  relayAccount: { username: string; password: string };
  /** The host's limit, requests a second (sent budgetSpacingMs apart); null = unlimited. */
  budget: number | null;
  warmupMs: number;
  measureMs: number;
  /** Budget mode: rooms whose detail age is tracked, and rooms to pin. */
  dialing: string[];
  active: string[];
  pinned: string[];
}

export interface ClientResult {
  variant: string;
  rooms: number;
  windowStart: number;
  windowEnd: number;
  requests: number;
  failures: number;
  lateness: Summary;
  cpuPct: number;
  userPct: number;
  rssMaxMb: number;
  heapMaxMb: number;
  ipcMessages: number;
  ipcBytes: number;
  ages: null | {
    state: Summary;
    dialing: Summary;
    active: Summary;
    pinned: Summary;
    pinnedPolls: number[];
    activePolls: Summary;
  };
}

const send = (m: unknown): void => void process.send?.(m);

async function relayToken(url: string, account: { username: string; password: string }): Promise<string> {
  const res = await fetch(`${url}/api/auth/accesstokens`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${account.username}:${account.password}`).toString('base64')}`, 'content-type': 'application/json' },
    body: '{}',
  });
  if (!res.ok) throw new Error(`token: HTTP ${res.status}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

function view(url: string): ConnectionView {
  const caps = { canView: true, canControl: true, canProvision: true, zeroTouch: null };
  return connectionViewOf({ id: 'bench', name: 'Bench', roles: ['ROLE_READWRITE', 'ROLE_READONLY'], capabilities: caps, bases: { api: url, authorize: url, relay: url } });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function run(config: ClientConfig): Promise<ClientResult> {
  let token = await relayToken(config.url, config.relayAccount);
  const lateness = new Samples();
  let measuring = false;
  let requests = 0;
  let failures = 0;
  let ipcMessages = 0;
  let ipcBytes = 0;
  // What an IPC send costs main: the payload is serialised (structured clone in Electron; JSON here).
  const ipc = (payload: unknown): void => {
    const text = JSON.stringify(payload);
    if (measuring) {
      ipcMessages++;
      ipcBytes += text.length;
    }
  };
  let stop: () => Promise<void>;
  let rooms: number;
  let sampleAges: (() => void) | null = null;
  const ages = { state: new Samples(), dialing: new Samples(), active: new Samples(), pinned: new Samples() };
  let pollCounts: Map<string, number> | null = null;

  if (config.variant === 'poller') {
    const inFlight = Number(process.env['BENCH_INFLIGHT'] ?? (config.budget === null ? 16 : 4));
    const transport = createRelayTransport({ connectionsPerOrigin: Math.max(4, inFlight) });
    const emit = <E extends EventName>(_event: E, payload: EventPayloads[E]): void => ipc(payload);
    const service = new RoomsService({
      clock: { now: () => Date.now(), setTimeout: (fn, ms) => { const t = setTimeout(fn, ms); return { cancel: () => clearTimeout(t) }; } },
      http: transport,
      emit,
      poller: {
        budgetFor: () => config.budget,
        maxInFlight: inFlight,
        ...(process.env['BENCH_BATCH'] ? { batchMs: Number(process.env['BENCH_BATCH']) } : {}),
        onDispatch: (task, late) => {
          if (!measuring) return;
          lateness.push(late);
          requests++;
        },
      },
    });
    const tokens: RelayTokens = {
      getToken: async () => token,
      onUnauthorized: async () => (token = await relayToken(config.url, config.relayAccount)),
    };
    for (const id of config.pinned) service.pin(`bench/${id}`, true);
    service.sync([{ view: view(config.url), tokens }]);
    service.events.onAppend((e) => {
      if (measuring && e.kind === 'error') failures++;
    });
    const key = (id: string) => `bench/${id}`;
    pollCounts = new Map();
    // Budget mode only: sampling every room's age each second is the benchmark's own cost.
    if (config.budget !== null) sampleAges = () => {
      const now = Date.now();
      for (const room of service.poller.rooms()) ages.state.push(now - (room.confirmedAt ?? room.addedAt));
      const detail = (ids: string[], into: Samples) => {
        for (const id of ids) {
          const r = service.poller.room(key(id));
          if (r) into.push(now - (r.detailAt ?? windowStart));
        }
      };
      detail(config.dialing, ages.dialing);
      detail(config.active, ages.active);
      detail(config.pinned, ages.pinned);
      for (const id of [...config.active, ...config.pinned]) {
        const r = service.poller.room(key(id));
        if (r?.detailAt && r.detailAt >= windowStart) {
          const seen = (pollCounts as Map<string, number>).get(id + ':last');
          if (seen !== r.detailAt) {
            (pollCounts as Map<string, number>).set(id + ':last', r.detailAt);
            (pollCounts as Map<string, number>).set(id, ((pollCounts as Map<string, number>).get(id) ?? 0) + 1);
          }
        }
      }
    };
    // Budget mode: wait until the list and the first bulk call are in, so ages measure the steady state.
    const started = Date.now();
    while (config.budget !== null && Date.now() - started < 60_000) {
      const all = [...service.poller.rooms()];
      if (all.length > 0 && all.every((r) => r.confirmedAt !== null)) break;
      await sleep(200);
    }
    rooms = service.poller.size;
    stop = async () => {
      service.dispose();
      await transport.close();
    };
  } else {
    const baseline = await startBaseline(config.url, token, {
      onCheck: (late) => {
        if (measuring) lateness.push(late);
      },
      onDone: (ok) => {
        if (!measuring) return;
        requests++;
        if (!ok) failures++;
      },
      emit: (message) => {
        if (measuring) {
          ipcMessages++;
          ipcBytes += message.length;
        }
      },
    });
    rooms = baseline.rooms;
    stop = async () => baseline.stop();
  }

  await sleep(config.warmupMs);
  let windowStart = Date.now();
  const cpu0 = process.cpuUsage();
  measuring = true;
  windowStart = Date.now();
  let rssMax = 0;
  let heapMax = 0;
  const end = windowStart + config.measureMs;
  while (Date.now() < end) {
    await sleep(Math.min(1_000, end - Date.now()));
    const mem = process.memoryUsage();
    rssMax = Math.max(rssMax, mem.rss);
    heapMax = Math.max(heapMax, mem.heapUsed);
    sampleAges?.();
  }
  measuring = false;
  const windowEnd = Date.now();
  const cpu = process.cpuUsage(cpu0);
  await stop();
  const counts = config.active.map((id) => pollCounts?.get(id) ?? 0);
  return {
    variant: config.variant,
    rooms,
    windowStart,
    windowEnd,
    requests,
    failures,
    lateness: summarize(lateness.values()),
    cpuPct: ((cpu.user + cpu.system) / 1000 / (windowEnd - windowStart)) * 100,
    userPct: (cpu.user / 1000 / (windowEnd - windowStart)) * 100,
    rssMaxMb: rssMax / 1024 / 1024,
    heapMaxMb: heapMax / 1024 / 1024,
    ipcMessages,
    ipcBytes,
    ages: sampleAges
      ? {
          state: summarize(ages.state.values()),
          dialing: summarize(ages.dialing.values()),
          active: summarize(ages.active.values()),
          pinned: summarize(ages.pinned.values()),
          pinnedPolls: config.pinned.map((id) => pollCounts?.get(id) ?? 0),
          activePolls: summarize(counts),
        }
      : null,
  };
}

process.once('message', (raw) => {
  run(raw as ClientConfig).then(
    (result) => {
      send({ result });
      setTimeout(() => process.exit(0), 50);
    },
    (error: unknown) => {
      send({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      setTimeout(() => process.exit(1), 50);
    },
  );
});
send({ ready: true });
