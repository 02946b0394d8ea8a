// The poller: every room of every connected connection, kept fresh under each host's request budget.
// It follows the connections (sync), lists each connection's rooms, keeps their call state fresh with the
// bulk status call where the budget is limited, and polls rooms one by one by priority (focused or pinned,
// then dialing 2 s, active 5 s, the rest 20 s) through the one Scheduler. Under a budget, the urgent polls
// and the bulk call sit on the budget's slot grid when they fit (slots.ts), so each goes out on time; what
// does not fit is shared by share.ts. Errors back off per room; a 429 pauses the whole host (slow-down.ts);
// a room's failure never touches another room. Every other Relay call of the app goes through the same
// host budget (gate(), wired into the connections' HttpClient by core.ts).
import { defaultPollBudget, type AppErrorBody, type ConnectionView, type EventLogEntry, type RoomAction, type RoomListStatus, type RoomView } from '../../contract/index.ts';
import { AppError } from '../ipc/app-error.ts';
import { HttpError } from '../net/errors.ts';
import type { Clock, Logger } from '../ports.ts';
import { silentLogger } from '../ports.ts';
import { RelayClient, type RelayHttp, type RelayTokens } from '../relay/client.ts';
import type { RelayBulkItem, RelayEndpoint, RelayRoomStatus } from '../relay/schemas.ts';
import { backoffDelay, defaultBackoff, type BackoffOptions } from './backoff.ts';
import { jitter, nextSlot, phaseOf, type JitterOptions } from './phase.ts';
import {
  applyObservation,
  infoFromEndpoint,
  intervalFor,
  newRoomEntry,
  observeBulkItem,
  observeStatus,
  offlineObservation,
  sameInfo,
  seedIntervals,
  type Intervals,
  type Observation,
  type RoomEntry,
  type RoomInfo,
} from './room-state.ts';
import { sendRatePerSec } from './budget.ts';
import { Scheduler, type HostStatus, type PollTask, type UrgentOptions } from './scheduler.ts';
import { planShares, stretchFactors } from './share.ts';
import { SlowDowns, slowDownMessage, type SlowDownEpisode } from './slow-down.ts';
import { planSlots, type Placement, type SlotTask } from './slots.ts';
import { isStale } from './stale.ts';
import { toView } from './view.ts';

/** A connection as the poller needs it: its public view and its Relay token source. */
export interface PollConnection {
  view: ConnectionView;
  tokens: RelayTokens;
}

/** Where the poller's results go: the diff batcher and the event log. */
export interface PollerSink {
  dirty(key: string): void;
  /** As dirty(), sent without waiting for the next batch (a person's action). */
  dirtyNow?(key: string): void;
  removed(key: string): void;
  log(entry: Omit<EventLogEntry, 'id' | 'at'>): void;
  /** A host's pause or the global pause changed. */
  status(): void;
  /** A connection's room list was read, or could not be (its connection's view says so). */
  roomList?(connectionId: string, status: RoomListStatus): void;
  /**
   * A room's own status call answered: online, or offline with the Relay error that said so
   * (ListenerOffline: its Listener Service is offline; CommandTimedOut: its device does not answer).
   */
  answered?(key: string, outcome: { online: true } | { online: false; by: string }): void;
}

export interface PollerOptions {
  clock: Clock;
  http: RelayHttp;
  sink: PollerSink;
  log?: Logger;
  intervals?: Partial<Intervals>;
  /**
   * A connection's host limit, requests a second (sent budgetSpacingMs apart, contract/budget.ts); null =
   * unlimited (on-premises, or a simulator run without its limit). Default: Relay's limit for every host.
   */
  budgetFor?: (view: ConnectionView) => number | null;
  /** Requests in flight per host (default 4 under a budget, 16 without). */
  maxInFlight?: number;
  /**
   * How often the bulk status call runs under a budget (ms): as often as `bulkIntervalMs` when the budget
   * has room, stretched up to `bulkMaxIntervalMs` when focused, dialing and active rooms need the budget
   * (keeping their share below `headroom` of it, so their polls are not queued behind each other).
   */
  bulkIntervalMs?: number;
  bulkMaxIntervalMs?: number;
  headroom?: number;
  /**
   * Under a budget, place the polls of focused and pinned, dialing and active rooms and the bulk call on the
   * budget's slot grid so they never queue behind each other (slots.ts; default true).
   */
  slots?: boolean;
  /**
   * How much longer a slot is than the budget's spacing of requests (default 5 ms: 555 ms slots under
   * Relay's limit), so a send held up a little (a busy event loop) is caught up. Small on purpose: dialing
   * rooms every 4 slots, active rooms and the bulk call every 10 fill the grid exactly (2.22 s, 5.55 s).
   */
  slotSlackMs?: number;
  /** Also use the bulk call when the budget is unlimited (default false: every room per room). */
  bulkWhenUnlimited?: boolean;
  /** How often each connection's room list is read again (ms). */
  listRefreshMs?: number;
  jitter?: JitterOptions;
  backoff?: BackoffOptions;
  /** Consecutive failures after which a room shows as unreachable (reachability 'error'). */
  unreachableAfter?: number;
  /** A bulk item this much older than the freshest one is an offline room. */
  offlineAgeMs?: number;
  /** How often freshness (stale) and the budget's stretch are re-evaluated (ms). */
  sweepMs?: number;
  /** Wait before the poll that confirms an action (the device needs a moment). */
  confirmDelayMs?: number;
  random?: () => number;
  /**
   * Without a budget, polls due within this many ms go out together (default 100): far fewer timer
   * wake-ups and event-loop turns at thousands of rooms (bench/poller, 10,000 rooms: CPU about a fifth
   * lower than at 25 ms), for a poll at most that much early: no more than the ±5 % jitter of the
   * shortest (2 s) interval. Under a budget polls are not batched (see Scheduler).
   */
  batchMs?: number;
  /** Benchmarks: called as each poll is sent, with its lateness. */
  onDispatch?: (task: PollTask, latenessMs: number) => void;
  /** Tests: how a connection's client is made. */
  clientFor?: (conn: PollConnection, http: RelayHttp) => RelayClient;
}

/**
 * Priority classes: who gets the budget, in this order (the shares, share.ts). 0 is the system's own
 * calls (list, bulk). A room whose class has a share (in full, or stretched to a longer interval so the
 * shares fit) waits in its class's queue; the scheduler takes among due rooms the one with the smallest
 * (due − lead): the system first, then roughly earliest due first with a small lead for focused and
 * dialing rooms (strict priority lets active rooms wait too long behind dialing ones at a full budget,
 * plain earliest-due lets dialing ones wait too long). Rooms of a class left without a share wait in one
 * last queue, oldest first, and get what the others leave.
 */
