// One scheduler for every poll of every host: per host, a min-heap per priority class keyed by due time,
// a token bucket (the request budget), a cap on requests in flight and a pause (429 Retry-After); one
// timer for all of it, armed to the earliest moment anything can go. Under the budget the highest class
// with a due task goes first, and within a class the earliest due (so what the budget cannot cover is
// stretched fairly: the room that waited longest goes next). Urgent jobs (user actions, room detail, and
// every other Relay call of the app: sign-in, sign-out, naming) go before every poll but still inside the
// budget. The budget is a host's limit a second, sent at budgetSpacingMs apart (contract/budget.ts).
import type { Clock, Logger } from '../ports.ts';
import { silentLogger } from '../ports.ts';
import { RateMeter, TokenBucket, sendRatePerSec } from './budget.ts';
import { IndexedHeap, type HeapItem } from './heap.ts';

export interface PollTask extends HeapItem {
  readonly host: string;
  /** Priority class, 0 first; set before schedule(). */
  cls: number;
  /** When it is due (clock ms); set before schedule(). */
  due: number;
  /** Tie-break among equal due times (first scheduled, first sent); set by the scheduler. */
  order?: number;
  /** The request. The scheduler counts it in flight until it settles; it should not reject. */
  run(): Promise<void>;
}

export interface HostOptions {
  /** The host's limit, requests a second (sent budgetSpacingMs apart); null = unlimited. */
  budgetPerSec: number | null;
  maxInFlight: number;
}

export interface UrgentOptions {
  /**
   * Not held back by (nor counted in) the in-flight cap, only by the budget and the pause: a call that a
   * request in flight waits on (a token renewal) or the follow-up of one (its retry after a 401); under
   * the cap it could wait for itself.
   */
  uncapped?: boolean;
}

export interface HostStatus {
  origin: string;
  budgetPerSec: number | null;
  usedPerSec: number;
  pausedUntil: number | null;
  inFlight: number;
  queued: number;
}

export interface SchedulerOptions {
  clock: Clock;
  /** How many priority classes (0 … classes-1). */
  classes: number;
  /** Tasks due within this many ms are sent with the current batch (Prometheus snaps at 2 ms); not under a budget. */
  toleranceMs?: number;
  /**
   * Among due tasks the one with the smallest (due − lead[class]) goes first. A large lead makes a class
   * strictly first, a very negative one strictly last; leads a few hundred ms apart let a class go ahead
   * of another only when both are about equally late. Default: strict by class number.
   */
  leadMs?: readonly number[];
  /**
   * A due task of a higher tier goes before any of a lower one (then leadMs decides). Under a budget, a
   * task does not take the token when a task of a higher tier falls due before the next token would come:
   * that token waits for it (tasks planned on the budget's slots keep them; the
   * background gets what is left). Default: 0 for a class with a lead at or below −1e9, else 1.
   */
  tiers?: readonly number[];
  log?: Logger;
  /** Called as each poll task is sent, with how late it is (ms after its due time). */
  onDispatch?: (task: PollTask, latenessMs: number) => void;
  /** What a host no one set up gets (an urgent job to a host with no connection yet); default unlimited. */
  defaultHost?: HostOptions;
}

interface UrgentJob {
  start(): Promise<void>;
  cancel(reason: Error): void;
  uncapped: boolean;
}

/** How many removed hosts' buckets are remembered (a host added again goes on where it stood). */
const RETIRED_BUCKETS = 64;

interface Lane {
  origin: string;
  limit: number | null;
  bucket: TokenBucket;
  meter: RateMeter;
  maxInFlight: number;
  inFlight: number;
  /** Uncapped jobs running (not counted against maxInFlight). */
  uncappedInFlight: number;
  pausedUntil: number;
  /** After a pause: the first request probes alone; the rest wait for its answer (see pauseHost). */
  probe: boolean;
  probeInFlight: boolean;
  heaps: IndexedHeap<PollTask>[];
  urgent: UrgentJob[];
}

/** A class with a lead at or below this is background by default (tier 0, see #pick). */
const BACKGROUND = -1e9;

const byDue = (a: PollTask, b: PollTask): boolean => a.due < b.due || (a.due === b.due && (a.order ?? 0) < (b.order ?? 0));

