// Bulk provisioning: open a CSV file, see its dry run (what would change, every row's errors with row and
// column) before anything is sent, apply it with progress, the time left, pause and cancel, save the
// report; and export the fleet in the same format. The file is read in the browser and sent to main in
// parts; main parses and checks it.
import { useEffect, useState } from 'react';
import type { FleetConnection, ImportPlan, ImportProgress, ImportRow } from '../../../../contract/index.ts';
import { download } from '../../download.ts';
import { relay } from '../../relay.ts';
import { formatDuration } from '../../rooms/format.ts';

const kindWords = { create: 'to add', update: 'to change', unchanged: 'unchanged', error: 'with errors' } as const;

function estimate(ms: number | null, budget: number | null): string {
  if (ms === null) return budget === null ? 'No request limit on this server: as fast as it answers.' : '';
  return `About ${formatDuration(ms)} at ${budget} requests a second (Relay Console keeps a fifth of the budget for the board).`;
}

/** Mounted anew (a `key`) for each connection. */
export function ImportPanel({ connection, chunkChars }: { connection: FleetConnection; chunkChars: number }) {
  const [plan, setPlan] = useState<ImportPlan | null>(null);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [changes, setChanges] = useState<ImportRow[]>([]);

  useEffect(() => {
    const api = relay();
    if (!api) return;
    return api.on('fleet.import.progress', (p) => {
      if (p.importId === plan?.importId) setProgress(p);
    });
  }, [plan?.importId]);

  const open = async (file: File): Promise<void> => {
    const api = relay();
    if (!api) return;
    setError(null);
    setPlan(null);
    setProgress(null);
    setChanges([]);
    setBusy('Reading the file…');
    try {
      const text = await file.text();
      const begun = await api.fleetImportBegin({ connectionId: connection.connectionId, fileName: file.name, size: Math.min(text.length, 16 * 1024 * 1024) });
      if (!begun.ok) return setError(begun.error.message);
      const { importId } = begun.value;
      for (let i = 0, n = 0; i < text.length || n === 0; i += chunkChars, n++) {
        const sent = await api.fleetImportChunk({ importId, index: n, text: text.slice(i, i + chunkChars) });
        if (!sent.ok) return setError(sent.error.message);
      }
      setBusy('Checking every row against the fleet (nothing is sent)…');
      const dry = await api.fleetImportPlan({ importId });
      if (!dry.ok) return setError(dry.error.message);
      setPlan(dry.value);
      const [adds, updates] = await Promise.all([
        api.fleetImportRows({ importId, kind: 'create', offset: 0, limit: 50 }),
        api.fleetImportRows({ importId, kind: 'update', offset: 0, limit: 50 }),
      ]);
      setChanges([...(updates.ok ? updates.value : []), ...(adds.ok ? adds.value : [])]);
    } finally {
      setBusy(null);
    }
  };

  const act = async (what: 'apply' | 'pause' | 'resume' | 'cancel'): Promise<void> => {
    const api = relay();
    if (!api || !plan) return;
    const importId = plan.importId;
    const r =
      what === 'apply'
        ? await api.fleetImportApply({ importId })
        : what === 'cancel'
          ? await api.fleetImportCancel({ importId })
          : await api.fleetImportPause({ importId, paused: what === 'pause' });
    if (r.ok) setProgress(r.value);
    else setError(r.error.message);
  };

  const saveReport = async (): Promise<void> => {
    const api = relay();
    if (!api || !plan) return;
    const r = await api.fleetImportReport({ importId: plan.importId });
    if (r.ok) download(r.value.text, r.value.fileName);
    else setError(r.error.message);
  };

  const exportFleet = async (): Promise<void> => {
    const api = relay();
    if (!api) return;
    setBusy('Reading the fleet…');
    const r = await api.fleetExport({ connectionId: connection.connectionId });
    setBusy(null);
    if (r.ok) download(r.value.text, r.value.fileName);
    else setError(r.error.message);
  };

  const running = progress?.phase === 'applying' || progress?.phase === 'paused';
  const finished = progress?.phase === 'done' || progress?.phase === 'cancelled' || progress?.phase === 'failed';
  return (
    <section className="fleet-import" aria-labelledby="fleet-import-title">
      <h2 id="fleet-import-title">Import and export</h2>
      <p className="muted">
        A CSV file with a header row and one row per room (the format of the export; see docs/fleet-csv.md). Rooms are matched by id, else by name. An
        empty cell leaves a field as it is. Nothing is deleted.
      </p>
      <div className="fleet-import-actions">
        <label className="file-button">
          Open a CSV file…
          <input
            type="file"
            accept=".csv,text/csv,text/plain"
            data-testid="import-file"
            disabled={running || busy !== null}
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void open(file);
            }}
          />
        </label>
        <button type="button" onClick={() => void exportFleet()} disabled={busy !== null} data-testid="export-fleet">
          Export the fleet
        </button>
      </div>
      {busy && <p role="status">{busy}</p>}
      {error && (
        <p role="alert" className="error-text" data-testid="import-error">
          {error}
        </p>
      )}
      {plan && (
        <div className="fleet-plan" data-testid="dry-run">
          <h3>
            Dry run of {plan.fileName}: {plan.rows} rows
          </h3>
          <ul className="fleet-counts">
            <li data-testid="count-create">{plan.counts.create} to add</li>
            <li data-testid="count-update">{plan.counts.update} to change</li>
            <li data-testid="count-unchanged">{plan.counts.unchanged} unchanged</li>
            <li data-testid="count-error">{plan.counts.error} with errors (skipped)</li>
            <li data-testid="count-not-in-file">{plan.counts.notInFile} in the fleet but not in the file (left as they are)</li>
          </ul>
          {plan.notes.map((n) => (
            <p key={n} className="muted">
              {n}
            </p>
          ))}
          {plan.issues.length > 0 && (
            <table className="fleet-issues" aria-label="Errors by row" data-testid="import-issues">
              <thead>
                <tr>
                  <th scope="col">Row</th>
                  <th scope="col">Column</th>
                  <th scope="col">Problem</th>
                </tr>
              </thead>
              <tbody>
                {plan.issues.map((i, n) => (
                  <tr key={`${i.row}-${i.column ?? ''}-${n}`}>
                    <td>{i.row}</td>
                    <td>{i.column ?? '—'}</td>
                    <td>{i.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {plan.errorTotal > plan.issues.length && <p className="muted">The first {plan.issues.length} errors are shown.</p>}
          {changes.length > 0 && (
            <details>
              <summary>Rows that change ({plan.counts.create + plan.counts.update})</summary>
              <ul>
                {changes.map((r) => (
                  <li key={r.row}>
                    Row {r.row}: {r.name} — {kindWords[r.kind]}
                    {r.changes.length > 0 ? ` (${r.changes.join(', ')})` : ''}
                  </li>
                ))}
              </ul>
            </details>
          )}
          <p data-testid="import-estimate">
            {plan.requests} request{plan.requests === 1 ? '' : 's'}. {estimate(plan.estimateMs, plan.budgetPerSec)}
          </p>
          {!plan.canApply && <p role="note">{plan.reason}</p>}
          <div className="fleet-import-actions">
            {!progress || progress.phase === 'ready' ? (
              <button type="button" className="primary" disabled={!plan.canApply} onClick={() => void act('apply')} data-testid="import-apply">
                Apply {plan.requests} change{plan.requests === 1 ? '' : 's'}
              </button>
            ) : null}
            {progress?.phase === 'applying' && (
              <button type="button" onClick={() => void act('pause')}>
                Pause
              </button>
            )}
            {progress?.phase === 'paused' && (
              <button type="button" onClick={() => void act('resume')}>
                Resume
              </button>
            )}
            {running && (
              <button type="button" className="btn-danger" onClick={() => void act('cancel')}>
                Cancel
              </button>
            )}
            {finished && (
              <button type="button" onClick={() => void saveReport()} data-testid="import-report">
                Save the report
              </button>
            )}
          </div>
          {progress && progress.phase !== 'ready' && (
            <div className="fleet-progress" data-testid="import-progress">
              <progress max={Math.max(1, progress.total)} value={progress.done} aria-label="Import progress" />
              <p role="status" data-testid="import-phase" data-phase={progress.phase}>
                {progress.done} of {progress.total}: {progress.created} added, {progress.updated} changed, {progress.failed} failed. {progress.message}
                {progress.etaMs !== null && running ? ` About ${formatDuration(progress.etaMs)} left.` : ''}
              </p>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
