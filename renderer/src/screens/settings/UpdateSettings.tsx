// Settings → Updates: the update state in words, "Check for updates…", Download and Restart to install (each
// only when main says it may), and the update server, which the organisation's policy may pin. main decides
// every state; this only shows it and sends the admin's clicks.
import { useEffect, useState } from 'react';
import type { Result, UpdateStatus } from '../../../../contract/index.ts';
import { relay } from '../../relay.ts';
import './settings.css';

type Load = { status: 'loading' } | { status: 'ready'; view: UpdateStatus } | { status: 'failed'; message: string };

const timeOf = (ms: number): string => new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function UpdateSettings() {
  const [load, setLoad] = useState<Load>(() => (relay() ? { status: 'loading' } : { status: 'failed', message: 'This page has no bridge to the main process.' }));
  const [error, setError] = useState<string | null>(null);
  const [feedText, setFeedText] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const api = relay();
    if (!api) return;
    let live = true;
    const take = (view: UpdateStatus): void => {
      if (live) setLoad({ status: 'ready', view });
    };
    void api.updatesStatus().then((r) => {
      if (!live) return;
      if (!r.ok) return setLoad({ status: 'failed', message: r.error.message });
      take(r.value);
      setFeedText(r.value.feed.source === 'settings' ? (r.value.feed.url ?? '') : '');
    });
    const off = api.on('updates.status', take);
    return () => {
      live = false;
      off();
    };
  }, []);

  /** Runs one call; its answer is the new state (events may have shown the steps on the way). */
  const run = async (call: () => Promise<Result<UpdateStatus>>): Promise<boolean> => {
    setError(null);
    setBusy(true);
    const r = await call();
    setBusy(false);
    if (!r.ok) {
      setError(r.error.message);
      return false;
    }
    setLoad({ status: 'ready', view: r.value });
    return true;
  };
  const api = relay();

  if (load.status === 'loading') return <p>Loading the update settings…</p>;
  if (load.status === 'failed' || !api) return <p className="status-error">{load.status === 'failed' ? load.message : 'This page has no bridge to the main process.'}</p>;
  const view = load.view;
  const { actions } = view;

  return (
    <div className="desktop-settings update-settings" data-testid="update-settings">
      {view.managed && (
        <p className="settings-note" data-testid="update-managed">
          Updates are managed by your organisation.
        </p>
      )}
      {view.notices.map((notice) => (
        <p key={notice} className="settings-note" role="note">
          {notice}
        </p>
      ))}
      <p role="status" aria-live="polite" className={view.phase === 'failed' ? 'status-error' : undefined} data-testid="update-status">
        {view.message}
      </p>
      {view.phase === 'downloading' && view.percent !== null && (
        <progress max={100} value={view.percent} aria-label={`Downloading version ${view.availableVersion ?? ''}`} />
      )}
      <p className="settings-help">
        This is Relay Console {view.currentVersion}.
        {view.checkedAt !== null && ` Last checked ${timeOf(view.checkedAt)}.`}
      </p>
      <div className="update-actions">
        <button type="button" onClick={() => void run(() => api.updatesCheck())} disabled={!actions.check || busy || view.phase === 'checking'} data-testid="update-check">
          Check for updates…
        </button>
        {actions.download && (
          <button type="button" className="primary" onClick={() => void run(() => api.updatesDownload())} disabled={busy} data-testid="update-download">
            Download version {view.availableVersion}
          </button>
        )}
        {actions.install && (
          <button type="button" className="primary" onClick={() => void run(() => api.updatesInstall())} disabled={busy} data-testid="update-install">
            Restart to install
          </button>
        )}
      </div>

      <fieldset>
        <legend>Update server</legend>
        {view.feed.source === 'policy' ? (
          <p className="settings-help" data-testid="update-feed-policy">
            Set by your organisation: {view.feed.url ?? 'none (updates are off)'}
          </p>
        ) : (
          <form
            className="shortcut-form"
            onSubmit={(e) => {
              e.preventDefault();
              void run(() => api.updatesSetFeed({ feedUrl: feedText.trim() === '' ? null : feedText }));
            }}
          >
            <label htmlFor="update-feed">Address</label>
            <input
              id="update-feed"
              value={feedText}
              onChange={(e) => setFeedText(e.target.value)}
              placeholder="https://updates.example.org/relay-console/"
              disabled={!actions.configure}
              spellCheck={false}
              aria-describedby="update-feed-help"
              data-testid="update-feed"
            />
            <button type="submit" disabled={!actions.configure || busy}>
              {feedText.trim() === '' ? 'Turn updates off' : 'Use this server'}
            </button>
            <p id="update-feed-help" className="settings-help">
              A folder your organisation serves over https with latest.yml and the installers (electron-builder&apos;s generic
              feed). Empty: updates are off. Every download is checked against the checksum in latest.yml, and on Windows against
              the publisher&apos;s signature, before it can be installed; nothing installs until you click Restart to install.
            </p>
          </form>
        )}
      </fieldset>
      {error && (
        <p role="alert" className="status-error" data-testid="update-error">
          {error}
        </p>
      )}
    </div>
  );
}
