// Roles decide what a connection may do (reference §2.1): ROLE_READONLY reads provisioning and controls
// rooms; ROLE_READWRITE also edits provisioning; ROLE_PAIRINGCODE reaches one room through the zero-touch
// calls only (seeds). main enforces this on every Relay call; the UI shows only what is allowed.
import type { Capabilities, ConnectionKind } from '../../contract/index.ts';
import { AppError } from '../ipc/app-error.ts';

export function capabilitiesFor(
  kind: ConnectionKind,
  roles: readonly string[],
  pairing: { endpointId: string; pairingCodeId: string } | null,
): Capabilities {
  const none: Capabilities = { canView: false, canControl: false, canProvision: false, zeroTouch: null };
  if (kind === 'meeting') return none;
  if (roles.includes('ROLE_PAIRINGCODE')) {
    return pairing ? { canView: true, canControl: true, canProvision: false, zeroTouch: pairing } : none;
  }
  const write = roles.includes('ROLE_READWRITE');
  const read = write || roles.includes('ROLE_READONLY');
  return { canView: read, canControl: read, canProvision: write, zeroTouch: null };
}

const CONTROL_ACTIONS = new Set(['join', 'hangup', 'mutemicrophone', 'unmutemicrophone']);

/** Throws AppError('forbidden') when the connection's roles do not allow this Relay call. */
export function assertRelayCallAllowed(capabilities: Capabilities, method: string, pathWithQuery: string): void {
  const [path = '', query = ''] = pathWithQuery.split('?', 2);
  const parts = path.replace(/\/+$/, '').split('/').filter(Boolean); // ['api', 'endpoints', id, action]
  if (parts[0] !== 'api') throw new AppError('forbidden', 'Only Relay API calls can be made with a Relay connection.');
  const zt = capabilities.zeroTouch;
  if (zt) {
    if (!zeroTouchAllows(zt, method, parts, query)) {
      throw new AppError('forbidden', 'A room-pairing connection can only reach its own room, with the zero-touch actions.');
    }
    return;
  }
  if (!capabilities.canView) throw new AppError('forbidden', 'This connection has no Relay access.');
  if (method === 'GET') return;
  // Token management and room control are allowed to every Relay role; anything else changes provisioning.
  if (parts[1] === 'auth' && parts[2] === 'accesstokens') return;
  if (parts[1] === 'endpoints' && parts.length === 4 && method === 'POST' && CONTROL_ACTIONS.has(parts[3] ?? '')) {
    if (!capabilities.canControl) throw new AppError('forbidden', 'This connection cannot control rooms.');
    return;
  }
  if (!capabilities.canProvision) {
    throw new AppError('forbidden', 'This connection is read-only: it can view and control rooms but not change provisioning.');
  }
}

function zeroTouchAllows(zt: { endpointId: string; pairingCodeId: string }, method: string, parts: string[], query: string): boolean {
  const [, area, id, action] = parts;
  if (area === 'endpoints') {
    if (method === 'GET' && id === zt.pairingCodeId && action === 'pairingcode' && parts.length === 4) return true;
    if (id !== zt.endpointId || parts.length !== 4) return false;
    if (method === 'GET') return action === 'status' || action === 'paired';
    return method === 'POST' && CONTROL_ACTIONS.has(action ?? '');
  }
  if (area === 'meetings' && method === 'GET') {
    if (parts.length === 2) return new URLSearchParams(query).get('endpoint') === zt.endpointId;
    return parts.length === 4 && action === 'joinflow';
  }
  return area === 'auth' && id === 'accesstokens' && method === 'DELETE' && parts.length === 4;
}
