// Bulk provisioning from CSV through the core against the simulator: the dry run shows create / update /
// unchanged / not in the file and every row's errors before anything is sent; applying sends only what
// changes, under the host's request budget, with progress; the same file again changes nothing; an export
// read back changes nothing; pause, resume and cancel; the result report.
import { afterEach, describe, expect, it } from 'vitest';
import type { FleetExport, ImportPlan, ImportProgress, ImportRow, ListenerServiceView } from '../../../contract/index.ts';
import { maxImportChunkChars } from '../../../contract/index.ts';
import { eventsOf, startFleet, type FleetHarness } from './harness.ts';

let h: FleetHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

async function dryRun(f: FleetHarness, text: string, fileName = 'rooms.csv'): Promise<ImportPlan> {
  const { importId } = await f.call<{ importId: string }>('fleet.import.begin', { connectionId: f.rw.id, fileName, size: text.length });
  for (let i = 0, n = 0; i < text.length || n === 0; i += maxImportChunkChars, n++) {
    await f.call('fleet.import.chunk', { importId, index: n, text: text.slice(i, i + maxImportChunkChars) });
  }
  return f.call<ImportPlan>('fleet.import.plan', { importId });
}

async function applied(f: FleetHarness, plan: ImportPlan): Promise<ImportProgress> {
  await f.call('fleet.import.apply', { importId: plan.importId });
  await expect
    .poll(() => eventsOf(f, 'fleet.import.progress').filter((p) => p.importId === plan.importId).at(-1)?.phase, { timeout: 60_000, interval: 50 })
    .toBe('done');
  return eventsOf(f, 'fleet.import.progress').filter((p) => p.importId === plan.importId).at(-1) as ImportProgress;
}

function rowsCsv(n: number, lsName: string, bad: Set<number>, sep = ','): string {
  const lines = [['name', 'ipAddress', 'listenerServiceId', 'controlProtocol', 'site', 'floor', 'autoJoin'].join(sep)];
  for (let i = 0; i < n; i++) {
    const row = i + 2;
    const ip = bad.has(row) ? `10.50.${i}` : `10.50.${Math.floor(i / 250)}.${(i % 250) + 1}`;
    lines.push([`Imported ${String(i + 1).padStart(3, '0')}`, ip, lsName, 'TANDBERG_HTTP', 'Austin', String((i % 5) + 1), i % 2 ? 'yes' : 'no'].join(sep));
  }
  return `${lines.join('\r\n')}\r\n`;
}

