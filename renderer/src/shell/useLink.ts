// The page's link to Relay Console, from the bridge's 'app.link' events: live unless the preview host's
// bridge says otherwise (the desktop window's link never breaks, so it never says). One subscription for
// the whole page, read with useSyncExternalStore.
import { useSyncExternalStore } from 'react';
import type { AppLink } from '../../../contract/index.ts';
import { relay } from '../relay.ts';

export interface LinkView {
  link: AppLink;
  /** Grows each time the link is back after a loss: what was fetched before may be out of date. */
  reconnects: number;
  /** When it last came back (ms since the epoch), or null. */
  reconnectedAt: number | null;
}

let view: LinkView = { link: { state: 'live' }, reconnects: 0, reconnectedAt: null };
const listeners = new Set<() => void>();
let subscribed = false;

function subscribe(listener: () => void): () => void {
  if (!subscribed) {
    subscribed = true;
    relay()?.on('app.link', (link) => {
      const back = link.state === 'live' && view.link.state !== 'live';
      view = back ? { link, reconnects: view.reconnects + 1, reconnectedAt: Date.now() } : { ...view, link };
      for (const notify of [...listeners]) notify();
    });
  }
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useLink(): LinkView {
  return useSyncExternalStore(subscribe, () => view);
}
