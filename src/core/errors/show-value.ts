// Shows a rejected input inside an error message without letting it do harm: a hostile value must not
// inject terminal escapes, fake extra lines, hide look-alike characters or flood the screen.

const MAX_CHARS = 40;

function escapeChar(ch: string): string {
  return Array.from(
    { length: ch.length },
    (_, i) => `\\u${ch.charCodeAt(i).toString(16).padStart(4, '0')}`,
  ).join('');
}

/** JSON-quote `text` cut to MAX_CHARS code points, with everything outside printable ASCII escaped. */
function quote(text: string): string {
  const chars = Array.from(text);
  const cut = chars.length > MAX_CHARS;
  // JSON.stringify escapes quotes, backslashes, C0 controls and lone surrogates; the rest by hand.
  const quoted = JSON.stringify(cut ? chars.slice(0, MAX_CHARS).join('') : text).replace(
    /[^\x20-\x7e]/gu,
    escapeChar,
  );
  return cut ? `${quoted.slice(0, -1)}..." (${chars.length} characters)` : quoted;
}

/**
 * Render a value for an error message: strings JSON-quoted with control characters and every
 * non-ASCII character escaped (so a Cyrillic 'а' or a zero-width joiner shows as `\u0430`, `\u200d`),
 * cut to 40 characters with `...` and the full length noted. Numbers, booleans and bigints print as
 * themselves; other values as quoted JSON. The result is always one line of printable ASCII.
 */
export function showValue(value: unknown): string {
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'bigint' || typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  if (value === null || value === undefined) return String(value);
  try {
    return quote(JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));
  } catch {
    return quote(Object.prototype.toString.call(value));
  }
}
