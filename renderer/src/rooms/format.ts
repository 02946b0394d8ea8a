// Times in words, short enough for a table cell: "45 s", "12 min", "3 h 5 min", "2 d 4 h".

export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}

/** "just now", "12 s ago", …; "never" when there is no time. */
export function formatAge(at: number | null, now: number): string {
  if (at === null) return 'never';
  const ms = now - at;
  if (ms < 1500) return 'just now';
  return `${formatDuration(ms)} ago`;
}

export function formatSince(since: number | null, now: number): string {
  return since === null ? '—' : formatDuration(now - since);
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const shortTimeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
const fullFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'long' });

export function formatClock(at: number): string {
  return timeFormat.format(at);
}

/** Hours and minutes. */
export function formatShortTime(at: number): string {
  return shortTimeFormat.format(at);
}

const dayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', month: 'short', day: 'numeric' });
const dayWithYearFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' });

function sameDay(a: number, b: number): boolean {
  const x = new Date(a);
  const y = new Date(b);
  return x.getFullYear() === y.getFullYear() && x.getMonth() === y.getMonth() && x.getDate() === y.getDate();
}

/** The day of `at` in words ("Tue, Dec 3"; with the year when it is not this year's), or null for today. */
function dayUnlessToday(at: number, now: number): string | null {
  if (sameDay(at, now)) return null;
  return new Date(at).getFullYear() === new Date(now).getFullYear() ? dayFormat.format(at) : dayWithYearFormat.format(at);
}

/** A clock time that carries its date when it is not today: "14:05:09", "Tue, Dec 3, 14:05:09". */
export function formatWhen(at: number, now: number): string {
  const day = dayUnlessToday(at, now);
  return day === null ? formatClock(at) : `${day}, ${formatClock(at)}`;
}

/**
 * A meeting on the room's calendar: "14:00–15:00" today; "Wed, Dec 4, 09:30–10:00" on another day; both
 * dates when it ends on another day than it starts.
 */
export function formatMeetingTime(start: number, end: number | null, now: number): string {
  const day = dayUnlessToday(start, now);
  const from = day === null ? formatShortTime(start) : `${day}, ${formatShortTime(start)}`;
  if (end === null) return from;
  if (sameDay(start, end)) return `${from}–${formatShortTime(end)}`;
  const endDay = dayUnlessToday(end, now);
  return `${from} – ${endDay === null ? 'today' : endDay}, ${formatShortTime(end)}`;
}

/** "Nov 23, 07:21:05 PM": the event log's column. */
export function formatDateTime(at: number): string {
  return dateTimeFormat.format(at);
}

/** Everything, for a tooltip. */
export function formatFull(at: number): string {
  return fullFormat.format(at);
}

/** A file-name-safe local time stamp: 20240131-142501. */
export function fileStamp(at: number): string {
  const d = new Date(at);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}
