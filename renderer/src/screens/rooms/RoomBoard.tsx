// The board: every matching room as a row (a table) or a tile, in a virtual list so that only the rows on
// screen exist in the DOM. One ARIA grid; the grid itself holds keyboard focus and points at the
// selected room with aria-activedescendant, so arrow keys never have to move DOM focus between rows.
import { memo, useCallback, useEffect, useImperativeHandle, useRef, type CSSProperties, type KeyboardEvent, type Ref } from 'react';
import { useVirtualizer, type Range } from '@tanstack/react-virtual';
import type { RoomView } from '../../../../contract/index.ts';
import { blockRange, moveSelection, renderBlock, rowHeights, tileMinWidth, type Layout, type LayoutRow, type Move } from '../../rooms/layout.ts';
import type { Density, SortField, ViewPrefs } from '../../rooms/prefs.ts';
import { useNow } from '../../rooms/clock.ts';
import { micLabel, placeLabel, roomState } from '../../rooms/model.ts';
import { Mic, StateBadge, TimeInState, Updated, meetingText, roomSummary } from './RoomBits.tsx';
import { PinIcon } from './Icons.tsx';

export interface BoardHandle {
  focus(): void;
  /** Scrolls the room into view (keyboard moves and "reveal"). */
  reveal(key: string): void;
}

export type BoardCommand = 'open' | 'toggle-mute' | 'toggle-pin';

interface BoardProps {
  layout: Layout;
  /** Read during render: the board re-renders with its parent on every store change. */
  rooms: ReadonlyMap<string, RoomView>;
  /** The store version: grows with every change to `rooms`. */
  version: number;
  density: Density;
  sort: ViewPrefs['sort'];
  selected: string | null;
  onSelect(key: string): void;
  onCommand(key: string, command: BoardCommand): void;
  onSort(field: SortField): void;
  onToggleGroup(id: string): void;
  /** The rooms on screen now (called after each render that changes them). */
  onVisible(keys: readonly string[]): void;
  /** How many tiles fit across. */
  onColumns(columns: number): void;
  ref?: Ref<BoardHandle>;
}

const columns: { id: string; label: string; sort?: SortField }[] = [
  { id: 'name', label: 'Room', sort: 'name' },
  { id: 'place', label: 'Site / floor', sort: 'site' },
  { id: 'connection', label: 'Connection', sort: 'connection' },
  { id: 'state', label: 'State', sort: 'state' },
  { id: 'mic', label: 'Microphone' },
  { id: 'meeting', label: 'Meeting' },
  { id: 'since', label: 'In state', sort: 'since' },
  { id: 'updated', label: 'Updated', sort: 'updated' },
];

const headHeight = 34;

const moves: Record<string, Move> = {
  ArrowUp: 'up',
  k: 'up',
  ArrowDown: 'down',
  j: 'down',
  ArrowLeft: 'left',
  h: 'left',
  ArrowRight: 'right',
  l: 'right',
  Home: 'home',
  End: 'end',
  PageUp: 'page-up',
  PageDown: 'page-down',
};

/** A DOM id for a room (aria-activedescendant points at it). */
export function roomDomId(key: string): string {
  return `room-${encodeURIComponent(key)}`;
}

function rowSize(row: LayoutRow | undefined, density: Density): number {
  if (!row || row.kind === 'group') return rowHeights.group;
  return density === 'tiles' ? rowHeights.tiles : rowHeights.row;
}

