// A connection's name when the user gave none: what it reaches, in words.
import { z } from 'zod';
import type { Acquired } from './acquire.ts';
import type { GrantContext } from './grants/context.ts';
import type { ConnectionRecord } from './records.ts';

const kindLabel: Record<ConnectionRecord['kind'], string> = {
  code: 'BlueJeans sign-in',
  client: 'enterprise app',
  password: 'user',
  relay: 'Relay account',
  pairing: 'room pairing',
  meeting: 'meeting',
};

export function defaultName(record: ConnectionRecord, acquired: Acquired): string {
  if (record.kind === 'meeting') return `Meeting ${record.meetingId ?? ''}`.trim();
  const enterprise = acquired.relay?.enterprise ?? new URL(record.bases.relay).hostname;
  const detail = record.kind === 'password' && record.username ? `user ${record.username}` : kindLabel[record.kind];
  return `${enterprise} (${detail})`.slice(0, 80);
}

const pairingInfo = z.object({ name: z.string().min(1).max(80).optional(), endpointName: z.string().min(1).max(80).optional() });

/** GET /api/endpoints/:pairingCodeId/pairingcode (a zero-touch call) names the room; best effort. */
export async function pairedRoomName(ctx: GrantContext, token: string, pairingCodeId: string): Promise<string | null> {
  try {
    const info = await ctx.http.request({
      method: 'GET',
      base: ctx.bases.relay,
      path: `/api/endpoints/${encodeURIComponent(pairingCodeId)}/pairingcode`,
      headers: { 'x-access-token': token },
      schema: pairingInfo,
      secrets: [token],
    });
    const name = info.name ?? info.endpointName;
    return name ? `Room: ${name}` : null;
  } catch {
    return null;
  }
}
