// Fleet administration: provisioning rooms (Relay Endpoints) one by one and from a CSV file, and the Relay
// infrastructure behind them (Listener Services, failures, health, the enterprise). main owns every Relay
// call and every rule; the renderer shows forms, dry runs and progress. The device password crosses once,
// renderer → main, on a save: no output ever carries it.
import { z } from 'zod';
import { defineChannel, returns, type ChannelDef } from './define.ts';

// ---- the room form ----

/** The fields of the room form and of a CSV row, all as text (what a person types or a cell holds). */
export const roomFieldNames = [
  'name',
  'ipAddress',
  'port',
  'listenerServiceId',
  'controlProtocol',
  'signalingProtocol',
  'dialStyle',
  'addressStyle',
  'username',
  'calendarId',
  'calendarType',
  'autoJoin',
  'location',
  'site',
  'floor',
  'pointOfContact',
  'assetId',
  'externalId',
  'customData',
] as const;
export type RoomFieldName = (typeof roomFieldNames)[number];
export type RoomFields = Record<RoomFieldName, string>;

/** What the form calls each field, for messages and labels. */
export const roomFieldLabels: Record<RoomFieldName, string> = {
  name: 'Name',
  ipAddress: 'Address',
  port: 'Port',
  listenerServiceId: 'Listener Service',
  controlProtocol: 'Control protocol',
  signalingProtocol: 'Signalling protocol',
  dialStyle: 'Dial style',
  addressStyle: 'Address style',
  username: 'Device user name',
  calendarId: 'Calendar ID',
  calendarType: 'Calendar type',
  autoJoin: 'Auto-join',
  location: 'Location',
  site: 'Site',
  floor: 'Floor',
  pointOfContact: 'Point of contact',
  assetId: 'Asset ID',
  externalId: 'External ID',
  customData: 'Custom data',
};

/** The values the reference documents (§2.3); a server's other values are kept as they are. */
export const knownControlProtocols = [
  'TANDBERG_HTTP',
  'TANDBERG_SSH',
  'CISCO_IX_SSH_SOAP',
  'POLYCOM_TELNET',
  'POLYCOM_HTTP_HDX',
  'POLYCOM_HTTP_REALPRESENCE',
  'LIFESIZE_SSH',
  'LIFESIZE_HTTP_ICON',
  'STARLEAF_HTTP',
  'TELY_HTTP',
] as const;
export const knownSignalingProtocols = ['H323', 'SIP'] as const;
export const knownDialStyles = ['ANNEX_O'] as const;
export const knownAddressStyles = ['HOSTNAME', 'IP_ADDRESS'] as const;
export const knownCalendarTypes = ['GOOGLE'] as const;

/** What the form needs to draw itself (the renderer takes the contract's types only, so main sends the values). */
export interface FleetFormInfo {
  fields: RoomFieldName[];
  labels: Record<RoomFieldName, string>;
  /** Known values per choice field; other values are kept as the server has them. */
  choices: Partial<Record<RoomFieldName, string[]>>;
  /** The most characters one part of an import file may have. */
  chunkChars: number;
}

export interface FieldIssue {
  field: RoomFieldName | null;
  message: string;
}

/** A connection as the Fleet screen sees it: whether it may provision, and why not. */
export interface FleetConnection {
  connectionId: string;
  name: string;
  enterprise: string | null;
  connected: boolean;
  canProvision: boolean;
  /** Why provisioning is not possible here, in words; null when it is. */
  reason: string | null;
}

/** One room of the fleet as its Endpoint record says (never a password). */
export interface FleetRoom {
  id: string;
  fields: RoomFields;
}

export interface FleetRoomSummary {
  id: string;
  name: string;
  ipAddress: string;
  listenerServiceId: string;
  site: string;
  floor: string;
  controlProtocol: string;
}

export interface SaveRoomResult {
  /** The room as Relay has it after the save; null when nothing was sent. */
  room: FleetRoom | null;
  /** What stopped the save, per field where it belongs to one. */
  issues: FieldIssue[];
}

/** What deleting a room asks about: its name and whether it is in a call now. */
export interface DeleteCheck {
  id: string;
  name: string;
  /** null: not known (the board has not seen the room yet). */
  inCall: boolean | null;
  meetingTitle: string | null;
}

// ---- the infrastructure ----