export function RoomBoard(props: BoardProps) {
  const { layout, rooms, version, density, sort, selected, onSelect, onCommand, onVisible, onColumns, ref } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const isRows = density === 'rows';
  const margin = isRows ? headHeight : 0;
  const selectedRow = selected === null ? -1 : (layout.position(selected)?.row ?? -1);

  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = new Set(blockRange(range, renderBlock[density]));
      const header = layout.headerOf(range.startIndex);
      if (header >= 0) indexes.add(header); // the sticky group header
      if (selectedRow >= 0) indexes.add(selectedRow); // aria-activedescendant must exist
      return [...indexes].sort((a, b) => a - b);
    },
    [layout, selectedRow, density],
  );

  // Stable callbacks: the virtualizer recomputes every row's offset whenever one of them changes.
  const estimateSize = useCallback((i: number) => rowSize(layout.rows[i], density), [layout, density]);
  const getItemKey = useCallback(
    (i: number) => {
      const row = layout.rows[i];
      if (!row) return i;
      if (row.kind === 'group') return `g:${row.group.id}`;
      return isRows ? `r:${row.keys[0]}` : `t:${i}`;
    },
    [layout, isRows],
  );
  const getScrollElement = useCallback(() => scrollRef.current, []);

  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here; the board re-renders with its parent
  const virtualizer = useVirtualizer({
    count: layout.rows.length,
    getScrollElement,
    estimateSize,
    getItemKey,
    overscan: isRows ? 6 : 2,
    // Scrolling re-renders the board in React's next task, not synchronously inside the scroll event: the
    // frame is not held up by it, and several scroll events in one frame make one render. The overscan
    // (and the blocks) keep rows ready beyond the edges meanwhile.
    useFlushSync: false,
    rangeExtractor,
    scrollMargin: margin,
    scrollPaddingStart: margin + (layout.rows[0]?.kind === 'group' ? rowHeights.group : 0),
  });

  // Row sizes depend on the density.
  useEffect(() => virtualizer.measure(), [virtualizer, density]);

  const reveal = useCallback(
    (key: string) => {
      const at = layout.position(key);
      if (at) virtualizer.scrollToIndex(at.row, { align: 'auto' });
    },
    [layout, virtualizer],
  );
  useImperativeHandle(ref, () => ({ focus: () => scrollRef.current?.focus(), reveal }), [reveal]);

  // Tiles per row follow the width.
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const observer = new ResizeObserver(() => onColumns(Math.max(1, Math.floor((el.clientWidth - 16) / tileMinWidth))));
    observer.observe(el);
    return () => observer.disconnect();
  }, [onColumns]);

  const items = virtualizer.getVirtualItems();
  const activeHeader = layout.headerOf(virtualizer.range?.startIndex ?? 0);

  // What main polls first: the rows on screen and the overscan, not the rest of the rendered blocks.
  const range = virtualizer.range;
  const overscan = virtualizer.options.overscan;
  const visibleSig: string[] = [];
  for (const item of items) {
    const row = layout.rows[item.index];
    const near = range !== null && item.index >= range.startIndex - overscan && item.index <= range.endIndex + overscan;
    if (row?.kind === 'rooms' && near && item.index !== selectedRow) visibleSig.push(...row.keys);
  }
  const visibleText = visibleSig.join('\n');
  useEffect(() => onVisible(visibleText ? visibleText.split('\n') : []), [visibleText, onVisible]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.target !== e.currentTarget || e.ctrlKey || e.metaKey || e.altKey) return;
    const move = moves[e.key];
    if (move) {
      e.preventDefault();
      const pageRows = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / rowSize({ kind: 'rooms', keys: [] }, density)) - 1);
      const next = moveSelection(layout, selected, move, pageRows);
      if (next !== null) {
        onSelect(next);
        reveal(next);
      }
      return;
    }
    if (selected === null || !layout.position(selected)) return;
    const command: BoardCommand | null = e.key === 'Enter' ? 'open' : e.key === 'm' ? 'toggle-mute' : e.key === 'p' ? 'toggle-pin' : null;
    if (command) {
      e.preventDefault();
      onCommand(selected, command);
    }
  };

  const rowCount = layout.rows.length + (isRows ? 1 : 0);
  return (
    <div
      ref={scrollRef}
      className={`board board-${density}`}
      role="grid"
      aria-label="Rooms"
      aria-rowcount={rowCount}
      aria-colcount={isRows ? columns.length : layout.columns}
      aria-activedescendant={selected !== null && selectedRow >= 0 ? roomDomId(selected) : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      data-testid="room-board"
    >
      {isRows && (
        <div className="board-head" role="row" aria-rowindex={1}>
          {columns.map((c) => (
            <div
              key={c.id}
              role="columnheader"
              className={`cell c-${c.id}`}
              aria-sort={c.sort && sort.field === c.sort ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}
            >
              {c.sort ? (
                <button type="button" tabIndex={-1} className="sort-button" onClick={() => props.onSort(c.sort!)}>
                  {c.label}
                  {sort.field === c.sort && <span aria-hidden="true">{sort.dir === 'asc' ? ' ▲' : ' ▼'}</span>}
                </button>
              ) : (
                c.label
              )}
            </div>
          ))}
        </div>
      )}
      <div className="board-body" style={{ height: virtualizer.getTotalSize() - margin }}>
        {items.map((item) => {
          const row = layout.rows[item.index];
          if (!row) return null;
          const sticky = row.kind === 'group' && item.index === activeHeader;
          const top = sticky ? null : item.start - margin;
          const ariaRow = item.index + (isRows ? 2 : 1);
          if (row.kind === 'group') {
            return (
              <GroupRow
                key={item.key}
                row={row}
                top={top}
                size={item.size}
                ariaRow={ariaRow}
                span={isRows ? columns.length : layout.columns}
                onToggle={props.onToggleGroup}
              />
            );
          }
          if (isRows) {
            const key = row.keys[0]!;
            const room = rooms.get(key);
            if (!room) return null;
            return (
              <RoomRow key={item.key} room={room} selected={key === selected} top={top ?? 0} size={item.size} ariaRow={ariaRow} onSelect={onSelect} onCommand={onCommand} />
            );
          }
          return (
            <TileRow
              key={item.key}
              keys={row.keys}
              rooms={rooms}
              version={version}
              columns={layout.columns}
              selected={selected !== null && row.keys.includes(selected) ? selected : null}
              top={top ?? 0}
              size={item.size}
              ariaRow={ariaRow}
              onSelect={onSelect}
              onCommand={onCommand}
            />
          );
        })}
      </div>
    </div>
  );
}

