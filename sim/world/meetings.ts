// Scheduled meetings: a fixed demo set plus a seeded pool, and each room's calendar. A room's calendar is
// computed from a hash of (seed, room, hour) rather than stored, so 20,000 rooms cost nothing until read.
import { adminUser, enterprise, regularUser } from './accounts.ts';
import { createRng, hashInts, nextFloat, nextInt, pick, unit } from '../random.ts';

export interface Meeting {
  /** Internal meeting id (a meeting grant's `scope.meeting.id`). */
  id: number;
  /** The numeric meeting id people dial (`meetingNumericId`; Relay's `meetingId`). */
  numericId: string;
  title: string;
  leaderId: number;
  organizerName: string;
  organizerEmail: string;
  /** null: no moderator passcode. */
  moderatorPasscode: string | null;
  /** null: attendees join without a passcode. */
  participantPasscode: string | null;
}

export type JoinFlowAction = 'JOIN_NOW' | 'GET_PASSCODE' | 'GET_GOOD_PASSCODE';

export interface CalendarEntry {
  id: string;
  endpointId: string;
  calendarId: string;
  title: string;
  start: number;
  end: number;
  meetingId: string;
  passcode: string;
  organizer: { name: string; email: string };
  bridgeAddress: string;
  dialString: string;
}

const organizer = (u: { firstName: string; lastName: string; email: string }) => ({
  organizerName: `${u.firstName} ${u.lastName}`,
  organizerEmail: u.email,
});

/** Fixed meetings printed with the demo credentials. */
export const demoMeetings: readonly Meeting[] = [
  {
    id: 72660,
    numericId: '4085551212',
    title: 'Weekly all-hands',
    leaderId: adminUser.id,
    ...organizer(adminUser),
    moderatorPasscode: '2404',
    participantPasscode: '1357',
  },
  {
    id: 72661,
    numericId: '494435558',
    title: 'Facilities stand-up',
    leaderId: regularUser.id,
    ...organizer(regularUser),
    moderatorPasscode: '9876',
    participantPasscode: '5432',
  },
  {
    id: 72662,
    numericId: '8675309000',
    title: 'Open lobby',
    leaderId: adminUser.id,
    ...organizer(adminUser),
    moderatorPasscode: null,
    participantPasscode: null,
  },
];

const TITLES = [
  'Quarterly business review', 'Sales pipeline', 'Design critique', 'Sprint planning', 'Customer onboarding',
  'Board prep', 'Interview loop', 'Vendor sync', 'Marketing standup', 'Security review', 'Town hall rehearsal',
  'Partner call', 'Release readiness', 'Budget review', 'Support escalation', 'Architecture forum',
];
const FIRST = ['Priya', 'Marcus', 'Lena', 'Tomás', 'Aiko', 'Noah', 'Fatima', 'Oliver', 'Grace', 'Kwame'];
const LAST = ['Shah', 'Reed', 'Fischer', 'García', 'Tanaka', 'Okafor', 'Haddad', 'Novak', 'Lindqvist', 'Mensah'];

export interface MeetingCatalog {
  all: readonly Meeting[];
  byNumericId(numericId: string): Meeting | undefined;
}

export function createMeetings(seed: number, generated = 40): MeetingCatalog {
  const rng = createRng(seed, 0x6d656574);
  const all: Meeting[] = [...demoMeetings];
  const taken = new Set(all.map((m) => m.numericId));
  for (let i = 0; i < generated; i++) {
    let numericId: string;
    do numericId = String(nextInt(rng, 100_000_000, 9_999_999_999));
    while (taken.has(numericId));
    taken.add(numericId);
    const first = pick(rng, FIRST);
    const last = pick(rng, LAST);
    const open = nextFloat(rng) < 0.2;
    all.push({
      id: 80_000 + i,
      numericId,
      title: `${pick(rng, TITLES)} (${first})`,
      leaderId: 2_000_000 + i,
      organizerName: `${first} ${last}`,
      organizerEmail: `${first.toLowerCase()}.${last.toLowerCase().normalize('NFD').replace(/[^a-z]/g, '')}@${enterprise.name}.example`,
      moderatorPasscode: String(nextInt(rng, 1000, 9999)),
      participantPasscode: open ? null : String(nextInt(rng, 1000, 9999)),
    });
  }
  const index = new Map(all.map((m) => [m.numericId, m]));
  return { all, byNumericId: (id) => index.get(id) };
}

