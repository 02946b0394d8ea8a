import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConnectionView, EventLogEntry } from '../../../contract/index.ts';
import { createFocusReporter } from '../../../renderer/src/rooms/focus.ts';
import { checkMeetingId, checkPasscode, decideJoin, passcodeConnections } from '../../../renderer/src/rooms/join.ts';
import { matchesEvent, mergeEvents, queryInput, type EventQuery } from '../../../renderer/src/events/log.ts';
import { formatAge, formatClock, formatDuration, formatMeetingTime, formatShortTime, formatWhen } from '../../../renderer/src/rooms/format.ts';
import { placeLabel } from '../../../renderer/src/rooms/model.ts';
import { room } from './fixture.ts';

describe('focus reporter', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends once the list rests, and only when the set changed', () => {
    const sent: string[][] = [];
    const r = createFocusReporter((keys) => sent.push(keys), 400);
    r.report(['a', 'b']);
    vi.advanceTimersByTime(200);
    r.report(['b', 'c']);
    vi.advanceTimersByTime(399);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([['b', 'c']]);
    r.report(['c', 'b', 'c']); // the same set
    vi.advanceTimersByTime(400);
    expect(sent).toHaveLength(1);
    r.report(Array.from({ length: 3000 }, (_, i) => `k${i}`));
    vi.advanceTimersByTime(400);
    expect(sent[1]).toHaveLength(2000); // the contract's cap
    r.dispose();
  });
});

describe('join decisions', () => {
  it('follows the pre-join check', () => {
    expect(decideJoin('JOIN_NOW', false)).toBe('join');
    expect(decideJoin('GET_PASSCODE', false)).toBe('ask-passcode');
    expect(decideJoin('GET_PASSCODE', true)).toBe('wrong-passcode');
    expect(decideJoin('GET_GOOD_PASSCODE', true)).toBe('wrong-passcode');
  });

  it('checks what is typed, in words', () => {
    expect(checkMeetingId('')).toBe('Enter the meeting ID.');
    expect(checkMeetingId('12a')).toBe('A meeting ID is digits only.');
    expect(checkMeetingId(' 123456 ')).toBeNull();
    expect(checkPasscode('12x')).toBe('A passcode is digits only.');
    expect(checkPasscode('')).toBeNull();
  });

  it('offers only the Meeting passcode connections of that meeting', () => {
    const base = { kind: 'meeting', meeting: { numericId: '111', scope: 'participant' } } as unknown as ConnectionView;
    const list = [
      { ...base, id: 'a' },
      { ...base, id: 'b', meeting: { numericId: '222', scope: 'moderator' } },
      { ...base, id: 'c', kind: 'relay', meeting: null },
    ] as ConnectionView[];
    expect(passcodeConnections(list, '111').map((c) => c.id)).toEqual(['a']);
  });
});

describe('event log helpers', () => {
  const entry = (id: number, patch: Partial<EventLogEntry> = {}): EventLogEntry => ({
    id,
    at: id * 1000,
    roomKey: 'c1/r1',
    roomName: 'Atlas',
    connectionName: 'Acme',
    kind: 'state',
    cause: 'poll',
    message: 'Went offline',
    ...patch,
  });
  const q = (patch: Partial<EventQuery>): EventQuery => ({ text: '', kinds: [], roomKey: null, ...patch });

  it('matches text in message, room and connection, kinds and room', () => {
    expect(matchesEvent(entry(1), q({ text: 'atlas offline' }))).toBe(true);
    expect(matchesEvent(entry(1), q({ text: 'acme' }))).toBe(true);
    expect(matchesEvent(entry(1), q({ text: 'tokyo' }))).toBe(false);
    expect(matchesEvent(entry(1), q({ kinds: ['action'] }))).toBe(false);
    expect(matchesEvent(entry(1), q({ roomKey: 'c1/r2' }))).toBe(false);
  });

  it('merges newest first without duplicates, bounded', () => {
    expect(mergeEvents([entry(1), entry(3)], [entry(2), entry(3)]).map((e) => e.id)).toEqual([3, 2, 1]);
    expect(mergeEvents([entry(1), entry(2), entry(3)], [], 2).map((e) => e.id)).toEqual([3, 2]);
  });

  it('asks main only for what filters', () => {
    expect(queryInput(q({}))).toEqual({ limit: 10_000 });
    expect(queryInput(q({ text: ' x ', kinds: ['state', 'action', 'error', 'connection'], roomKey: 'c1/r1' }), null)).toEqual({ text: 'x', roomKey: 'c1/r1' });
  });
});

