// How the poller is doing: each host by its connections' names, requests a second against its limit, what
// the server asked for after a 429 (the wait, with the time left; the slow-down), and pause/resume.
// Hidden when main has no poller.
import { useEffect, useState } from 'react';
import type { PollerStatus } from '../../../../contract/index.ts';
import { relay } from '../../relay.ts';
import { useNow } from '../../rooms/clock.ts';
import { hostLabel, hostNotice, hostRate } from '../../rooms/poller-words.ts';

export function PollerBar() {
  const [status, setStatus] = useState<PollerStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const now = useNow();

  useEffect(() => {
    const api = relay();
    if (!api) return;
    let live = true;
    const off = api.on('poller.status', (s) => live && setStatus(s));
    const refresh = (): void => {
      void api.pollerStatus().then((r) => {
        if (live && r.ok) setStatus(r.value);
      });
    };
    refresh();
    // main pushes pauses and 429s at once; the request rate (and a new host) is read every 2 s, a request
    // from here rather than one more message a second from main to every window.
    const timer = setInterval(refresh, 2_000);
    return () => {
      live = false;
      clearInterval(timer);
      off();
    };
  }, []);

  if (!status) return null;
  const toggle = async (): Promise<void> => {
    const api = relay();
    if (!api) return;
    setBusy(true);
    const r = await api.pollerPause({ paused: !status.paused });
    setBusy(false);
    if (r.ok) {
      setStatus(r.value);
      setError(null);
    } else setError(r.error.message);
  };

  return (
    <div className="poller-bar" data-testid="poller-bar">
      <span className={status.paused ? 'poller-state is-paused' : 'poller-state'}>{status.paused ? 'Polling paused: statuses will turn stale.' : 'Polling'}</span>
      {status.hosts.map((h) => {
        const notice = hostNotice(h, now);
        return (
          <span key={h.origin} className="poller-host" data-testid="poller-host">
            {hostLabel(h)}: {hostRate(h)}
            {notice && (
              <span className="warn" role="status">
                {' '}
                · {notice}
              </span>
            )}
          </span>
        );
      })}
      <button type="button" className="link-button" onClick={() => void toggle()} disabled={busy}>
        {status.paused ? 'Resume polling' : 'Pause polling'}
      </button>
      {error && (
        <span className="error-text" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