/** Which role a passcode gives in a meeting, or null when it gives none. */
export function passcodeRole(meeting: Meeting, passcode: string | undefined): 'moderator' | 'participant' | null {
  const given = passcode ?? '';
  if (meeting.moderatorPasscode !== null && given === meeting.moderatorPasscode) return 'moderator';
  if (meeting.participantPasscode === null) return 'participant';
  return given === meeting.participantPasscode ? 'participant' : null;
}

/**
 * The pre-join check (reference §2.4). Unknown meetings answer JOIN_NOW, as the server does when its own
 * check fails; `passcode` undefined means the query parameter was left out.
 */
export function joinFlow(meeting: Meeting | undefined, passcode: string | undefined): JoinFlowAction {
  if (!meeting || meeting.participantPasscode === null) return 'JOIN_NOW';
  if (passcode === undefined) return 'GET_PASSCODE';
  return passcodeRole(meeting, passcode) ? 'JOIN_NOW' : 'GET_GOOD_PASSCODE';
}

const HOUR = 3_600_000;
const CAL_STREAM = 0x63616c;
/** Share of a room's hours that hold a booking. */
const BOOKED_SHARE = 0.3;

interface Slot {
  meeting: Meeting;
  start: number;
  end: number;
  hash: number;
}

/** The booking that starts in hour `hour` (ms / 1h) for this room, if any. Bookings never overlap. */
function slotAt(seed: number, roomIndex: number, hour: number, meetings: readonly Meeting[]): Slot | null {
  const h = hashInts(seed, CAL_STREAM, roomIndex, hour);
  if (unit(h) >= BOOKED_SHARE) return null;
  const h2 = hashInts(h, 1);
  const start = hour * HOUR;
  const end = start + (h2 & 1 ? HOUR : HOUR / 2);
  const meeting = meetings[(h2 >>> 1) % meetings.length] as Meeting;
  return { meeting, start, end, hash: h2 };
}

/** True while a calendar booking covers `now` (Relay's `reserved`). */
export function isReserved(seed: number, roomIndex: number, now: number, meetings: readonly Meeting[]): boolean {
  const slot = slotAt(seed, roomIndex, Math.floor(now / HOUR), meetings);
  return slot !== null && now < slot.end;
}

export function roomCalendar(
  seed: number,
  room: { index: number; id: string; calendarId: string },
  from: number,
  to: number,
  meetings: readonly Meeting[],
): CalendarEntry[] {
  const out: CalendarEntry[] = [];
  for (let hour = Math.floor(from / HOUR); hour * HOUR < to; hour++) {
    const slot = slotAt(seed, room.index, hour, meetings);
    if (!slot || slot.end <= from) continue;
    const m = slot.meeting;
    const passcode = m.participantPasscode ?? '';
    out.push({
      id: (hashInts(slot.hash, 2) >>> 0).toString(16).padStart(8, '0') + room.id.slice(8),
      endpointId: room.id,
      calendarId: room.calendarId,
      title: m.title,
      start: slot.start,
      end: slot.end,
      meetingId: m.numericId,
      passcode,
      organizer: { name: m.organizerName, email: m.organizerEmail },
      bridgeAddress: 'bjn.vc',
      dialString: passcode ? `${m.numericId}.${passcode}@bjn.vc` : `${m.numericId}@bjn.vc`,
    });
  }
  return out;
}
