// Changes, not snapshots: rooms that changed are marked dirty and sent as one 'rooms.diff' at most every
// `flushMs`, whatever the number of rooms or changes (a room that changed ten times in the window is sent
// once, as it is at flush time). Event-log lines are coalesced the same way on their own, slower cadence,
// so the two together stay within a few IPC messages per second.
import type { EventLogEntry, RoomView, RoomsDiff } from '../../contract/index.ts';
import type { Clock } from '../ports.ts';

export interface DiffBatcherOptions {
  clock: Clock;
  /** Minimum spacing of 'rooms.diff' messages (ms). */
  flushMs: number;
  /** Minimum spacing of 'events.appended' messages (ms). */
  eventFlushMs: number;
  /** The room as it is now; null if it is gone. */
  render(key: string): RoomView | null;
  emitDiff(diff: RoomsDiff): void;
  emitEvents(entries: EventLogEntry[]): void;
}

interface Cadence {
  timer: { cancel(): void } | null;
  last: number;
}

export class DiffBatcher {
  readonly #o: DiffBatcherOptions;
  #dirty = new Set<string>();
  #removed = new Set<string>();
  #events: EventLogEntry[] = [];
  #seq = 0;
  readonly #rooms: Cadence = { timer: null, last: -Infinity };
  readonly #log: Cadence = { timer: null, last: -Infinity };
  #disposed = false;

  constructor(options: DiffBatcherOptions) {
    this.#o = options;
  }

  /** The seq of the last diff sent: a snapshot taken now includes every diff up to it. */
  get seq(): number {
    return this.#seq;
  }

  dirty(key: string): void {
    this.#removed.delete(key);
    this.#dirty.add(key);
    this.#arm(this.#rooms, this.#o.flushMs, () => this.#flushRooms());
  }

  /**
   * A change a person is waiting for (an action's `pending`): sent at once (the spacing between diffs
   * shrinks to `urgentMs` for it). Only user actions use it, so the rate stays a few diffs a second.
   */
  dirtyNow(key: string, urgentMs = 50): void {
    this.#removed.delete(key);
    this.#dirty.add(key);
    if (this.#disposed) return;
    const now = this.#o.clock.now();
    const at = Math.max(now, this.#rooms.last + urgentMs);
    this.#rooms.timer?.cancel();
    this.#rooms.timer = this.#o.clock.setTimeout(() => this.#flushRooms(), at - now);
  }

  removed(key: string): void {
    this.#dirty.delete(key);
    this.#removed.add(key);
    this.#arm(this.#rooms, this.#o.flushMs, () => this.#flushRooms());
  }

  event(entry: EventLogEntry): void {
    this.#events.push(entry);
    this.#arm(this.#log, this.#o.eventFlushMs, () => this.#flushEvents());
  }

  /** How many rooms wait for the next diff (tests, benchmarks). */
  get pending(): number {
    return this.#dirty.size + this.#removed.size;
  }

  /** Sends everything now (tests; shutdown). */
  flush(): void {
    this.#flushRooms();
    this.#flushEvents();
  }

  dispose(): void {
    this.#disposed = true;
    this.#rooms.timer?.cancel();
    this.#log.timer?.cancel();
    this.#rooms.timer = this.#log.timer = null;
  }

  #arm(c: Cadence, spacing: number, flush: () => void): void {
    if (c.timer || this.#disposed) return;
    const now = this.#o.clock.now();
    c.timer = this.#o.clock.setTimeout(flush, Math.max(0, c.last + spacing - now));
  }

  #flushRooms(): void {
    this.#rooms.timer?.cancel();
    this.#rooms.timer = null;
    if (this.#disposed || (this.#dirty.size === 0 && this.#removed.size === 0)) return;
    const upserted: RoomView[] = [];
    const removed = [...this.#removed];
    for (const key of this.#dirty) {
      const view = this.#o.render(key);
      if (view) upserted.push(view);
      else removed.push(key);
    }
    this.#dirty = new Set();
    this.#removed = new Set();
    this.#rooms.last = this.#o.clock.now();
    this.#o.emitDiff({ seq: ++this.#seq, upserted, removed });
  }

  #flushEvents(): void {
    this.#log.timer?.cancel();
    this.#log.timer = null;
    if (this.#disposed || this.#events.length === 0) return;
    const entries = this.#events;
    this.#events = [];
    this.#log.last = this.#o.clock.now();
    this.#o.emitEvents(entries);
  }
}