const CLS_SYSTEM = 0;
const CLS_FOCUS = 1;
const CLS_DIALING = 2;
const CLS_ACTIVE = 3;
const CLS_REST = 4;
const CLASSES = 5;
const Q_UNSERVED = CLASSES;
/** Polls placed on the budget's slot grid (slots.ts): first, and no other poll takes a token they need. */
const Q_SLOT = CLASSES + 1;
const QUEUES = CLASSES + 2;
const QUEUE_LEAD_MS = [1e12, 1_000, 500, 0, 0, -1e12, 1e12];
/** Scheduler tiers (see SchedulerOptions.tiers): slots, then every class with a share, then the rest. */
const QUEUE_TIERS = [1, 1, 1, 1, 1, 0, 2];
/**
 * A call made for a person or for the app (urgent(), gate()) that the server refused with 429 goes again
 * after the wait, at most this many times and while the waits add up to no more than URGENT_MAX_WAIT_MS.
 */
const URGENT_TRIES = 4;
const URGENT_MAX_WAIT_MS = 60_000;

/** The longest interval the dashboard is told (a class the budget cannot reach at all, with no bulk call). */
const MAX_INTERVAL_MS = 24 * 3_600_000;

interface SystemTask extends PollTask {
  failures: number;
}

/** What a host's plan is made from (see #sweep). */
interface HostLoad {
  /** Keys of the bulk calls (one per connection using it). */
  bulk: string[];
  /** Requests per second each class would use at its nominal intervals (index: class). */
  demand: number[];
  /** The rooms of the focus, dialing and active classes, at their nominal intervals. */
  urgent: { key: string; interval: number }[][];
}

/** The budget's slot grid on a host and where the planned polls sit on it (keys: room keys and bulkKey()). */
interface SlotGrid {
  slotMs: number;
  placements: Map<string, Placement>;
  signature: string;
}

interface HostPlan {
  bulkMs: number;
  factors: number[];
  slots: SlotGrid | null;
}

const bulkKey = (conn: { id: string }): string => `bulk:${conn.id}`;

/** Slots between two polls at `intervalMs` (never shorter than the interval). */
const periodOf = (intervalMs: number, slotMs: number): number => Math.max(1, Math.ceil(intervalMs / slotMs - 1e-9));

const range = (from: number, to: number): number[] => Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);

function grid(slotMs: number, placements: Map<string, Placement>): SlotGrid {
  const signature = [...placements].map(([k, p]) => `${k}:${p.period}:${p.offset}`).join(',');
  return { slotMs, placements, signature: `${slotMs}/${signature}` };
}

interface Conn {
  id: string;
  view: ConnectionView;
  origin: string;
  client: RelayClient;
  rooms: Map<string, RoomEntry>;
  active: boolean;
  /** Bumped when the connection stops, restarts or goes: answers of an older generation are dropped. */
  gen: number;
  listTask: SystemTask;
  bulkTask: SystemTask;
  /** false after the server said it has no bulk call (404): per-room polling only. */
  bulkSupported: boolean;
  /** When the last bulk answer came (clock ms; -Infinity before the first). */
  bulkAt: number;
  listed: boolean;
}

export class Poller {
  readonly #clock: Clock;
  readonly #http: RelayHttp;
  readonly #sink: PollerSink;
  readonly #log: Logger;
  readonly #intervals: Intervals;
  readonly #budgetFor: (view: ConnectionView) => number | null;
  readonly #maxInFlight: number | undefined;
  readonly #bulkMinMs: number;
  readonly #bulkMaxMs: number;
  readonly #headroom: number;
  /** The bulk interval in use per host (see bulkIntervalMs). */
  readonly #bulkMsByHost = new Map<string, number>();
  readonly #bulkWhenUnlimited: boolean;
  readonly #listMs: number;
  readonly #jitter: JitterOptions;
  readonly #backoff: BackoffOptions;
  readonly #unreachableAfter: number;
  readonly #offlineAgeMs: number;
  readonly #sweepMs: number;
  readonly #confirmDelayMs: number;
  readonly #random: () => number;
  readonly #clientFor: (conn: PollConnection, http: RelayHttp) => RelayClient;
  readonly scheduler: Scheduler;
  readonly #conns = new Map<string, Conn>();
  readonly #rooms = new Map<string, RoomEntry>();
  readonly #pins = new Set<string>();
  #budgets = new Map<string, number | null>();
  /** The last stretch factors per host (index: class − 1). */
  readonly #lastFactors = new Map<string, number[]>();
  /** What the shares were derived from at the last sweep, per host. */
  readonly #shareSignature = new Map<string, string>();
  readonly #slotsOn: boolean;
  readonly #slotSlackMs: number;
  readonly #slowDowns: SlowDowns;
  /** The names of the connections on each host (what the poller bar and the event log say). */
  #names = new Map<string, string[]>();
  /** Per host under a budget: the slot grid and where the urgent polls sit on it (see #planHost). */
  readonly #slotPlans = new Map<string, SlotGrid>();
  /** The input and result of the last slot planning per host (it is redone only when its input moves). */
  readonly #slotCache = new Map<string, { input: string; plan: HostPlan }>();
  /** Set when something besides the shares decides intervals (a connection starts or stops, bulk goes away). */
  #forceIntervals = true;
  #focus = new Set<string>();
  #sweepTimer: { cancel(): void } | null = null;
  #disposed = false;

  constructor(options: PollerOptions) {
    this.#clock = options.clock;
    this.#http = options.http;
    this.#sink = options.sink;
    this.#log = options.log ?? silentLogger;
    this.#intervals = { ...seedIntervals, ...options.intervals };
    this.#budgetFor = options.budgetFor ?? (() => defaultPollBudget);
    this.#maxInFlight = options.maxInFlight;
    this.#bulkMinMs = options.bulkIntervalMs ?? 5_000;
    this.#bulkMaxMs = Math.max(this.#bulkMinMs, options.bulkMaxIntervalMs ?? 8_000);
    this.#headroom = options.headroom ?? 0.92;
    this.#slotsOn = options.slots ?? true;
    this.#slotSlackMs = Math.max(0, options.slotSlackMs ?? 5);
    this.#bulkWhenUnlimited = options.bulkWhenUnlimited ?? false;
    this.#listMs = options.listRefreshMs ?? 10 * 60_000;
    this.#jitter = options.jitter ?? { fraction: 0.05, maxMs: 1_000 };
    this.#backoff = options.backoff ?? defaultBackoff;
    this.#unreachableAfter = options.unreachableAfter ?? 3;
    this.#offlineAgeMs = options.offlineAgeMs ?? 5 * 60_000;
    this.#sweepMs = options.sweepMs ?? 1_000;
    this.#confirmDelayMs = options.confirmDelayMs ?? 300;
    this.#random = options.random ?? Math.random;
    this.#clientFor =
      options.clientFor ??
      ((conn, http) =>
        new RelayClient({
          base: conn.view.bases.relay,
          http,
          tokens: conn.tokens,
          capabilities: () => conn.view.capabilities,
          // The retry after a 401 is one more request to the host: it takes its token from the budget too.
          beforeRetry: () => this.scheduler.urgent(originOf(conn.view.bases.relay), () => Promise.resolve(), { uncapped: true }),
        }));
    this.scheduler = new Scheduler({
      clock: this.#clock,
      classes: QUEUES,
      leadMs: QUEUE_LEAD_MS,
      tiers: QUEUE_TIERS,
      toleranceMs: options.batchMs ?? 100,
      log: this.#log,
      onDispatch: options.onDispatch,
      // A host no connection set up yet (a connection being added, a sign-out after the last one went): Relay's limit.
      defaultHost: { budgetPerSec: defaultPollBudget, maxInFlight: 4 },
    });
    this.#slowDowns = new SlowDowns({ clock: this.#clock, onEnd: (e) => this.#slowDownEnded(e) });
    this.#armSweep();
  }

