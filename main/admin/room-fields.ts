// A room's provisioning as the form and the CSV file see it (RoomFields: text per field) and as Relay
// keeps it (the Endpoint record, docs/relay-api.md §3.2). Both directions go through here, so the form, the
// import's dry run and the export agree on what "the same" means:
// - reading: every field as text; site and floor come from customData (our convention, read as the board
//   reads them: siteName, else site), the rest of customData as canonical JSON;
// - writing: only the fields that differ from the record as read are changed, on the whole record (a
//   server may replace rather than merge on PUT), so values this client does not know (another control
//   protocol, another auto-join word, unknown fields) go back exactly as they came.
import type { RoomFieldName, RoomFields } from '../../contract/index.ts';
import { roomFieldNames } from '../../contract/index.ts';
import type { RelayEndpointRecord } from '../relay/schemas.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** JSON with object keys sorted, so two equal objects give the same text. */
export function canonicalJson(value: unknown): string {
  const sort = (v: unknown): Json => {
    if (Array.isArray(v)) return v.map(sort);
    if (v !== null && typeof v === 'object') {
      const out: Record<string, Json> = {};
      for (const key of Object.keys(v).sort()) out[key] = sort((v as Record<string, unknown>)[key]);
      return out;
    }
    if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' || v === null) return v;
    return null;
  };
  return JSON.stringify(sort(value));
}

const text = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '');

/** Which customData key holds the site: the one the record already uses (siteName before site), else siteName. */
function siteKeyOf(custom: Record<string, unknown>): 'siteName' | 'site' {
  return 'siteName' in custom ? 'siteName' : 'site' in custom ? 'site' : 'siteName';
}

/** The custom data that is not shown as site or floor. */
function restOfCustom(custom: Record<string, unknown>): Record<string, unknown> {
  const siteKey = siteKeyOf(custom);
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(custom)) if (key !== siteKey && key !== 'floor') rest[key] = value;
  return rest;
}

export function emptyFields(): RoomFields {
  return Object.fromEntries(roomFieldNames.map((f) => [f, ''])) as RoomFields;
}

export function fieldsFromRecord(r: RelayEndpointRecord): RoomFields {
  const custom = r.customData ?? {};
  const rest = restOfCustom(custom);
  const auto = r.autoJoinMode;
  return {
    name: r.name,
    ipAddress: text(r.ipAddress),
    port: text(r.port),
    listenerServiceId: text(r.listenerServiceId),
    controlProtocol: text(r.controlProtocol),
    signalingProtocol: text(r.signalingProtocol),
    dialStyle: text(r.dialStyle),
    addressStyle: text(r.addressStyle),
    username: text(r.username),
    calendarId: text(r.calendarId),
    calendarType: text(r.calendarType),
    // ENABLED or null (= off) are documented; another word is shown as it is and kept.
    autoJoin: auto === null || auto === undefined || auto === '' ? 'no' : auto.toUpperCase() === 'ENABLED' ? 'yes' : auto,
    location: text(r.location),
    site: text(custom[siteKeyOf(custom)]),
    floor: text(custom['floor']),
    pointOfContact: text(r.pointOfContact),
    assetId: text(r.assetId),
    externalId: text(r.externalId),
    customData: Object.keys(rest).length === 0 ? '' : canonicalJson(rest),
  };
}

/** How a yes/no cell may be written (CSV and form); null: not a yes or no. */
export function yesNo(value: string): 'yes' | 'no' | null {
  const v = value.trim().toLowerCase();
  if (['yes', 'y', 'true', '1', 'on', 'enabled'].includes(v)) return 'yes';
  if (['no', 'n', 'false', '0', 'off', 'disabled'].includes(v)) return 'no';
  return null;
}

