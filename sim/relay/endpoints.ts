// Provisioning: GET /api/endpoints (a bare array; `password` always null), GET/PUT/DELETE
// /api/endpoints/:id and POST /api/endpoints. Writes need ROLE_READWRITE. The reference only infers create,
// update and delete (§2.3); their shapes and rules are our choice, as strict as a real server could be:
// a create names the room, its address, its Listener Service and its control protocol; a name and a
// calendar id are unique in the enterprise; the address is an IP address or a host name; the Listener
// Service exists. `password` is write-only: accepted, kept, never returned.
import { isIP } from 'node:net';
import { z } from 'zod';
import type { RelayErrorName } from '../errors.ts';
import { readJson, send, jsonHeaders, sendEmpty, sendJson, type Ctx } from '../http.ts';
import { endpointOf, type Endpoint, type Room, type RoomCatalog } from '../world/rooms.ts';
import { videoSystems } from '../world/sites.ts';
import { gate, sendRelayError } from './auth.ts';
import type { RelayContext } from './context.ts';

const str = z.string().max(500);
const nullableStr = str.nullable();
/** The control protocols the simulator's Listener Services speak (reference §2.3; RELAY_MESH is ours). */
export const knownControlProtocols: readonly string[] = videoSystems.map((v) => v.controlProtocol);
export const signalingProtocols = ['H323', 'SIP'] as const;
export const addressStyles = ['HOSTNAME', 'IP_ADDRESS'] as const;
/** GOOGLE is documented; the other names are our choice (reference §2.3: "others exist; names not found"). */
export const calendarTypes = ['GOOGLE', 'EXCHANGE', 'OFFICE365'] as const;

/** Fields a client may set; `id` cannot change. */
const endpointFields = z.object({
  id: z.string().max(200),
  name: z.string().max(200),
  ipAddress: str,
  port: z.number().int().min(1).max(65535),
  listenerServiceId: str,
  controlProtocol: z.string().refine((v) => knownControlProtocols.includes(v), { message: `one of ${knownControlProtocols.join(', ')}` }),
  signalingProtocol: z.enum(signalingProtocols).nullable(),
  dialStyle: nullableStr,
  addressStyle: z.enum(addressStyles).nullable(),
  username: nullableStr,
  /** Write-only: a string sets it, null or absent leaves it as it is (reads always give null). */
  password: z.string().max(500).nullable(),
  calendarId: nullableStr,
  calendarType: z.enum(calendarTypes).nullable(),
  calendarPushMode: nullableStr,
  autoJoinMode: z.enum(['ENABLED']).nullable(),
  inMeetingControls: nullableStr,
  manualMeetingDialer: nullableStr,
  validatePasscodes: nullableStr,
  meetingPrivacyMode: nullableStr,
  registerToSipProxy: nullableStr,
  zeroTouchType: nullableStr,
  meshBaseUri: nullableStr,
  location: nullableStr,
  geolocation: z.object({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180) }).nullable(),
  elevation: z.number().nullable(),
  pointOfContact: nullableStr,
  assetId: nullableStr,
  externalId: nullableStr,
  announcementId: nullableStr,
  contactListId: nullableStr,
  customData: z.record(z.string(), z.unknown()).nullable(),
});
const updateBody = endpointFields.partial();
const createBody = endpointFields.partial().required({ name: true, ipAddress: true, listenerServiceId: true, controlProtocol: true });

type EndpointPatch = z.infer<typeof updateBody>;

// RFC 1123 host names: dot-separated labels of letters, digits and inner hyphens, 253 characters at most.
const HOST_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/i;
export function isHostAddress(value: string): boolean {
  if (isIP(value) !== 0) return true;
  if (value.length === 0 || value.length > 253 || /^[\d.]+$/.test(value)) return false;
  return value.replace(/\.$/, '').split('.').every((label) => HOST_LABEL.test(label));
}

interface Refusal {
  name: RelayErrorName;
  message: string;
  details: Record<string, unknown>;
}

/** The rules across fields and rooms; `self` is the room being updated. */
function refusal(rc: RelayContext, patch: EndpointPatch, self: Room | null): Refusal | null {
  const { rooms, listenerServices } = rc.world;
  if (patch.name !== undefined) {
    const name = patch.name.trim();
    if (name === '') return { name: 'InvalidRequest', message: 'The Endpoint needs a name.', details: { field: 'name', issues: ['name: must not be empty'] } };
    const other = rooms.byName(name);
    if (other && other !== self) {
      return { name: 'DuplicateEndpointName', message: `Another Endpoint is already named "${name}".`, details: { field: 'name', name, endpointId: other.id } };
    }
  }
  if (patch.ipAddress !== undefined && !isHostAddress(patch.ipAddress.trim())) {
    return { name: 'InvalidAddress', message: `"${patch.ipAddress}" is not an IP address or a host name.`, details: { field: 'ipAddress', ipAddress: patch.ipAddress } };
  }
  if (patch.listenerServiceId !== undefined && !listenerServices.byId(patch.listenerServiceId)) {
    return {
      name: 'UnknownListenerService',
      message: `There is no Listener Service with the id "${patch.listenerServiceId}".`,
      details: { field: 'listenerServiceId', listenerServiceId: patch.listenerServiceId },
    };
  }
  if (patch.calendarId) {
    const other = rooms.byCalendarId(patch.calendarId);
    if (other && other !== self) {
      // As the catalog's DuplicateCalendarId: {message, causeMessage}.
      return {
        name: 'DuplicateCalendarId',
        message: `Another Endpoint already uses the calendar "${patch.calendarId}".`,
        details: { message: 'Duplicate calendar id', causeMessage: `calendarId ${patch.calendarId} belongs to Endpoint ${other.id}` },
      };
    }
  }
  return null;
}