interface RowProps {
  room: RoomView;
  selected: boolean;
  onSelect(key: string): void;
  onCommand(key: string, command: BoardCommand): void;
}

interface Placed {
  top: number;
  size: number;
  ariaRow: number;
}

const place = (top: number | null, size: number): CSSProperties => (top === null ? { height: size } : { height: size, transform: `translateY(${top}px)` });

const RoomRow = memo(function RoomRow({ room, selected, top, size, ariaRow, onSelect, onCommand }: RowProps & Placed) {
  const now = useNow();
  return (
    <div
      id={roomDomId(room.key)}
      role="row"
      aria-rowindex={ariaRow}
      aria-selected={selected}
      aria-label={roomSummary(room, now)}
      className={`room-row${selected ? ' is-selected' : ''}${room.stale ? ' is-stale' : ''}`}
      data-state={roomState(room)}
      style={place(top, size)}
      data-room-key={room.key}
      onClick={() => {
        onSelect(room.key);
        onCommand(room.key, 'open');
      }}
    >
      <div role="gridcell" className="cell c-name">
        {room.pinned && (
          <span className="pin" title="Pinned">
            <PinIcon />
            <span className="sr-only">pinned</span>
          </span>
        )}
        <span className="room-name">{room.name}</span>
      </div>
      <div role="gridcell" className="cell c-place">
        {placeLabel(room)}
      </div>
      <div role="gridcell" className="cell c-connection">
        {room.connectionName}
      </div>
      <div role="gridcell" className="cell c-state">
        <StateBadge room={room} />
      </div>
      <div role="gridcell" className="cell c-mic">
        <Mic room={room} />
      </div>
      <div role="gridcell" className="cell c-meeting" title={room.error?.message}>
        {room.error ? <span className="room-error">{room.error.message}</span> : meetingText(room)}
      </div>
      <div role="gridcell" className="cell c-since">
        <TimeInState room={room} now={now} />
      </div>
      <div role="gridcell" className="cell c-updated">
        <Updated room={room} now={now} />
      </div>
    </div>
  );
});

