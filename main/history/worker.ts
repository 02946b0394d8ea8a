// The history's worker thread: it owns the file and does every write, query and export, so the app's
// thread (the poller, the IPC) never waits for the disk. Requests are answered in order; an export runs
// a page at a time and lets other requests (writes first of all) in between its pages. Pruning runs here
// in small steps on a timer of its own.
import { parentPort } from 'node:worker_threads';
import { ExportCancelled } from './csv.ts';
import type { OpName, Ops, Request, Response } from './protocol.ts';
import { HistoryStore } from './store.ts';
import type { HistoryNotice } from './types.ts';

const port = parentPort;
if (!port) throw new Error('the history worker runs in a worker thread');

let store: HistoryStore | null = null;
let openNotices: HistoryNotice[] = [];
/** The caller's clock, as the last batch told it (pruning uses it, not this thread's). */
let lastNow = 0;
let pruneBusyMs = 50;
let pruneIdleMs = 60_000;
let pruneTimer: NodeJS.Timeout | null = null;
const exports = new Map<number, { cancelled: boolean }>();

const notices = (): HistoryNotice[] => (store ? store.notices() : openNotices);
const send = (r: Response) => port.postMessage(r);

function schedulePrune(delay: number): void {
  if (pruneTimer || !store || delay <= 0) return;
  pruneTimer = setTimeout(() => {
    pruneTimer = null;
    let more: boolean;
    try {
      more = store?.prune(lastNow) ?? false;
    } catch {
      more = false; // pruning waits for the next round; the writer goes on
    }
    schedulePrune(more ? pruneBusyMs : pruneIdleMs);
  }, delay);
  pruneTimer.unref();
}

type Handlers = { [K in OpName]: (args: Ops[K]['in'], id: number) => Ops[K]['out'] | Promise<Ops[K]['out']> };

function need(): HistoryStore {
  if (!store) throw Object.assign(new Error('History is off.'), { code: 'unavailable' });
  return store;
}

const handlers: Handlers = {
  open(o) {
    lastNow = o.now;
    pruneBusyMs = o.pruneBusyMs ?? 50;
    pruneIdleMs = o.pruneIdleMs ?? 60_000;
    const opened = HistoryStore.open({ dir: o.dir, now: o.now, retentionDays: o.retentionDays, maxBytes: o.maxBytes, maxRooms: o.maxRooms, timeZone: o.timeZone });
    store = opened.store;
    openNotices = opened.notices;
    if (store && o.maxPageCount) store.database.exec(`PRAGMA max_page_count = ${Math.max(1, Math.floor(o.maxPageCount))}`);
    schedulePrune(Math.min(pruneIdleMs, 5_000));
    return { on: store !== null, path: store?.path ?? null };
  },
  write({ batch, source }) {
    lastNow = Math.max(lastNow, batch.now);
    const outcome = need().write(batch, source);
    return outcome.ok ? { ok: true, rows: outcome.rows, code: null } : { ok: false, rows: 0, code: outcome.code };
  },
  log: ({ query, now }) => need().log(query, now),
  report: ({ scope, range, now }) => need().report(scope, range, now),
  timelines: ({ rooms, range, now }) => rooms.slice(0, 500).map((room) => need().timeline(room, range, now)),
  availability: ({ scope, range, bucketMs, now }) => need().availabilityOverTime(scope, range, bucketMs, now),
  hourOfWeek: ({ scope, range, now }) => need().utilisationByHourOfWeek(scope, range, now),
  roomNames: ({ room }) => need().roomNames(room),
  rooms: () => ({ rooms: need().rooms(), sites: need().sites() }),
  async export({ path, query }, id) {
    const state = { cancelled: false };
    exports.set(id, state);
    try {
      return await need().exportLog({
        path,
        query,
        cancelled: () => state.cancelled,
        pause: () => new Promise<void>((resolve) => setImmediate(resolve)),
        onProgress: (progress) => send({ id, progress }),
      });
    } finally {
      exports.delete(id);
    }
  },
  cancel({ target }) {
    const state = exports.get(target);
    if (state) state.cancelled = true;
    return state !== undefined;
  },
  settings(s) {
    const st = need();
    st.settings = s;
    schedulePrune(pruneBusyMs);
    return st.settings;
  },
  demo: (o) => need().writeDemoHistory(o),
  prune({ now, maxSteps }) {
    const st = need();
    let steps = 0;
    let more = true;
    while (more && steps < maxSteps) {
      more = st.prune(now);
      steps++;
    }
    return { steps, more, usedBytes: st.usedBytes() };
  },
  info: () => need().info(),
  close({ now }) {
    if (pruneTimer) clearTimeout(pruneTimer);
    pruneTimer = null;
    store?.close(now);
    store = null;
    return true;
  },
};

/** `detail` is for the app's log only (SQLite's own words; the file holds no secret to leak). */
function errorOf(error: unknown): { code: string; message: string; detail?: string } {
  if (error instanceof ExportCancelled) return { code: 'cancelled', message: error.message };
  const code = error && typeof error === 'object' && 'code' in error && error.code === 'unavailable' ? 'unavailable' : 'internal';
  const detail = error instanceof Error ? error.message.slice(0, 300) : undefined;
  return { code, message: code === 'unavailable' ? 'History is off.' : 'History could not answer.', detail };
}

port.on('message', (request: Request) => {
  const handler = handlers[request.op] as (args: unknown, id: number) => unknown;
  let result: unknown;
  try {
    result = handler(request.args, request.id);
  } catch (error) {
    send({ id: request.id, ok: false, error: errorOf(error), notices: notices() });
    return;
  }
  if (result instanceof Promise) {
    result.then(
      (value: unknown) => send({ id: request.id, ok: true, result: value, notices: notices() }),
      (error: unknown) => send({ id: request.id, ok: false, error: errorOf(error), notices: notices() }),
    );
  } else send({ id: request.id, ok: true, result, notices: notices() });
});
