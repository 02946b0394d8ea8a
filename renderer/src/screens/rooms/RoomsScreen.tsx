// The dashboard: counts at the top, search and filters, the board (rows or tiles, grouped by site), and
// the room panel beside it. Keys: see KeyboardHelp.tsx.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { RoomAction } from '../../../../contract/index.ts';
import { relay } from '../../relay.ts';
import { liveRooms, useActions, useRoomsState } from '../../rooms/live.ts';
import { buildLayout } from '../../rooms/layout.ts';
import { createRoomViewEngine, filterOptions, type ViewQuery } from '../../rooms/view.ts';
import type { SortField } from '../../rooms/prefs.ts';
import type { ActionRecord } from '../../rooms/actions.ts';
import { createFocusReporter } from '../../rooms/focus.ts';
import { whyNot, type StatusToken } from '../../rooms/model.ts';
import { useViewPrefs } from './useViewPrefs.ts';
import { RoomBoard, type BoardCommand, type BoardHandle } from './RoomBoard.tsx';
import { SummaryBar } from './SummaryBar.tsx';
import { Toolbar } from './Toolbar.tsx';
import { PollerBar } from './PollerBar.tsx';
import { CauseBanner } from './CauseBanner.tsx';
import { KeyboardHelp } from './KeyboardHelp.tsx';
import { RoomDetailPanel } from './detail/RoomDetailPanel.tsx';
import { openRoomEvent, takeRequestedRoom } from '../../shell/navigation.ts';
import './rooms.css';

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.closest('input, textarea, select, [contenteditable="true"]') !== null;
}

