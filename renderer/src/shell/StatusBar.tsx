import type { AppInfoState } from './useAppInfo.ts';

const hostLabel = { electron: 'desktop app', preview: 'preview host' } as const;

export function StatusBar({ state }: { state: AppInfoState }) {
  return (
    <footer className="status-bar" role="contentinfo">
      {state.status === 'loading' && <span>Connecting to Relay Console…</span>}
      {state.status === 'failed' && (
        <span className="status-error" role="alert">
          {state.message}
        </span>
      )}
      {state.status === 'ready' && (
        <span data-testid="app-info">
          {state.info.name} {state.info.version} · {hostLabel[state.info.host]} · {state.info.platform} · connected to main in{' '}
          {Math.max(1, Math.round(state.roundTripMs))} ms
        </span>
      )}
    </footer>
  );
}
