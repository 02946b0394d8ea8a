// Text a caller sent (a channel name, a field name, a key) quoted back in an error message. Whatever it
// was, the quote is one short line that no screen, log viewer or notification can take for markup.

/** Markup and quoting characters, control characters, and the invisible ones that reorder or hide text. */
const unsafe = /[<>&"'`\\\p{Cc}\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/gu;

/** The caller's text in double quotes, at most `max` characters of it (then "…"), unsafe characters as "?". */
export function quoteCallerText(value: unknown, max = 60): string {
  let text: string;
  try {
    text = typeof value === 'string' ? value : String(value);
  } catch {
    text = typeof value; // an object whose toString throws
  }
  const characters = [...text.slice(0, max * 2)]; // code points, so a surrogate pair is never cut in half
  const shown = characters.slice(0, max).join('').replace(unsafe, '?');
  return `"${shown}${characters.length > max || text.length > max * 2 ? '…' : ''}"`;
}
