// Provisioning: GET /api/endpoints (a bare array; `password` always null), GET/PUT/DELETE
// /api/endpoints/:id and POST /api/endpoints. Writes need ROLE_READWRITE.
import { z } from 'zod';
import { readJson, send, jsonHeaders, sendEmpty, sendJson, type Ctx } from '../http.ts';
import { endpointOf, type Endpoint, type RoomCatalog } from '../world/rooms.ts';
import { gate, sendRelayError } from './auth.ts';
import type { RelayContext } from './context.ts';

const str = z.string().max(500);
const nullableStr = str.nullable();
/** Fields a client may set; `id` cannot change and `password` is stored nowhere (it is never read back). */
const endpointFields = z.object({
  name: z.string().min(1).max(200),
  ipAddress: str,
  port: z.number().int().min(1).max(65535),
  listenerServiceId: str,
  controlProtocol: str,
  signalingProtocol: str,
  dialStyle: str,
  addressStyle: str,
  username: str,
  password: nullableStr,
  calendarId: str,
  calendarType: str,
  calendarPushMode: nullableStr,
  autoJoinMode: nullableStr,
  inMeetingControls: str,
  manualMeetingDialer: str,
  validatePasscodes: str,
  meetingPrivacyMode: str,
  registerToSipProxy: str,
  zeroTouchType: str,
  meshBaseUri: nullableStr,
  location: str,
  geolocation: z.object({ latitude: z.number(), longitude: z.number() }),
  elevation: z.number(),
  pointOfContact: str,
  assetId: nullableStr,
  externalId: nullableStr,
  announcementId: nullableStr,
  contactListId: nullableStr,
  customData: z.record(z.string(), z.unknown()),
});
const updateBody = endpointFields.partial();
const createBody = endpointFields.partial().required({ name: true });

type EndpointPatch = z.infer<typeof updateBody>;

function withoutPassword(patch: EndpointPatch): Partial<Endpoint> {
  const { password: _password, ...rest } = patch;
  return rest;
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

async function readPatch<T>(ctx: Ctx, schema: z.ZodType<T>): Promise<T | null> {
  const body = await readJson(ctx);
  if (!body.ok) {
    sendRelayError(ctx, body.reason === 'too_large' ? 'PayloadTooLarge' : 'MalformedJson');
    return null;
  }
  const parsed = schema.safeParse(body.value);
  if (!parsed.success) {
    sendRelayError(ctx, 'InvalidRequest', 'The Endpoint is not valid.', { issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) });
    return null;
  }
  return parsed.data;
}

export async function createEndpoint(ctx: Ctx, rc: RelayContext): Promise<void> {
  if (!gate(ctx, rc, { kind: 'write' })) return;
  const patch = await readPatch(ctx, createBody);
  if (!patch) return;
  const room = rc.world.rooms.add(withoutPassword(patch), rc.world.clock.now());
  sendJson(ctx, 'relay', 200, endpointOf(room));
}

export async function updateEndpoint(ctx: Ctx, rc: RelayContext, id: string): Promise<void> {
  if (!gate(ctx, rc, { kind: 'write' })) return;
  const room = rc.world.rooms.byId(id);
  if (!room) return sendRelayError(ctx, 'EndpointNotFound', undefined, { endpointId: id });
  const patch = await readPatch(ctx, updateBody);
  if (!patch) return;
  room.endpoint = { ...endpointOf(room), ...withoutPassword(patch), id: room.id, password: null };
  room.name = room.endpoint.name;
  room.listenerServiceId = room.endpoint.listenerServiceId;
  rc.world.rooms.touch();
  sendJson(ctx, 'relay', 200, room.endpoint);
}

export function deleteEndpoint(ctx: Ctx, rc: RelayContext, id: string): void {
  if (!gate(ctx, rc, { kind: 'write' })) return;
  if (!rc.world.rooms.remove(id)) return sendRelayError(ctx, 'EndpointNotFound', undefined, { endpointId: id });
  sendEmpty(ctx, 204);
}
