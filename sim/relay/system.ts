// GET /api/enterprises/self (reference §2.2) and GET /api/system/health (§2.5; no credentials needed:
// our choice): every service "ok" → 200, any "hosed" → 503 with the same map.
import { sendJson, type Ctx } from '../http.ts';
import { enterprise } from '../world/accounts.ts';
import { gate } from './auth.ts';
import type { RelayContext } from './context.ts';

const HOSTNAME = 'relay-storm-sim';

export function enterpriseSelf(ctx: Ctx, rc: RelayContext): void {
  if (!gate(ctx, rc, { kind: 'read' })) return;
  sendJson(ctx, 'relay', 200, {
    id: enterprise.relayId,
    name: enterprise.name,
    label: enterprise.label,
    password: null,
    tags: [],
    publicKey: null,
    pointOfContact: enterprise.pointOfContact,
  });
}

export function health(ctx: Ctx, rc: RelayContext): void {
  const { health } = rc.world;
  sendJson(ctx, 'relay', health.ok() ? 200 : 503, { ...health.get(), hostname: HOSTNAME });
}