  // ---- following the connections ----

  /** Brings the poller in line with the connections: new ones start, changed ones adapt, removed ones stop at once. */
  sync(connections: readonly PollConnection[]): void {
    if (this.#disposed) return;
    const seen = new Set<string>();
    for (const pc of connections) {
      if (!pc.view.capabilities.canView) continue;
      seen.add(pc.view.id);
      const conn = this.#conns.get(pc.view.id);
      if (!conn || conn.origin !== originOf(pc.view.bases.relay)) {
        if (conn) this.#drop(conn);
        this.#add(pc);
      } else this.#update(conn, pc);
    }
    for (const conn of [...this.#conns.values()]) if (!seen.has(conn.id)) this.#drop(conn);
    this.#syncHosts();
  }

  #add(pc: PollConnection): void {
    const conn: Conn = {
      id: pc.view.id,
      view: pc.view,
      origin: originOf(pc.view.bases.relay),
      client: this.#clientFor(pc, this.#http),
      rooms: new Map(),
      active: false,
      gen: 0,
      listTask: this.#systemTask(originOf(pc.view.bases.relay), () => this.#runList(conn)),
      bulkTask: this.#systemTask(originOf(pc.view.bases.relay), () => this.#runBulk(conn)),
      bulkSupported: true,
      bulkAt: -Infinity,
      listed: false,
    };
    this.#conns.set(conn.id, conn);
    this.#syncHosts();
    if (pc.view.state === 'connected') this.#start(conn);
  }

  #update(conn: Conn, pc: PollConnection): void {
    const before = conn.view;
    conn.view = pc.view;
    if (before.name !== pc.view.name || before.capabilities.canControl !== pc.view.capabilities.canControl || before.state !== pc.view.state) {
      for (const room of conn.rooms.values()) this.#sink.dirty(room.key);
    }
    if (pc.view.state === 'connected' && !conn.active) this.#start(conn);
    else if (pc.view.state !== 'connected' && conn.active) this.#stop(conn);
  }

  #start(conn: Conn): void {
    this.#forceIntervals = true;
    conn.active = true;
    conn.gen++;
    this.#sink.log({ ...this.#connFields(conn), kind: 'connection', cause: 'app', message: conn.listed ? 'Polling resumed.' : 'Polling started.' });
    const now = this.#clock.now();
    conn.listTask.failures = 0;
    this.#queueSystem(conn.listTask, now);
    for (const room of conn.rooms.values()) {
      // The connection's own trouble (set by #stop) is over; a room's own error stays until it answers.
      if (room.error?.code === 'unauthorized') {
        room.error = null;
        this.#sink.dirty(room.key);
      }
      this.#scheduleRoom(room, now, { first: true });
    }
  }

