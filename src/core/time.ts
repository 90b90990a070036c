import { usageError } from '../errors.js';
import { DAY } from './clock.js';

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

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date (YYYY-MM-DD) as a day number, days since 1970-01-01: consecutive dates differ by 1. */
export function dayNumber(date: string): number {
  return Math.round(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY);
}

export function dateOfDayNumber(n: number): string {
  return new Date(n * DAY).toISOString().slice(0, 10);
}

/** The date `days` calendar days after `date` (dates, not instants: DST changes do not matter). */
export function addDays(date: string, days: number): string {
  return dateOfDayNumber(dayNumber(date) + days);
}

/** Validates a calendar date given in `flag`, such as 2026-11-26 (a real day, not 2026-02-30). */
export function parseCalendarDate(text: string, flag: string): string {
  const date = text.trim();
  if (!CALENDAR_DATE.test(date) || dateOfDayNumber(dayNumber(date)) !== date) {
    throw usageError(`${flag} "${text}" is not a date`, 'use YYYY-MM-DD, e.g. 2026-12-01');
  }
  return date;
}

/** "2026-11-25T09:30:00+01:00" → "2026-11-25 09:30": the wall-clock time as written, for people. */
export function shortDateTime(iso: string): string {
  return iso.slice(0, 16).replace('T', ' ');
}
