// The event log: room state changes, action results and connection events, newest first, with what
// caused each. Filter by text, kind and room; live while open; export what is shown as CSV.
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { EventLogEntry } from '../../../../contract/index.ts';
import { notConnectedMessage, relay } from '../../relay.ts';
import {
  causeLabel,
  emptyEventQuery,
  eventKinds,
  kindLabel,
  matchesEvent,
  maxEvents,
  mergeEvents,
  queryInput,
  takeHandedOffRoom,
  type EventKind,
  type EventQuery,
} from '../../events/log.ts';
import { fileStamp, formatDateTime, formatFull } from '../../rooms/format.ts';
import './event-log.css';

type Loaded = { status: 'loading' } | { status: 'ready' } | { status: 'failed'; message: string };

const rowHeight = 34;

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.closest('input, textarea, select') !== null;
}

/** Saves text as a file through the browser's download (no Node APIs in the renderer). */
function download(text: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function EventLogScreen() {
  const id = useId();
  const [handedOff] = useState(takeHandedOffRoom);
  const [query, setQuery] = useState<EventQuery>(() => ({ ...emptyEventQuery, roomKey: handedOff?.key ?? null }));
  const [text, setText] = useState('');
  const [entries, setEntries] = useState<EventLogEntry[]>([]);
  const [held, setHeld] = useState<EventLogEntry[]>([]);
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [exportNote, setExportNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [roomNames, setRoomNames] = useState<Map<string, string>>(() => new Map(handedOff ? [[handedOff.key, handedOff.name]] : []));
  const scrollRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (text === query.text) return;
    const timer = setTimeout(() => setQuery((q) => ({ ...q, text })), 200);
    return () => clearTimeout(timer);
  }, [text, query.text]);

  // Load for the query, and follow new entries. Entries that arrive while the list is scrolled away from
  // the top wait behind a "show new events" button instead of moving what is being read.
  useEffect(() => {
    const api = relay();
    if (!api) {
      const timer = setTimeout(() => setLoaded({ status: 'failed', message: notConnectedMessage }), 0);
      return () => clearTimeout(timer);
    }
    let live = true;
    let pending: EventLogEntry[] = [];
    let ready = false;
    const off = api.on('events.appended', (incoming) => {
      if (!live) return;
      const mine = incoming.filter((e) => matchesEvent(e, query));
      if (mine.length === 0) return;
      setRoomNames((names) => {
        const fresh = mine.filter((e) => e.roomKey && e.roomName && !names.has(e.roomKey));
        if (fresh.length === 0) return names;
        const next = new Map(names);
        for (const e of fresh) next.set(e.roomKey!, e.roomName!);
        return next;
      });
      if (!ready) pending = pending.concat(mine);
      else if ((scrollRef.current?.scrollTop ?? 0) > rowHeight) setHeld((h) => mergeEvents(h, mine));
      else setEntries((list) => mergeEvents(list, mine));
    });
    void api.eventLogList(queryInput(query)).then((r) => {
      if (!live) return;
      ready = true;
      if (!r.ok) return setLoaded({ status: 'failed', message: r.error.message });
      setEntries(mergeEvents(r.value, pending));
      setHeld([]);
      pending = [];
      setLoaded({ status: 'ready' });
      setRoomNames((names) => {
        const next = new Map(names);
        for (const e of r.value) if (e.roomKey && e.roomName) next.set(e.roomKey, e.roomName);
        return next;
      });
    });
    return () => {
      live = false;
      off();
    };
  }, [query]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === '/' && !isTyping(e.target)) {
        e.preventDefault();
        searchRef.current?.focus();
      } else if (e.key === 'Escape' && e.target === searchRef.current) scrollRef.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: useCallback(() => scrollRef.current, []),
    estimateSize: useCallback(() => rowHeight, []),
    getItemKey: useCallback((i: number) => entries[i]?.id ?? i, [entries]),
    overscan: 10,
    scrollMargin: rowHeight,
  });

  const rooms = useMemo(() => [...roomNames].sort((a, b) => a[1].localeCompare(b[1])), [roomNames]);
  const toggleKind = (kind: EventKind): void =>
    setQuery((q) => ({ ...q, kinds: q.kinds.includes(kind) ? q.kinds.filter((k) => k !== kind) : [...q.kinds, kind] }));

  const exportCsv = async (): Promise<void> => {
    const api = relay();
    if (!api) return;
    setExportNote(null);
    const r = await api.eventLogCsv(queryInput(query, null));
    if (!r.ok) return setExportNote({ ok: false, text: r.error.message });
    const name = `relay-console-events-${fileStamp(Date.now())}.csv`;
    download(r.value, name);
    const lines = Math.max(0, r.value.split('\n').filter(Boolean).length - 1);
    setExportNote({ ok: true, text: `Saved ${lines.toLocaleString()} ${lines === 1 ? 'event' : 'events'} as ${name}.` });
  };

  const filtered = query.text !== '' || query.kinds.length > 0 || query.roomKey !== null;
  const items = virtualizer.getVirtualItems();

  return (
    <section className="screen event-log-screen" aria-labelledby="event-log-title">
      <div className="event-log-head">
        <h1 id="event-log-title">Event log</h1>
        <button type="button" onClick={() => void exportCsv()} data-testid="export-csv">
          Export CSV
        </button>
        {exportNote && (
          <span role={exportNote.ok ? 'status' : 'alert'} className={exportNote.ok ? 'muted' : 'error-text'} data-testid="export-note">
            {exportNote.text}
          </span>
        )}
      </div>
      <div className="event-log-filters" role="search">
        <input
          ref={searchRef}
          type="search"
          aria-label="Search events"
          aria-keyshortcuts="/"
          placeholder="Search events (press /)"
          value={text}
          onChange={(e) => setText(e.target.value)}
          maxLength={200}
        />
        <div className="kind-filter" role="group" aria-label="Kinds">
          {eventKinds.map((k) => (
            <button key={k} type="button" aria-pressed={query.kinds.includes(k)} onClick={() => toggleKind(k)}>
              {kindLabel[k]}
            </button>
          ))}
        </div>
        <label className="log-field">
          <span>Room</span>
          <select value={query.roomKey ?? '*'} onChange={(e) => setQuery((q) => ({ ...q, roomKey: e.target.value === '*' ? null : e.target.value }))}>
            <option value="*">All rooms</option>
            {rooms.map(([key, name]) => (
              <option key={key} value={key}>
                {name}
              </option>
            ))}
          </select>
        </label>
        {filtered && (
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setText('');
              setQuery(emptyEventQuery);
            }}
          >
            Clear filters
          </button>
        )}
      </div>
      <p className="muted event-log-count" role="status" data-testid="event-count">
        {loaded.status === 'loading'
          ? 'Loading events…'
          : `${entries.length.toLocaleString()} ${entries.length === 1 ? 'event' : 'events'}, newest first${entries.length >= maxEvents ? ` (the newest ${maxEvents.toLocaleString()}; the CSV has them all)` : ''}`}
      </p>
      {loaded.status === 'failed' && (
        <div className="empty-state" role="alert">
          {loaded.message}
        </div>
      )}
      {held.length > 0 && (
        <button
          type="button"
          className="new-events"
          onClick={() => {
            setEntries((list) => mergeEvents(list, held));
            setHeld([]);
            scrollRef.current?.scrollTo({ top: 0 });
          }}
        >
          Show {held.length.toLocaleString()} new {held.length === 1 ? 'event' : 'events'}
        </button>
      )}
      {loaded.status === 'ready' && entries.length === 0 ? (
        <div className="empty-state">
          <p>{filtered ? 'No event matches the filters.' : 'No events yet. Room state changes and the results of your actions will be listed here.'}</p>
        </div>
      ) : (
        <div ref={scrollRef} className="log-table" role="table" aria-label="Events" aria-rowcount={entries.length + 1} tabIndex={0} data-testid="event-table">
          <div className="log-row log-head" role="row" aria-rowindex={1}>
            <span role="columnheader">Time</span>
            <span role="columnheader">Room</span>
            <span role="columnheader">Connection</span>
            <span role="columnheader">Kind</span>
            <span role="columnheader">Caused by</span>
            <span role="columnheader" id={`${id}-what`}>
              What happened
            </span>
          </div>
          <div className="log-body" style={{ height: virtualizer.getTotalSize() - rowHeight }}>
            {items.map((item) => {
              const e = entries[item.index];
              if (!e) return null;
              return (
                <div
                  key={item.key}
                  className={`log-row kind-${e.kind}`}
                  role="row"
                  aria-rowindex={item.index + 2}
                  style={{ transform: `translateY(${item.start - rowHeight}px)` }}
                  data-testid="event-row"
                >
                  <span role="cell" className="log-time">
                    <time dateTime={new Date(e.at).toISOString()} title={formatFull(e.at)}>
                      {formatDateTime(e.at)}
                    </time>
                  </span>
                  <span role="cell">{e.roomName ?? '—'}</span>
                  <span role="cell">{e.connectionName ?? '—'}</span>
                  <span role="cell" className="log-kind">
                    {kindLabel[e.kind]}
                  </span>
                  <span role="cell">{causeLabel[e.cause]}</span>
                  <span role="cell" className="log-message" title={e.message}>
                    {e.message}
                  </span>
                </div>
              );
            })}
          </div>
        </div>
      )}
    </section>
  );
}