export interface ListenerServiceView {
  id: string;
  name: string | null;
  location: string | null;
  assetId: string | null;
  externalId: string | null;
  pointOfContact: string | null;
  /** true/false when known; null when nothing says (the server does not report it and no room tells). */
  online: boolean | null;
  /** How `online` is known, in words ("the server says so", "its rooms answer ListenerOffline"). */
  onlineSource: string | null;
  rooms: number;
  roomsOffline: number;
}

export interface FailureAlert {
  /** Stable for the same failure of the same subject (the alert's identity). */
  key: string;
  subject: string;
  errorName: string | null;
  message: string;
  /** How many records it stands for, and the newest one's date (server clock, ms). */
  count: number;
  lastAt: number | null;
}

export interface HealthView {
  /** ok: 200; degraded: 503 naming hosed services; unreachable: the call itself failed. */
  state: 'ok' | 'degraded' | 'unreachable' | 'unknown';
  hosed: string[];
  hostname: string | null;
  message: string;
}

export interface EnterpriseView {
  name: string | null;
  label: string | null;
  pointOfContact: string | null;
}

export interface Infrastructure {
  connectionId: string;
  enterprise: EnterpriseView | null;
  health: HealthView;
  /** null when the server has no Listener Service list (it is an inferred call). */
  listenerServices: ListenerServiceView[] | null;
  alerts: FailureAlert[];
  /** Words for what could not be read (each part fails on its own). */
  notes: string[];
  fetchedAt: number;
}

// ---- root cause (on the board, the tray and notifications) ----

export interface RoomCause {
  /** The same for every room of one outage. */
  key: string;
  kind: 'listener-offline';
  listenerServiceId: string;
  listenerServiceName: string | null;
  /** "Listener Service AUS-LS1 is offline" */
  message: string;
  /** The one line for the whole outage: "12 rooms offline at Austin: Listener Service AUS-LS1 is offline". */
  line: string;
}

/**
 * The one line an outage gets, from the rooms it takes down: "12 rooms offline at Austin: Listener Service
 * AUS-LS1 is offline" (the site only when they share one).
 */
export function describeCause(cause: Pick<RoomCause, 'message'>, sites: readonly (string | null)[]): string {
  const n = sites.length;
  const named = new Set(sites.filter((s): s is string => s !== null && s !== ''));
  const at = named.size === 1 && sites.every((s) => s !== null && s !== '') ? ` at ${[...named][0] as string}` : '';
  return `${n} room${n === 1 ? '' : 's'} offline${at}: ${cause.message}`;
}

// ---- bulk provisioning (CSV) ----

export type ImportRowKind = 'create' | 'update' | 'unchanged' | 'error';

export interface ImportIssue {
  /** The row number in the file as a spreadsheet shows it (the header is row 1). */
  row: number;
  /** The column's header; null for the whole row. */
  column: string | null;
  message: string;
}

export interface ImportRow {
  row: number;
  kind: ImportRowKind;
  name: string;
  /** The room it updates or leaves alone. */
  id: string | null;
  /** For an update: the fields that change. */
  changes: RoomFieldName[];
}

export interface ImportPlan {
  importId: string;
  fileName: string;
  connectionId: string;
  rows: number;
  counts: { create: number; update: number; unchanged: number; error: number; notInFile: number };
  /** The first errors (up to 1,000), each with its row and column; `errorTotal` counts all. */
  issues: ImportIssue[];
  errorTotal: number;
  /** Rooms of the fleet the file does not mention: left as they are (never deleted by an import). */
  notInFile: { id: string; name: string }[];
  /** Notes in words, e.g. passwords for existing rooms that are not sent. */
  notes: string[];
  /** The requests applying it takes, and how long at the host's request budget (null: no limit). */
  requests: number;
  estimateMs: number | null;
  budgetPerSec: number | null;
  canApply: boolean;
  /** Why it cannot be applied, in words. */
  reason: string | null;
}

export type ImportPhase = 'ready' | 'applying' | 'paused' | 'done' | 'cancelled' | 'failed';

export interface ImportProgress {
  importId: string;
  phase: ImportPhase;
  total: number;
  done: number;
  created: number;
  updated: number;
  failed: number;
  /** Time left at the host's budget (ms); null when unknown or over. */
  etaMs: number | null;
  message: string;
}

export interface FleetExport {
  fileName: string;
  text: string;
  rooms: number;
}

// ---- inputs ----

