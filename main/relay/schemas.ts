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
  /** Optional: it tells which rooms one Listener Service outage takes down. */
  listenerServiceId: z.union([text, z.number()]).transform(String).nullish(),
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

// ---- provisioning and infrastructure (reference §2.2, §2.3, §2.5) ----

/** Text that may arrive as a number (ports, floors, ids): kept as a string. */
const textLike = z.union([z.string().max(4000), z.number()]).transform(String);

/** The Endpoint fields provisioning reads: `id` and `name` are all it needs; every other field is optional. */
const endpointRecordFields = z.object({
  id,
  name: text,
  ipAddress: textLike.nullish(),
  port: textLike.nullish(),
  listenerServiceId: textLike.nullish(),
  controlProtocol: text.nullish(),
  signalingProtocol: text.nullish(),
  dialStyle: text.nullish(),
  addressStyle: text.nullish(),
  username: text.nullish(),
  calendarId: text.nullish(),
  calendarType: text.nullish(),
  autoJoinMode: text.nullish(),
  location: text.nullish(),
  pointOfContact: text.nullish(),
  assetId: textLike.nullish(),
  externalId: textLike.nullish(),
  customData: z.record(z.string(), z.unknown()).nullish(),
});

/**
 * The Endpoint entity as provisioning reads it: the fields above as text, and `raw`, the record exactly as
 * the server sent it (unknown fields and the server's own types kept), so an update sends it back whole.
 */
export const endpointRecordSchema = z.record(z.string(), z.unknown()).transform((raw, ctx) => {
  const read = endpointRecordFields.safeParse(raw);
  if (!read.success) {
    for (const issue of read.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
    return z.NEVER;
  }
  return { ...read.data, raw: raw as Readonly<Record<string, unknown>> };
});
export type RelayEndpointRecord = z.output<typeof endpointRecordSchema>;
export const endpointRecordListSchema = z.array(endpointRecordSchema);

/** Items of a list read one by one: an item this client cannot read is left out, not the whole answer. */
function tolerantList<T extends z.ZodType>(item: T) {
  return z.array(z.unknown()).transform((items) => {
    const out: z.output<T>[] = [];
    for (const value of items) {
      const parsed = item.safeParse(value);
      if (parsed.success) out.push(parsed.data);
    }
    return out;
  });
}

/** The ListenerService entity (documented fields); `online` is the simulator's and optional. */
export const listenerServiceSchema = z.object({
  id: z.union([id, z.number()]).transform(String),
  name: text.nullish(),
  location: text.nullish(),
  assetId: textLike.nullish(),
  externalId: textLike.nullish(),
  pointOfContact: text.nullish(),
  online: z.boolean().nullish(),
});
export type RelayListenerService = z.output<typeof listenerServiceSchema>;
export const listenerServiceListSchema = tolerantList(listenerServiceSchema);

/** A failure record (GET /api/failures/, seen in one integration): every field optional. */
export const failureSchema = z.object({
  id: idLike.optional(),
  subjectClass: text.nullish(),
  subjectId: idLike.nullish(),
  errorDate: z.number().nullish(),
  errorCode: z.union([z.number(), z.string().max(40)]).nullish(),
  errorMessage: text.nullish(),
  errorName: text.nullish(),
  errorDetails: z.record(z.string(), z.unknown()).nullish(),
});
export type RelayFailure = z.output<typeof failureSchema>;
export const failureListSchema = tolerantList(failureSchema);

/** GET /api/system/health: a map of service → "ok" | "hosed", plus `hostname`. */
export const healthSchema = z.record(z.string().max(100), z.unknown());
export type RelayHealth = z.output<typeof healthSchema>;

/**
 * GET /api/enterprises/self (docs/relay-api.md §3.5): `name` and `label` are all the console shows. Any
 * answer is taken (the connection check reads it only to prove the token works); a field of another shape
 * is left out, not a failure.
 */
export const enterpriseSchema = z.unknown().transform((body) => {
  const found = z
    .object({ id: idLike.nullish().catch(null), name: detailText.nullish().catch(null), label: detailText.nullish().catch(null), pointOfContact: detailText.nullish().catch(null) })
    .safeParse(body);
  const d = found.success ? found.data : {};
  return { id: d.id ?? null, name: d.name || null, label: d.label || null, pointOfContact: d.pointOfContact || null };
});
export type RelayEnterprise = z.output<typeof enterpriseSchema>;
