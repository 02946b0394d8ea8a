// The rules a room must meet before anything is sent, in an admin's words. They mirror what a strict
// server refuses (a bad address, a duplicate name, an unknown Listener Service, a duplicate calendar), so
// the form and the dry run say it first; the server stays the authority (its refusal is shown too).
import { isIP } from 'node:net';
import type { FieldIssue, RoomFieldName, RoomFields } from '../../contract/index.ts';
import { roomFieldLabels } from '../../contract/index.ts';
import { yesNo } from './room-fields.ts';

// RFC 1123 host names: dot-separated labels of letters, digits and inner hyphens, 253 characters at most.
const HOST_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/i;
const CONTROL_CHARS = /\p{Cc}/u;
/** A street address may take several lines; custom data is JSON (its own escapes). */
const MULTILINE = new Set<RoomFieldName>(['location', 'customData']);
const ENUM_WORD = /^[A-Za-z0-9_.-]{1,100}$/;

/** An IPv4 or IPv6 address, or a host name. */
export function isDeviceAddress(value: string): boolean {
  if (isIP(value) !== 0) return true;
  // All digits and dots but not an IPv4 address (10.1.2, 300.1.2.3) is a mistyped address, not a name.
  if (value.length === 0 || value.length > 253 || /^[\d.]+$/.test(value)) return false;
  return value.replace(/\.$/, '').split('.').every((label) => HOST_LABEL.test(label));
}

export interface ValidationContext {
  /** The Listener Services of the enterprise; null when the server does not list them (any id is taken). */
  listenerServices: ReadonlyMap<string, string | null> | null;
  /** The room that already has this name (compared without case and surrounding spaces), if any. */
  nameOwner(name: string): { id: string; name: string } | undefined;
  calendarOwner(calendarId: string): { id: string; name: string } | undefined;
  /** The room being edited; null for a new one. */
  selfId: string | null;
}

const MAX: Partial<Record<RoomFieldName, number>> = { name: 200, floor: 40, customData: 4_000 };

export function validateFields(fields: RoomFields, ctx: ValidationContext): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const add = (field: RoomFieldName, message: string): void => void issues.push({ field, message });
  for (const [field, value] of Object.entries(fields) as [RoomFieldName, string][]) {
    const probe = MULTILINE.has(field) ? value.replace(/\r?\n/g, ' ') : value;
    if (CONTROL_CHARS.test(probe)) add(field, `${roomFieldLabels[field]} must not contain line breaks or control characters.`);
    else if (value.length > (MAX[field] ?? 500)) add(field, `${roomFieldLabels[field]} is too long (at most ${MAX[field] ?? 500} characters).`);
  }
  if (issues.length > 0) return issues;

  const name = fields.name.trim();
  if (name === '') add('name', 'The room needs a name.');
  else {
    const owner = ctx.nameOwner(name);
    if (owner && owner.id !== ctx.selfId) add('name', `Another room is already named "${owner.name}".`);
  }

  const address = fields.ipAddress.trim();
  if (address === '') add('ipAddress', 'The room needs the address of its video system (an IP address or a host name).');
  else if (!isDeviceAddress(address)) add('ipAddress', `"${address}" is not an IP address or a host name.`);

  const port = fields.port.trim();
  if (port !== '' && !(/^\d{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65535)) add('port', `The port must be a number from 1 to 65535, not "${port}".`);

  const ls = fields.listenerServiceId.trim();
  if (ls === '') add('listenerServiceId', 'Choose the Listener Service that controls the room.');
  else if (ctx.listenerServices && !ctx.listenerServices.has(ls)) add('listenerServiceId', `There is no Listener Service "${ls}" in this enterprise.`);

  const protocol = fields.controlProtocol.trim();
  if (protocol === '') add('controlProtocol', 'Choose the control protocol of the video system.');
  else if (!ENUM_WORD.test(protocol)) add('controlProtocol', `"${protocol}" is not a control protocol (letters, digits and _ only).`);
  for (const field of ['signalingProtocol', 'addressStyle', 'calendarType'] as const) {
    const v = fields[field].trim();
    if (v !== '' && !ENUM_WORD.test(v)) add(field, `"${v}" is not a valid ${roomFieldLabels[field].toLowerCase()} (letters, digits and _ only).`);
  }

  const calendar = fields.calendarId.trim();
  if (calendar !== '') {
    const owner = ctx.calendarOwner(calendar);
    if (owner && owner.id !== ctx.selfId) add('calendarId', `"${owner.name}" already uses this calendar.`);
  }

  const auto = fields.autoJoin.trim();
  if (auto !== '' && yesNo(auto) === null && auto !== auto.toUpperCase()) add('autoJoin', `Auto-join is yes or no, not "${auto}".`);

  const custom = fields.customData.trim();
  if (custom !== '') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(custom);
    } catch {
      parsed = undefined;
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) add('customData', 'Custom data must be a JSON object, e.g. {"seatingCapacity": 8}.');
  }
  return issues;
}

export const nameKey = (name: string): string => name.trim().toLowerCase();
