// The board's derived view: which rooms match the search and filters, in what order, in which groups.
//
// Kept incrementally. A diff of 500 rooms out of 10,000 usually moves nothing (sorting by name, a call
// state changed): then the previous order is returned as is (same identity, so nothing downstream is
// rebuilt). When some rooms do move, only those are taken out and merged back in sorted order:
// O(n + m log m) for m changed rooms, not a full sort.
import type { RoomView } from '../../../contract/index.ts';
import { hasStatus, roomState, type RoomState, type StatusToken } from './model.ts';
import type { Changes } from './store.ts';
import type { Grouping, SortDir, SortField, ViewPrefs } from './prefs.ts';

export type ViewQuery = Pick<ViewPrefs, 'search' | 'status' | 'site' | 'connection' | 'sort' | 'group'>;

export interface GroupInfo {
  id: string;
  label: string;
  /** Index in `keys` of the group's first room. */
  start: number;
  count: number;
}

export interface RoomOrder {
  /** Keys of the matching rooms, in order (grouped rooms are contiguous). */
  readonly keys: readonly string[];
  /** null when not grouped. */
  readonly groups: readonly GroupInfo[] | null;
}

interface Entry {
  key: string;
  group: string;
  primary: string | number | null;
  name: string;
}

interface Derived {
  haystack: string;
  name: string;
  site: string;
  place: string;
  connection: string;
}

// Per room object: RoomViews are replaced, never mutated, so the cache follows their identity.
const derivedCache = new WeakMap<RoomView, Derived>();

/** A key that sorts "Room 2" before "Room 10" with a plain string comparison. */
export function naturalKey(text: string): string {
  return text.toLowerCase().replace(/\d+/g, (digits) => digits.replace(/^0+(?=\d)/, '').padStart(12, '0'));
}

const noneLast = '\uffff';

function derive(room: RoomView): Derived {
  let d = derivedCache.get(room);
  if (!d) {
    const site = room.site === null ? noneLast : `${naturalKey(room.site)}\u0000${room.site}`;
    d = {
      haystack: [room.name, room.site, room.floor, room.connectionName, room.system, room.meeting?.title, room.meeting?.id, room.endpointId]
        .filter((v): v is string => typeof v === 'string' && v.length > 0)
        .join('\n')
        .toLowerCase(),
      name: naturalKey(room.name),
      site,
      place: `${site}\u0000${room.floor === null ? noneLast : naturalKey(room.floor)}`,
      connection: naturalKey(room.connectionName),
    };
    derivedCache.set(room, d);
  }
  return d;
}

const stateRank: Record<RoomState, number> = { error: 0, offline: 1, dialing: 2, 'in-call': 3, idle: 4, unknown: 5 };

export function groupOf(room: RoomView, grouping: Grouping): { id: string; label: string; sortKey: string } {
  switch (grouping) {
    case 'none':
      return { id: '', label: '', sortKey: '' };
    case 'site':
      return { id: `site:${room.site ?? ''}`, label: room.site ?? 'No site', sortKey: derive(room).site };
    case 'connection':
      return { id: `connection:${room.connectionId}`, label: room.connectionName, sortKey: `${derive(room).connection}\u0000${room.connectionId}` };
  }
}

function primaryOf(room: RoomView, field: SortField): string | number | null {
  const d = derive(room);
  switch (field) {
    case 'name':
      return d.name;
    case 'site':
      return d.place;
    case 'state':
      return stateRank[roomState(room)];
    case 'since':
      return room.since;
    case 'updated':
      return room.confirmedAt;
    case 'connection':
      return d.connection;
  }
}

function entryOf(room: RoomView, query: ViewQuery): Entry {
  return { key: room.key, group: groupOf(room, query.group).sortKey, primary: primaryOf(room, query.sort.field), name: derive(room).name };
}

const sameEntry = (a: Entry, b: Entry): boolean => a.group === b.group && a.primary === b.primary && a.name === b.name;

function comparator(dir: SortDir): (a: Entry, b: Entry) => number {
  const sign = dir === 'asc' ? 1 : -1;
  return (a, b) => {
    if (a.group !== b.group) return a.group < b.group ? -1 : 1;
    if (a.primary !== b.primary) {
      if (a.primary === null) return 1; // no value: always last
      if (b.primary === null) return -1;
      return (a.primary < b.primary ? -1 : 1) * sign;
    }
    if (a.name !== b.name) return a.name < b.name ? -1 : 1;
    return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
  };
}

/** The search words, lower-cased; a room matches when its text contains every one. */
export function searchTerms(search: string): string[] {
  return search.toLowerCase().split(/\s+/).filter(Boolean);
}

export function makeMatcher(query: ViewQuery): (room: RoomView) => boolean {
  const terms = searchTerms(query.search);
  const status: readonly StatusToken[] = query.status;
  const { site, connection } = query;
  return (room) => {
    if (site !== null && (room.site ?? '') !== site) return false;
    if (connection !== null && room.connectionId !== connection) return false;
    if (status.length > 0 && !status.some((t) => hasStatus(room, t))) return false;
    if (terms.length > 0) {
      const text = derive(room).haystack;
      for (const term of terms) if (!text.includes(term)) return false;
    }
    return true;
  };
}