describe('a CSV import', () => {
  it('dry run → apply → the same file again changes nothing; an export read back changes nothing', async () => {
    h = await startFleet({ sim: { rooms: 6 } });
    const f = h;
    const ls = (await f.call<ListenerServiceView[]>('fleet.listenerServices', { connectionId: f.rw.id })).find((l) => l.name === 'AUS-LS1')!;
    const bad = new Set([5, 17, 40]);
    const text = rowsCsv(60, 'AUS-LS1', bad);
    const writes = () => f.sim.control.log().filter((e) => e.method !== 'GET').length;
    const before = writes();

    const plan = await dryRun(f, text);
    expect(writes()).toBe(before);
    expect(plan.counts).toEqual({ create: 57, update: 0, unchanged: 0, error: 3, notInFile: 6 });
    expect(plan.issues.map((i) => [i.row, i.column])).toEqual([
      [5, 'ipAddress'],
      [17, 'ipAddress'],
      [40, 'ipAddress'],
    ]);
    expect(plan.issues[0]?.message).toBe('"10.50.3" is not an IP address or a host name.');
    expect(plan).toMatchObject({ requests: 57, canApply: true, budgetPerSec: null, estimateMs: null });
    const errors = await f.call<ImportRow[]>('fleet.import.rows', { importId: plan.importId, kind: 'error', offset: 0, limit: 10 });
    expect(errors.map((r) => r.row)).toEqual([5, 17, 40]);

    const done = await applied(f, plan);
    expect(done).toMatchObject({ total: 57, done: 57, created: 57, updated: 0, failed: 0 });
    const created = f.sim.control.rooms.list().filter((r) => r.name.startsWith('Imported '));
    expect(created).toHaveLength(57);
    expect(created.every((r) => r.listenerServiceId === ls.id && r.site === 'AUS')).toBe(true);
    const report = await f.call<FleetExport>('fleet.import.report', { importId: plan.importId });
    const reportLines = report.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(reportLines[0]).toBe('Row,Room,Result,Room ID,Message');
    expect(reportLines).toHaveLength(61);
    expect(reportLines.filter((l) => l.includes(',created,'))).toHaveLength(57);
    expect(reportLines.find((l) => l.startsWith('5,'))).toMatch(/skipped.*ipAddress: ""10\.50\.3"" is not an IP address/);

    // The same file again: nothing to change (the bad rows are still bad).
    const again = await dryRun(f, text);
    expect(again.counts).toEqual({ create: 0, update: 0, unchanged: 57, error: 3, notInFile: 6 });
    expect(again).toMatchObject({ requests: 0, canApply: false });

    // Export, read back: nothing to change, every room accounted for.
    const exported = await f.call<FleetExport>('fleet.export', { connectionId: f.rw.id });
    expect(exported.rooms).toBe(63);
    const roundTrip = await dryRun(f, exported.text, exported.fileName);
    expect(roundTrip.counts).toEqual({ create: 0, update: 0, unchanged: 63, error: 0, notInFile: 0 });

    // A changed cell in the export is one update of that field only.
    const edited = exported.text.replace('Imported 001,10.50.0.1,', 'Imported 001,10.50.9.9,');
    const one = await dryRun(f, edited);
    expect(one.counts).toMatchObject({ create: 0, update: 1, unchanged: 62 });
    const updates = await f.call<ImportRow[]>('fleet.import.rows', { importId: one.importId, kind: 'update', offset: 0, limit: 5 });
    expect(updates).toEqual([expect.objectContaining({ name: 'Imported 001', changes: ['ipAddress'] })]);
    expect(await applied(f, one)).toMatchObject({ updated: 1 });
    expect((await dryRun(f, edited)).counts).toMatchObject({ update: 0, unchanged: 63 });
  }, 90_000);

  it('reads a spreadsheet’s file: UTF-8 BOM, semicolons, quoted line breaks and quotes, labels as headers', async () => {
    h = await startFleet({ sim: { rooms: 2 } });
    const f = h;
    const text =
      '\uFEFFName;Address;Listener Service;Control protocol;Location;Custom data\r\n' +
      '"São Paulo; Sala ""Ipê""";10.7.0.1;SAO-LS1;POLYCOM_HTTP_HDX;"Av. Paulista 1000\nandar 3";"{""seatingCapacity"":6}"\r\n' +
      ';;;;;\r\n';
    const plan = await dryRun(f, text);
    expect(plan.issues).toEqual([]);
    expect(plan.counts).toMatchObject({ create: 1, error: 0 });
    expect(plan.notes).toContain('1 empty row was skipped.');
    await applied(f, plan);
    const room = f.sim.control.rooms.list().find((r) => r.name === 'São Paulo; Sala "Ipê"');
    expect(room).toBeDefined();
    const exported = await f.call<FleetExport>('fleet.export', { connectionId: f.rw.id });
    expect((await dryRun(f, exported.text)).counts).toMatchObject({ create: 0, update: 0, unchanged: 3 });
  });

  it('refuses a file that is not CSV, in words', async () => {
    h = await startFleet({ sim: { rooms: 1 } });
    const f = h;
    const refused = async (text: string) => {
      const { importId } = await f.call<{ importId: string }>('fleet.import.begin', { connectionId: f.rw.id, fileName: 'x', size: text.length });
      await f.call('fleet.import.chunk', { importId, index: 0, text });
      return f.result('fleet.import.plan', { importId });
    };
    expect(await refused('PK\u0003\u0004\u0014\u0000\u0006\u0000binary')).toMatchObject({ ok: false, error: { code: 'rejected', message: expect.stringMatching(/spreadsheet workbook \(\.xlsx\).*CSV UTF-8/) } });
    expect(await refused('{"rooms": []}')).toMatchObject({ ok: false, error: { message: expect.stringMatching(/not a CSV file: it looks like JSON/) } });
    expect(await refused('Just some notes about rooms\nsecond line\n')).toMatchObject({ ok: false, error: { message: expect.stringMatching(/does not look like a CSV file of rooms/) } });
    expect(await refused('name,ipAddress\n"unclosed,10.0.0.1\n')).toMatchObject({ ok: false, error: { message: expect.stringMatching(/not valid CSV: a quoted value is never closed/) } });
    expect(await refused('Caf\uFFFD,x\n')).toMatchObject({ ok: false, error: { message: expect.stringMatching(/not UTF-8 text/) } });
    expect(await refused('')).toMatchObject({ ok: false, error: { message: expect.stringMatching(/empty/) } });
  });

  it('applies under the host’s budget with an estimate, pauses, resumes and cancels', async () => {
    // Relay's strict limit in the simulator, the default budget in the client.
    h = await startFleet({ sim: { rooms: 2, rateLimit: 'strict' }, budget: 2 });
    const f = h;
    const text = rowsCsv(8, 'AUS-LS1', new Set());
    const plan = await dryRun(f, text);
    // 8 requests at 80 % of 2 requests a second.
    expect(plan).toMatchObject({ requests: 8, budgetPerSec: 2, estimateMs: 5_000 });
    const started = await f.call<ImportProgress>('fleet.import.apply', { importId: plan.importId });
    expect(started).toMatchObject({ phase: 'applying', total: 8, done: 0 });
    expect(started.etaMs).toBeGreaterThan(4_000);
    await expect.poll(() => f.sim.control.rooms.list().length, { timeout: 10_000, interval: 20 }).toBeGreaterThanOrEqual(4);
    const paused = await f.call<ImportProgress>('fleet.import.pause', { importId: plan.importId, paused: true });
    expect(paused.phase).toBe('paused');
    const count = f.sim.control.rooms.list().length;
    await new Promise((r) => setTimeout(r, 1_500));
    expect(f.sim.control.rooms.list().length).toBeLessThanOrEqual(count + 1);
    await f.call('fleet.import.pause', { importId: plan.importId, paused: false });
    await expect.poll(() => f.sim.control.rooms.list().length, { timeout: 10_000, interval: 20 }).toBeGreaterThanOrEqual(count + 2);
    const cancelled = await f.call<ImportProgress>('fleet.import.cancel', { importId: plan.importId });
    expect(cancelled.importId).toBe(plan.importId);
    const lastPhase = () => eventsOf(f, 'fleet.import.progress').at(-1)?.phase;
    await expect.poll(() => ['cancelled', 'done'].includes(lastPhase() ?? ''), { timeout: 5_000 }).toBe(true);
    // Never a 429 from the strict simulator: the apply stayed inside the budget, with the poller beside it.
    expect(f.sim.control.log().filter((e) => e.status === 429)).toEqual([]);
    // What is left is what a new dry run of the same file shows.
    const rest = await dryRun(f, text);
    expect(rest.counts.create + rest.counts.unchanged).toBe(8);
    expect(rest.counts.unchanged).toBe(f.sim.control.rooms.list().length - 2);
  }, 60_000);
});
