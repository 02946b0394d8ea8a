import { describe, expect, it } from 'vitest';
import { createMeetings, demoMeetings, isReserved, joinFlow, passcodeRole, roomCalendar } from '../../../sim/world/meetings.ts';

const catalog = createMeetings(7);
const [withCodes, , open] = demoMeetings;
const room = { index: 4, id: 'abcdef0123456789abcdef01', calendarId: 'room@resource.calendar.google.com' };
const DAY_START = Date.UTC(2025, 0, 6, 0, 0, 0);

describe('meetings', () => {
  it('the pool is seeded and holds the demo meetings', () => {
    expect(createMeetings(7).all).toEqual(catalog.all);
    expect(createMeetings(8).all).not.toEqual(catalog.all);
    expect(catalog.byNumericId(withCodes!.numericId)).toBe(withCodes);
    expect(new Set(catalog.all.map((m) => m.numericId)).size).toBe(catalog.all.length);
  });

  it('passcodes give a role', () => {
    expect(passcodeRole(withCodes!, withCodes!.moderatorPasscode!)).toBe('moderator');
    expect(passcodeRole(withCodes!, withCodes!.participantPasscode!)).toBe('participant');
    expect(passcodeRole(withCodes!, '0000')).toBeNull();
    expect(passcodeRole(withCodes!, undefined)).toBeNull();
    expect(passcodeRole(open!, undefined)).toBe('participant');
  });

  it('join flow: JOIN_NOW, GET_PASSCODE, GET_GOOD_PASSCODE', () => {
    expect(joinFlow(withCodes, undefined)).toBe('GET_PASSCODE');
    expect(joinFlow(withCodes, '')).toBe('GET_GOOD_PASSCODE');
    expect(joinFlow(withCodes, 'bad')).toBe('GET_GOOD_PASSCODE');
    expect(joinFlow(withCodes, withCodes!.participantPasscode!)).toBe('JOIN_NOW');
    expect(joinFlow(open, undefined)).toBe('JOIN_NOW');
    expect(joinFlow(undefined, 'x')).toBe('JOIN_NOW');
  });

  it('a room calendar is deterministic, ordered, never overlapping, and matches reserved', () => {
    const day = roomCalendar(7, room, DAY_START, DAY_START + 86_400_000, catalog.all);
    expect(day).toEqual(roomCalendar(7, room, DAY_START, DAY_START + 86_400_000, catalog.all));
    expect(day.length).toBeGreaterThan(2);
    for (let i = 1; i < day.length; i++) expect(day[i]!.start).toBeGreaterThanOrEqual(day[i - 1]!.end);
    for (let t = DAY_START; t < DAY_START + 86_400_000; t += 10 * 60_000) {
      const booked = day.some((m) => m.start <= t && t < m.end);
      expect(isReserved(7, room.index, t, catalog.all)).toBe(booked);
    }
    const m = day[0]!;
    expect(m.id).toMatch(/^[0-9a-f]{24}$/);
    expect(catalog.byNumericId(m.meetingId)).toBeDefined();
  });
});