const connectionId = z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, 'not a connection id');
const endpointId = z.string().min(1).max(200);
const importId = z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, 'not an import id');
const fieldText = z.string().max(4_000);
const roomFieldsInput = z.strictObject(Object.fromEntries(roomFieldNames.map((f) => [f, fieldText])) as Record<RoomFieldName, typeof fieldText>);
/** The most text one file may have (about 30,000 rows of full records) and one chunk of it (under the preview bridge's message cap). */
export const maxImportBytes = 16 * 1024 * 1024;
export const maxImportChunkChars = 96 * 1024;

export const fleetConnectionInput = z.strictObject({ connectionId });
export const fleetRoomInput = z.strictObject({ connectionId, id: endpointId });
export const saveRoomInput = z.strictObject({
  connectionId,
  /** Absent: a new room. */
  id: endpointId.optional(),
  fields: roomFieldsInput,
  /** The device password, write-only: absent or "" leaves it as it is. */
  password: z.string().max(500).optional(),
});
export type SaveRoomInput = z.input<typeof saveRoomInput>;
export const importBeginInput = z.strictObject({
  connectionId,
  fileName: z.string().max(260),
  size: z.number().int().min(0).max(maxImportBytes),
});
export const importChunkInput = z.strictObject({ importId, index: z.number().int().min(0).max(10_000), text: z.string().max(maxImportChunkChars) });
export const importIdInput = z.strictObject({ importId });
export const importPauseInput = z.strictObject({ importId, paused: z.boolean() });

// ---- channels and events (spread into channels.ts) ----

export const fleetChannels = {
  fleetFormInfo: defineChannel('fleet.formInfo', z.undefined(), returns<FleetFormInfo>()),
  fleetConnections: defineChannel('fleet.connections', z.undefined(), returns<FleetConnection[]>()),
  fleetRooms: defineChannel('fleet.rooms', fleetConnectionInput, returns<FleetRoomSummary[]>()),
  fleetRoom: defineChannel('fleet.room', fleetRoomInput, returns<FleetRoom>()),
  fleetListenerServices: defineChannel('fleet.listenerServices', fleetConnectionInput, returns<ListenerServiceView[] | null>()),
  fleetSaveRoom: defineChannel('fleet.saveRoom', saveRoomInput, returns<SaveRoomResult>()),
  fleetDeleteCheck: defineChannel('fleet.deleteCheck', fleetRoomInput, returns<DeleteCheck>()),
  fleetDeleteRoom: defineChannel('fleet.deleteRoom', fleetRoomInput, returns<null>()),
  fleetImportBegin: defineChannel('fleet.import.begin', importBeginInput, returns<{ importId: string }>()),
  fleetImportChunk: defineChannel('fleet.import.chunk', importChunkInput, returns<null>()),
  /** The dry run: what the file would change, every row's errors; nothing is sent. */
  fleetImportPlan: defineChannel('fleet.import.plan', importIdInput, returns<ImportPlan>()),
  fleetImportRows: defineChannel(
    'fleet.import.rows',
    z.strictObject({ importId, kind: z.enum(['create', 'update', 'unchanged', 'error']), offset: z.number().int().min(0), limit: z.number().int().min(1).max(500) }),
    returns<ImportRow[]>(),
  ),
  fleetImportApply: defineChannel('fleet.import.apply', importIdInput, returns<ImportProgress>()),
  fleetImportPause: defineChannel('fleet.import.pause', importPauseInput, returns<ImportProgress>()),
  fleetImportCancel: defineChannel('fleet.import.cancel', importIdInput, returns<ImportProgress>()),
  /** The result of an apply as CSV (row, room, what happened), to save. */
  fleetImportReport: defineChannel('fleet.import.report', importIdInput, returns<FleetExport>()),
  fleetImportDiscard: defineChannel('fleet.import.discard', importIdInput, returns<null>()),
  /** Every room of the connection in the import format. */
  fleetExport: defineChannel('fleet.export', fleetConnectionInput, returns<FleetExport>()),
  fleetInfrastructure: defineChannel('fleet.infrastructure', fleetConnectionInput, returns<Infrastructure>()),
} as const satisfies Record<string, ChannelDef>;

export interface FleetEventPayloads {
  /** An apply moved on (at most a few a second). */
  'fleet.import.progress': ImportProgress;
}
export const fleetEventNames = ['fleet.import.progress'] as const;
