import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExportCancelled, logLine, LOG_HEADER, reportAttentionCsv, reportRoomsCsv, reportSitesCsv } from '../../../main/history/csv.ts';

import type { ExportProgress } from '../../../main/history/types.ts';
import { allEntries, batch, ch, DAY, HOUR, MIN, randomHistory, T0, tr, storeFactory } from '../../helpers/history-fixtures.ts';

const fresh = storeFactory();

describe('CSV of the history', () => {
  it('streams any range of the log to a file a page at a time, oldest first, with progress', async () => {
    const { store, dir } = fresh();
    for (const b of randomHistory(5, 10, T0, 5, 100)) store.write(b);
    const now = T0 + 6 * DAY;
    const from = T0 + DAY;
    const to = T0 + 4 * DAY;
    const path = join(dir, 'log.csv');
    const progress: ExportProgress[] = [];
    const done = await store.exportLog({ path, query: { from, to }, pageSize: 40, onProgress: (p) => progress.push(p) });
    const want = allEntries(store, now, { from, to });
    const text = readFileSync(path, 'utf8');
    expect(text).toBe([LOG_HEADER.join(','), ...want.map(logLine)].join('\r\n') + '\r\n');
    expect(done).toEqual({ rows: want.length, bytes: Buffer.byteLength(text), fraction: 1 });
    expect(progress.length).toBeGreaterThan(5);
    for (let i = 1; i < progress.length; i++) {
      expect((progress[i] as ExportProgress).rows).toBeGreaterThanOrEqual((progress[i - 1] as ExportProgress).rows);
      expect((progress[i] as ExportProgress).fraction).toBeGreaterThanOrEqual((progress[i - 1] as ExportProgress).fraction);
    }
    expect(progress[progress.length - 1]).toEqual(done);
  });

  it('guards every cell a spreadsheet would run as a formula', async () => {
    const { store, dir } = fresh();
    store.write(batch(T0, { transitions: [tr(1, T0, { name: '=HYPERLINK("http://evil.example","click")', site: '+Austin', call: ch('unknown', 'idle'), detail: '@SUM(A1:A9)' })] }));
    const path = join(dir, 'log.csv');
    await store.exportLog({ path, query: {} });
    const line = readFileSync(path, 'utf8').split('\r\n')[1] as string;
    expect(line).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(line).toContain(",'+Austin,");
    const r = store.report({ kind: 'fleet' }, { from: T0, to: T0 + HOUR }, T0 + HOUR);
    expect(reportRoomsCsv(r).split('\r\n')[1]).toMatch(/^"'=HYPERLINK/);
  });

  it('leaves no file behind when an export is cancelled', async () => {
    const { store, dir } = fresh();
    for (const b of randomHistory(6, 5, T0, 3, 100)) store.write(b);
    const path = join(dir, 'cut.csv');
    let pages = 0;
    await expect(store.exportLog({ path, query: {}, pageSize: 50, cancelled: () => ++pages > 3 })).rejects.toBeInstanceOf(ExportCancelled);
    expect(existsSync(path)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  it('writes each report as a table', () => {
    const { store } = fresh();
    const w = (t: ReturnType<typeof tr>) => store.write(batch(t.at, { transitions: [t] }));
    w(tr(1, T0, { call: ch('unknown', 'idle') }));
    w(tr(2, T0, { call: ch('unknown', 'idle') }));
    w(tr(1, T0 + HOUR, { call: ch('idle', 'in-call') }));
    w(tr(1, T0 + 2 * HOUR, { call: ch('in-call', 'unknown'), reachability: ch('online', 'offline') }));
    const now = T0 + 4 * HOUR;
    const r = store.report({ kind: 'fleet' }, { from: T0, to: now }, now);
    expect(reportRoomsCsv(r).split('\r\n')).toEqual([
      'Room,Site,Endpoint ID,Availability %,Offline min,Unreachable min,Error min,Utilisation %,Calls,Calls per day,Average call min,Drops,Outages,Stale min,Watched h',
      'Room 1,London,5f1d00000000000000000001,50.0,120.0,0.0,0.0,25.0,1,6.00,60.0,1,1,0.0,4.0',
      'Room 2,Austin,5f1d00000000000000000002,100.0,0.0,0.0,0.0,0.0,0,0.00,,0,0,0.0,4.0',
      'All rooms,,,75.0,120.0,0.0,0.0,12.5,1,6.00,60.0,1,1,0.0,8.0',
      '',
    ]);
    expect(reportSitesCsv(r).split('\r\n').slice(0, 3)).toEqual([
      'Site,Rooms,Availability %,Offline min,Unreachable min,Error min,Utilisation %,Calls,Calls per day,Average call min,Drops,Outages,Stale min,Watched h',
      'Austin,1,100.0,0.0,0.0,0.0,0.0,0,0.00,,0,0,0.0,4.0',
      'London,1,50.0,120.0,0.0,0.0,25.0,1,6.00,60.0,1,1,0.0,4.0',
    ]);
    expect(reportAttentionCsv(r).split('\r\n').slice(1, 3).map((l) => l.split(',').slice(0, 2))).toEqual([
      ['Most offline time', 'Room 1'],
      ['Most drops', 'Room 1'],
    ]);
    expect(MIN).toBe(60_000);
  });
});
