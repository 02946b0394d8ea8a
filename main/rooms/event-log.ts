// The event log: room state changes and action results, with time, room and cause. A ring buffer of the
// last `capacity` entries (old ones fall off; memory stays flat whatever the run time).
import type { EventLogEntry } from '../../contract/index.ts';
import type { Clock } from '../ports.ts';

export interface EventLogQuery {
  text?: string;
  kinds?: EventLogEntry['kind'][];
  roomKey?: string;
  limit?: number;
}

export class EventLog {
  readonly #capacity: number;
  readonly #clock: Clock;
  readonly #ring: (EventLogEntry | undefined)[];
  #next = 0;
  #count = 0;
  #id = 0;
  readonly #listeners = new Set<(entry: EventLogEntry) => void>();

  constructor(clock: Clock, capacity = 5_000) {
    this.#clock = clock;
    this.#capacity = Math.max(1, capacity);
    this.#ring = new Array<EventLogEntry | undefined>(this.#capacity);
  }

  get size(): number {
    return this.#count;
  }

  append(entry: Omit<EventLogEntry, 'id' | 'at'>): EventLogEntry {
    const full: EventLogEntry = { id: ++this.#id, at: this.#clock.now(), ...entry };
    this.#ring[this.#next] = full;
    this.#next = (this.#next + 1) % this.#capacity;
    this.#count = Math.min(this.#count + 1, this.#capacity);
    for (const listener of this.#listeners) listener(full);
    return full;
  }

  onAppend(listener: (entry: EventLogEntry) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Matching entries, oldest first: the newest `limit` of them (default all kept). */
  list(query: EventLogQuery = {}): EventLogEntry[] {
    const text = query.text?.trim().toLowerCase() ?? '';
    const kinds = query.kinds && query.kinds.length > 0 ? new Set(query.kinds) : null;
    const limit = query.limit ?? this.#capacity;
    const out: EventLogEntry[] = [];
    // Newest first while collecting, so `limit` keeps the latest; reversed at the end.
    for (let i = 0; i < this.#count && out.length < limit; i++) {
      const e = this.#ring[(this.#next - 1 - i + this.#capacity * 2) % this.#capacity];
      if (!e) continue;
      if (kinds && !kinds.has(e.kind)) continue;
      if (query.roomKey !== undefined && e.roomKey !== query.roomKey) continue;
      if (text && !matches(e, text)) continue;
      out.push(e);
    }
    return out.reverse();
  }
}

function matches(e: EventLogEntry, text: string): boolean {
  return (
    e.message.toLowerCase().includes(text) ||
    (e.roomName?.toLowerCase().includes(text) ?? false) ||
    (e.connectionName?.toLowerCase().includes(text) ?? false)
  );
}
