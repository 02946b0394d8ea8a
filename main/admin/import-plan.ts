// The dry run of a CSV import: what each row would do to the fleet as Relay has it now — create a room,
// update one (which fields), leave one unchanged — and every row's errors with its row and column, before
// anything is sent. Rooms the file does not mention are listed and left as they are.
//
// Matching: a row with an `id` is that room; otherwise the room of that name (names compare without case
// and surrounding spaces), else a new room. An empty cell leaves the field as it is (a new room gets the
// server's default), so a file with a few columns changes only those, and the same file applied twice
// changes nothing the second time.
import type { ImportIssue, ImportRowKind, RoomFieldName, RoomFields } from '../../contract/index.ts';
import { roomFieldNames } from '../../contract/index.ts';
import type { RelayEndpointRecord } from '../relay/schemas.ts';
import type { CsvColumn, ParsedCsv } from './fleet-csv.ts';
import type { FleetSnapshot } from './provisioning.ts';
import { changedFields, emptyFields, fieldsFromRecord, yesNo } from './room-fields.ts';
import { nameKey, validateFields } from './validate.ts';

export interface PlannedRow {
  row: number;
  kind: ImportRowKind;
  name: string;
  /** The room it updates or leaves unchanged. */
  id: string | null;
  changes: RoomFieldName[];
  /** What the room will be (create, update). */
  fields: RoomFields | null;
  /** The room as read (update). */
  record: RelayEndpointRecord | null;
  /** A new room's device password (write-only; never in any output). */
  password: string | null;
}

export interface BuiltPlan {
  rows: PlannedRow[];
  issues: ImportIssue[];
  notInFile: { id: string; name: string }[];
  notes: string[];
  counts: Record<ImportRowKind | 'notInFile', number>;
}

const MAX_ISSUES_KEPT = 1_000;

/** An owner that is a room of the fleet, not a row of this file (`row:N`). */
const fleetOwned = (owner: { id: string; name: string } | undefined): { id: string; name: string } | undefined => (owner && !owner.id.startsWith('row:') ? owner : undefined);

