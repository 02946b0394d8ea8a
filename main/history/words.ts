// A state change in words, built from fragments ("Went offline: …", "Microphone muted."), each with the
// same rule twice: in JavaScript to write the message, in SQL so the log's text filter finds the rows whose
// message holds the words without writing a message per row into the file. A search matches a fragment
// when the fragment's words contain the search text (the meeting title is matched through the meetings).
import {
  isDrop,
  isStale,
  isWatched,
  callOf,
  mutedOf,
  reachOf,
  statusOf,
  STALE_BIT,
  UNWATCHED_BIT,
  REACH_SHIFT,
  MIC_SHIFT,
  WHY,
  STATUS,
  statusSql,
} from './state-codec.ts';
import type { MeetingRef } from './types.ts';

interface Fragment {
  /** The words a search is matched against. */
  words: string;
  holds(a: number, b: number, why: number): boolean;
  /** The same rule over the columns a (before), b (after) and why of a state row. */
  sql: string;
  /** Whether the meeting (entered) is told after the words. */
  withMeeting?: boolean;
}

const call = (c: string) => `(${c} & 3)`;
const mic = (c: string) => `((${c} >> ${MIC_SHIFT}) & 3)`;
const reach = (c: string) => `((${c} >> ${REACH_SHIFT}) & 3)`;
const stale = (c: string) => `(${c} & ${STALE_BIT})`;
const watched = (c: string) => `((${c} & ${UNWATCHED_BIT}) = 0)`;
const bothWatched = `${watched('a')} AND ${watched('b')}`;
const both = (a: number, b: number) => isWatched(a) && isWatched(b);

const STATUS_WORDS: [code: number, words: string][] = [
  [STATUS.offline, 'offline'],
  [STATUS.unreachable, 'unreachable'],
  [STATUS.error, 'its status answered with an error'],
  [STATUS.unknown, 'call state not known yet'],
  [STATUS.idle, 'idle'],
  [STATUS.dialing, 'dialing'],
  [STATUS.inCall, 'in a call'],
];

const REACH_WORDS: [code: number, words: string][] = [
  [1, 'Went offline: Relay cannot reach the room.'],
  [2, 'Unreachable: its status cannot be read.'],
  [3, 'Its status answered with an error.'],
  [0, 'Back online.'],
];

const CALL_WORDS: [code: number, words: string, withMeeting: boolean][] = [
  [2, 'Dialing', true],
  [3, 'In a call', true],
  [1, 'Idle: not in a call.', false],
  [0, 'Call state unknown.', false],
];

const fragments: Fragment[] = [
  ...STATUS_WORDS.map(([code, words]): Fragment => ({
    words: `Watching the room: ${words}.`,
    holds: (a, b) => !isWatched(a) && isWatched(b) && statusOf(b) === code,
    sql: `(NOT ${watched('a')} AND ${watched('b')} AND ${statusSql('b')} = ${code})`,
  })),
  {
    words: 'No longer watched.',
    holds: (a, b) => isWatched(a) && !isWatched(b),
    sql: `(${watched('a')} AND NOT ${watched('b')})`,
  },
  {
    words: 'Call dropped.',
    holds: (a, b, why) => both(a, b) && isDrop(a, b, why),
    sql: `(${bothWatched} AND ${statusSql('a')} = ${STATUS.inCall} AND ${statusSql('b')} IN (${STATUS.offline}, ${STATUS.unreachable}) AND why <> ${WHY.action})`,
  },
  ...REACH_WORDS.map(([code, words]): Fragment => ({
    words,
    holds: (a, b) => both(a, b) && reachOf(a) !== reachOf(b) && ((b >> REACH_SHIFT) & 3) === code,
    sql: `(${bothWatched} AND ${reach('a')} <> ${reach('b')} AND ${reach('b')} = ${code})`,
  })),
  ...CALL_WORDS.map(([code, words, withMeeting]): Fragment => ({
    words,
    withMeeting,
    holds: (a, b) => both(a, b) && callOf(a) !== callOf(b) && reachOf(b) === 'online' && (b & 3) === code,
    sql: `(${bothWatched} AND ${call('a')} <> ${call('b')} AND ${reach('b')} = 0 AND ${call('b')} = ${code})`,
  })),
  {
    words: 'Microphone muted.',
    holds: (a, b) => both(a, b) && mutedOf(b) === true && mutedOf(a) !== true,
    sql: `(${bothWatched} AND ${mic('b')} = 2 AND ${mic('a')} <> 2)`,
  },
  {
    words: 'Microphone unmuted.',
    holds: (a, b) => both(a, b) && mutedOf(b) === false && mutedOf(a) === true,
    sql: `(${bothWatched} AND ${mic('b')} = 1 AND ${mic('a')} = 2)`,
  },
  {
    words: 'Status is stale.',
    holds: (a, b) => both(a, b) && isStale(b) && !isStale(a),
    sql: `(${bothWatched} AND ${stale('b')} <> 0 AND ${stale('a')} = 0)`,
  },
  {
    words: 'Status is fresh again.',
    holds: (a, b) => both(a, b) && !isStale(b) && isStale(a),
    sql: `(${bothWatched} AND ${stale('b')} = 0 AND ${stale('a')} <> 0)`,
  },
];

function meetingWords(m: MeetingRef | null): string {
  if (!m) return '.';
  return m.title ? `: "${m.title}" (${m.id}).` : `: meeting ${m.id}.`;
}

/** The message of a state row. */
export function describeTransition(a: number, b: number, why: number, meetingTo: MeetingRef | null, detail: string | null): string {
  const parts: string[] = [];
  for (const f of fragments) {
    if (!f.holds(a, b, why)) continue;
    parts.push(f.withMeeting ? `${f.words}${meetingWords(meetingTo)}` : f.words);
  }
  if (parts.length === 0) parts.push('Status updated.');
  if (detail) parts.push(detail);
  return parts.join(' ');
}

/** An SQL condition true for state rows whose message has the text in one of its fragments; null if none can. */
export function fragmentsMatchingSql(text: string): string | null {
  const needle = text.trim().toLowerCase();
  if (needle === '') return null;
  const hits = fragments.filter((f) => f.words.toLowerCase().includes(needle)).map((f) => f.sql);
  return hits.length === 0 ? null : `(kind = 0 AND (${hits.join(' OR ')}))`;
}