export class Scheduler {
  readonly #clock: Clock;
  readonly #classes: number;
  readonly #tolerance: number;
  readonly #lead: number[];
  readonly #tier: number[];
  /** The highest tier (the slots in the poller): its tasks go at their time, never early. */
  readonly #topTier: number;
  readonly #log: Logger;
  readonly #onDispatch: ((task: PollTask, latenessMs: number) => void) | undefined;
  readonly #defaultHost: HostOptions;
  readonly #lanes = new Map<string, Lane>();
  /**
   * Buckets of removed hosts, newest last: a host removed and added again (its last connection went, a
   * sign-out's revoke follows) must not start with a full bucket right after a request.
   */
  readonly #retired = new Map<string, TokenBucket>();
  #timer: { cancel(): void } | null = null;
  #timerAt = Infinity;
  #pumpQueued = false;
  #paused = false;
  #disposed = false;
  #idleWaiters: (() => void)[] = [];
  #order = 0;

  constructor(options: SchedulerOptions) {
    this.#clock = options.clock;
    this.#classes = Math.max(1, options.classes);
    this.#tolerance = options.toleranceMs ?? 2;
    this.#lead = Array.from({ length: this.#classes }, (_, i) => options.leadMs?.[i] ?? (this.#classes - i) * 1e12);
    this.#tier = this.#lead.map((lead, i) => options.tiers?.[i] ?? (lead <= BACKGROUND ? 0 : 1));
    this.#topTier = Math.max(...this.#tier);
    this.#log = options.log ?? silentLogger;
    this.#onDispatch = options.onDispatch;
    this.#defaultHost = options.defaultHost ?? { budgetPerSec: null, maxInFlight: 8 };
  }