interface TileRowProps extends Placed {
  keys: readonly string[];
  rooms: ReadonlyMap<string, RoomView>;
  /** The rooms map is updated in place: this tells the row that something in it changed. */
  version: number;
  columns: number;
  selected: string | null;
  onSelect(key: string): void;
  onCommand(key: string, command: BoardCommand): void;
}

const TileRow = memo(function TileRow({ keys, rooms, columns, selected, top, size, ariaRow, onSelect, onCommand }: TileRowProps) {
  return (
    <div role="row" aria-rowindex={ariaRow} className="tile-row" style={{ ...place(top, size), gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }}>
      {keys.map((key) => {
        const room = rooms.get(key);
        return room ? <RoomTile key={key} room={room} selected={key === selected} onSelect={onSelect} onCommand={onCommand} /> : null;
      })}
    </div>
  );
});

const RoomTile = memo(function RoomTile({ room, selected, onSelect, onCommand }: RowProps) {
  const now = useNow();
  return (
    <div
      id={roomDomId(room.key)}
      role="gridcell"
      aria-selected={selected}
      aria-label={roomSummary(room, now)}
      className={`tile${selected ? ' is-selected' : ''}${room.stale ? ' is-stale' : ''}`}
      data-state={roomState(room)}
      data-room-key={room.key}
      onClick={() => {
        onSelect(room.key);
        onCommand(room.key, 'open');
      }}
    >
      <div className="tile-top">
        <span className="room-name">{room.name}</span>
        {room.pinned && (
          <span className="pin" title="Pinned">
            <PinIcon />
          </span>
        )}
      </div>
      <div className="tile-place">
        {placeLabel(room)} · {room.connectionName}
      </div>
      <div className="tile-state">
        <StateBadge room={room} />
      </div>
      {/* The microphone leads the call's line and keeps its width; the meeting's title gives way. */}
      <div className="tile-meeting">
        {micLabel(room) !== null && <Mic room={room} />}
        <span className="tile-meeting-text">{room.error ? <span className="room-error">{room.error.message}</span> : room.meeting ? meetingText(room) : 'No meeting'}</span>
      </div>
      <div className="tile-times">
        <span>
          for <TimeInState room={room} now={now} />
        </span>
        <span>
          updated <Updated room={room} now={now} />
        </span>
      </div>
    </div>
  );
});

interface GroupRowProps {
  row: Extract<LayoutRow, { kind: 'group' }>;
  /** null: the sticky header of the group scrolled past. */
  top: number | null;
  size: number;
  ariaRow: number;
  span: number;
  onToggle(id: string): void;
}

const GroupRow = memo(function GroupRow({ row, top, size, ariaRow, span, onToggle }: GroupRowProps) {
  const { group, collapsed } = row;
  return (
    <div role="row" aria-rowindex={ariaRow} className={`group-row${top === null ? ' is-sticky' : ''}`} style={place(top, size)}>
      <div role="gridcell" aria-colspan={span} className="group-cell">
        <button type="button" tabIndex={-1} className="group-toggle" aria-expanded={!collapsed} onClick={() => onToggle(group.id)}>
          <span aria-hidden="true" className="chevron">
            {collapsed ? '▸' : '▾'}
          </span>
          <span className="group-label">{group.label}</span>
          <span className="group-count">
            {group.count} {group.count === 1 ? 'room' : 'rooms'}
          </span>
        </button>
      </div>
    </div>
  );
});
