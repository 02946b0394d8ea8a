// The connections as main reports them: the first list on mount, then every 'connections.changed',
// 'connections.signIn' and 'vault.changed' event. The renderer never sees a secret: views only.
import { useCallback, useEffect, useState } from 'react';
import type { ConnectionView, SignInProgress, VaultStatus } from '../../../../contract/index.ts';
import { relay } from '../../relay.ts';

export interface ConnectionsState {
  status: 'loading' | 'ready' | 'failed';
  connections: ConnectionView[];
  vault: VaultStatus | null;
  signIn: SignInProgress | null;
  message: string | null;
}

export function useConnections(): ConnectionsState & { refresh(): void; dismissSignIn(): void } {
  const [state, setState] = useState<ConnectionsState>(() => ({
    status: relay() ? 'loading' : 'failed',
    connections: [],
    vault: null,
    signIn: null,
    message: relay() ? null : 'This page has no bridge to Relay Console.',
  }));

  const refresh = useCallback(() => {
    const api = relay();
    if (!api) return;
    void Promise.all([api.connectionsList(), api.vaultStatus()]).then(([list, vault]) => {
      setState((s) => ({
        ...s,
        status: list.ok ? 'ready' : 'failed',
        connections: list.ok ? list.value : s.connections,
        vault: vault.ok ? vault.value : s.vault,
        message: list.ok ? null : list.error.message,
      }));
    });
  }, []);

  useEffect(() => {
    const api = relay();
    if (!api) return;
    const offs = [
      api.on('connections.changed', (connections) => setState((s) => ({ ...s, status: 'ready', connections }))),
      api.on('connections.signIn', (signIn) => setState((s) => ({ ...s, signIn }))),
      api.on('vault.changed', (vault) => setState((s) => ({ ...s, vault }))),
    ];
    refresh();
    return () => offs.forEach((off) => off());
  }, [refresh]);

  const dismissSignIn = useCallback(() => setState((s) => ({ ...s, signIn: null })), []);
  return { ...state, refresh, dismissSignIn };
}

/** Ticks once a minute, so "in 13 days" stays true on a screen left open. */
export function useNow(intervalMs = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