  /** Adds a host or changes its budget and in-flight cap. */
  setHost(origin: string, options: HostOptions): void {
    const now = this.#clock.now();
    const lane = this.#lanes.get(origin);
    const rate = sendRatePerSec(options.budgetPerSec);
    if (lane) {
      lane.limit = options.budgetPerSec;
      lane.bucket.setRate(rate, now);
      lane.maxInFlight = Math.max(1, options.maxInFlight);
    } else {
      const heaps: IndexedHeap<PollTask>[] = [];
      for (let i = 0; i < this.#classes; i++) heaps.push(new IndexedHeap(byDue));
      const retired = this.#retired.get(origin);
      this.#retired.delete(origin);
      retired?.setRate(rate, now);
      this.#lanes.set(origin, {
        origin,
        limit: options.budgetPerSec,
        bucket: retired ?? new TokenBucket(rate, now),
        meter: new RateMeter(5),
        maxInFlight: Math.max(1, options.maxInFlight),
        inFlight: 0,
        uncappedInFlight: 0,
        pausedUntil: 0,
        probe: false,
        probeInFlight: false,
        heaps,
        urgent: [],
      });
    }
    this.#requestPump();
  }

  hasHost(origin: string): boolean {
    return this.#lanes.has(origin);
  }

  /** Forgets a host: its queued tasks are dropped and its waiting urgent jobs fail. */
  removeHost(origin: string): void {
    const lane = this.#lanes.get(origin);
    if (!lane) return;
    this.#lanes.delete(origin);
    this.#retired.set(origin, lane.bucket);
    for (const key of this.#retired.keys()) {
      if (this.#retired.size <= RETIRED_BUCKETS) break;
      this.#retired.delete(key);
    }
    for (const heap of lane.heaps) heap.clear();
    const cancelled = new Error('host removed');
    for (const job of lane.urgent.splice(0)) job.cancel(cancelled);
    this.#requestPump();
  }

  /** Queues the task at task.due in class task.cls (moves it if already queued). */
  schedule(task: PollTask): void {
    const lane = this.#lane(task.host);
    const cls = Math.min(this.#classes - 1, Math.max(0, Math.floor(task.cls)));
    task.cls = cls;
    const heap = lane.heaps[cls] as IndexedHeap<PollTask>;
    task.order = ++this.#order;
    if (heap.has(task)) heap.update(task);
    else {
      for (const other of lane.heaps) if (other !== heap) other.remove(task);
      heap.push(task);
    }
    if (task.due < this.#timerAt || task.due <= this.#clock.now()) this.#requestPump();
  }

  unschedule(task: PollTask): void {
    const lane = this.#lanes.get(task.host);
    if (!lane) return;
    for (const heap of lane.heaps) if (heap.remove(task)) return;
  }

  isQueued(task: PollTask): boolean {
    const lane = this.#lanes.get(task.host);
    return lane ? lane.heaps.some((h) => h.has(task)) : false;
  }

  /**
   * Runs `fn` as soon as the host's budget, pause and in-flight cap allow, before any queued poll.
   * Not affected by setPaused (a person is waiting for it).
   */
  urgent<T>(origin: string, fn: () => Promise<T>, options: UrgentOptions = {}): Promise<T> {
    if (this.#disposed) return Promise.reject(new Error('the scheduler is stopped'));
    const lane = this.#lane(origin);
    return new Promise<T>((resolve, reject) => {
      lane.urgent.push({
        start: () => {
          try {
            return fn().then(resolve, reject);
          } catch (error) {
            reject(error);
            return Promise.resolve();
          }
        },
        cancel: reject,
        uncapped: options.uncapped ?? false,
      });
      this.#requestPump();
    });
  }

  /** Whether the host still has work: queued or waiting jobs, or requests in flight. */
  busy(origin: string): boolean {
    const lane = this.#lanes.get(origin);
    return lane !== undefined && (lane.inFlight + lane.uncappedInFlight > 0 || lane.urgent.length > 0 || lane.heaps.some((h) => h.size > 0));
  }

  /**
   * The host asked us to wait (429 Retry-After): nothing goes to it before `until`; then one request
   * probes, and the rest follow once it is answered without a new pause (if it gets one, the same again).
   * Only uncapped jobs (a renewal the probe may wait on) go beside it.
   */
  pauseHost(origin: string, until: number): void {
    const lane = this.#lanes.get(origin);
    if (!lane) return;
    lane.pausedUntil = Math.max(lane.pausedUntil, until);
    lane.probe = true;
    lane.bucket.drain(this.#clock.now());
    this.#requestPump();
  }

  /** Until when the host asked us to wait (0 when it did not). */
  pausedUntil(origin: string): number {
    return this.#lanes.get(origin)?.pausedUntil ?? 0;
  }

  /** Stops (or resumes) sending queued polls everywhere; urgent jobs still run. */
  setPaused(paused: boolean): void {
    this.#paused = paused;
    this.#requestPump();
  }

  get paused(): boolean {
    return this.#paused;
  }

  hosts(): HostStatus[] {
    const now = this.#clock.now();
    return [...this.#lanes.values()].map((lane) => ({
      origin: lane.origin,
      budgetPerSec: lane.limit,
      usedPerSec: Math.round(lane.meter.perSecond(now) * 100) / 100,
      pausedUntil: lane.pausedUntil > now ? lane.pausedUntil : null,
      inFlight: lane.inFlight,
      queued: lane.heaps.reduce((n, h) => n + h.size, 0),
    }));
  }

  /** Requests in flight over all hosts. */
  inFlight(): number {
    let n = 0;
    for (const lane of this.#lanes.values()) n += lane.inFlight + lane.uncappedInFlight;
    return n;
  }

  /** Resolves when nothing is in flight (tests drive a virtual clock with it). */
  whenIdle(): Promise<void> {
    if (this.inFlight() === 0 && !this.#pumpQueued) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  dispose(): void {
    this.#disposed = true;
    this.#timer?.cancel();
    this.#timer = null;
    for (const origin of [...this.#lanes.keys()]) this.removeHost(origin);
    this.#notifyIdle();
  }

  // ---- the loop ----

  #lane(origin: string): Lane {
    let lane = this.#lanes.get(origin);
    if (!lane) {
      this.setHost(origin, this.#defaultHost);
      lane = this.#lanes.get(origin) as Lane;
    }
    return lane;
  }

  #requestPump(): void {
    if (this.#pumpQueued || this.#disposed) return;
    this.#pumpQueued = true;
    queueMicrotask(() => {
      this.#pumpQueued = false;
      this.#pump();
    });
  }

  #pump(): void {
    if (this.#disposed) return;
    const now = this.#clock.now();
    let wake = Infinity;
    for (const lane of this.#lanes.values()) wake = Math.min(wake, this.#pumpLane(lane, now));
    this.#arm(wake, now);
    this.#notifyIdle();
  }

  /** Sends what may go now; returns when this lane next needs a look (Infinity: a completion will tell). */
  #pumpLane(lane: Lane, now: number): number {
    if (now < lane.pausedUntil) return lane.pausedUntil;
    for (;;) {
      const probing = lane.probe && lane.probeInFlight;
      const free = !probing && lane.inFlight < lane.maxInFlight;
      // Uncapped jobs (see UrgentOptions) first: the ones in flight may be waiting on them.
      const index = free ? 0 : lane.urgent.findIndex((j) => j.uncapped);
      if (!free && index < 0) break;
      const job = lane.urgent[index];
      let task: PollTask | undefined;
      if (!job) {
        if (this.#paused) return Infinity;
        const pick = this.#pick(lane, now);
        if (typeof pick === 'number') return pick;
        task = pick;
      }
      if (!lane.bucket.tryTake(now)) return lane.bucket.readyAt(now);
      lane.meter.mark(now);
      const counted = !job?.uncapped;
      if (counted) lane.inFlight++;
      else lane.uncappedInFlight++;
      let running: Promise<void>;
      if (job) {
        lane.urgent.splice(index, 1);
        running = job.start();
      } else {
        const t = task as PollTask;
        lane.heaps[t.cls]?.remove(t);
        this.#onDispatch?.(t, now - t.due);
        running = this.#start(t);
      }
      const probe = lane.probe && !lane.probeInFlight;
      if (probe) lane.probeInFlight = true;
      running.then(
        () => this.#settled(lane, counted, probe),
        () => this.#settled(lane, counted, probe),
      );
    }
    return Infinity;
  }

  #start(task: PollTask): Promise<void> {
    try {
      return task.run().catch((error: unknown) => {
        this.#log.error('poll task failed', { error: error instanceof Error ? error.message : String(error) });
      });
    } catch (error) {
      this.#log.error('poll task threw', { error: error instanceof Error ? error.message : String(error) });
      return Promise.resolve();
    }
  }

  #settled(lane: Lane, counted: boolean, probe: boolean): void {
    if (counted) lane.inFlight--;
    else lane.uncappedInFlight--;
    if (probe) {
      lane.probeInFlight = false;
      // Answered without a new pause: the host takes requests again.
      if (lane.pausedUntil <= this.#clock.now()) lane.probe = false;
    }
    this.#requestPump();
  }

  /**
   * The task to send now (the highest tier first, then see leadMs; earliest due within a class), or when to look again. Under a
   * budget, a task does not take the token when a task of a higher tier (see tiers) falls due before the
   * next token would come: that token waits for it, so the tasks planned on slots keep their rhythm and
   * the classes with a share keep theirs (the lower tiers get what is left, a little less of it).
   */
  #pick(lane: Lane, now: number): PollTask | number {
    const rate = lane.bucket.rate;
    // Batching saves timer wake-ups at thousands of polls a second; under a budget there are a few, and a
    // poll sent early would move the ones planned on the slots after it.
    const limit = now + (rate === null ? this.#tolerance : 0);
    let soonest = Infinity;
    let best: PollTask | undefined;
    let bestRank = Infinity;
    let bestTier = 0;
    for (let cls = 0; cls < lane.heaps.length; cls++) {
      const top = (lane.heaps[cls] as IndexedHeap<PollTask>).peek();
      if (!top) continue;
      if (top.due > limit) {
        soonest = Math.min(soonest, top.due);
        continue;
      }
      const rank = top.due - (this.#lead[cls] ?? 0);
      const tier = this.#tier[cls] ?? 0;
      if (!best || tier > bestTier || (tier === bestTier && rank < bestRank)) {
        bestRank = rank;
        best = top;
        bestTier = tier;
      }
    }
    if (rate !== null) {
      // A higher tier due before the next token (if this one took it) keeps the token: the top tier (the
      // slots) waits for its time, any other goes a little early (by less than one spacing) rather than
      // leave the token idle; its interval is seconds long, the budget's spacing half a second.
      const horizon = now + 1000 / rate;
      // Only a tier above the due task's matters (any tier when nothing is due yet); the highest wins.
      const floor = best ? bestTier : -Infinity;
      let next: PollTask | undefined;
      let nextTier = -Infinity;
      for (let cls = 0; cls < lane.heaps.length; cls++) {
        const tier = this.#tier[cls] ?? 0;
        if (tier <= floor) continue;
        const top = (lane.heaps[cls] as IndexedHeap<PollTask>).peek();
        if (!top || top.due <= limit || top.due > horizon) continue;
        if (!next || tier > nextTier || (tier === nextTier && top.due < next.due)) {
          next = top;
          nextTier = tier;
        }
      }
      if (next) return nextTier >= this.#topTier ? next.due : next;
    }
    return best ?? soonest;
  }

  #arm(at: number, now: number): void {
    if (at === this.#timerAt && this.#timer) return;
    this.#timer?.cancel();
    this.#timer = null;
    this.#timerAt = at;
    if (at === Infinity) return;
    this.#timer = this.#clock.setTimeout(
      () => {
        this.#timer = null;
        this.#timerAt = Infinity;
        this.#pump();
      },
      Math.max(0, Math.ceil(at - now)),
    );
  }

  #notifyIdle(): void {
    if (this.#idleWaiters.length === 0) return;
    if (!this.#disposed && (this.inFlight() > 0 || this.#pumpQueued)) return;
    for (const resolve of this.#idleWaiters.splice(0)) resolve();
  }
}
