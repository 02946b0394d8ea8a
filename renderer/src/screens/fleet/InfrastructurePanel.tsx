// The Relay infrastructure behind a connection's rooms: the enterprise, the server's health (a degraded
// server is said in words, not shown as a failure), the Listener Services with their rooms and whether each
// is online, and the failure records as alerts (one per failure of one subject, with how often).
import { useCallback, useEffect, useState } from 'react';
import type { FleetConnection, Infrastructure } from '../../../../contract/index.ts';
import { relay } from '../../relay.ts';
import { formatDateTime } from '../../rooms/format.ts';

const REFRESH_MS = 60_000;
const healthWords = { ok: 'Healthy', degraded: 'Degraded', unreachable: 'Not reachable', unknown: 'Unknown' } as const;

/** Mounted anew (a `key`) for each connection. */
export function InfrastructurePanel({ connection }: { connection: FleetConnection }) {
  const [view, setView] = useState<Infrastructure | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const load = useCallback((): Promise<void> => {
    const api = relay();
    if (!api) return Promise.resolve();
    return api.fleetInfrastructure({ connectionId: connection.connectionId }).then((r) => {
      setLoading(false);
      if (r.ok) {
        setView(r.value);
        setError(null);
      } else setError(r.error.message);
    });
  }, [connection.connectionId]);

  useEffect(() => {
    void load();
    const t = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(t);
  }, [load]);

  return (
    <section className="fleet-infra" aria-labelledby="fleet-infra-title">
      <div className="fleet-title-row">
        <h2 id="fleet-infra-title">Infrastructure</h2>
        <button
          type="button"
          onClick={() => {
            setLoading(true);
            void load();
          }}
          disabled={loading}
        >
          {loading ? 'Reading…' : 'Refresh'}
        </button>
      </div>
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      {view && (
        <>
          <div className={`fleet-card fleet-health-${view.health.state}`} data-testid="connection-card">
            <h3>{view.enterprise?.label ?? view.enterprise?.name ?? connection.enterprise ?? connection.name}</h3>
            <p>
              {connection.name}
              {view.enterprise?.name ? ` · enterprise ${view.enterprise.name}` : ''}
              {view.enterprise?.pointOfContact ? ` · contact ${view.enterprise.pointOfContact}` : ''}
            </p>
            <p data-testid="health" data-state={view.health.state}>
              <strong>{healthWords[view.health.state]}</strong>: {view.health.message}
              {view.health.hostname ? ` (${view.health.hostname})` : ''}
            </p>
          </div>
          {view.notes.map((n) => (
            <p key={n} className="muted">
              {n}
            </p>
          ))}
          <h3>Listener Services</h3>
          {view.listenerServices === null ? (
            <p className="muted">This server does not list its Listener Services.</p>
          ) : (
            <table className="fleet-table" aria-label="Listener Services" data-testid="listener-services">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Location</th>
                  <th scope="col">State</th>
                  <th scope="col">Rooms</th>
                  <th scope="col">Contact</th>
                </tr>
              </thead>
              <tbody>
                {view.listenerServices.map((ls) => (
                  <tr key={ls.id} data-ls-name={ls.name ?? ls.id}>
                    <td>{ls.name ?? ls.id}</td>
                    <td>{ls.location ?? '—'}</td>
                    <td title={ls.onlineSource ?? undefined}>{ls.online === null ? 'Not known' : ls.online ? 'Online' : 'Offline'}</td>
                    <td>
                      {ls.rooms}
                      {ls.roomsOffline > 0 ? ` (${ls.roomsOffline} offline)` : ''}
                    </td>
                    <td>{ls.pointOfContact ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h3>Failures reported by Relay</h3>
          {view.alerts.length === 0 ? (
            <p className="muted">None.</p>
          ) : (
            <ul className="fleet-alerts" data-testid="failure-alerts">
              {view.alerts.map((a) => (
                <li key={a.key}>
                  <strong>{a.subject}</strong>: {a.message}
                  {a.count > 1 ? ` (${a.count} times)` : ''}
                  {a.lastAt !== null ? ` — last ${formatDateTime(a.lastAt)}` : ''}
                </li>
              ))}
            </ul>
          )}
          <p className="muted">Read {formatDateTime(view.fetchedAt)}; every request counts against the server's request budget.</p>
        </>
      )}
    </section>
  );
}
