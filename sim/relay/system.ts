// GET /api/enterprises/self (reference §2.2) and GET /api/system/health (§2.5; no credentials needed).
import { sendJson, type Ctx } from '../http.ts';
import { enterprise } from '../world/accounts.ts';
import { gate } from './auth.ts';
import type { RelayContext } from './context.ts';

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

export function health(ctx: Ctx): void {
  sendJson(ctx, 'relay', 200, { amqp: 'ok', db: 'ok', amqp_cluster: 'ok', api: 'ok', grid: 'ok', hostname: 'relay-storm-sim' });
}
