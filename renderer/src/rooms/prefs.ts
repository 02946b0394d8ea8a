// The board's view choices (search, filters, sort, grouping, density), remembered in localStorage.
// What is read back is checked field by field: anything unexpected falls back to its default.
import { statusTokens, type StatusToken } from './model.ts';

export const sortFields = ['name', 'site', 'state', 'since', 'updated', 'connection'] as const;
export type SortField = (typeof sortFields)[number];
export type SortDir = 'asc' | 'desc';
export const groupings = ['none', 'site', 'connection'] as const;
export type Grouping = (typeof groupings)[number];
export const densities = ['rows', 'tiles'] as const;
export type Density = (typeof densities)[number];

export interface ViewPrefs {
  search: string;
  /** Rooms matching any of these; empty = every room. */
  status: StatusToken[];
  /** A site name ('' = rooms with no site), or null for every site. */
  site: string | null;
  /** A connection id, or null for every connection. */
  connection: string | null;
  sort: { field: SortField; dir: SortDir };
  group: Grouping;
  density: Density;
  /** Group ids folded away. */
  collapsed: string[];
}

export const defaultPrefs: ViewPrefs = {
  search: '',
  status: [],
  site: null,
  connection: null,
  sort: { field: 'name', dir: 'asc' },
  group: 'site',
  density: 'rows',
  collapsed: [],
};

export const prefsKey = 'relay-console.rooms.view';

const oneOf = <T extends string>(values: readonly T[], value: unknown, fallback: T): T =>
  typeof value === 'string' && (values as readonly string[]).includes(value) ? (value as T) : fallback;

const shortString = (value: unknown, max: number): string | null => (typeof value === 'string' && value.length <= max ? value : null);

function stringList(value: unknown, max: number): string[] {
  if (!Array.isArray(value)) return [];
  return value.filter((v): v is string => typeof v === 'string' && v.length <= 200).slice(0, max);
}

/** Reads remembered choices; a missing, corrupt or partly wrong value yields defaults for what is wrong. */
export function parsePrefs(text: string | null): ViewPrefs {
  if (!text) return defaultPrefs;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return defaultPrefs;
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return defaultPrefs;
  const o = raw as Record<string, unknown>;
  const sort = typeof o.sort === 'object' && o.sort !== null ? (o.sort as Record<string, unknown>) : {};
  const status = [...new Set(stringList(o.status, statusTokens.length).filter((t): t is StatusToken => (statusTokens as readonly string[]).includes(t)))];
  return {
    search: shortString(o.search, 200) ?? defaultPrefs.search,
    status,
    site: o.site === null ? null : shortString(o.site, 200),
    connection: o.connection === null ? null : shortString(o.connection, 200),
    sort: { field: oneOf(sortFields, sort.field, defaultPrefs.sort.field), dir: oneOf(['asc', 'desc'] as const, sort.dir, defaultPrefs.sort.dir) },
    group: oneOf(groupings, o.group, defaultPrefs.group),
    density: oneOf(densities, o.density, defaultPrefs.density),
    collapsed: stringList(o.collapsed, 500),
  };
}

export function serializePrefs(prefs: ViewPrefs): string {
  return JSON.stringify(prefs);
}

export function loadPrefs(storage: Pick<Storage, 'getItem'> | null): ViewPrefs {
  try {
    return parsePrefs(storage?.getItem(prefsKey) ?? null);
  } catch {
    return defaultPrefs; // storage denied (e.g. a locked-down profile)
  }
}

export function savePrefs(storage: Pick<Storage, 'setItem'> | null, prefs: ViewPrefs): void {
  try {
    storage?.setItem(prefsKey, serializePrefs(prefs));
  } catch {
    // Full or denied storage: the choices last for this session only.
  }
}
