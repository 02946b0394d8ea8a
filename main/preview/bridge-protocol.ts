// The preview bridge's wire format (DESIGN.md "preview host"):
//   request  {id, channel, payload}
//   reply    {id, ok: true, result} | {id, ok: false, error: {code, message}}
//   event    {event, payload}
import { z } from 'zod';

export const bridgeRequest = z
  .object({
    id: z.union([z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER), z.string().min(1).max(64)]),
    channel: z.string().min(1).max(128),
    payload: z.unknown().optional(),
  })
  .strict();

export type BridgeRequest = z.output<typeof bridgeRequest>;

/** The largest message the bridge accepts: IPC inputs are small; anything bigger is a mistake or an attack. */
export const maxBridgeMessageBytes = 256 * 1024;
