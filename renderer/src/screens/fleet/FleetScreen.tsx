// Fleet administration: pick a connection, then its rooms (add, edit, delete), import and export as CSV,
// and the Relay infrastructure behind them. Every rule and every Relay call is in main; this screen shows
// what main says, in an admin's words.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { FleetConnection, FleetFormInfo, FleetRoomSummary, ListenerServiceView } from '../../../../contract/index.ts';
import { relay } from '../../relay.ts';
import { ImportPanel } from './ImportPanel.tsx';
import { InfrastructurePanel } from './InfrastructurePanel.tsx';
import { RoomForm } from './RoomForm.tsx';
import { useFormInfo } from './form-info.ts';
import './fleet.css';

type Tab = 'rooms' | 'import' | 'infrastructure';
const tabs: { id: Tab; label: string }[] = [
  { id: 'rooms', label: 'Rooms' },
  { id: 'import', label: 'Import and export' },
  { id: 'infrastructure', label: 'Infrastructure' },
];

export function FleetScreen() {
  const [connections, setConnections] = useState<FleetConnection[] | null>(null);
  const [connectionId, setConnectionId] = useState<string | null>(null);
  const [tab, setTab] = useState<Tab>('rooms');
  const [error, setError] = useState<string | null>(null);

  const info = useFormInfo();
  const loadConnections = useCallback(() => {
    void relay()
      ?.fleetConnections()
      .then((r) => {
        if (!r.ok) return setError(r.error.message);
        setConnections(r.value);
        setConnectionId((current) =>
          current && r.value.some((c) => c.connectionId === current) ? current : (r.value.find((c) => c.connected)?.connectionId ?? r.value[0]?.connectionId ?? null),
        );
      });
  }, []);

  useEffect(() => {
    loadConnections();
    return relay()?.on('connections.changed', () => loadConnections());
  }, [loadConnections]);

  const connection = connections?.find((c) => c.connectionId === connectionId) ?? null;
  return (
    <section className="screen fleet-screen" aria-labelledby="fleet-title">
      <div className="fleet-title-row">
        <h1 id="fleet-title">Fleet</h1>
        {connections && connections.length > 0 && (
          <label>
            Connection{' '}
            <select value={connectionId ?? ''} onChange={(e) => setConnectionId(e.target.value)} data-testid="fleet-connection">
              {connections.map((c) => (
                <option key={c.connectionId} value={c.connectionId}>
                  {c.name}
                  {c.enterprise ? ` (${c.enterprise})` : ''}
                  {c.canProvision ? '' : ' — read-only'}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      {connections && connections.length === 0 && (
        <p className="empty-state">
          No connection can see a fleet yet. Add one on <a href="#/connections">Connections</a>, or start the demo on <a href="#/rooms">Rooms</a>.
        </p>
      )}
      {connection && info && (
        <>
          <div className="fleet-tabs" role="group" aria-label="Fleet sections">
            {tabs.map((t) => (
              <button key={t.id} type="button" aria-pressed={tab === t.id} onClick={() => setTab(t.id)}>
                {t.label}
              </button>
            ))}
          </div>
          {!connection.connected && <p role="note">"{connection.name}" is not connected: reconnect it on Connections to manage its rooms.</p>}
          {tab === 'rooms' && <RoomsPanel key={connection.connectionId} connection={connection} info={info} />}
          {tab === 'import' && <ImportPanel key={connection.connectionId} connection={connection} chunkChars={info.chunkChars} />}
          {tab === 'infrastructure' && <InfrastructurePanel key={connection.connectionId} connection={connection} />}
        </>
      )}
    </section>
  );
}

function RoomsPanel({ connection, info }: { connection: FleetConnection; info: FleetFormInfo }) {
  const [rooms, setRooms] = useState<FleetRoomSummary[] | null>(null);
  const [listenerServices, setListenerServices] = useState<ListenerServiceView[] | null>(null);
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const [filter, setFilter] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    const api = relay();
    if (!api) return;
    void Promise.all([api.fleetRooms({ connectionId: connection.connectionId }), api.fleetListenerServices({ connectionId: connection.connectionId })]).then(([r, ls]) => {
      if (r.ok) {
        setRooms(r.value);
        setError(null);
      } else setError(r.error.message);
      if (ls.ok) setListenerServices(ls.value);
    });
  }, [connection.connectionId]);

  useEffect(() => load(), [load]);

  const lsName = useMemo(() => new Map((listenerServices ?? []).map((ls) => [ls.id, ls.name ?? ls.id])), [listenerServices]);
  const shown = useMemo(() => {
    const q = filter.trim().toLowerCase();
    const list = rooms ?? [];
    return q === '' ? list : list.filter((r) => `${r.name} ${r.ipAddress} ${r.site}`.toLowerCase().includes(q));
  }, [rooms, filter]);

  return (
    <div className="fleet-rooms">
      <div className="fleet-room-list">
        <div className="fleet-title-row">
          <input type="search" placeholder="Find a room" aria-label="Find a room" value={filter} onChange={(e) => setFilter(e.target.value)} />
          <button
            type="button"
            className="primary"
            onClick={() => {
              setNotice(null);
              setEditing('new');
            }}
          >
            Add a room
          </button>
        </div>
        {error && (
          <p role="alert" className="error-text">
            {error}
          </p>
        )}
        {rooms === null && !error && <p role="status">Reading the rooms…</p>}
        {rooms && (
          <p className="muted" data-testid="fleet-room-count">
            {rooms.length} room{rooms.length === 1 ? '' : 's'}
            {shown.length !== rooms.length ? `, ${shown.length} shown` : ''}
          </p>
        )}
        <ul aria-label="Rooms of the fleet" data-testid="fleet-rooms">
          {shown.slice(0, 500).map((r) => (
            <li key={r.id}>
              <button
                type="button"
                className="fleet-room-button"
                aria-current={editing === r.id ? 'true' : undefined}
                onClick={() => {
                  setNotice(null);
                  setEditing(r.id);
                }}
              >
                <span className="fleet-room-name">{r.name}</span>
                <span className="muted">
                  {[r.site, r.floor ? `floor ${r.floor}` : '', r.ipAddress, lsName.get(r.listenerServiceId) ?? ''].filter(Boolean).join(' · ')}
                </span>
              </button>
            </li>
          ))}
        </ul>
        {shown.length > 500 && <p className="muted">The first 500 are listed; find a room by name.</p>}
      </div>
      {editing !== null && (
        <RoomForm
          key={editing}
          info={info}
          connection={connection}
          roomId={editing === 'new' ? null : editing}
          listenerServices={listenerServices}
          notice={notice}
          onSaved={(id, message) => {
            setNotice(message);
            setEditing(id);
            load();
          }}
          onDeleted={() => {
            setEditing(null);
            load();
          }}
          onClose={() => setEditing(null)}
        />
      )}
    </div>
  );
}
