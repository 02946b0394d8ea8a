// The Connections screen: where secrets are kept, a browser sign-in in progress, the list, and the add
// form. With no connection yet it opens on the first-run choice (demo rooms or a real connection).
import { useState } from 'react';
import { FirstRunScreen } from '../first-run/FirstRunScreen.tsx';
import { AddConnectionForm } from './AddConnectionForm.tsx';
import { ConnectionRow } from './ConnectionRow.tsx';
import { SignInPanel } from './SignInPanel.tsx';
import { useConnections, useNow } from './useConnections.ts';
import { VaultBanner } from './VaultBanner.tsx';
import './connections.css';

export function ConnectionsScreen() {
  const state = useConnections();
  const now = useNow();
  const [adding, setAdding] = useState(false);
  const signingIn = state.signIn?.phase === 'waiting' || state.signIn?.phase === 'exchanging';
  const empty = state.status === 'ready' && state.connections.length === 0;

  return (
    <section className="screen connections-screen" aria-labelledby="connections-title">
      <div className="conn-screen-title-row">
        <h1 id="connections-title">Connections</h1>
        {!adding && !empty && (
          <button type="button" className="primary" onClick={() => setAdding(true)}>
            Add a connection
          </button>
        )}
      </div>
      {state.vault && <VaultBanner vault={state.vault} />}
      {state.signIn && <SignInPanel progress={state.signIn} onDismiss={state.dismissSignIn} />}
      {state.status === 'failed' && (
        <p role="alert" className="error-text">
          {state.message}
        </p>
      )}
      {state.status === 'loading' && <p role="status">Loading connections…</p>}
      {empty && !adding && <FirstRunScreen onAddConnection={() => setAdding(true)} />}
      {adding && (
        <AddConnectionForm connections={state.connections} signingIn={signingIn} onDone={() => setAdding(false)} onCancel={() => setAdding(false)} />
      )}
      {state.connections.length > 0 && (
        <ul className="conn-list" aria-label="Connections">
          {state.connections.map((view) => (
            <ConnectionRow key={view.id} view={view} now={now} />
          ))}
        </ul>
      )}
    </section>
  );
}
