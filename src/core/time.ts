/** ISO 8601 in local time with its offset, e.g. 2026-11-25T09:30:00+01:00 (design §6);
 * with `millis`, 2026-11-25T09:30:00.005+01:00 (routine events, where lateness is measured). */
export function isoLocal(ms: number, options: { millis?: boolean } = {}): string {
  const d = new Date(ms);
  const pad = (n: number, w = 2) => String(Math.trunc(Math.abs(n))).padStart(w, '0');
  const offset = -d.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}` +
    `T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}` +
    (options.millis ? `.${pad(d.getMilliseconds(), 3)}` : '') +
    `${sign}${pad(offset / 60)}:${pad(offset % 60)}`
  );
}

/** Local calendar date, YYYY-MM-DD. */
export function localDate(ms: number): string {
  return isoLocal(ms).slice(0, 10);
}

/** Parses an ISO 8601 string back to epoch ms, or undefined when it is not a date. */
export function parseIso(text: string): number | undefined {
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}
