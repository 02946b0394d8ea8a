import { useEffect, useState } from 'react';
import type { AppInfo } from '../../../contract/index.ts';
import { relay } from '../relay.ts';

export type AppInfoState =
  | { status: 'loading' }
  | { status: 'ready'; info: AppInfo; roundTripMs: number }
  | { status: 'failed'; message: string };

/** Asks main who it is: the first round trip over the bridge, shown in the status bar. */
export function useAppInfo(): AppInfoState {
  const [state, setState] = useState<AppInfoState>(() =>
    relay() ? { status: 'loading' } : { status: 'failed', message: 'Not connected to Relay Console: this page has no bridge to the main process.' },
  );
  useEffect(() => {
    const api = relay();
    if (!api) return;
    let live = true;
    const started = performance.now();
    void api.appInfo().then((result) => {
      if (!live) return;
      setState(
        result.ok
          ? { status: 'ready', info: result.value, roundTripMs: performance.now() - started }
          : { status: 'failed', message: result.error.message },
      );
    });
    return () => {
      live = false;
    };
  }, []);
  return state;
}
