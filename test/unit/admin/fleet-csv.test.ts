// The CSV format (docs/fleet-csv.md): what a spreadsheet writes is read, an export reads back the same, and
// what is not a CSV file of rooms is refused in words.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fleetCsv, parseFleetCsv, unguard } from '../../../main/admin/fleet-csv.ts';
import { planImport } from '../../../main/admin/import-plan.ts';
import { snapshotOf } from '../../../main/admin/provisioning.ts';
import { fieldsFromRecord } from '../../../main/admin/room-fields.ts';
import { endpointRecordSchema } from '../../../main/relay/schemas.ts';

const record = (over: Record<string, unknown>) => endpointRecordSchema.parse({ id: 'e1', name: 'Room', ...over });
const parsed = (text: string) => {
  const r = parseFleetCsv(text);
  if (!r.ok) throw new Error(r.message);
  return r.csv;
};

describe('reading', () => {
  it('reads the example file of the docs', () => {
    const csv = parsed(readFileSync(resolve(import.meta.dirname, '../../../docs/fleet-example.csv'), 'utf8'));
    expect(csv.rows).toHaveLength(2);
    const plan = planImport(csv, snapshotOf([], 0), new Map([['ls-aus', 'AUS-LS1']]));
    expect(plan.issues).toEqual([]);
    expect(plan.counts).toMatchObject({ create: 2, error: 0 });
    expect(plan.rows[1]?.fields).toMatchObject({ name: 'AUS-B1 Cellar', listenerServiceId: 'ls-aus', location: '500 W 2nd St\nBasement', floor: '-1', autoJoin: 'no' });
  });

  it('takes a BOM, semicolons or tabs, quoted separators, quotes and line breaks', () => {
    for (const sep of [',', ';', '\t']) {
      const csv = parsed(`\uFEFFname${sep}location\r\n"A${sep} ""B"""${sep}"line 1\nline 2"\r\n`);
      expect(csv.delimiter).toBe(sep);
      expect(csv.rows[0]?.cells).toEqual([`A${sep} "B"`, 'line 1\nline 2']);
    }
    // The row number is the spreadsheet's, whatever line breaks a row holds.
    const csv = parsed('name,location\n"a","x\ny\nz"\nb,\n');
    expect(csv.rows.map((r) => r.row)).toEqual([2, 3]);
  });

  it('matches headers by field name or form label, and lists the ones it does not use', () => {
    const csv = parsed('Name;IP address;Listener Service;Colour\nx;10.0.0.1;LS;red\n');
    expect(csv.columns).toEqual(['name', 'ipAddress', 'listenerServiceId', null]);
    expect(csv.notes).toEqual(['Column not used: Colour.']);
    expect(parseFleetCsv('name,Name\nx,y\n')).toEqual({ ok: false, message: expect.stringMatching(/are the same field/) });
  });

  it('refuses what is not a CSV file of rooms, in words', () => {
    const cases: [string, RegExp][] = [
      ['PK\u0003\u0004rest', /spreadsheet workbook/],
      ['%PDF-1.7', /PDF document/],
      ['[{"name":"x"}]', /looks like JSON/],
      ['n\u0000a\u0000m\u0000e\u0000', /binary data \(or UTF-16 text\)/],
      ['S\uFFFDo Paulo,x\n', /not UTF-8 text/],
      ['hello world\n', /does not look like a CSV file of rooms/],
      ['room,address\nx,y\n', /no "name" or "id" column/],
      ['name\n"open\n', /a quoted value is never closed/],
      ['   \n', /empty/],
    ];
    for (const [text, message] of cases) expect(parseFleetCsv(text)).toEqual({ ok: false, message: expect.stringMatching(message) });
  });

  it('caps the number of rows', () => {
    const text = `name\n${Array.from({ length: 30 }, (_, i) => `r${i}`).join('\n')}\n`;
    expect(parseFleetCsv(text, 20)).toEqual({ ok: false, message: expect.stringMatching(/more than 20 rooms/) });
    expect(parseFleetCsv(text, 30).ok).toBe(true);
  });
});

