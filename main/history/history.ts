// The history as the app uses it: record changes as they happen (cheap, in memory), and a batch goes to
// the worker every `flushMs` (≤ 1 s: a crash loses at most that much), one transaction each. The queue
// of batches is bounded: if the disk cannot keep up, the oldest batches are dropped with a notice, never
// the app's memory. Queries, reports and exports are answered by the worker, each with a deadline.
// When history cannot be kept (a newer file, no disk), recording is a no-op and monitoring goes on.
import { Worker } from 'node:worker_threads';
import { AppError } from '../ipc/app-error.ts';
import { silentLogger, type Clock, type Logger } from '../ports.ts';
import type { DemoRoom } from './demo-history.ts';
import type { HistoryInfo, Ops, OpName, Request, Response, WorkerOpenOptions } from './protocol.ts';
import type { AvailabilityOverTime } from './reports.ts';
import { maskTokens, scrubBatch, type Scrub } from './scrub.ts';
import {
  emptyBatch,
  type ActionRecord,
  type ConnectionEvent,
  type ExportProgress,
  type HistoryBatch,
  type HistoryNotice,
  type HourOfWeekGrid,
  type LogPage,
  type LogQuery,
  type MeetingRef,
  type PollerEpisode,
  type Report,
  type ReportScope,
  type RoomIdentity,
  type RoomRef,
  type RoomTransition,
  type TimeRange,
  type TimelineSegment,
} from './types.ts';

export interface HistoryOptions {
  /** The app's data folder (the file is history.sqlite in it). */
  dir: string;
  clock: Clock;
  log?: Logger;
  retentionDays?: number;
  maxBytes?: number;
  maxRooms?: number;
  timeZone?: string;
  /** How often a batch is written (default 500 ms, 50…1,000). */
  flushMs?: number;
  /** Batches waiting for the disk before the oldest is dropped (default 20). */
  maxQueuedBatches?: number;
  /** A batch is cut early at this many items (default 20,000). */
  maxBatchItems?: number;
  /** Applied to every text before it leaves this thread; the default masks anything shaped like a token. */
  scrub?: Scrub;
  /** Deadline of a query (default 30 s) and of an export (default 2 h). */
  requestTimeoutMs?: number;
  exportTimeoutMs?: number;
  /** Where the worker's code is (a bundler may move it). */
  workerUrl?: URL;
  /** Tests: pruning pace, a tiny disk. */
  worker?: Pick<WorkerOpenOptions, 'pruneBusyMs' | 'pruneIdleMs' | 'maxPageCount'>;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  timer: { cancel(): void };
  onProgress?: (p: ExportProgress) => void;
}

const HEARTBEAT_MS = 5_000;
const clamp = (v: number | undefined, lo: number, hi: number, d: number) => (v === undefined || !Number.isFinite(v) ? d : Math.max(lo, Math.min(hi, v)));
const itemsOf = (b: HistoryBatch) => b.transitions.length + b.actions.length + b.connections.length + b.episodes.length;

export class History {
  readonly #o: HistoryOptions;
  readonly #clock: Clock;
  readonly #log: Logger;
  readonly #flushMs: number;
  readonly #maxQueued: number;
  readonly #maxItems: number;
  readonly #scrub: Scrub;
  #worker: Worker | null = null;
  #on = false;
  #path: string | null = null;
  #nextId = 1;
  readonly #pending = new Map<number, Pending>();
  #batch: HistoryBatch;
  #queue: HistoryBatch[] = [];
  #writing = false;
  #flushTimer: { cancel(): void } | null = null;
  #heartbeat: { cancel(): void } | null = null;
  #drained: (() => void)[] = [];
  #workerNotices: HistoryNotice[] = [];
  #ownNotices = new Map<HistoryNotice['code'], HistoryNotice>();
  #dropped = 0;
  readonly #listeners = new Set<(notices: HistoryNotice[]) => void>();
  #lastNotices = '[]';

