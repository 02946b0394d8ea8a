// Relay's failure records (GET /api/failures/, reference §2.5, seen in one integration's README): what went
// wrong, on which subject, when. The simulator writes them when its outages and faults make a call fail:
// a Listener Service going offline, a command refused because a room is unreachable, an injected server
// error on a room's call. Kept in a ring (the newest win), and the same failure of the same subject is
// written at most once a minute, as a busy poller would otherwise fill the ring with copies.
import { createRng, hexId, type Rng } from '../random.ts';

export interface FailureRecord {
  id: string;
  subjectClass: string;
  subjectId: string;
  errorDate: number;
  errorCode: number;
  errorMessage: string;
  errorName: string;
  errorDetails: Record<string, unknown>;
}

export interface FailureLog {
  /** Oldest first. */
  list(): FailureRecord[];
  /** Writes a record unless the same failure of the same subject was written in the last minute. */
  add(record: Omit<FailureRecord, 'id'>): FailureRecord | null;
  clear(): void;
}

export const FAILURE_CAPACITY = 1_000;
const REPEAT_MS = 60_000;

export function createFailureLog(seed: number, capacity = FAILURE_CAPACITY): FailureLog {
  const rng: Rng = createRng(seed, 0x6661696c);
  let records: FailureRecord[] = [];
  const lastWritten = new Map<string, number>();
  return {
    list: () => records.slice(),
    add(record) {
      const key = `${record.subjectClass}/${record.subjectId}/${record.errorName}`;
      const last = lastWritten.get(key);
      if (last !== undefined && record.errorDate - last < REPEAT_MS && record.errorDate >= last) return null;
      lastWritten.delete(key);
      lastWritten.set(key, record.errorDate);
      if (lastWritten.size > capacity * 4) lastWritten.delete(lastWritten.keys().next().value as string);
      const full: FailureRecord = { id: hexId(rng), ...record };
      records.push(full);
      if (records.length > capacity) records = records.slice(records.length - capacity);
      return full;
    },
    clear() {
      records = [];
      lastWritten.clear();
    },
  };
}
