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

/** Hours and minutes: meeting times. */
export function formatShortTime(at: number): string {
  return shortTimeFormat.format(at);
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