function sameQuery(a: ViewQuery, b: ViewQuery): boolean {
  return (
    a.search === b.search &&
    a.site === b.site &&
    a.connection === b.connection &&
    a.group === b.group &&
    a.sort.field === b.sort.field &&
    a.sort.dir === b.sort.dir &&
    a.status.length === b.status.length &&
    a.status.every((t, i) => b.status[i] === t)
  );
}

/** Merges two sorted arrays. */
function merge(a: readonly Entry[], b: readonly Entry[], cmp: (x: Entry, y: Entry) => number): Entry[] {
  const out = new Array<Entry>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = cmp(a[i]!, b[j]!) <= 0 ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}

export interface RoomViewEngine {
  compute(rooms: ReadonlyMap<string, RoomView>, version: number, changesSince: (version: number) => Changes, query: ViewQuery): RoomOrder;
  /** How the last compute went, for tests and the bench: 'reused' | 'merged' | 'full'. */
  lastPath(): 'reused' | 'merged' | 'full' | null;
}

export function createRoomViewEngine(): RoomViewEngine {
  let lastQuery: ViewQuery | null = null;
  let lastVersion = -1;
  let entries: Entry[] = [];
  let byKey = new Map<string, Entry>();
  let result: RoomOrder = { keys: [], groups: null };
  let path: 'reused' | 'merged' | 'full' | null = null;

  const publish = (query: ViewQuery, rooms: ReadonlyMap<string, RoomView>): RoomOrder => {
    const keys = new Array<string>(entries.length);
    let groups: GroupInfo[] | null = null;
    if (query.group !== 'none') {
      groups = [];
      let current: GroupInfo | null = null;
      for (let i = 0; i < entries.length; i++) {
        const entry = entries[i]!;
        keys[i] = entry.key;
        if (current === null || entry.group !== entries[i - 1]!.group) {
          const g = groupOf(rooms.get(entry.key)!, query.group);
          current = { id: g.id, label: g.label, start: i, count: 0 };
          groups.push(current);
        }
        current.count++;
      }
    } else {
      for (let i = 0; i < entries.length; i++) keys[i] = entries[i]!.key;
    }
    result = { keys, groups };
    return result;
  };

  const full = (rooms: ReadonlyMap<string, RoomView>, query: ViewQuery): RoomOrder => {
    const matches = makeMatcher(query);
    entries = [];
    byKey = new Map();
    for (const room of rooms.values()) {
      if (!matches(room)) continue;
      const entry = entryOf(room, query);
      entries.push(entry);
      byKey.set(room.key, entry);
    }
    entries.sort(comparator(query.sort.dir));
    path = 'full';
    return publish(query, rooms);
  };

  return {
    lastPath: () => path,
    compute(rooms, version, changesSince, query) {
      if (lastQuery === null || !sameQuery(lastQuery, query)) {
        lastQuery = query;
        lastVersion = version;
        return full(rooms, query);
      }
      if (version === lastVersion) {
        path = 'reused';
        return result;
      }
      const changes = changesSince(lastVersion);
      lastVersion = version;
      if (changes === 'all') return full(rooms, query);

      const matches = makeMatcher(query);
      const out = new Set<string>();
      const fresh: Entry[] = [];
      for (const key of changes) {
        const room = rooms.get(key);
        const old = byKey.get(key);
        const entry = room && matches(room) ? entryOf(room, query) : null;
        if (old && entry && sameEntry(old, entry)) continue; // stays where it is
        if (old) out.add(key);
        if (entry) fresh.push(entry);
      }
      if (out.size === 0 && fresh.length === 0) {
        path = 'reused';
        return result;
      }
      const cmp = comparator(query.sort.dir);
      const kept = out.size > 0 ? entries.filter((e) => !out.has(e.key)) : entries;
      fresh.sort(cmp);
      entries = merge(kept, fresh, cmp);
      for (const key of out) byKey.delete(key);
      for (const entry of fresh) byKey.set(entry.key, entry);
      path = 'merged';
      return publish(query, rooms);
    },
  };
}

/** The distinct sites and connections among the rooms, for the filter menus. */
export function filterOptions(rooms: ReadonlyMap<string, RoomView>): { sites: string[]; connections: { id: string; name: string }[] } {
  const sites = new Set<string>();
  const connections = new Map<string, string>();
  for (const room of rooms.values()) {
    sites.add(room.site ?? '');
    connections.set(room.connectionId, room.connectionName);
  }
  const byNatural = (a: string, b: string): number => (naturalKey(a) < naturalKey(b) ? -1 : naturalKey(a) > naturalKey(b) ? 1 : 0);
  return {
    sites: [...sites].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : byNatural(a, b))),
    connections: [...connections].map(([id, name]) => ({ id, name })).sort((a, b) => byNatural(a.name, b.name)),
  };
}
