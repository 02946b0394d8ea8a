// The poller follows the connection manager: after every change of the connections, the poller is given
// the connected ones with their Relay token sources (rooms appear when a connection becomes connected and
// stop at once when it is removed).
import type { ConnectionView } from '../../contract/index.ts';
import type { PollConnection } from '../poller/poller.ts';
import type { RelayTokens } from '../relay/client.ts';

/** What the poller needs of helper-3's ConnectionManager (list() and get(id).relay). */
export interface ConnectionSource {
  list(): ConnectionView[];
  get(id: string): { relay: RelayTokens };
}

export function pollConnections(source: ConnectionSource): PollConnection[] {
  const out: PollConnection[] = [];
  for (const view of source.list()) {
    if (!view.capabilities.canView) continue;
    try {
      out.push({ view, tokens: source.get(view.id).relay });
    } catch {
      // Removed between list() and get(): it is simply not there any more.
    }
  }
  return out;
}
