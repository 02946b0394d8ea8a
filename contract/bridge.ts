// The preview bridge's wire format (DESIGN.md "preview host"), shared by the host (main/preview/) and the
// page's bridge script (preload/preview-bridge.ts):
//   request    {id, channel, payload}                         page → host
//   reply      {id, ok: true, result} | {id, ok: false, error: {code, message}}
//   event      {event, payload}                                host → page
//   heartbeat  {heartbeat: n}                                  host → page, every `bridgeTiming.heartbeatMs`
// The host also sends WebSocket ping frames, which the browser answers by itself: each side knows within
// seconds when the other has gone silent.
import { z } from 'zod';

export const bridgeRequest = z
  .object({
    id: z.union([z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER), z.string().min(1).max(64)]),
    channel: z.string().min(1).max(128),
    payload: z.unknown().optional(),
  })
  .strict();

export type BridgeRequest = z.output<typeof bridgeRequest>;

export interface BridgeHeartbeat {
  heartbeat: number;
}

/** The largest message the bridge accepts: IPC inputs are small; anything bigger is a mistake or an attack. */
export const maxBridgeMessageBytes = 256 * 1024;

export const bridgeTiming = {
  /** How often the host sends a heartbeat (and a ping frame) to every page. */
  heartbeatMs: 1_000,
  /** A page that heard nothing from the host for this long has lost it (well inside 5 s). */
  pageSilenceMs: 3_500,
} as const;

/** Why the host closed a page's socket: WebSocket close codes of the application range (4000–4999). */
export const bridgeClose = {
  notReading: { code: 4008, reason: 'The page did not read its replies.' },
  silent: { code: 4009, reason: 'The page stopped answering.' },
} as const;

/** The HTTP path that tells a page whether the key it holds is this run's (204) or not (401). */
export const bridgeKeyCheckPath = '/bridge/key';
export const bridgeKeyHeader = 'x-relay-console-key';