  private constructor(o: HistoryOptions) {
    this.#o = o;
    this.#clock = o.clock;
    this.#log = o.log ?? silentLogger;
    this.#flushMs = clamp(o.flushMs, 50, 1_000, 500);
    this.#maxQueued = clamp(o.maxQueuedBatches, 1, 1_000, 20);
    this.#maxItems = clamp(o.maxBatchItems, 1, 200_000, 20_000);
    this.#scrub = o.scrub ?? maskTokens;
    this.#batch = emptyBatch(o.clock.now());
  }

  /** Opens the history; it never fails the app: when it cannot be kept, `on` is false and notices say why. */
  static async open(o: HistoryOptions): Promise<History> {
    const h = new History(o);
    await h.#start();
    return h;
  }

  get on(): boolean {
    return this.#on;
  }

  /** Where the file is (null when history is off). */
  get path(): string | null {
    return this.#path;
  }

  async #start(): Promise<void> {
    try {
      const worker = new Worker(this.#o.workerUrl ?? new URL('./worker.ts', import.meta.url), { name: 'relay-console-history' });
      this.#worker = worker;
      worker.on('message', (m: Response) => this.#answer(m));
      worker.on('error', (error) => this.#lost(error));
      worker.on('exit', (code) => {
        if (this.#worker) this.#lost(new Error(`the history worker stopped (${code})`));
      });
      const opened = await this.#request('open', {
        dir: this.#o.dir,
        now: this.#clock.now(),
        retentionDays: this.#o.retentionDays,
        maxBytes: this.#o.maxBytes,
        maxRooms: this.#o.maxRooms,
        timeZone: this.#o.timeZone,
        ...this.#o.worker,
      });
      this.#on = opened.on;
      this.#path = opened.path;
      if (!opened.on) await this.#stopWorker();
      else this.#beat();
    } catch (error) {
      this.#log.error('history could not start', { reason: error instanceof Error ? error.message : String(error) });
      this.#own({ code: 'unavailable', message: 'History could not be started. Monitoring goes on without it.', at: this.#clock.now() });
      await this.#stopWorker();
    }
    this.#changed();
  }

  // ---- recording ----

  transition(t: RoomTransition): void {
    if (this.#on) this.#add(() => this.#batch.transitions.push(t));
  }

  action(a: ActionRecord): void {
    if (this.#on) this.#add(() => this.#batch.actions.push(a));
  }

  connection(c: ConnectionEvent): void {
    if (this.#on) this.#add(() => this.#batch.connections.push(c));
  }

  episode(e: PollerEpisode): void {
    if (this.#on) this.#add(() => this.#batch.episodes.push(e));
  }

  #add(push: () => void): void {
    push();
    if (itemsOf(this.#batch) >= this.#maxItems) this.#cut();
    else if (!this.#flushTimer) {
      this.#flushTimer = this.#clock.setTimeout(() => {
        this.#flushTimer = null;
        this.#cut();
      }, this.#flushMs);
    }
  }

  /** Ends the batch being gathered and queues it for the worker. */
  #cut(allowEmpty = false): void {
    this.#flushTimer?.cancel();
    this.#flushTimer = null;
    if (!this.#on || (!allowEmpty && itemsOf(this.#batch) === 0)) return;
    const batch = { ...this.#batch, now: this.#clock.now() };
    this.#batch = emptyBatch(batch.now);
    this.#queue.push(scrubBatch(batch, this.#scrub));
    while (this.#queue.length > this.#maxQueued) {
      this.#dropped += itemsOf(this.#queue.shift() as HistoryBatch);
      this.#own({
        code: 'fell-behind',
        message: `The disk could not keep up, so ${this.#dropped.toLocaleString('en-US')} changes were not kept in the history. Monitoring goes on.`,
        at: this.#clock.now(),
      });
    }
    this.#pump();
  }

  #pump(): void {
    if (this.#writing || !this.#on) return;
    const batch = this.#queue.shift();
    if (!batch) {
      for (const done of this.#drained.splice(0)) done();
      return;
    }
    this.#writing = true;
    this.#request('write', { batch, source: 'live' })
      .then(
        (r) => {
          if (!r.ok) this.#log.warn('history batch not written', { code: r.code });
        },
        (error: unknown) => this.#log.warn('history batch not written', { reason: error instanceof Error ? error.message : String(error) }),
      )
      .finally(() => {
        this.#writing = false;
        this.#pump();
      });
  }

  /** Tells the worker now and then that the app is alive (the time until a crash counts as watched). */
  #beat(): void {
    this.#heartbeat = this.#clock.setTimeout(() => {
      if (!this.#on) return;
      if (this.#queue.length === 0 && !this.#writing && itemsOf(this.#batch) === 0) this.#cut(true);
      this.#beat();
    }, HEARTBEAT_MS);
  }

  /** Writes everything recorded so far; resolves when the worker has it. */
  flush(): Promise<void> {
    if (!this.#on) return Promise.resolve();
    this.#cut();
    if (this.#queue.length === 0 && !this.#writing) return Promise.resolve();
    return new Promise((resolve) => this.#drained.push(resolve));
  }

  // ---- reading ----

  log(query: LogQuery): Promise<LogPage> {
    return this.#ask('log', { query, now: this.#clock.now() });
  }

  report(scope: ReportScope, range: TimeRange): Promise<Report> {
    return this.#ask('report', { scope, range, now: this.#clock.now() });
  }

  /** Timelines of up to 500 rooms at once (the rows on screen). */
  timelines(rooms: RoomIdentity[], range: TimeRange): Promise<TimelineSegment[][]> {
    return this.#ask('timelines', { rooms, range, now: this.#clock.now() });
  }

  availabilityOverTime(scope: Exclude<ReportScope, { kind: 'room' }>, range: TimeRange, bucketMs: number): Promise<AvailabilityOverTime> {
    return this.#ask('availability', { scope, range, bucketMs, now: this.#clock.now() });
  }

  utilisationByHourOfWeek(scope: ReportScope, range: TimeRange): Promise<HourOfWeekGrid> {
    return this.#ask('hourOfWeek', { scope, range, now: this.#clock.now() });
  }

  roomNames(room: RoomIdentity): Promise<{ at: number; name: string; site: string | null }[]> {
    return this.#ask('roomNames', { room });
  }

  rooms(): Promise<{ rooms: RoomRef[]; sites: string[] }> {
    return this.#ask('rooms', {});
  }

  /** Streams the matching log rows to a CSV file (written whole or not at all). */
  exportLog(path: string, query: Omit<LogQuery, 'after' | 'limit' | 'order'>, onProgress?: (p: ExportProgress) => void, signal?: AbortSignal): Promise<ExportProgress> {
    if (signal?.aborted) return Promise.reject(new AppError('cancelled', 'The export was cancelled.'));
    const id = this.#nextId;
    const done = this.#ask('export', { path, query }, clamp(this.#o.exportTimeoutMs, 1_000, 6 * 3_600_000, 2 * 3_600_000), onProgress);
    signal?.addEventListener('abort', () => void this.#request('cancel', { target: id }).catch(() => undefined), { once: true });
    return done;
  }

  setSettings(s: { retentionDays?: number; maxBytes?: number }): Promise<{ retentionDays: number; maxBytes: number }> {
    return this.#ask('settings', s);
  }

  /** Writes the demo's sample week (once; not over rooms with history of their own). */
  async writeDemoHistory(rooms: DemoRoom[], o: { seed: number; days?: number; meetings?: MeetingRef[] }): Promise<{ written: boolean; rows: number; reason: string | null }> {
    await this.flush();
    return this.#ask('demo', { rooms, seed: o.seed, days: o.days, meetings: o.meetings, end: this.#clock.now(), timeZone: this.#o.timeZone }, 5 * 60_000);
  }

  /** Where the file is, how big, how long it keeps history, and whether it holds the demo's sample. */
  info(): Promise<HistoryInfo> {
    return this.#ask('info', {});
  }

  /** Tests and the benchmark: run pruning steps now. */
  prune(maxSteps = 1_000): Promise<{ steps: number; more: boolean; usedBytes: number }> {
    return this.#ask('prune', { now: this.#clock.now(), maxSteps });
  }

  // ---- notices ----

  notices(): HistoryNotice[] {
    return [...this.#workerNotices, ...this.#ownNotices.values()];
  }

  onNotices(listener: (notices: HistoryNotice[]) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #own(n: HistoryNotice): void {
    this.#ownNotices.set(n.code, n);
    this.#changed();
  }

  #changed(): void {
    const now = JSON.stringify(this.notices());
    if (now === this.#lastNotices) return;
    this.#lastNotices = now;
    const list = this.notices();
    for (const l of this.#listeners) l(list);
  }

  // ---- the worker ----

  #ask<K extends OpName>(op: K, args: Ops[K]['in'], timeoutMs?: number, onProgress?: (p: ExportProgress) => void): Promise<Ops[K]['out']> {
    if (!this.#on) return Promise.reject(new AppError('unavailable', 'History is off: see the notice for why.'));
    return this.#request(op, args, timeoutMs, onProgress);
  }

  #request<K extends OpName>(op: K, args: Ops[K]['in'], timeoutMs?: number, onProgress?: (p: ExportProgress) => void): Promise<Ops[K]['out']> {
    const worker = this.#worker;
    if (!worker) return Promise.reject(new AppError('unavailable', 'History is off.'));
    const id = this.#nextId++;
    return new Promise<Ops[K]['out']>((resolve, reject) => {
      const timer = this.#clock.setTimeout(() => {
        this.#pending.delete(id);
        reject(new AppError('timeout', 'History took too long to answer.'));
      }, clamp(timeoutMs ?? this.#o.requestTimeoutMs, 100, 6 * 3_600_000, 30_000));
      this.#pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer, onProgress });
      const request: Request<K> = { id, op, args };
      worker.postMessage(request);
    });
  }

  #answer(m: Response): void {
    const pending = this.#pending.get(m.id);
    if ('progress' in m) {
      pending?.onProgress?.(m.progress);
      return;
    }
    this.#workerNotices = m.notices;
    this.#changed();
    if (!pending) return;
    this.#pending.delete(m.id);
    pending.timer.cancel();
    if (m.ok) pending.resolve(m.result);
    else {
      if (m.error.detail) this.#log.warn('history request failed', { code: m.error.code, detail: m.error.detail });
      const code = m.error.code === 'cancelled' ? 'cancelled' : m.error.code === 'unavailable' ? 'unavailable' : 'internal';
      pending.reject(new AppError(code, m.error.message));
    }
  }

  #lost(error: unknown): void {
    if (!this.#worker) return;
    this.#log.error('history stopped', { reason: error instanceof Error ? error.message : String(error) });
    this.#worker = null;
    this.#on = false;
    this.#own({ code: 'unavailable', message: 'History stopped working. Monitoring goes on without it.', at: this.#clock.now() });
    for (const [id, p] of this.#pending) {
      p.timer.cancel();
      p.reject(new AppError('unavailable', 'History stopped working.'));
      this.#pending.delete(id);
    }
    for (const done of this.#drained.splice(0)) done();
  }

  async #stopWorker(): Promise<void> {
    const w = this.#worker;
    this.#worker = null;
    this.#on = false;
    if (w) await w.terminate();
  }

  /** Writes what is left, closes the file (the rooms are marked not watched from now) and stops the worker. */
  async close(): Promise<void> {
    this.#heartbeat?.cancel();
    this.#heartbeat = null;
    if (this.#on) {
      await this.flush();
      try {
        await this.#request('close', { now: this.#clock.now() }, 30_000);
      } catch (error) {
        this.#log.warn('history did not close cleanly', { reason: error instanceof Error ? error.message : String(error) });
      }
    }
    await this.#stopWorker();
  }
}
