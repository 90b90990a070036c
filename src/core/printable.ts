/**
 * Text from files (history, settings, user routines) made safe for a terminal, the one helper
 * every renderer and warning uses: line breaks and tabs become spaces, other control characters
 * (escape sequences could recolour, retitle or rewrite the screen) and bidirectional overrides
 * are shown as visible escapes. JSON output keeps the data as it is.
 */
export function printable(text: string): string {
  return text.replace(/[\t\n\r]/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`;
  });
}

/** `printable` for every string inside a record from a file (arrays and plain objects, any depth). */
export function printableAll<T>(value: T): T {
  if (typeof value === 'string') return printable(value) as T;
  if (Array.isArray(value)) return value.map(printableAll) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, printableAll(field)])) as T;
  }
  return value;
}