export function planImport(csv: ParsedCsv, fleet: FleetSnapshot, listenerServices: ReadonlyMap<string, string | null> | null): BuiltPlan {
  const issues: ImportIssue[] = [];
  const rows: PlannedRow[] = [];
  const notes = [...csv.notes];
  const columnOf = new Map<CsvColumn, number>();
  csv.columns.forEach((c, i) => c !== null && columnOf.set(c, i));
  const headerOf = (field: CsvColumn): string => {
    const i = columnOf.get(field);
    return i === undefined ? field : (csv.header[i] ?? field);
  };
  const lsByName = new Map<string, string>();
  for (const [id, name] of listenerServices ?? []) if (name) lsByName.set(name.trim().toLowerCase(), id);

  // Names and calendars as they will be once the file is applied: the fleet's, then each row's claim.
  const names = new Map<string, { id: string; name: string }>();
  const calendars = new Map<string, { id: string; name: string }>();
  for (const r of fleet.records) {
    names.set(nameKey(r.name), { id: r.id, name: r.name });
    if (r.calendarId) calendars.set(r.calendarId.toLowerCase(), { id: r.id, name: r.name });
  }
  const inFile = new Map<string, number>();
  const calendarsInFile = new Map<string, number>();
  const idsInFile = new Map<string, number>();
  const matched = new Set<string>();
  let blank = 0;
  let passwordsForExisting = 0;

  for (const { row, cells } of csv.rows) {
    const rowIssues: ImportIssue[] = [];
    const fail = (column: CsvColumn | null, message: string): void => void rowIssues.push({ row, column: column === null ? null : headerOf(column), message });
    if (cells.every((c) => c.trim() === '')) {
      blank++;
      continue;
    }
    if (cells.length > csv.header.length) fail(null, `This row has ${cells.length} values but the header has ${csv.header.length} columns (a separator inside a value that is not in quotes?).`);
    const given: Partial<RoomFields> = {};
    let idCell = '';
    let password = '';
    csv.columns.forEach((c, i) => {
      const value = cells[i] ?? '';
      if (c === null || value.trim() === '') return;
      if (c === 'id') idCell = value.trim();
      else if (c === 'password') password = value;
      else given[c] = value.trim();
    });
    if (given.autoJoin !== undefined) given.autoJoin = yesNo(given.autoJoin) ?? given.autoJoin;
    if (given.listenerServiceId !== undefined && listenerServices && !listenerServices.has(given.listenerServiceId)) {
      given.listenerServiceId = lsByName.get(given.listenerServiceId.toLowerCase()) ?? given.listenerServiceId;
    }

    let record: RelayEndpointRecord | undefined;
    if (idCell !== '') {
      record = fleet.byId.get(idCell);
      if (!record) fail('id', `There is no room with the id "${idCell}" in this enterprise (ids come from Relay: leave the cell empty to add a room).`);
      const twice = idsInFile.get(idCell);
      if (twice !== undefined) fail('id', `Row ${twice} is the same room; keep one of the two rows.`);
      idsInFile.set(idCell, row);
    } else if (given.name !== undefined) record = fleet.byName.get(nameKey(given.name));

    const base = record ? fieldsFromRecord(record) : emptyFields();
    const fields: RoomFields = { ...base };
    for (const f of roomFieldNames) if (given[f] !== undefined) fields[f] = given[f];
    const name = fields.name.trim();

    if (rowIssues.length === 0) {
      const key = nameKey(name);
      const sameNameRow = inFile.get(key);
      if (name !== '' && sameNameRow !== undefined) fail('name', `Row ${sameNameRow} has the same name; each room needs its own.`);
      const calendar = fields.calendarId.trim().toLowerCase();
      const sameCalendarRow = calendar === '' ? undefined : calendarsInFile.get(calendar);
      if (given.calendarId !== undefined && sameCalendarRow !== undefined) fail('calendarId', `Row ${sameCalendarRow} has the same calendar ID.`);
      const validation = validateFields(fields, {
        listenerServices,
        // Claims of other rows are reported above ("Row N has the same …"), once.
        nameOwner: (n) => fleetOwned(names.get(nameKey(n))),
        calendarOwner: (c) => fleetOwned(calendars.get(c.toLowerCase())),
        selfId: record?.id ?? null,
      });
      // A room's fields the file does not change are the server's business (a Relay Mesh room may have no
      // address): only what the row changes must meet the rules.
      const changing = record ? new Set(changedFields(base, fields)) : null;
      for (const issue of validation) if (!changing || issue.field === null || changing.has(issue.field)) fail(issue.field, issue.message);
    }

    if (rowIssues.length > 0) {
      if (issues.length < MAX_ISSUES_KEPT) issues.push(...rowIssues.slice(0, MAX_ISSUES_KEPT - issues.length));
      rows.push({ row, kind: 'error', name, id: record?.id ?? null, changes: [], fields: null, record: null, password: null });
      // Its room is mentioned all the same: it is not "not in the file".
      if (record) matched.add(record.id);
      continue;
    }

    inFile.set(nameKey(name), row);
    if (given.calendarId !== undefined) calendarsInFile.set(fields.calendarId.trim().toLowerCase(), row);
    if (record) {
      matched.add(record.id);
      // The room's old name and calendar are free once it takes new ones.
      if (names.get(nameKey(record.name))?.id === record.id) names.delete(nameKey(record.name));
      names.set(nameKey(name), { id: record.id, name });
      if (record.calendarId && calendars.get(record.calendarId.toLowerCase())?.id === record.id) calendars.delete(record.calendarId.toLowerCase());
      if (fields.calendarId.trim() !== '') calendars.set(fields.calendarId.trim().toLowerCase(), { id: record.id, name });
      if (password !== '') passwordsForExisting++;
      const changes = changedFields(base, fields);
      rows.push({ row, kind: changes.length === 0 ? 'unchanged' : 'update', name, id: record.id, changes, fields, record, password: null });
    } else {
      names.set(nameKey(name), { id: `row:${row}`, name });
      if (fields.calendarId.trim() !== '') calendars.set(fields.calendarId.trim().toLowerCase(), { id: `row:${row}`, name });
      rows.push({ row, kind: 'create', name, id: null, changes: [], fields, record: null, password: password === '' ? null : password });
    }
  }

  const notInFile = fleet.records.filter((r) => !matched.has(r.id)).map((r) => ({ id: r.id, name: r.name }));
  if (blank > 0) notes.push(`${blank} empty row${blank === 1 ? ' was' : 's were'} skipped.`);
  if (passwordsForExisting > 0) {
    notes.push(
      `${passwordsForExisting} row${passwordsForExisting === 1 ? ' gives' : 's give'} a password for a room that already exists: it is not sent. Relay never shows a password, so Relay Console cannot tell whether it changed; passwords from a file are sent only when a room is created. Set it in the room's form.`,
    );
  }
  const counts = { create: 0, update: 0, unchanged: 0, error: 0, notInFile: notInFile.length };
  for (const r of rows) counts[r.kind]++;
  return { rows, issues, notInFile, notes, counts };
}