  /** The connection is not usable now (reconnect needed, error, connecting): no more requests; rooms stay and go stale. */
  #stop(conn: Conn): void {
    this.#forceIntervals = true;
    conn.active = false;
    conn.gen++;
    this.scheduler.unschedule(conn.listTask);
    this.scheduler.unschedule(conn.bulkTask);
    const reason: AppErrorBody | null =
      conn.view.state === 'connecting' ? null : { code: 'unauthorized', message: conn.view.reason ?? `The connection "${conn.view.name}" needs attention.` };
    for (const room of conn.rooms.values()) {
      this.scheduler.unschedule(room);
      if (reason) room.error = reason;
      room.pending = null;
      this.#sink.dirty(room.key);
    }
    this.#sink.log({ ...this.#connFields(conn), kind: 'connection', cause: 'app', message: `Polling stopped: ${conn.view.reason ?? 'the connection is not connected'}.` });
  }

  /** Removed: its rooms go at once and nothing of it is sent again. */
  #drop(conn: Conn): void {
    conn.active = false;
    conn.gen++;
    this.#conns.delete(conn.id);
    this.scheduler.unschedule(conn.listTask);
    this.scheduler.unschedule(conn.bulkTask);
    for (const room of conn.rooms.values()) this.#removeRoom(room);
    conn.rooms.clear();
    this.#sink.log({ ...this.#connFields(conn), kind: 'connection', cause: 'app', message: 'Connection removed: its rooms are no longer polled.' });
  }

  #syncHosts(): void {
    const budgets = new Map<string, number | null>();
    const names = new Map<string, string[]>();
    for (const conn of this.#conns.values()) {
      const b = this.#budgetFor(conn.view);
      const prev = budgets.get(conn.origin);
      // Connections to one host share its budget; the strictest one wins.
      budgets.set(conn.origin, prev === undefined ? b : prev === null ? b : b === null ? prev : Math.min(prev, b));
      names.set(conn.origin, [...(names.get(conn.origin) ?? []), conn.view.name]);
    }
    this.#budgets = budgets;
    this.#names = names;
    for (const [origin, budget] of budgets) {
      this.scheduler.setHost(origin, { budgetPerSec: budget, maxInFlight: this.#maxInFlight ?? (budget === null ? 16 : 4) });
    }
    for (const host of this.scheduler.hosts()) {
      if (budgets.has(host.origin)) continue;
      // No connection uses it any more; one still waiting (a sign-out's revoke) goes under Relay's limit.
      if (this.scheduler.busy(host.origin)) this.scheduler.setHost(host.origin, { budgetPerSec: defaultPollBudget, maxInFlight: 4 });
      else {
        this.scheduler.removeHost(host.origin);
        this.#slowDowns.forget(host.origin);
      }
    }
  }

  #bulkOn(conn: Conn): boolean {
    if (!conn.bulkSupported || conn.view.capabilities.zeroTouch) return false;
    return this.#budget(conn.origin) !== null || this.#bulkWhenUnlimited;
  }

  #bulkMs(origin: string): number {
    return this.#bulkMsByHost.get(origin) ?? this.#bulkMinMs;
  }

  #budget(origin: string): number | null {
    return this.#budgets.get(origin) ?? null;
  }

  // ---- the room list ----

  #systemTask(host: string, run: () => Promise<void>): SystemTask {
    return { host, cls: CLS_SYSTEM, due: 0, order: 0, heapIndex: -1, failures: 0, run };
  }

  #queueSystem(task: SystemTask, due: number, queue = CLS_SYSTEM): void {
    task.due = due;
    task.cls = queue;
    this.scheduler.schedule(task);
  }

  async #runList(conn: Conn): Promise<void> {
    if (!conn.active) return;
    const gen = conn.gen;
    let endpoints: (Pick<RelayEndpoint, 'id' | 'name' | 'location' | 'controlProtocol' | 'customData'> & Partial<Pick<RelayEndpoint, 'listenerServiceId'>>)[];
    try {
      const zt = conn.view.capabilities.zeroTouch;
      endpoints = zt ? [await this.#pairedRoom(conn, zt)] : await conn.client.endpoints();
    } catch (error) {
      if (conn.gen !== gen || !conn.active) return;
      const e = toAppError(error);
      const now = this.#clock.now();
      if (this.#rateLimited(conn.origin, e, now)) return this.#queueSystem(conn.listTask, this.#pausedUntil(conn.origin));
      this.#sink.roomList?.(conn.id, { status: 'failed', message: e.message });
      conn.listTask.failures++;
      if (conn.listTask.failures === 1) {
        this.#sink.log({ ...this.#connFields(conn), kind: 'error', cause: 'poll', message: `The room list could not be read: ${e.message}` });
      }
      this.#queueSystem(conn.listTask, now + backoffDelay(conn.listTask.failures, this.#random, this.#backoff));
      return;
    }
    if (conn.gen !== gen || !conn.active) return;
    const now = this.#clock.now();
    conn.listTask.failures = 0;
    this.#reconcile(conn, endpoints, now);
    this.#sink.roomList?.(conn.id, { status: 'read', rooms: conn.rooms.size });
    const first = !conn.listed;
    conn.listed = true;
    this.#queueSystem(conn.listTask, now + this.#listMs);
    if (first && this.#bulkOn(conn) && !this.scheduler.isQueued(conn.bulkTask)) this.#queueSystem(conn.bulkTask, now);
  }

  /**
   * A pairing's one room: its id comes from the pairing token (pairingCodeEndpointId), its name from the
   * connection; the look-up's undocumented body (reference §2.3) only adds detail, so its failure does not
   * matter — unless it says the token itself is refused or the server asks to slow down.
   */
  async #pairedRoom(conn: Conn, zt: { endpointId: string; pairingCodeId: string }): Promise<Pick<RelayEndpoint, 'id' | 'name' | 'location' | 'controlProtocol'>> {
    const room = { id: zt.endpointId, name: conn.view.name, location: null, controlProtocol: null };
    try {
      const info = await conn.client.pairingCodeInfo(zt.pairingCodeId);
      return { id: room.id, name: info.name ?? room.name, location: info.location, controlProtocol: info.controlProtocol };
    } catch (error) {
      const code = toAppError(error).code;
      if (code === 'unauthorized' || code === 'rate_limited') throw error;
      return room;
    }
  }

  #reconcile(conn: Conn, endpoints: (Pick<RelayEndpoint, 'id' | 'name' | 'location' | 'controlProtocol' | 'customData'> & Partial<Pick<RelayEndpoint, 'listenerServiceId'>>)[], now: number): void {
    const present = new Set<string>();
    let added = 0;
    for (const e of endpoints) {
      if (present.has(e.id)) continue;
      present.add(e.id);
      const info = infoFromEndpoint(e);
      const room = conn.rooms.get(e.id);
      if (room) {
        if (!sameInfo(room.info, info)) {
          room.info = info;
          this.#sink.dirty(room.key);
        }
        continue;
      }
      this.#newRoom(conn, e.id, info, now);
      added++;
    }
    let removed = 0;
    for (const room of [...conn.rooms.values()]) {
      if (present.has(room.endpointId)) continue;
      conn.rooms.delete(room.endpointId);
      this.#removeRoom(room);
      removed++;
    }
    if (added > 0 || removed > 0) {
      const parts = [added > 0 ? `${added} room${added === 1 ? '' : 's'} added` : '', removed > 0 ? `${removed} removed` : ''].filter(Boolean);
      this.#sink.log({ ...this.#connFields(conn), kind: 'connection', cause: 'poll', message: `Room list read: ${parts.join(', ')}.` });
    }
  }

  #newRoom(conn: Conn, endpointId: string, info: RoomInfo, now: number): RoomEntry {
    const key = `${conn.id}/${endpointId}`;
    const room: RoomEntry = newRoomEntry({
      connectionId: conn.id,
      endpointId,
      host: conn.origin,
      info,
      intervalMs: this.#bulkOn(conn) ? Math.min(this.#intervals.inactive, this.#bulkMs(conn.origin)) : this.#intervals.inactive,
      pollEvery: this.#intervals.inactive,
      pinned: this.#pins.has(key),
      focused: this.#focus.has(key),
      cls: CLS_REST,
      now,
      run: () => this.#pollRoom(room),
    });
    conn.rooms.set(endpointId, room);
    this.#rooms.set(key, room);
    this.#sink.dirty(key);
    this.#scheduleRoom(room, now, { first: true });
    return room;
  }

  #removeRoom(room: RoomEntry): void {
    room.removed = true;
    this.scheduler.unschedule(room);
    this.#rooms.delete(room.key);
    this.#sink.removed(room.key);
  }

  // ---- scheduling a room ----

  #classOf(room: RoomEntry): number {
    if (room.focused || room.pinned) return CLS_FOCUS;
    if (room.call === 'dialing') return CLS_DIALING;
    if (room.call === 'in-call') return CLS_ACTIVE;
    return CLS_REST;
  }

  /** The budget's stretch of the room's class on its host (1: served in full). */
  #factorOf(room: RoomEntry): number {
    return this.#lastFactors.get(room.host)?.[this.#classOf(room) - 1] ?? 1;
  }

  /** The scheduler queue the room waits in (see CLS_*). */
  #queueOf(room: RoomEntry): number {
    if (room.slot && room.failures === 0) return Q_SLOT;
    return Number.isFinite(this.#factorOf(room)) ? this.#classOf(room) : Q_UNSERVED;
  }

  /** The room's place on its host's slot grid, if the plan has one for it at this interval. */
  #slotOf(room: RoomEntry, interval: number): { grid: SlotGrid; slot: Placement } | null {
    const grid = this.#slotPlans.get(room.host);
    const slot = grid?.placements.get(room.key);
    if (!grid || !slot || room.failures > 0 || slot.period !== periodOf(interval, grid.slotMs)) return null;
    return { grid, slot };
  }

  /**
   * Queues the room's next status call: on its slots when the budget's plan has some for it (exactly, no
   * jitter: the budget spaces requests already), else on its grid (phase from its key, plus jitter) when
   * healthy, after its backoff when failing. `first`: the first slot may be now (a new room, a restart);
   * otherwise at least a quarter interval away.
   */
  #scheduleRoom(room: RoomEntry, now: number, how: { first?: boolean; keepEarlier?: boolean } = {}): void {
    const conn = this.#conns.get(room.connectionId);
    if (!conn || !conn.active || room.removed) return;
    const interval = this.#pollInterval(room);
    const placed = this.#slotOf(room, interval);
    let due: number;
    if (room.failures > 0) due = now + backoffDelay(room.failures, this.#random, this.#backoff);
    else if (placed) {
      const every = placed.slot.period * placed.grid.slotMs;
      due = nextSlot(how.first ? now : now + every / 4, every, placed.slot.offset * placed.grid.slotMs);
    } else {
      // A quarter interval at least between two polls of a room, so a late poll keeps its cadence (the next
      // grid point) rather than skipping a cycle, and one near a grid point does not run twice.
      const earliest = how.first ? now : now + interval / 4;
      due = nextSlot(earliest, interval, phaseOf(room.key, interval)) + jitter(interval, this.#jitter, this.#random);
      if (how.first) due = Math.max(now, due);
    }
    // A room on slots keeps to them (an earlier, unplanned time would take another's slot).
    if (how.keepEarlier && !placed && this.scheduler.isQueued(room)) due = Math.min(due, room.due);
    room.slot = placed?.slot ?? null;
    room.pollEvery = interval;
    room.due = due;
    room.cls = this.#queueOf(room);
    this.scheduler.schedule(room);
  }

  /**
   * How often the room's own status call runs: its state's interval, stretched by its class's share of
   * the budget (so a class the budget cannot cover in full is spread evenly, each room at the same longer
   * interval). A class with no share at all keeps its nominal grid and waits in line, oldest first.
   */
  #pollInterval(room: RoomEntry): number {
    const nominal = intervalFor(room.call, this.#intervals);
    const f = this.#factorOf(room);
    return Number.isFinite(f) && f > 1 ? Math.min(MAX_INTERVAL_MS, Math.round(nominal * f)) : nominal;
  }

  /**
   * The shares moved: a room whose class gained or lost its share changes queue, and one whose planned
   * interval changed goes onto the new grid: sooner if it shrank, spread over the new interval if it grew
   * (so a class that just got stretched does not queue up at once in front of everyone).
   */
  #replan(room: RoomEntry, now: number): void {
    if (!this.scheduler.isQueued(room)) return;
    const every = this.#pollInterval(room);
    if (room.failures === 0 && Math.abs(every - room.pollEvery) > room.pollEvery * 0.1) {
      this.#scheduleRoom(room, now, { first: true, keepEarlier: every < room.pollEvery });
      // Spread over the new interval, but counted from its last answer, not from now: when the shares move
      // again and again (rooms dialing, joining and leaving calls), a room pushed a whole new interval away
      // at each move would wait several of its intervals (or never be polled at all).
      const last = room.detailAt;
      if (last !== null && !room.slot && this.scheduler.isQueued(room)) {
        const latest = Math.max(now, last + every);
        if (room.due > latest) {
          room.due = latest;
          this.scheduler.schedule(room);
        }
      }
      return;
    }
    const placed = this.#slotOf(room, every)?.slot ?? null;
    if (room.failures === 0 && !samePlacement(placed, room.slot)) {
      // Onto its new slots (or off them): not sooner than a quarter interval after its last answer.
      const last = room.detailAt ?? -Infinity;
      this.#scheduleRoom(room, Math.max(now, Math.min(last + every / 4, now + every)), { first: true });
      return;
    }
    const queue = this.#queueOf(room);
    if (queue !== room.cls) {
      room.cls = queue;
      this.scheduler.schedule(room);
    }
  }

  /** The room's class or interval changed: move it, never later than it already was. */
  #reschedule(room: RoomEntry, now: number): void {
    if (!this.scheduler.isQueued(room)) return; // in flight: its answer schedules it
    if (room.failures > 0) {
      room.cls = this.#queueOf(room);
      this.scheduler.schedule(room);
      return;
    }
    this.#scheduleRoom(room, now, { first: true, keepEarlier: true });
  }

  // ---- polling a room ----

  async #pollRoom(room: RoomEntry): Promise<void> {
    const conn = this.#conns.get(room.connectionId);
    if (!conn || !conn.active || room.removed) return;
    const gen = conn.gen;
    let status: RelayRoomStatus | undefined;
    let failure: AppError | undefined;
    try {
      status = await conn.client.status(room.endpointId);
    } catch (error) {
      failure = toAppError(error);
    }
    if (conn.gen !== gen || !conn.active || room.removed) return;
    const now = this.#clock.now();
    if (status) this.#onStatus(conn, room, status, now);
    else if (failure) this.#onStatusError(conn, room, failure, now);
    if (failure && this.#rateLimited(conn.origin, failure, now)) {
      // Not the room's fault: it goes again right after the pause, without backoff.
      room.due = this.#pausedUntil(conn.origin);
      room.cls = this.#queueOf(room);
      this.scheduler.schedule(room);
    } else this.#scheduleRoom(room, now);
  }

  #onStatus(conn: Conn, room: RoomEntry, status: RelayRoomStatus, now: number): void {
    const obs = observeStatus(status);
    if (!obs) {
      this.#onStatusError(conn, room, new AppError('bad_response', 'Relay answered with a room status Relay Console cannot read.'), now);
      return;
    }
    this.#observe(conn, room, obs, now, true);
    this.#sink.answered?.(room.key, { online: true });
  }

  #observe(conn: Conn, room: RoomEntry, obs: Observation, now: number, detail: boolean): void {
    const cls = this.#queueOf(room);
    const call = room.call;
    const changes = applyObservation(room, obs, now, detail);
    for (const c of changes) this.#sink.log({ ...this.#roomFields(conn, room), kind: c.kind, cause: 'poll', message: c.message });
    this.#refreshInterval(conn, room);
    room.stale = false;
    this.#sink.dirty(room.key);
    if (room.call !== call || this.#queueOf(room) !== cls) this.#reschedule(room, now);
  }

  #onStatusError(conn: Conn, room: RoomEntry, error: AppError, now: number): void {
    if (error.code === 'rate_limited') return;
    if (error instanceof HttpError && (error.serverCode === 'ListenerOffline' || error.serverCode === 'CommandTimedOut')) {
      // Relay answered: the room's Listener Service (or device) does not. That is the room's state, not a failure.
      this.#observe(conn, room, offlineObservation, now, true);
      this.#sink.answered?.(room.key, { online: false, by: error.serverCode });
      return;
    }
    room.failures++;
    const body = error.toBody();
    const changed = room.error?.message !== body.message;
    room.error = body;
    if (room.failures >= this.#unreachableAfter && room.reachability !== 'error') {
      room.reachability = 'error';
      this.#sink.log({ ...this.#roomFields(conn, room), kind: 'error', cause: 'poll', message: `Unreachable after ${room.failures} failed status calls: ${body.message}` });
    } else if (changed && room.failures === 1) {
      this.#sink.log({ ...this.#roomFields(conn, room), kind: 'error', cause: 'poll', message: `Status failed: ${body.message}` });
    }
    if (error.code === 'not_found') this.#relistSoon(conn);
    this.#sink.dirty(room.key);
  }

  /** The room list changed on the server: read it again soon (not before a minute since the last time). */
  #relistSoon(conn: Conn): void {
    const soon = this.#clock.now() + 60_000;
    if (this.scheduler.isQueued(conn.listTask) && conn.listTask.due > soon) this.#queueSystem(conn.listTask, soon);
  }

  // ---- the bulk call ----

  async #runBulk(conn: Conn): Promise<void> {
    if (!conn.active || !this.#bulkOn(conn)) return;
    const gen = conn.gen;
    let items: RelayBulkItem[];
    try {
      items = await conn.client.bulkStatus();
    } catch (error) {
      if (conn.gen !== gen || !conn.active) return;
      const e = toAppError(error);
      const now = this.#clock.now();
      if (this.#rateLimited(conn.origin, e, now)) return this.#queueSystem(conn.bulkTask, this.#pausedUntil(conn.origin));
      if (e.code === 'not_found' || e.code === 'forbidden') {
        // This server has no bulk call (or not for this role): every room per room, under the same budget.
        conn.bulkSupported = false;
        this.#forceIntervals = true;
        this.#sink.log({ ...this.#connFields(conn), kind: 'connection', cause: 'poll', message: 'This server has no bulk status call: rooms are polled one by one.' });
        this.#sweep();
        return;
      }
      conn.bulkTask.failures++;
      if (conn.bulkTask.failures === 1) this.#sink.log({ ...this.#connFields(conn), kind: 'error', cause: 'poll', message: `The bulk status call failed: ${e.message}` });
      this.#queueSystem(conn.bulkTask, now + backoffDelay(conn.bulkTask.failures, this.#random, this.#backoff));
      return;
    }
    if (conn.gen !== gen || !conn.active) return;
    const now = this.#clock.now();
    conn.bulkTask.failures = 0;
    conn.bulkAt = now;
    let serverNow = -Infinity;
    for (const item of items) if (typeof item.timestamp === 'number' && item.timestamp > serverNow) serverNow = item.timestamp;
    let unknown = 0;
    for (const item of items) {
      const room = conn.rooms.get(item.endpointId);
      if (!room) {
        unknown++;
        continue;
      }
      const obs = observeBulkItem(item, serverNow, this.#offlineAgeMs);
      if (obs) this.#observe(conn, room, obs, now, false);
    }
    if (unknown > 0) this.#relistSoon(conn);
    this.#queueBulk(conn, now);
  }

  /** Queues the next bulk call: on its slot when it has one, else on its grid (phase from the connection). */
  #queueBulk(conn: Conn, now: number): void {
    const grid = this.#slotPlans.get(conn.origin);
    const slot = grid?.placements.get(bulkKey(conn));
    const every = slot && grid ? slot.period * grid.slotMs : this.#bulkMs(conn.origin);
    // Half an interval at least after the last answer (so a new plan never runs it twice in a row).
    const earliest = Math.max(now, conn.bulkAt + every / 2);
    const due = slot && grid ? nextSlot(earliest, every, slot.offset * grid.slotMs) : nextSlot(earliest, every, phaseOf(conn.id, every));
    this.#queueSystem(conn.bulkTask, due, slot ? Q_SLOT : CLS_SYSTEM);
  }

  // ---- 429 ----

  /**
   * A 429: the host asked us to slow down. Nothing goes to it for the wait it asked (capped, slow-down.ts),
   * then one request probes before the rest follow (Scheduler.pauseHost); the 429 is counted in the host's
   * episode, which the event log tells once when it is over. Not an error of the room or the connection.
   */
  #rateLimited(origin: string, error: AppError, now: number): boolean {
    if (error.code !== 'rate_limited') return false;
    const wait = this.#slowDowns.refused(origin, error instanceof HttpError ? error.retryAfterMs : undefined, now);
    this.scheduler.pauseHost(origin, now + wait);
    this.#sink.status();
    return true;
  }

  #slowDownEnded(e: SlowDownEpisode): void {
    const names = this.#names.get(e.origin);
    this.#sink.log({ roomKey: null, roomName: null, connectionName: names?.join(', ') ?? null, kind: 'connection', cause: 'poll', message: slowDownMessage(e) });
    this.#sink.status();
  }

  /**
   * Runs `fn` through the host's budget, first in line. A 429 pauses the host (see #rateLimited) and the
   * call goes again after the wait: a 429 means the server did nothing with the request (docs/rate-limit.md),
   * so sending it again is safe, an action (join, mute, hang up, a token's deletion) included. At most
   * URGENT_TRIES times and URGENT_MAX_WAIT_MS of waits; then the 429 is the caller's, in words.
   */
  async #retrying<T>(origin: string, fn: () => Promise<T>, options: UrgentOptions = {}): Promise<T> {
    const started = this.#clock.now();
    for (let attempt = 1; ; attempt++) {
      try {
        // The pause is set inside the job, before it settles, so nothing else slips out in between.
        return await this.scheduler.urgent(
          origin,
          () =>
            fn().catch((error: unknown) => {
              if (error instanceof AppError) this.#rateLimited(origin, error, this.#clock.now());
              throw error;
            }),
          options,
        );
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'rate_limited' || this.#disposed) throw error;
        const resumeAt = this.#pausedUntil(origin);
        if (attempt >= URGENT_TRIES || resumeAt - started > URGENT_MAX_WAIT_MS) {
          const waitSec = Math.max(1, Math.ceil((resumeAt - this.#clock.now()) / 1000));
          throw new AppError('rate_limited', `The server asked Relay Console to slow down and did not take the request; it is free again in about ${waitSec} s. Try again then.`, { cause: error });
        }
      }
    }
  }

  /**
   * The host budget's gate for every other Relay call of the app (sign-in, token renewal and deletion,
   * sign-out, naming): core.ts wires it into the connections' HttpClient. Uncapped: a renewal that a poll
   * in flight waits on must not wait behind it (UrgentOptions).
   */
  gate<T>(origin: string, send: () => Promise<T>): Promise<T> {
    return this.#retrying(originOf(origin), send, { uncapped: true });
  }

  #pausedUntil(origin: string): number {
    return Math.max(this.scheduler.pausedUntil(origin), this.#clock.now());
  }

  // ---- freshness and the budget's stretch ----

  #armSweep(): void {
    if (this.#disposed) return;
    this.#sweepTimer = this.#clock.setTimeout(() => {
      this.#sweep();
      this.#armSweep();
    }, this.#sweepMs);
  }

  /** Re-evaluates each room's interval (as the budget stretches it) and stale flag; marks dirty only what flipped. */
  #sweep(): void {
    const now = this.#clock.now();
    const byHost = new Map<string, HostLoad>();
    for (const conn of this.#conns.values()) {
      if (!conn.active) continue;
      let h = byHost.get(conn.origin);
      if (!h) byHost.set(conn.origin, (h = { bulk: [], demand: new Array<number>(CLASSES).fill(0), urgent: [[], [], []] }));
      if (this.#bulkOn(conn)) h.bulk.push(bulkKey(conn));
      const slotted = this.#slotsOn && this.#budget(conn.origin) !== null;
      for (const room of conn.rooms.values()) {
        const cls = this.#classOf(room);
        const nominal = intervalFor(room.call, this.#intervals);
        h.demand[cls] = (h.demand[cls] ?? 0) + 1000 / nominal;
        if (slotted && cls < CLS_REST) h.urgent[cls - 1]?.push({ key: room.key, interval: nominal });
      }
    }
    const factors = new Map<string, number[]>();
    const changedHosts = new Set<string>();
    for (const [origin, h] of byHost) {
      const { bulkMs, factors: f, slots } = this.#planHost(origin, h);
      // Intervals are re-derived only when the host's shares or slots moved (state changes re-derive their own room).
      const signature = `${bulkMs}|${f.join(',')}|${slots?.signature ?? ''}`;
      if (this.#forceIntervals || this.#shareSignature.get(origin) !== signature) changedHosts.add(origin);
      this.#shareSignature.set(origin, signature);
      this.#bulkMsByHost.set(origin, bulkMs);
      this.#lastFactors.set(origin, f);
      if (slots) this.#slotPlans.set(origin, slots);
      else this.#slotPlans.delete(origin);
      factors.set(origin, f);
    }
    for (const origin of this.#slotPlans.keys()) if (!byHost.has(origin)) this.#slotPlans.delete(origin);
    for (const origin of this.#slotCache.keys()) if (!byHost.has(origin)) this.#slotCache.delete(origin);
    this.#forceIntervals = false;
    for (const conn of this.#conns.values()) {
      const f = changedHosts.has(conn.origin) ? factors.get(conn.origin) : undefined;
      // The bulk call onto its new slot (the first one, right after the list, is not held back).
      if (f && conn.active && conn.bulkAt > -Infinity && conn.bulkTask.failures === 0 && this.scheduler.isQueued(conn.bulkTask)) this.#queueBulk(conn, now);
      for (const room of conn.rooms.values()) {
        let changed = false;
        if (f) {
          changed = this.#refreshInterval(conn, room);
          this.#replan(room, now);
        }
        const stale = isStale(room.confirmedAt, room.addedAt, room.intervalMs, now);
        if (stale !== room.stale) {
          room.stale = stale;
          changed = true;
        }
        if (changed) this.#sink.dirty(room.key);
      }
    }
  }

  /**
   * A host's plan: the bulk call's interval, each class's stretch factor (share.ts) and, under a budget,
   * the slots (slots.ts). When the focused or pinned, dialing and active rooms all fit on the budget's
   * slots beside the bulk call (at the shortest bulk interval that fits), they are served in full there
   * and the rest of the rooms share what is left. Otherwise the shares decide as before (the bulk call
   * stretched up to its maximum, the class that does not fit stretched) and only the bulk call and the
   * classes served in full go on slots.
   */
  #planHost(origin: string, h: HostLoad): HostPlan {
    const budget = this.#budget(origin);
    const input = {
      budget,
      headroom: this.#headroom,
      bulkCallers: h.bulk.length,
      bulkMinMs: this.#bulkMinMs,
      bulkMaxMs: this.#bulkMaxMs,
      demand: h.demand.slice(1),
      urgentClasses: CLS_ACTIVE,
    };
    if (budget === null || budget <= 0 || !this.#slotsOn) return { ...planShares(input), slots: null };
    const rate = sendRatePerSec(budget) as number;
    const slotMs = Math.ceil(1000 / rate - 1e-9) + this.#slotSlackMs;
    const classes: SlotTask[][] = h.urgent.map((rooms) => rooms.map((r) => ({ key: r.key, period: periodOf(r.interval, slotMs) })));
    // The placement is redone only when what it depends on moved (rooms' classes and states, bulk callers).
    const key = `${budget}|${slotMs}|${h.bulk.join(',')}|${h.demand.join(',')}|${classes.map((c) => c.map((t) => `${t.key}:${t.period}`).join(',')).join('|')}`;
    const cached = this.#slotCache.get(origin);
    if (cached?.input === key) return cached.plan;
    const minP = Math.max(1, Math.ceil(this.#bulkMinMs / slotMs));
    const maxP = Math.max(minP, Math.floor(this.#bulkMaxMs / slotMs));
    const bulkTasks = (from: number) => h.bulk.map((k) => ({ key: k, periods: range(Math.min(from, maxP), maxP) }));
    let plan: HostPlan;
    const full = planSlots({ bulk: bulkTasks(minP), classes });
    if (full.classes === classes.length) {
      // Everything urgent on slots, served in full; the rest of the rooms share what is left (headroom kept).
      const bulkMs = full.bulkPeriod !== null ? full.bulkPeriod * slotMs : this.#bulkMinMs;
      let used = 0;
      for (const p of full.placements.values()) used += 1000 / (p.period * slotMs);
      const rest = stretchFactors(budget * this.#headroom, used, h.demand.slice(CLS_REST));
      plan = { bulkMs, factors: [...classes.map(() => 1), ...rest], slots: grid(slotMs, full.placements) };
    } else {
      const shares = planShares(input);
      let served = 0;
      while (served < classes.length && shares.factors[served] === 1) served++;
      const part = planSlots({ bulk: bulkTasks(Math.max(minP, Math.round(shares.bulkMs / slotMs))), classes: classes.slice(0, served) });
      const bulkMs = part.bulkPeriod !== null ? part.bulkPeriod * slotMs : shares.bulkMs;
      plan = { bulkMs, factors: shares.factors, slots: grid(slotMs, part.placements) };
    }
    this.#slotCache.set(origin, { input: key, plan });
    return plan;
  }

  /** Sets room.intervalMs from its state, the budget's stretch of its class and the bulk call; true if it changed. */
  #refreshInterval(conn: Conn, room: RoomEntry): boolean {
    const f = this.#factorOf(room);
    let target = Math.min(MAX_INTERVAL_MS, intervalFor(room.call, this.#intervals) * f);
    if (this.#bulkOn(conn) && conn.active) target = Math.min(target, this.#bulkMs(conn.origin));
    target = roundInterval(target);
    // Small swings of the estimate are not worth a diff.
    if (Math.abs(target - room.intervalMs) <= room.intervalMs * 0.1) return false;
    room.intervalMs = target;
    return true;
  }

  // ---- focus, pins, pause ----

  /** The rooms on screen now: they go first. */
  setFocus(keys: readonly string[]): void {
    const next = new Set(keys);
    const now = this.#clock.now();
    const touched = new Set<string>();
    for (const key of this.#focus) if (!next.has(key)) touched.add(key);
    for (const key of next) if (!this.#focus.has(key)) touched.add(key);
    this.#focus = next;
    for (const key of touched) {
      const room = this.#rooms.get(key);
      if (!room) continue;
      room.focused = next.has(key);
      this.#reschedule(room, now);
      this.#classChanged(room);
    }
  }

  setPinned(key: string, pinned: boolean): void {
    if (pinned) this.#pins.add(key);
    else this.#pins.delete(key);
    const room = this.#rooms.get(key);
    if (!room || room.pinned === pinned) return;
    room.pinned = pinned;
    this.#reschedule(room, this.#clock.now());
    this.#classChanged(room);
    this.#sink.dirty(key);
  }

  /** A room's class moved (focus, pin): its share of the budget, and so its interval, may differ. */
  #classChanged(room: RoomEntry): void {
    const conn = this.#conns.get(room.connectionId);
    if (conn && this.#refreshInterval(conn, room)) this.#sink.dirty(room.key);
  }

  pinnedKeys(): string[] {
    return [...this.#pins];
  }

  setPaused(paused: boolean): void {
    if (this.scheduler.paused === paused) return;
    this.scheduler.setPaused(paused);
    this.#sink.log({ roomKey: null, roomName: null, connectionName: null, kind: 'connection', cause: 'user', message: paused ? 'Polling paused.' : 'Polling resumed.' });
    this.#sink.status();
  }

  get paused(): boolean {
    return this.scheduler.paused;
  }

  /** The hosts of the connections (not one only a gated call reached), with their names and slow-down. */
  hosts(): (HostStatus & { names: string[]; askedWaitSec: number | null; slowDown: { count: number; since: number } | null })[] {
    const now = this.#clock.now();
    return this.scheduler
      .hosts()
      .filter((h) => this.#budgets.has(h.origin))
      .map((h) => ({ ...h, names: this.#names.get(h.origin) ?? [], askedWaitSec: this.#slowDowns.askedWaitSec(h.origin, now), slowDown: this.#slowDowns.current(h.origin) }));
  }

  // ---- what the rest of main reads and does ----

  room(key: string): RoomEntry | undefined {
    return this.#rooms.get(key);
  }

  rooms(): IterableIterator<RoomEntry> {
    return this.#rooms.values();
  }

  get size(): number {
    return this.#rooms.size;
  }

  view(key: string): RoomView | null {
    const room = this.#rooms.get(key);
    const conn = room ? this.#conns.get(room.connectionId) : undefined;
    return room && conn ? toView(room, conn) : null;
  }

  /** The room's connection, for a call made on a person's behalf; throws in words when it cannot be used. */
  access(key: string): { room: RoomEntry; client: RelayClient; view: ConnectionView } {
    const room = this.#rooms.get(key);
    const conn = room ? this.#conns.get(room.connectionId) : undefined;
    if (!room || !conn) throw new AppError('not_found', 'There is no such room (its connection may have been removed).');
    if (!conn.active) throw new AppError('unavailable', conn.view.reason ?? `The connection "${conn.view.name}" is not connected.`);
    return { room, client: conn.client, view: conn.view };
  }

  /** Runs a call for a person, first in the host's queue but inside its budget; a 429 is waited out (#retrying). */
  urgent<T>(key: string, fn: (client: RelayClient) => Promise<T>): Promise<T> {
    const { client } = this.access(key);
    return this.#retrying(originOf(client.base), () => fn(client));
  }

  /** "Check connection": one cheap read with the connection's token, first in its host's queue but inside the budget; resolves with the milliseconds it took. */
  async checkConnection(connectionId: string): Promise<{ ms: number; enterprise: string | null }> {
    const conn = this.#conns.get(connectionId);
    if (!conn) throw new AppError('unavailable', 'This connection has no Relay rooms to check.');
    let started = 0;
    const answer = await this.#retrying(conn.origin, () => {
      started = this.#clock.now();
      return conn.client.check();
    });
    return { ms: Math.max(0, this.#clock.now() - started), enterprise: answer.enterprise };
  }

  /** A connection's client for a person's call about no one room (provisioning, infrastructure); throws in words when it cannot be used. */
  connectionAccess(connectionId: string): { client: RelayClient; view: ConnectionView } {
    const conn = this.#conns.get(connectionId);
    if (!conn) throw new AppError('not_found', 'There is no such connection (it may have been removed), or it cannot see rooms.');
    if (!conn.active) throw new AppError('unavailable', conn.view.reason ?? `The connection "${conn.view.name}" is not connected.`);
    return { client: conn.client, view: conn.view };
  }

  /** The connection's room list is read again now (after provisioning changed it). */
  relistNow(connectionId: string): void {
    const conn = this.#conns.get(connectionId);
    if (conn?.active) this.#queueSystem(conn.listTask, this.#clock.now());
  }

  /** As urgent(), for a call about a connection rather than one room: the same queue and budget. */
  urgentFor<T>(connectionId: string, fn: (client: RelayClient) => Promise<T>): Promise<T> {
    const { client } = this.connectionAccess(connectionId);
    return this.scheduler.urgent(client.base, () => fn(client));
  }

  setPending(key: string, action: RoomAction | null, error: AppErrorBody | null = null): void {
    const room = this.#rooms.get(key);
    if (!room) return;
    room.pending = action;
    if (error) room.error = error;
    // A person is waiting: the progress goes out at once, not with the next batch.
    (this.#sink.dirtyNow ?? this.#sink.dirty)(key);
  }

  /** After an action: poll the room at once (after a short settle) to confirm; `pending` clears with the answer. */
  confirm(key: string): void {
    this.#clock.setTimeout(() => {
      const room = this.#rooms.get(key);
      const conn = room ? this.#conns.get(room.connectionId) : undefined;
      if (!room || !conn || !conn.active) return;
      const gen = conn.gen;
      this.#retrying(conn.origin, () => conn.client.status(room.endpointId))
        .then(
          (status) => {
            if (conn.gen !== gen || room.removed) return;
            room.pending = null;
            this.#onStatus(conn, room, status, this.#clock.now());
            this.#sink.dirty(room.key);
          },
          (error: unknown) => {
            if (conn.gen !== gen || room.removed) return;
            room.pending = null;
            const e = toAppError(error);
            const now = this.#clock.now();
            if (e.code !== 'rate_limited') this.#onStatusError(conn, room, e, now);
            this.#sink.dirty(room.key);
          },
        );
    }, this.#confirmDelayMs);
  }

  /** Fields of an event-log line about this room. */
  eventFields(key: string): Pick<EventLogEntry, 'roomKey' | 'roomName' | 'connectionName'> {
    const room = this.#rooms.get(key);
    const conn = room ? this.#conns.get(room.connectionId) : undefined;
    return room && conn ? this.#roomFields(conn, room) : { roomKey: key, roomName: null, connectionName: null };
  }

  #roomFields(conn: Conn, room: RoomEntry): Pick<EventLogEntry, 'roomKey' | 'roomName' | 'connectionName'> {
    return { roomKey: room.key, roomName: room.info.name, connectionName: conn.view.name };
  }

  #connFields(conn: Conn): Pick<EventLogEntry, 'roomKey' | 'roomName' | 'connectionName'> {
    return { roomKey: null, roomName: null, connectionName: conn.view.name };
  }

  /** Resolves when no request is in flight (tests on a virtual clock). */
  whenIdle(): Promise<void> {
    return this.scheduler.whenIdle();
  }

  dispose(): void {
    this.#disposed = true;
    this.#sweepTimer?.cancel();
    this.#slowDowns.dispose();
    for (const conn of this.#conns.values()) conn.gen++;
    this.scheduler.dispose();
  }
}

function samePlacement(a: Placement | null, b: Placement | null): boolean {
  return a === b || (a !== null && b !== null && a.period === b.period && a.offset === b.offset);
}

function roundInterval(ms: number): number {
  if (ms < 10_000) return Math.round(ms / 100) * 100;
  if (ms < 120_000) return Math.round(ms / 1000) * 1000;
  return Math.round(ms / 10_000) * 10_000;
}

function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  return new AppError('internal', 'Something went wrong while polling. The details are in the log.', { cause: error });
}

/** One host, one budget: `https://relay.example:443` and `https://relay.example` are the same origin. */
function originOf(base: string): string {
  try {
    return new URL(base).origin;
  } catch {
    return base;
  }
}
