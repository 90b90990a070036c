/**
 * Text from files (history, settings, user routines) made safe for a terminal, the one helper
 * every renderer and warning uses: line breaks and tabs become spaces, other control characters
 * (escape sequences could recolour, retitle or rewrite the screen) and bidirectional overrides
 * are shown as visible escapes. JSON output keeps the data as it is.
 */
export function printable(text: string): string {
  return text
    .replace(/[\t\n\r]/g, ' ')
    .replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => {
      const code = c.charCodeAt(0);
      return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`;
    });
}
