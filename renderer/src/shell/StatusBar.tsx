import type { AppInfoState } from './useAppInfo.ts';
import type { LinkView } from './useLink.ts';
import { formatClock } from '../rooms/format.ts';

const hostLabel = { electron: 'desktop app', preview: 'preview host' } as const;

export function StatusBar({ state, link }: { state: AppInfoState; link: LinkView }) {
  return (
    <footer className="status-bar" role="contentinfo">
      {link.link.state !== 'live' ? (
        <span className="status-error" data-testid="link-status">
          Relay Console is not answering.
        </span>
      ) : (
        <>
          {state.status === 'loading' && <span>Connecting to Relay Console…</span>}
          {state.status === 'failed' && (
            <span className="status-error" role="alert">
              {state.message}
            </span>
          )}
          {state.status === 'ready' && (
            <span data-testid="app-info">
              {state.info.name} {state.info.version} · {hostLabel[state.info.host]} · {state.info.platform} · answered in{' '}
              {Math.max(1, Math.round(state.roundTripMs))} ms
            </span>
          )}
          {link.reconnectedAt !== null && (
            <span data-testid="link-status" role="status">
              {' '}
              · back in contact since {formatClock(link.reconnectedAt)}
            </span>
          )}
        </>
      )}
    </footer>
  );
}
