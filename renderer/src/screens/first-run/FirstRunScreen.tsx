// The first thing a new user sees: try the app on demo rooms (the built-in simulator, no account), or
// add a real connection.
import { useState } from 'react';
import { relay } from '../../relay.ts';
import '../connections/connections.css';

interface Props {
  /** Open the add-connection form. */
  onAddConnection(): void;
  /** Called after the demo connection is ready (e.g. to go to the rooms). */
  onDemoReady?(): void;
}

export function FirstRunScreen({ onAddConnection, onDemoReady }: Props) {
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const startDemo = async (): Promise<void> => {
    const api = relay();
    if (!api) return setState({ busy: false, error: 'This page has no bridge to Relay Console.' });
    setState({ busy: true, error: null });
    const result = await api.demoStart();
    setState({ busy: false, error: result.ok ? null : result.error.message });
    if (result.ok) onDemoReady?.();
  };
  return (
    <section className="conn-first-run" aria-labelledby="first-run-title" data-testid="first-run">
      <h2 id="first-run-title">Welcome to Relay Console</h2>
      <p>Watch and control your BlueJeans Relay meeting rooms from one place. How would you like to start?</p>
      <div className="conn-first-run-choices">
        <div className="conn-choice">
          <h3>Explore with demo rooms</h3>
          <p>A built-in simulator with a few dozen rooms. No account needed; nothing leaves this computer.</p>
          <button type="button" className="primary" onClick={() => void startDemo()} disabled={state.busy}>
            {state.busy ? 'Starting the demo…' : 'Explore with demo rooms'}
          </button>
        </div>
        <div className="conn-choice">
          <h3>Add a connection</h3>
          <p>Sign in with BlueJeans, an enterprise app, a Relay account, a room’s pairing code, or a meeting passcode.</p>
          <button type="button" onClick={onAddConnection}>
            Add a connection
          </button>
        </div>
      </div>
      {state.error && <p role="alert" className="error-text">{state.error}</p>}
    </section>
  );
}