describe('times in words', () => {
  it('is short and exact enough', () => {
    expect(formatDuration(59_999)).toBe('59 s');
    expect(formatDuration(61_000)).toBe('1 min');
    expect(formatDuration(3_900_000)).toBe('1 h 5 min');
    expect(formatDuration(90_000_000)).toBe('1 d 1 h');
    expect(formatAge(null, 0)).toBe('never');
    expect(formatAge(1000, 2000)).toBe('just now');
    expect(formatAge(0, 12_000)).toBe('12 s ago');
  });

  it('says "just now" for less than 1.5 s, and the seconds from there on', () => {
    expect(formatAge(10_000, 11_499)).toBe('just now');
    expect(formatAge(10_000, 11_500)).toBe('1 s ago');
    // A confirmation stamped a little ahead of this computer's clock is not "in the future".
    expect(formatAge(10_000, 9_000)).toBe('just now');
  });
});

describe("a room's place in words", () => {
  const at = (site: string | null, floor: string | null) => room('r1', { site, floor });

  it('calls a numbered floor "floor N" and keeps a named one as the server names it', () => {
    expect(placeLabel(at('Berlin', '2'))).toBe('Berlin · floor 2');
    expect(placeLabel(at('Berlin', '-1'))).toBe('Berlin · floor -1');
    expect(placeLabel(at('Berlin', 'Mezzanine'))).toBe('Berlin · Mezzanine');
    expect(placeLabel(at('Berlin', '2B'))).toBe('Berlin · 2B');
    expect(placeLabel(at(null, '3'))).toBe('floor 3');
    expect(placeLabel(at(null, 'Ground floor'))).toBe('Ground floor');
    expect(placeLabel(at('Berlin', null))).toBe('Berlin');
    expect(placeLabel(at(null, null))).toBe('—');
  });
});

describe('calendar times', () => {
  const at = (day: number, hour: number, minute = 0) => new Date(2026, 0, day, hour, minute).getTime();
  const now = at(5, 12);
  const day = (ms: number) => new Intl.DateTimeFormat(undefined, { weekday: 'short', month: 'short', day: 'numeric' }).format(ms);

  it('a meeting today shows its times only', () => {
    expect(formatMeetingTime(at(5, 14), at(5, 15), now)).toBe(`${formatShortTime(at(5, 14))}–${formatShortTime(at(5, 15))}`);
    expect(formatMeetingTime(at(5, 9), null, now)).toBe(formatShortTime(at(5, 9)));
  });

  it('a meeting on another day carries its date, and its end date when it ends on another day', () => {
    expect(formatMeetingTime(at(6, 9, 30), at(6, 10), now)).toBe(`${day(at(6, 9))}, ${formatShortTime(at(6, 9, 30))}–${formatShortTime(at(6, 10))}`);
    expect(formatMeetingTime(at(4, 23), at(5, 1), now)).toBe(`${day(at(4, 23))}, ${formatShortTime(at(4, 23))} – today, ${formatShortTime(at(5, 1))}`);
    expect(formatMeetingTime(at(6, 23), at(7, 1), now)).toContain(`– ${day(at(7, 1))}, `);
    // Another year says which.
    expect(formatMeetingTime(new Date(2027, 0, 5, 9).getTime(), null, now)).toContain('2027');
  });

  it('a clock time carries its date when it is not today', () => {
    expect(formatWhen(at(5, 8), now)).toBe(formatClock(at(5, 8)));
    expect(formatWhen(at(2, 8), now)).toBe(`${day(at(2, 8))}, ${formatClock(at(2, 8))}`);
  });
});

