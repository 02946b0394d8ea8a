import { useEffect, useState } from 'react';
import type { AppInfo } from '../../../contract/index.ts';
import { notConnectedMessage, relay } from '../relay.ts';

export type AppInfoState =
  | { status: 'loading' }
  | { status: 'ready'; info: AppInfo; roundTripMs: number }
  | { status: 'failed'; message: string };

/** Asks Relay Console who it is (the first round trip), again after every reconnect: it may have been updated. */
export function useAppInfo(reconnects = 0): AppInfoState {
  const [state, setState] = useState<AppInfoState>(() =>
    relay() ? { status: 'loading' } : { status: 'failed', message: notConnectedMessage },
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
  }, [reconnects]);
  return state;
}
