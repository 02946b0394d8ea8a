// The browser sign-in as it happens: waiting (the sign-in address with Copy, for a machine where no browser
// opens; a countdown; Cancel), finishing, and how it ended (done, cancelled, timed out, failed), in words.
import { useEffect, useId, useRef, useState } from 'react';
import type { SignInProgress } from '../../../../contract/index.ts';
import { relay } from '../../relay.ts';

interface Props {
  progress: SignInProgress;
  onDismiss(): void;
}

/** Copies with the clipboard API, else by selecting the field and the page's copy command (a shell may deny the API). */
async function copyText(text: string, field: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    field?.select();
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    }
  }
}

export function SignInPanel({ progress, onDismiss }: Props) {
  const id = useId();
  const waiting = progress.phase === 'waiting' || progress.phase === 'exchanging';
  const [now, setNow] = useState(() => Date.now());
  const [copied, setCopied] = useState<{ url: string; ok: boolean } | null>(null);
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (progress.phase !== 'waiting') return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [progress.phase]);
  const left = Math.max(0, Math.ceil((progress.deadline - now) / 1000));
  const url = progress.phase === 'waiting' ? progress.url : null;
  const title = {
    waiting: 'Continue in your web browser',
    exchanging: 'Finishing the sign-in…',
    done: 'Signed in',
    cancelled: 'Sign-in cancelled',
    'timed-out': 'Sign-in timed out',
    failed: 'Sign-in failed',
  }[progress.phase];
  const copy = async (): Promise<void> => {
    if (url) setCopied({ url, ok: await copyText(url, field.current) });
  };
  const copyNote = copied && copied.url === url ? (copied.ok ? 'Copied.' : 'Select the address and copy it with Ctrl+C (⌘C on a Mac).') : null;

  return (
    <section className={`conn-sign-in-panel conn-sign-in-${progress.phase}`} aria-labelledby="sign-in-title" data-testid="sign-in-panel">
      <h2 id="sign-in-title">{title}</h2>
      <p role={waiting ? 'status' : 'alert'}>{progress.message}</p>
      {url && (
        <div className="conn-field conn-sign-in-address">
          <label htmlFor={`${id}-address`}>Sign-in address</label>
          <div className="conn-sign-in-copy">
            <input id={`${id}-address`} ref={field} type="text" readOnly value={url} spellCheck={false} onFocus={(e) => e.currentTarget.select()} />
            <button type="button" onClick={() => void copy()}>
              Copy address
            </button>
          </div>
          <span className="muted conn-field-hint" role="status">
            {copyNote ?? 'If no browser opened, open this address in a browser on this computer.'}
          </span>
        </div>
      )}
      {progress.phase === 'waiting' && (
        <p className="muted conn-field-hint">
          {left > 0
            ? `Relay Console waits ${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')} more.`
            : 'The time for this sign-in is up; Relay Console is stopping it.'}
        </p>
      )}
      {progress.phase === 'timed-out' && <p className="muted conn-field-hint">Nothing was saved. Start the sign-in again when you are ready.</p>}
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