function clean(patch: EndpointPatch): { fields: Partial<Endpoint>; password: string | null | undefined } {
  const { password, id: _id, customData, ...rest } = patch;
  const fields: Partial<Endpoint> = { ...rest };
  if (rest.name !== undefined) fields.name = rest.name.trim();
  if (rest.ipAddress !== undefined) fields.ipAddress = rest.ipAddress.trim();
  if (customData !== undefined) fields.customData = customData ?? {};
  return { fields, password };
}

// One cache per sim (several can run in one process, as in the tests).
const listCaches = new WeakMap<RoomCatalog, { version: number; body: string }>();

export function listEndpoints(ctx: Ctx, rc: RelayContext): void {
  if (!gate(ctx, rc, { kind: 'read' })) return;
  const rooms = rc.world.rooms;
  // The list only changes with provisioning, so its JSON is built once per version (20,000 rooms ≈ 20 MB).
  let cache = listCaches.get(rooms);
  if (!cache || cache.version !== rooms.version()) {
    cache = { version: rooms.version(), body: JSON.stringify(rooms.list.map(endpointOf)) };
    listCaches.set(rooms, cache);
  }
  send(ctx, 200, jsonHeaders('relay'), cache.body);
}

export function getEndpoint(ctx: Ctx, rc: RelayContext, id: string): void {
  if (!gate(ctx, rc, { kind: 'read' })) return;
  const room = rc.world.rooms.byId(id);
  if (!room) return sendRelayError(ctx, 'EndpointNotFound', undefined, { endpointId: id });
  sendJson(ctx, 'relay', 200, endpointOf(room));
}

async function readPatch<T extends EndpointPatch>(ctx: Ctx, schema: z.ZodType<T>): Promise<T | null> {
  const body = await readJson(ctx);
  if (!body.ok) {
    sendRelayError(ctx, body.reason === 'too_large' ? 'PayloadTooLarge' : 'MalformedJson');
    return null;
  }
  const parsed = schema.safeParse(body.value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`);
    const field = parsed.error.issues[0]?.path[0];
    sendRelayError(ctx, 'InvalidRequest', `The Endpoint is not valid: ${issues[0] ?? 'unexpected body'}.`, { ...(typeof field === 'string' ? { field } : {}), issues });
    return null;
  }
  return parsed.data;
}

function refuse(ctx: Ctx, r: Refusal): void {
  sendRelayError(ctx, r.name, r.message, r.details);
}

export async function createEndpoint(ctx: Ctx, rc: RelayContext): Promise<void> {
  if (!gate(ctx, rc, { kind: 'write' })) return;
  const patch = await readPatch(ctx, createBody);
  if (!patch) return;
  if (patch.id !== undefined) return sendRelayError(ctx, 'InvalidRequest', 'A new Endpoint gets its id from Relay: leave "id" out.', { field: 'id' });
  const problem = refusal(rc, patch, null);
  if (problem) return refuse(ctx, problem);
  const { fields, password } = clean(patch);
  const room = rc.world.rooms.add(fields, rc.world.clock.now(), password ?? null);
  sendJson(ctx, 'relay', 200, endpointOf(room));
}

export async function updateEndpoint(ctx: Ctx, rc: RelayContext, id: string): Promise<void> {
  if (!gate(ctx, rc, { kind: 'write' })) return;
  const room = rc.world.rooms.byId(id);
  if (!room) return sendRelayError(ctx, 'EndpointNotFound', undefined, { endpointId: id });
  const patch = await readPatch(ctx, updateBody);
  if (!patch) return;
  if (patch.id !== undefined && patch.id !== room.id) return sendRelayError(ctx, 'InvalidRequest', 'The id of an Endpoint cannot change.', { field: 'id' });
  const problem = refusal(rc, patch, room);
  if (problem) return refuse(ctx, problem);
  const { fields, password } = clean(patch);
  if (typeof password === 'string') room.password = password;
  rc.world.rooms.update(room, { ...endpointOf(room), ...fields, id: room.id, password: null });
  sendJson(ctx, 'relay', 200, endpointOf(room));
}

export function deleteEndpoint(ctx: Ctx, rc: RelayContext, id: string): void {
  if (!gate(ctx, rc, { kind: 'write' })) return;
  if (!rc.world.rooms.remove(id)) return sendRelayError(ctx, 'EndpointNotFound', undefined, { endpointId: id });
  sendEmpty(ctx, 204);
}
