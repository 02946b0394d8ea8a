// zod schemas for the Relay answers the console reads (reference §2.3, §2.4; shapes the reference lacks
// follow the simulator, sim/README.md). Objects are tolerant of extra fields (zod strips them) and of
// missing optional ones; only what the console needs is required.
import { z } from 'zod';

const text = z.string().max(2000);
const id = z.string().min(1).max(200);
/** Ids sometimes arrive as numbers (meeting ids); they are kept as strings. */
const idLike = z.union([z.string().max(200), z.number()]).transform(String);

/** The Endpoint entity (a room), only the fields the dashboard shows. */
export const endpointSchema = z.object({
  id,
  name: text,
  location: text.nullish(),
  controlProtocol: text.nullish(),
  customData: z.record(z.string(), z.unknown()).nullish(),
});
export type RelayEndpoint = z.output<typeof endpointSchema>;
export const endpointListSchema = z.array(endpointSchema);

/** The call states Relay speaks of (seed 003: dialing, active, inactive); anything else is read from the booleans. */
const callStateWord = z
  .string()
  .max(40)
  .transform((s) => s.toLowerCase());

/** GET /api/endpoints/:id/status. */
export const roomStatusSchema = z.object({
  endpointId: id.optional(),
  callState: callStateWord.nullish(),
  callActive: z.boolean().nullish(),
  dialing: z.boolean().nullish(),
  microphoneMuted: z.boolean().nullish(),
  meetingId: idLike.nullish(),
  meetingTitle: text.nullish(),
  reserved: z.boolean().nullish(),
  timestamp: z.number().nullish(),
});
export type RelayRoomStatus = z.output<typeof roomStatusSchema>;

/** One item of GET /api/endpoints/status (the whole fleet in one answer). */
export const bulkStatusItemSchema = z.object({
  endpointId: id,
  timestamp: z.number().nullish(),
  callActive: z.boolean().nullish(),
  reserved: z.boolean().nullish(),
  callState: callStateWord.nullish(),
});
export type RelayBulkItem = z.output<typeof bulkStatusItemSchema>;
export const bulkStatusSchema = z.array(bulkStatusItemSchema);

const detailText = z.string().trim().min(1).max(2000).catch('');
const pairingDetail = z.object({ endpointName: detailText.optional(), name: detailText.optional(), location: detailText.optional(), controlProtocol: detailText.optional() });

/**
 * GET /api/endpoints/:pairingCodeId/pairingcode. Its body is undocumented (reference §2.3): an Endpoint, `{name}`,
 * `{endpointName}`, anything. Whatever names the room is taken; nothing is required (the room's id comes from
 * the pairing token's pairingCodeEndpointId).
 */
export const pairingCodeInfoSchema = z.unknown().transform((body) => {
  const found = pairingDetail.safeParse(body);
  const d = found.success ? found.data : {};
  return { name: d.endpointName || d.name || null, location: d.location || null, controlProtocol: d.controlProtocol || null };
});
export type RelayPairingCodeInfo = z.output<typeof pairingCodeInfoSchema>;

/** GET /api/enterprises/self (reference §2.2): only read to prove the token works; its fields are optional. */
export const enterpriseSchema = z.unknown().transform((body) => {
  const found = z.object({ label: detailText.optional(), name: detailText.optional() }).safeParse(body);
  return { label: (found.success && (found.data.label || found.data.name)) || null };
});

/** GET /api/meetings/?endpoint=:id: the room's calendar. */
export const meetingItemSchema = z.object({
  id: idLike.optional(),
  title: text.nullish(),
  start: z.number().nullish(),
  end: z.number().nullish(),
  meetingId: idLike.nullish(),
  passcode: z.union([z.string().max(40), z.number()]).transform(String).nullish(),
});
export type RelayMeetingItem = z.output<typeof meetingItemSchema>;
export const meetingListSchema = z.array(meetingItemSchema);

/** GET /api/meetings/:id/joinflow: a bare JSON string (reference §2.4). */
export const joinFlowSchema = z.enum(['JOIN_NOW', 'GET_PASSCODE', 'GET_GOOD_PASSCODE']);

/** GET /api/endpoints/:id/paired: who is paired through Zero Touch. */
export const pairedItemSchema = z.object({
  username: text.nullish(),
  firstName: text.nullish(),
  lastName: text.nullish(),
  clientName: text.nullish(),
  creationDate: z.number().nullish(),
  lastUpdated: z.number().nullish(),
});
export type RelayPairedItem = z.output<typeof pairedItemSchema>;
export const pairedListSchema = z.array(pairedItemSchema);

/** Control calls answer 204 (or, on some servers, a small JSON body we do not need). */
export const emptySchema = z.unknown();
