// One connection in the list: name, kind, state (with the reason in words), roles, enterprise, expiry,
// its rooms, its polling budget, the last check, and what can be done with it: reconnect, check, rename,
// sign out, remove.
import { useState, type FormEvent } from 'react';
import type { ConnectionView } from '../../../../contract/index.ts';
import { relay } from '../../relay.ts';
import { ConfirmRemove } from './ConfirmRemove.tsx';
import { Field } from './Field.tsx';
import { checkField } from './form-model.ts';
import { checkLabel, expiryLabel, kindLabels, pollBudgetChoices, pollBudgetGuarantee, pollBudgetLabel, roomListLabel, roomListProblem, rolesLabel, roomsUnread, stateLabel } from './format.ts';
import { ReconnectForm } from './ReconnectForm.tsx';

type Mode = 'view' | 'reconnect' | 'rename' | 'remove';

export function ConnectionRow({ view, now }: { view: ConnectionView; now: number }) {
  const [mode, setMode] = useState<Mode>('view');
  const [name, setName] = useState(view.name);
  const [busy, setBusy] = useState(false);
  const [checking, setChecking] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const nameError = checkField('name', name) ?? (name.trim() ? undefined : 'Enter a name.');

  const run = async (call: () => Promise<{ ok: boolean; error?: { message: string } } | undefined>, after?: () => void): Promise<void> => {
    setBusy(true);
    setMessage(null);
    const result = await call();
    setBusy(false);
    if (!result) return setMessage('This page has no bridge to Relay Console.');
    if (result.ok) after?.();
    else setMessage(result.error?.message ?? 'That did not work.');
  };
  const rename = (e: FormEvent): void => {
    e.preventDefault();
    if (nameError) return;
    void run(() => relay()!.connectionsRename({ id: view.id, name: name.trim() }), () => setMode('view'));
  };
  const setBudget = (value: string): void => {
    const perSec = value === 'none' ? null : Number(value);
    void run(() => relay()!.connectionsSetPollBudget({ id: view.id, perSec }));
  };
  const budgets = pollBudgetChoices.includes(view.pollBudget) ? pollBudgetChoices : [view.pollBudget, ...pollBudgetChoices];
  // Connected, but the rooms could not be read: shown as a problem, never as "Connected".
  const shownState = roomsUnread(view) ? 'error' : view.state;
  const problem = view.reason ?? roomListProblem(view);
  const scope = view.capabilities.zeroTouch ? 'One room, zero-touch actions only' : view.capabilities.canProvision ? 'View, control and provision rooms' : view.capabilities.canControl ? 'View and control rooms' : 'Join this meeting';

  return (
    <li className={`conn-row conn-row-${shownState}`} data-testid="connection" data-connection-id={view.id} aria-label={view.name}>
      <div className="conn-row-main">
        <div className="conn-row-title">
          <strong>{view.name}</strong>
          {view.demo && <span className="conn-badge">Demo</span>}
          <span className={`conn-state conn-state-${shownState}`} data-testid="connection-state">
            {stateLabel(view)}
          </span>
        </div>
        <dl className="conn-row-facts">
          <dt>Kind</dt>
          <dd>{kindLabels[view.kind].title}</dd>
          <dt>Access</dt>
          <dd title={scope}>{rolesLabel(view)}</dd>
          {view.enterprise && (
            <>
              <dt>Enterprise</dt>
              <dd>{view.enterprise}</dd>
            </>
          )}
          {view.account && (
            <>
              <dt>{view.kind === 'meeting' ? 'Meeting' : view.kind === 'code' || view.kind === 'client' ? 'App key' : 'User'}</dt>
              <dd>{view.account}</dd>
            </>
          )}
          {view.capabilities.canView && view.state === 'connected' && (
            <>
              <dt>Rooms</dt>
              <dd data-testid="connection-rooms">{roomListLabel(view)}</dd>
            </>
          )}
          {view.capabilities.canView && (
            <>
              <dt>
                <label htmlFor={`budget-${view.id}`}>Polling</label>
              </dt>
              <dd>
                <select
                  id={`budget-${view.id}`}
                  data-testid="connection-budget"
                  value={view.pollBudget === null ? 'none' : String(view.pollBudget)}
                  disabled={busy}
                  aria-describedby={`budget-hint-${view.id}`}
                  onChange={(e) => setBudget(e.target.value)}
                >
                  {budgets.map((b) => (
                    <option key={String(b)} value={b === null ? 'none' : String(b)}>
                      {pollBudgetLabel(b)}
                    </option>
                  ))}
                </select>
                <span className="conn-budget-hint" id={`budget-hint-${view.id}`} data-testid="connection-budget-hint">
                  {pollBudgetGuarantee(view.pollBudget)}
                </span>
              </dd>
            </>
          )}
          <dt>Expiry</dt>
          <dd data-testid="connection-expiry">{expiryLabel(view, now)}</dd>
          {!view.persisted && view.kind !== 'meeting' && (
            <>
              <dt>Saved</dt>
              <dd>This session only</dd>
            </>
          )}
        </dl>
        {problem && (
          <p className="conn-row-reason" role={shownState === 'connected' ? undefined : 'status'}>
            {problem}
          </p>
        )}
        {view.check && (
          <p className={`conn-row-check ${view.check.ok ? 'conn-row-check-ok' : 'error-text'}`} role="status" data-testid="connection-check">
            {checkLabel(view.check)}
          </p>
        )}
      </div>

      {mode === 'reconnect' && <ReconnectForm view={view} onDone={() => setMode('view')} onCancel={() => setMode('view')} />}
      {mode === 'rename' && (
        <form className="conn-rename-form" onSubmit={rename} aria-label={`Rename ${view.name}`}>
          <Field label="New name" value={name} error={name !== view.name ? nameError : undefined} autoFocus onValue={setName} onKeyDown={(e) => e.key === 'Escape' && setMode('view')} />
          <div className="conn-form-actions">
            <button type="submit" className="primary" disabled={busy || Boolean(nameError)}>
              Save name
            </button>
            <button type="button" onClick={() => setMode('view')}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {mode === 'remove' && (
        <ConfirmRemove
          name={view.name}
          busy={busy}
          onCancel={() => setMode('view')}
          onConfirm={() => void run(() => relay()!.connectionsRemove({ id: view.id }))}
        />
      )}
      {mode === 'view' && (
        <div className="conn-row-actions">
          {(view.state === 'reconnect-needed' || view.state === 'error') && (
            <button type="button" className="primary" onClick={() => setMode('reconnect')}>
              Reconnect
            </button>
          )}
          {view.capabilities.canView && (
            <button
              type="button"
              disabled={busy}
              title="Ask this connection's Relay server one cheap question with its token"
              onClick={() => {
                setChecking(true);
                void run(() => relay()!.connectionsCheck({ id: view.id })).finally(() => setChecking(false));
              }}
            >
              {checking ? 'Checking…' : 'Check connection'}
            </button>
          )}
          <button type="button" onClick={() => (setName(view.name), setMode('rename'))}>
            Rename
          </button>
          {view.state === 'connected' && (
            <button type="button" disabled={busy} onClick={() => void run(() => relay()!.connectionsSignOut({ id: view.id }))}>
              Sign out
            </button>
          )}
          <button type="button" className="conn-danger" onClick={() => setMode('remove')}>
            Remove
          </button>
        </div>
      )}
      {message && (
        <p className="error-text" role="alert">
          {message}
        </p>
      )}
    </li>
  );
}
