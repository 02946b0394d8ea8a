import { describe, expect, it } from 'vitest';
import type { EventLogEntry } from '../../../contract/index.ts';
import { csvCell, eventLogCsv } from '../../../main/rooms/csv.ts';
import { EventLog } from '../../../main/rooms/event-log.ts';
import { FakeClock } from '../poller/fake-clock.ts';

describe('CSV', () => {
  it('quotes fields with commas, quotes and line breaks', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
  });

  it('neutralises cells a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('writes a header and one CRLF line per entry', () => {
    const e: EventLogEntry = { id: 1, at: Date.UTC(2024, 0, 2, 3, 4, 5), roomKey: 'c/e', roomName: '=cmd|calc', connectionName: 'HQ, main', kind: 'action', cause: 'user', message: 'Mute sent' };
    expect(eventLogCsv([e])).toBe(`Time,Kind,Cause,Room,Connection,Message\r\n2024-01-02T03:04:05.000Z,action,user,'=cmd|calc,"HQ, main",Mute sent\r\n`);
  });
});

describe('EventLog', () => {
  const base = { roomKey: null, roomName: null, connectionName: null, cause: 'poll' as const };

  it('keeps the last entries in a ring, oldest first', () => {
    const log = new EventLog(new FakeClock(0), 3);
    for (let i = 1; i <= 5; i++) log.append({ ...base, kind: 'state', message: `m${i}` });
    expect(log.size).toBe(3);
    expect(log.list().map((e) => e.message)).toEqual(['m3', 'm4', 'm5']);
    expect(log.list().map((e) => e.id)).toEqual([3, 4, 5]);
  });

  it('filters by text, kind, room and limit', () => {
    const log = new EventLog(new FakeClock(0), 100);
    log.append({ ...base, kind: 'state', message: 'Dialing', roomKey: 'a', roomName: 'Aspen' });
    log.append({ ...base, kind: 'error', message: 'Status failed', roomKey: 'b', roomName: 'Birch' });
    log.append({ ...base, kind: 'action', message: 'Mute sent', roomKey: 'a', roomName: 'Aspen', cause: 'user' });
    log.append({ ...base, kind: 'state', message: 'In a call', roomKey: 'b', roomName: 'Birch' });
    expect(log.list({ text: 'aspen' }).map((e) => e.message)).toEqual(['Dialing', 'Mute sent']);
    expect(log.list({ kinds: ['error', 'action'] }).map((e) => e.message)).toEqual(['Status failed', 'Mute sent']);
    expect(log.list({ roomKey: 'b' }).map((e) => e.message)).toEqual(['Status failed', 'In a call']);
    expect(log.list({ limit: 2 }).map((e) => e.message)).toEqual(['Mute sent', 'In a call']);
  });
});
