// The browser sign-in as it happens: waiting (with a countdown and Cancel), finishing, and how it ended.
import { useEffect, useState } from 'react';
import type { SignInProgress } from '../../../../contract/index.ts';
import { relay } from '../../relay.ts';

interface Props {
  progress: SignInProgress;
  onDismiss(): void;
}

export function SignInPanel({ progress, onDismiss }: Props) {
  const waiting = progress.phase === 'waiting' || progress.phase === 'exchanging';
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (progress.phase !== 'waiting') return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [progress.phase]);
  const left = Math.max(0, Math.ceil((progress.deadline - now) / 1000));
  const title = {
    waiting: 'Continue in your web browser',
    exchanging: 'Finishing the sign-in…',
    done: 'Signed in',
    cancelled: 'Sign-in cancelled',
    'timed-out': 'Sign-in timed out',
    failed: 'Sign-in failed',
  }[progress.phase];

  return (
    <section className={`conn-sign-in-panel conn-sign-in-${progress.phase}`} aria-labelledby="sign-in-title" data-testid="sign-in-panel">
      <h2 id="sign-in-title">{title}</h2>
      <p role={waiting ? 'status' : 'alert'}>{progress.message}</p>
      {progress.phase === 'waiting' && (
        <p className="muted conn-field-hint">
          A BlueJeans page opened in your browser. Relay Console waits {Math.floor(left / 60)}:{String(left % 60).padStart(2, '0')} more.
        </p>
      )}
      <div className="conn-form-actions">
        {waiting ? (
          <button type="button" onClick={() => void relay()?.connectionsCancelSignIn()} disabled={progress.phase !== 'waiting'}>
            Cancel sign-in
          </button>
        ) : (
          <button type="button" onClick={onDismiss}>
            Dismiss
          </button>
        )}
      </div>
    </section>
  );
}
