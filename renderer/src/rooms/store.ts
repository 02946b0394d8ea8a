// The renderer's copy of every room: a snapshot from main, then the diffs main pushes. An external store
// (read with useSyncExternalStore), so a diff of 500 rooms is one update, not 500 React state changes.
//
// Ordering: diffs carry a sequence number that grows by one per diff. A diff with seq ≤ the applied seq is
// already in (ignored); a diff with a larger jump means one was lost, so the snapshot is fetched again.
// Diffs that arrive while the snapshot is on its way are kept and applied after it.
//
// A lost link to Relay Console (the preview host's 'app.link') marks every room stale at once — nothing
// on the board is fresh while nobody confirms it — and the link coming back fetches the whole picture.
import type { RelayApi, RoomsDiff, RoomsSnapshot, RoomView } from '../../../contract/index.ts';
import { countRoom, emptyCounts, type RoomCounts } from './model.ts';

export interface RoomsState {
  /** Grows by one on every change; derived views key their caches on it. */
  readonly version: number;
  readonly status: 'loading' | 'ready' | 'failed';
  /** Why the rooms could not be loaded, in words. */
  readonly error: string | null;
  /** Every room by key. The map is updated in place: read it during render, key memos on `version`. */
  readonly rooms: ReadonlyMap<string, RoomView>;
  readonly counts: Readonly<RoomCounts>;
  /** The last applied diff (or snapshot) sequence number. */
  readonly seq: number;
  /** Grows when rooms come or go or change site or connection: what the filter menus list. */
  readonly structure: number;
}

export type DiffOutcome = 'applied' | 'ignored' | 'gap';

/** Which rooms changed after a version: their keys, or 'all' when the history no longer reaches back. */
export type Changes = ReadonlySet<string> | 'all';

export interface RoomStore {
  getState(): RoomsState;
  subscribe(listener: () => void): () => void;
  applySnapshot(snapshot: RoomsSnapshot): void;
  applyDiff(diff: RoomsDiff): DiffOutcome;
  fail(message: string): void;
  /** Nobody confirms any room now (the link to Relay Console is lost): show every room as stale. */
  markAllStale(): void;
  changesSince(version: number): Changes;
}

export interface RoomFeed {
  /** Fetch the snapshot again (after a failure, or on the user's request). */
  reload(): void;
  disconnect(): void;
}

const historyLength = 64;

export function createRoomStore(): RoomStore {
  const rooms = new Map<string, RoomView>();
  let counts = emptyCounts();
  let state: RoomsState = { version: 0, status: 'loading', error: null, rooms, counts, seq: -1, structure: 0 };
  const listeners = new Set<() => void>();
  // history[i] = keys changed by version (state.version - history.length + 1 + i); 'all' for a snapshot.
  const history: (readonly string[] | 'all')[] = [];

  const publish = (patch: Partial<RoomsState>, changed: readonly string[] | 'all'): void => {
    history.push(changed);
    if (history.length > historyLength) history.shift();
    state = { ...state, ...patch, version: state.version + 1, counts: { ...counts } };
    for (const listener of [...listeners]) listener();
  };

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    applySnapshot(snapshot) {
      rooms.clear();
      counts = emptyCounts();
      for (const room of snapshot.rooms) {
        const old = rooms.get(room.key);
        if (old) countRoom(counts, old, -1);
        rooms.set(room.key, room);
        countRoom(counts, room, 1);
      }
      publish({ status: 'ready', error: null, seq: snapshot.seq, structure: state.structure + 1 }, 'all');
    },
    applyDiff(diff) {
      if (state.status !== 'ready' || diff.seq <= state.seq) return 'ignored';
      if (diff.seq !== state.seq + 1) return 'gap';
      const changed: string[] = [];
      let structural = false;
      for (const key of diff.removed) {
        const old = rooms.get(key);
        if (!old) continue;
        countRoom(counts, old, -1);
        rooms.delete(key);
        changed.push(key);
        structural = true;
      }
      for (const room of diff.upserted) {
        const old = rooms.get(room.key);
        if (old) countRoom(counts, old, -1);
        else structural = true;
        if (old && (old.site !== room.site || old.connectionId !== room.connectionId || old.connectionName !== room.connectionName)) structural = true;
        rooms.set(room.key, room);
        countRoom(counts, room, 1);
        changed.push(room.key);
      }
      publish({ seq: diff.seq, structure: state.structure + (structural ? 1 : 0) }, changed);
      return 'applied';
    },
    fail(message) {
      publish({ status: 'failed', error: message }, []);
    },
    markAllStale() {
      const changed: string[] = [];
      for (const [key, old] of rooms) {
        if (old.stale) continue;
        const room = { ...old, stale: true };
        countRoom(counts, old, -1);
        rooms.set(key, room);
        countRoom(counts, room, 1);
        changed.push(key);
      }
      if (changed.length > 0) publish({}, changed);
    },
    changesSince(version) {
      if (version === state.version) return new Set();
      const oldest = state.version - history.length; // the version the history starts from
      if (version < oldest || version > state.version) return 'all';
      const keys = new Set<string>();
      for (let i = version - oldest; i < history.length; i++) {
        const entry = history[i];
        if (entry === undefined || entry === 'all') return 'all';
        for (const key of entry) keys.add(key);
      }
      return keys;
    },
  };
}

/**
 * Feeds a store from main: subscribes to 'rooms.diff' first, then fetches the snapshot, so no diff falls
 * between the two. On a gap the snapshot is fetched again (one fetch at a time).
 */
export function connectRoomStore(api: Pick<RelayApi, 'roomsList' | 'on'>, store: RoomStore): RoomFeed {
  let live = true;
  let fetching = false;
  let refetch = false;
  let buffered: RoomsDiff[] = [];

  const load = async (): Promise<void> => {
    if (fetching) {
      refetch = true;
      return;
    }
    fetching = true;
    buffered = [];
    const result = await api.roomsList();
    fetching = false;
    if (!live) return;
    if (!result.ok) {
      store.fail(result.error.message);
      return;
    }
    store.applySnapshot(result.value);
    const waiting = buffered.sort((a, b) => a.seq - b.seq);
    buffered = [];
    if (refetch) {
      refetch = false;
      void load();
      return;
    }
    for (const diff of waiting) {
      if (store.applyDiff(diff) === 'gap') {
        void load();
        return;
      }
    }
  };

  const offDiff = api.on('rooms.diff', (diff) => {
    if (!live) return;
    if (fetching) {
      buffered.push(diff);
      return;
    }
    // A diff after a failed load means main is there again: fetch the whole picture.
    if (store.getState().status !== 'ready' || store.applyDiff(diff) === 'gap') void load();
  });
  let linkLost = false;
  const offLink = api.on('app.link', (link) => {
    if (!live) return;
    if (link.state !== 'live') {
      linkLost = true;
      store.markAllStale();
    } else if (linkLost) {
      // Back: the diffs of the time between are gone, and a restarted host counts them from the start.
      linkLost = false;
      void load();
    }
  });
  void load();
  return {
    reload: () => void load(),
    disconnect() {
      live = false;
      offDiff();
      offLink();
    },
  };
}