export function RoomsScreen() {
  const state = useRoomsState();
  const actions = useActions();
  const [prefs, update] = useViewPrefs();
  const [searchText, setSearchText] = useState(prefs.search);
  const [selected, setSelected] = useState<string | null>(null);
  const [detailKey, setDetailKey] = useState<string | null>(null);
  const [columns, setColumns] = useState(1);
  const [notice, setNotice] = useState<string | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  // A room main asked to show (tray, notification): opened at once, revealed once it is on the board.
  const [requested, setRequested] = useState<string | null>(() => takeRequestedRoom());
  const [demo, setDemo] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const searchRef = useRef<HTMLInputElement>(null);
  const boardRef = useRef<BoardHandle>(null);

  // The search applies a moment after typing stops.
  useEffect(() => {
    if (searchText === prefs.search) return;
    const timer = setTimeout(() => update({ search: searchText }), 150);
    return () => clearTimeout(timer);
  }, [searchText, prefs.search, update]);

  const { search, status, site, connection, sort, group } = prefs;
  const query = useMemo<ViewQuery>(() => ({ search, status, site, connection, sort, group }), [search, status, site, connection, sort, group]);
  const [engine] = useState(createRoomViewEngine);
  const order = useMemo(() => engine.compute(state.rooms, state.version, liveRooms().store.changesSince, query), [engine, state, query]);
  const collapsed = useMemo(() => new Set(prefs.collapsed), [prefs.collapsed]);
  const layout = useMemo(() => buildLayout(order, prefs.density === 'rows' ? 1 : columns, collapsed), [order, prefs.density, columns, collapsed]);
  // The menus change only when rooms come, go or move (state.structure); not on every diff.
  const { structure } = state;
  const options = useMemo(() => (void structure, filterOptions(state.rooms)), [structure, state.rooms]);

  // Which rooms are on screen (and the open one): main polls their detail first.
  const visible = useRef<readonly string[]>([]);
  const [reporter] = useState(() =>
    createFocusReporter((keys) => {
      void relay()?.roomsFocus({ keys });
    }),
  );
  useEffect(() => () => reporter.dispose(), [reporter]);
  const onVisible = useCallback(
    (keys: readonly string[]) => {
      visible.current = keys;
      reporter.report(detailKey ? [detailKey, ...keys] : keys);
    },
    [reporter, detailKey],
  );
  useEffect(() => reporter.report(detailKey ? [detailKey, ...visible.current] : visible.current), [reporter, detailKey]);

  const act = useCallback(async (key: string, action: Exclude<RoomAction, 'join'>) => {
    const api = relay();
    if (!api) return;
    setNotice(null);
    await liveRooms().actions.run(key, action, () => api.roomAct({ key, action }));
  }, []);

  const join = useCallback(async (key: string, input: { meetingId: string; passcode?: string; passcodeConnectionId?: string }) => {
    const api = relay();
    if (!api) return;
    setNotice(null);
    await liveRooms().actions.run(key, 'join', () => api.roomJoin({ key, ...input }));
  }, []);

  const pin = useCallback(async (key: string, pinned: boolean) => {
    const r = await relay()?.roomPin({ key, pinned });
    if (r && !r.ok) setNotice(r.error.message);
  }, []);

  const select = useCallback(
    (key: string) => {
      setSelected(key);
      if (detailKey !== null) setDetailKey(key); // the open panel follows the selection
    },
    [detailKey],
  );

  const onCommand = useCallback(
    (key: string, command: BoardCommand) => {
      const room = liveRooms().store.getState().rooms.get(key);
      if (!room) return;
      if (command === 'open') return setDetailKey(key);
      if (command === 'toggle-pin') return void pin(key, !room.pinned);
      const action = room.muted === true ? 'unmute' : 'mute';
      const why = whyNot(room, action);
      if (why) setNotice(`${room.name}: ${why}`);
      else void act(key, action);
    },
    [act, pin],
  );

  const onSort = useCallback(
    (field: SortField) => update({ sort: { field, dir: prefs.sort.field === field && prefs.sort.dir === 'asc' ? 'desc' : 'asc' } }),
    [prefs.sort, update],
  );
  const onToggleGroup = useCallback(
    (id: string) => update({ collapsed: collapsed.has(id) ? prefs.collapsed.filter((c) => c !== id) : [...prefs.collapsed, id] }),
    [collapsed, prefs.collapsed, update],
  );
  const toggleStatus = (token: StatusToken): void =>
    update({ status: prefs.status.includes(token) ? prefs.status.filter((t) => t !== token) : [...prefs.status, token] });
  const clearFilters = (): void => {
    setSearchText('');
    update({ search: '', status: [], site: null, connection: null });
  };

  useEffect(() => {
    const onOpen = (): void => {
      const key = takeRequestedRoom();
      if (key !== null) setRequested(key);
    };
    window.addEventListener(openRoomEvent, onOpen);
    return () => window.removeEventListener(openRoomEvent, onOpen);
  }, []);
  useEffect(() => {
    if (requested === null) return;
    const shown = layout.position(requested) !== null;
    if (!shown && !state.rooms.has(requested)) return; // not loaded yet
    const key = requested;
    const timer = setTimeout(() => {
      setRequested(null);
      setSelected(key);
      setDetailKey(key);
      if (shown) boardRef.current?.reveal(key); // a room hidden by the filters still opens in the panel
    }, 0);
    return () => clearTimeout(timer);
  }, [requested, layout, state]);

  const startDemo = async (): Promise<void> => {
    const api = relay();
    if (!api) return;
    setDemo({ busy: true, error: null });
    const r = await api.demoStart();
    setDemo({ busy: false, error: r.ok ? null : r.error.message });
  };

  // Screen-wide keys: / to search, Escape to close the panel or leave the search, ? for the key list.
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
      const typing = isTyping(e.target);
      if (e.key === '/' && !typing) {
        e.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
      } else if (e.key === '?' && !typing) {
        e.preventDefault();
        setHelpOpen((open) => !open);
      } else if (e.key === 'Escape') {
        if (e.target instanceof HTMLElement && e.target.closest('dialog')) return;
        if (e.target === searchRef.current) {
          e.preventDefault();
          boardRef.current?.focus();
        } else if (detailKey !== null) {
          e.preventDefault();
          setDetailKey(null);
          boardRef.current?.focus();
        } else if (helpOpen) {
          setHelpOpen(false);
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [detailKey, helpOpen]);

  const latest = useMemo(() => {
    let last: ActionRecord | null = null;
    for (const r of actions.values()) if (!last || r.id > last.id) last = r;
    return last;
  }, [actions]);
  const latestName = latest ? (state.rooms.get(latest.key)?.name ?? 'A room') : null;

  const body = (() => {
    if (state.status === 'loading') return <p className="empty-state">Loading rooms…</p>;
    if (state.status === 'failed')
      return (
        <div className="empty-state" role="alert">
          <p>{state.error}</p>
          <p>
            <button type="button" onClick={() => liveRooms().feed?.reload()}>
              Try again
            </button>{' '}
            or check the <a href="#/connections">Connections</a>.
          </p>
        </div>
      );
    if (state.counts.total === 0)
      return (
        <div className="empty-state">
          <p>No rooms to show yet.</p>
          <p>
            Rooms appear here once a connection is added. Go to <a href="#/connections">Connections</a> (Ctrl+2) to add one, or try the app on
            simulated rooms first.
          </p>
          <button type="button" className="primary" onClick={() => void startDemo()} disabled={demo.busy}>
            {demo.busy ? 'Starting the demo…' : 'Explore with demo rooms'}
          </button>
          {demo.error && (
            <p className="error-text" role="alert">
              {demo.error}
            </p>
          )}
        </div>
      );
    return (
      <>
        {order.keys.length === 0 && (
          <div className="empty-state">
            <p>No room matches the search and filters.</p>
            <button type="button" onClick={clearFilters}>
              Clear filters
            </button>
          </div>
        )}
        <RoomBoard
          ref={boardRef}
          layout={layout}
          rooms={state.rooms}
          version={state.version}
          density={prefs.density}
          sort={prefs.sort}
          selected={selected}
          onSelect={select}
          onCommand={onCommand}
          onSort={onSort}
          onToggleGroup={onToggleGroup}
          onVisible={onVisible}
          onColumns={setColumns}
        />
      </>
    );
  })();

  return (
    <section className="screen rooms-screen" aria-labelledby="rooms-title">
      <div className="rooms-head">
        <h1 id="rooms-title">Rooms</h1>
        <SummaryBar counts={state.counts} shown={order.keys.length} active={prefs.status} onToggle={toggleStatus} />
      </div>
      <CauseBanner rooms={state.rooms} version={state.version} />
      <Toolbar
        prefs={prefs}
        searchText={searchText}
        onSearch={setSearchText}
        searchRef={searchRef}
        sites={options.sites}
        connections={options.connections}
        update={update}
        onClear={clearFilters}
      />
      <div className={detailKey ? 'rooms-main with-detail' : 'rooms-main'}>
        <div className="board-wrap">{body}</div>
        {detailKey !== null && (
          <RoomDetailPanel
            key={detailKey}
            roomKey={detailKey}
            room={state.rooms.get(detailKey)}
            record={actions.get(detailKey)}
            onAct={(action) => void act(detailKey, action)}
            onJoin={(input) => join(detailKey, input)}
            onPin={(pinned) => void pin(detailKey, pinned)}
            onClose={() => {
              setDetailKey(null);
              boardRef.current?.focus();
            }}
          />
        )}
      </div>
      <div className="rooms-foot">
        <p className="live-line" role="status" aria-live="polite" data-testid="rooms-notice">
          {notice ?? (latest && latestName ? `${latestName}: ${latest.message}` : '')}
        </p>
        <PollerBar />
        <KeyboardHelp open={helpOpen} onToggle={setHelpOpen} />
      </div>
    </section>
  );
}
