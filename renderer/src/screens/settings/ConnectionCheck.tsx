import { useEffect, useState } from 'react';
import { notConnectedMessage, relay } from '../../relay.ts';

type Check =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'done'; ms: number; nonce: string }
  | { status: 'failed'; message: string };

/** Asks Relay Console to answer and to send a live update back (app.ping and its app.pong): both ways work. */
export function ConnectionCheck() {
  const [check, setCheck] = useState<Check>({ status: 'idle' });
  const [pongs, setPongs] = useState<ReadonlySet<string>>(new Set());

  useEffect(() => relay()?.on('app.pong', (p) => setPongs((prev) => new Set(prev).add(p.nonce))), []);

  const run = async (): Promise<void> => {
    const api = relay();
    if (!api) return setCheck({ status: 'failed', message: notConnectedMessage });
    setCheck({ status: 'running' });
    const nonce = crypto.randomUUID();
    const started = performance.now();
    const result = await api.ping({ nonce });
    setCheck(result.ok ? { status: 'done', ms: performance.now() - started, nonce } : { status: 'failed', message: result.error.message });
  };

  return (
    <div className="field-group">
      <button type="button" onClick={() => void run()} disabled={check.status === 'running'}>
        Check that Relay Console responds
      </button>
      <p role="status" data-testid="connection-check">
        {check.status === 'running' && 'Checking…'}
        {check.status === 'failed' && check.message}
        {check.status === 'done' &&
          `Relay Console answered in ${Math.max(1, Math.round(check.ms))} ms; ${pongs.has(check.nonce) ? 'live updates arrive too.' : 'waiting for a live update…'}`}
      </p>
    </div>
  );
}
