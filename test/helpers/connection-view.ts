// A ConnectionView for tests and benchmarks: a connected Relay account with Relay's default budget;
// callers override what their case is about.
import type { ConnectionView } from '../../contract/index.ts';

export function connectionViewOf(over: Partial<ConnectionView> = {}): ConnectionView {
  return {
    id: 'c1',
    name: 'Connection',
    kind: 'relay',
    state: 'connected',
    reason: null,
    roles: ['ROLE_READONLY'],
    enterprise: null,
    expiresAt: null,
    capabilities: { canView: true, canControl: true, canProvision: false, zeroTouch: null },
    bases: { api: 'https://api.bluejeans.com', authorize: 'https://bluejeans.com', relay: 'https://relay.bluejeans.com' },
    demo: false,
    persisted: false,
    account: null,
    pairingSource: null,
    meeting: null,
    pollBudget: 2,
    signOutPending: false,
    createdAt: 0,
    ...over,
  };
}