describe('writing and reading back', () => {
  it('guards formula-like cells on export and takes the guard off on import: the same fields', () => {
    const records = [
      record({ id: 'a', name: '=HYPERLINK("x")', location: '+44 20 7946 0000', customData: { floor: -2, siteName: '@HQ', note: 'a,b' }, port: 443, autoJoinMode: 'ENABLED' }),
      record({ id: 'b', name: 'Sala "Ipê"', location: 'line 1\nline 2', controlProtocol: 'SOMETHING_NEW', autoJoinMode: 'MAYBE' }),
    ];
    const text = fleetCsv(records);
    expect(text.startsWith('\uFEFFid,name,')).toBe(true);
    expect(text).toContain(`'=HYPERLINK`);
    expect(text).toContain(`'+44 20`);
    const csv = parsed(text);
    const plan = planImport(csv, snapshotOf(records, 0), null);
    expect(plan.counts).toEqual({ create: 0, update: 0, unchanged: 2, error: 0, notInFile: 0 });
    expect(plan.rows.map((r) => r.fields)).toEqual(records.map(fieldsFromRecord));
  });

  it('unguards only what the guard added', () => {
    expect(unguard("'=1+1")).toBe('=1+1');
    expect(unguard("'-1")).toBe('-1');
    expect(unguard("it's")).toBe("it's");
    expect(unguard("'quoted'")).toBe("'quoted'");
  });

  it('10,000 rows are read and planned', () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => `Room ${i};10.1.${Math.floor(i / 250)}.${(i % 250) + 1};ls;TANDBERG_HTTP`);
    const csv = parsed(`\uFEFFname;ipAddress;listenerServiceId;controlProtocol\r\n${rows.join('\r\n')}\r\n`);
    expect(csv.rows).toHaveLength(10_000);
    const plan = planImport(csv, snapshotOf([], 0), new Map([['ls', 'LS']]));
    expect(plan.counts.create).toBe(10_000);
  });
});

describe('the dry run', () => {
  const ls = new Map([['ls1', 'AUS-LS1']]);
  const fleet = () =>
    snapshotOf(
      [
        record({ id: 'a', name: 'Alpha', ipAddress: '10.0.0.1', listenerServiceId: 'ls1', controlProtocol: 'TANDBERG_HTTP', calendarId: 'a@cal' }),
        record({ id: 'b', name: 'Beta', ipAddress: '10.0.0.2', listenerServiceId: 'ls1', controlProtocol: 'TANDBERG_HTTP' }),
      ],
      0,
    );

  it('matches by id, else by name; an empty cell leaves the field; gives each error its row and column', () => {
    const csv = parsed(
      [
        'id,name,ipAddress,listenerServiceId,controlProtocol,calendarId,password',
        'b,Beta renamed,,,,,',
        ',alpha,10.0.0.9,,,,secret-for-existing',
        ',Gamma,10.0.0.3,AUS-LS1,TANDBERG_HTTP,,new-secret',
        ',Gamma,10.0.0.4,AUS-LS1,TANDBERG_HTTP,,',
        ',Delta,10.0.0,nope,TANDBERG_HTTP,a@cal,',
        'zzz,Epsilon,10.0.0.5,ls1,TANDBERG_HTTP,,',
      ].join('\n'),
    );
    const plan = planImport(csv, fleet(), ls);
    expect(plan.rows.map((r) => [r.row, r.kind, r.id, r.changes])).toEqual([
      [2, 'update', 'b', ['name']],
      // Matched without case; the file's spelling of the name is a change too.
      [3, 'update', 'a', ['name', 'ipAddress']],
      [4, 'create', null, []],
      [5, 'error', null, []],
      [6, 'error', null, []],
      [7, 'error', null, []],
    ]);
    expect(plan.rows[2]).toMatchObject({ password: 'new-secret', fields: { listenerServiceId: 'ls1' } });
    expect(plan.issues).toEqual([
      { row: 5, column: 'name', message: 'Row 4 has the same name; each room needs its own.' },
      { row: 6, column: 'ipAddress', message: '"10.0.0" is not an IP address or a host name.' },
      { row: 6, column: 'listenerServiceId', message: 'There is no Listener Service "nope" in this enterprise.' },
      // Alpha is renamed "alpha" by row 3.
      { row: 6, column: 'calendarId', message: '"alpha" already uses this calendar.' },
      { row: 7, column: 'id', message: expect.stringMatching(/no room with the id "zzz"/) },
    ]);
    expect(plan.notes).toEqual([expect.stringMatching(/1 row gives a password for a room that already exists: it is not sent/)]);
    expect(plan.counts).toEqual({ create: 1, update: 2, unchanged: 0, error: 3, notInFile: 0 });
  });

  it('lists the rooms the file does not mention, and never plans to delete them', () => {
    const plan = planImport(parsed('name\nAlpha\n'), fleet(), ls);
    expect(plan.counts).toMatchObject({ unchanged: 1, notInFile: 1 });
    expect(plan.notInFile).toEqual([{ id: 'b', name: 'Beta' }]);
  });
});
