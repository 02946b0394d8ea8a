// Search, filters, sort, grouping and density. Every choice is remembered (see prefs.ts).
import type { RefObject } from 'react';
import type { Density, Grouping, SortField, ViewPrefs } from '../../rooms/prefs.ts';

const sortLabels: Record<SortField, string> = {
  name: 'Name',
  site: 'Site and floor',
  state: 'State (problems first)',
  since: 'Time in state',
  updated: 'Last updated',
  connection: 'Connection',
};
const groupLabels: Record<Grouping, string> = { none: 'No grouping', site: 'Group by site', connection: 'Group by connection' };

interface Props {
  prefs: ViewPrefs;
  searchText: string;
  onSearch(text: string): void;
  searchRef: RefObject<HTMLInputElement | null>;
  sites: readonly string[];
  connections: readonly { id: string; name: string }[];
  update(patch: Partial<ViewPrefs>): void;
  onClear(): void;
}

export function Toolbar({ prefs, searchText, onSearch, searchRef, sites, connections, update, onClear }: Props) {
  const filtered = prefs.search !== '' || searchText !== '' || prefs.status.length > 0 || prefs.site !== null || prefs.connection !== null;
  return (
    <div className="toolbar" role="search">
      <input
        ref={searchRef}
        type="search"
        className="search"
        aria-label="Search rooms"
        aria-keyshortcuts="/"
        placeholder="Search rooms (press /)"
        value={searchText}
        onChange={(e) => onSearch(e.target.value)}
        maxLength={200}
      />
      <label className="tb-field">
        <span>Site</span>
        <select value={prefs.site ?? '*'} onChange={(e) => update({ site: e.target.value === '*' ? null : e.target.value })}>
          <option value="*">All sites</option>
          {sites.map((s) => (
            <option key={s} value={s}>
              {s === '' ? 'No site' : s}
            </option>
          ))}
          {prefs.site !== null && !sites.includes(prefs.site) && <option value={prefs.site}>{prefs.site || 'No site'}</option>}
        </select>
      </label>
      <label className="tb-field">
        <span>Connection</span>
        <select value={prefs.connection ?? '*'} onChange={(e) => update({ connection: e.target.value === '*' ? null : e.target.value })}>
          <option value="*">All connections</option>
          {connections.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
          {prefs.connection !== null && !connections.some((c) => c.id === prefs.connection) && <option value={prefs.connection}>(gone)</option>}
        </select>
      </label>
      <label className="tb-field">
        <span>Sort</span>
        <select value={prefs.sort.field} onChange={(e) => update({ sort: { ...prefs.sort, field: e.target.value as SortField } })}>
          {(Object.keys(sortLabels) as SortField[]).map((f) => (
            <option key={f} value={f}>
              {sortLabels[f]}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="icon-button"
        aria-label={prefs.sort.dir === 'asc' ? 'Ascending; switch to descending' : 'Descending; switch to ascending'}
        title="Sort direction"
        onClick={() => update({ sort: { ...prefs.sort, dir: prefs.sort.dir === 'asc' ? 'desc' : 'asc' } })}
      >
        {prefs.sort.dir === 'asc' ? '▲ asc' : '▼ desc'}
      </button>
      <label className="tb-field">
        <span className="sr-only">Grouping</span>
        <select value={prefs.group} onChange={(e) => update({ group: e.target.value as Grouping })} aria-label="Grouping">
          {(Object.keys(groupLabels) as Grouping[]).map((g) => (
            <option key={g} value={g}>
              {groupLabels[g]}
            </option>
          ))}
        </select>
      </label>
      <div className="segmented" role="group" aria-label="Density">
        {(['rows', 'tiles'] as Density[]).map((d) => (
          <button key={d} type="button" aria-pressed={prefs.density === d} onClick={() => update({ density: d })}>
            {d === 'rows' ? 'Rows' : 'Tiles'}
          </button>
        ))}
      </div>
      {filtered && (
        <button type="button" className="link-button" onClick={onClear}>
          Clear filters
        </button>
      )}
    </div>
  );
}
