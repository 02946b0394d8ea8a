// A connection's name when the user gave none: what it reaches, in words.
import { pairingCodeInfoSchema } from '../relay/schemas.ts';
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

/** GET /api/endpoints/:pairingCodeId/pairingcode (a zero-touch call) names the room; best effort (its body is undocumented). */
export async function pairedRoomName(ctx: GrantContext, token: string, pairingCodeId: string): Promise<string | null> {
  try {
    const info = await ctx.http.request({
      method: 'GET',
      base: ctx.bases.relay,
      path: `/api/endpoints/${encodeURIComponent(pairingCodeId)}/pairingcode`,
      headers: { 'x-access-token': token },
      schema: pairingCodeInfoSchema,
      secrets: [token],
    });
    return info.name ? `Room: ${info.name}`.slice(0, 80) : null;
  } catch {
    return null;
  }
}