/** The field as compared: trimmed, yes/no and JSON in one spelling, so "Yes" and "yes" are the same. */
export function normalField(field: RoomFieldName, value: string): string {
  const v = value.trim();
  if (field === 'autoJoin') return yesNo(v) ?? v;
  if (field === 'customData') {
    if (v === '' || v === '{}') return '';
    try {
      return canonicalJson(JSON.parse(v));
    } catch {
      return v;
    }
  }
  if (field === 'port' && /^\d+$/.test(v)) return String(Number(v));
  return v;
}

/** The fields whose values differ. */
export function changedFields(before: RoomFields, after: RoomFields): RoomFieldName[] {
  return roomFieldNames.filter((f) => normalField(f, before[f]) !== normalField(f, after[f]));
}

const NULLABLE_WHEN_EMPTY = new Set<RoomFieldName>(['username', 'calendarId', 'calendarType', 'location', 'pointOfContact', 'assetId', 'externalId', 'signalingProtocol', 'dialStyle', 'addressStyle']);

function floorValue(v: string): string | number {
  return /^-?\d{1,6}$/.test(v) ? Number(v) : v;
}

/**
 * The body of a PUT: the record as read with `fields` applied (only `changes`), password left out (reads
 * always give null, and null could mean "clear" to a server).
 */
export function updateBody(record: RelayEndpointRecord, fields: RoomFields, changes: readonly RoomFieldName[]): Record<string, unknown> {
  const { password: _password, ...base } = record.raw;
  const body: Record<string, unknown> = { ...base };
  const custom: Record<string, unknown> = { ...(record.customData ?? {}) };
  let customChanged = false;
  for (const field of changes) {
    const v = fields[field].trim();
    switch (field) {
      case 'port':
        body['port'] = v === '' ? null : Number(v);
        break;
      case 'autoJoin':
        body['autoJoinMode'] = yesNo(v) === 'yes' ? 'ENABLED' : yesNo(v) === 'no' ? null : v;
        break;
      case 'site': {
        const key = siteKeyOf(custom);
        if (v === '') delete custom[key];
        else custom[key] = v;
        customChanged = true;
        break;
      }
      case 'floor':
        if (v === '') delete custom['floor'];
        else custom['floor'] = floorValue(v);
        customChanged = true;
        break;
      case 'customData': {
        const parsed = v === '' ? {} : (JSON.parse(v) as Record<string, unknown>);
        const siteKey = siteKeyOf(custom);
        const kept: Record<string, unknown> = {};
        if (siteKey in custom) kept[siteKey] = custom[siteKey];
        if ('floor' in custom) kept['floor'] = custom['floor'];
        for (const key of Object.keys(custom)) delete custom[key];
        Object.assign(custom, parsed, kept);
        customChanged = true;
        break;
      }
      case 'name':
      case 'ipAddress':
      case 'listenerServiceId':
      case 'controlProtocol':
        body[field] = v;
        break;
      default:
        body[field] = v === '' && NULLABLE_WHEN_EMPTY.has(field) ? null : v;
    }
  }
  if (customChanged) body['customData'] = custom;
  return body;
}

/** The body of a POST: what was given, and nothing for what was left empty (the server's default). */
export function createBody(fields: RoomFields): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const custom: Record<string, unknown> = {};
  for (const field of roomFieldNames) {
    const v = fields[field].trim();
    if (v === '') continue;
    switch (field) {
      case 'port':
        body['port'] = Number(v);
        break;
      case 'autoJoin':
        body['autoJoinMode'] = yesNo(v) === 'yes' ? 'ENABLED' : yesNo(v) === 'no' ? null : v;
        break;
      case 'site':
        custom['siteName'] = v;
        break;
      case 'floor':
        custom['floor'] = floorValue(v);
        break;
      case 'customData':
        Object.assign(custom, JSON.parse(v) as Record<string, unknown>, { ...custom });
        break;
      default:
        body[field] = v;
    }
  }
  if (Object.keys(custom).length > 0) body['customData'] = custom;
  return body;
}
