import { usageError } from '../errors.js';
import { DAY, HOUR, MINUTE } from './clock.js';

/**
 * A time zone, passed in explicitly: all local-time arithmetic (work hours, days, calendar dates,
 * ISO offsets) goes through `offset`, so a zone is one value a test can choose.
 */
export interface TimeZone {
  /** An IANA name, or "system" for the zone the process runs in. */
  readonly name: string;
  /** Milliseconds to add to an epoch time to read its wall clock in this zone. */
  offset(ms: number): number;
}

/**
 * The process's own zone, through Date. The daemon uses this one: the first Intl.DateTimeFormat
 * costs ~10 ms and ~8 MB of resident ICU data, Date's offset lookup ~0.5 MB and 0.2 µs.
 */
export function systemZone(): TimeZone {
  return { name: 'system', offset: (ms) => -new Date(ms).getTimezoneOffset() * MINUTE || 0 };
}

/**
 * A named IANA zone (`Europe/London`) through Intl; throws a RangeError for an unknown name.
 * Offsets are remembered per UTC hour (an Intl lookup is ~4 µs): an hour whose two ends agree
 * has one offset throughout, and only an hour with a change in it is looked up each time.
 */
export function namedZone(name: string): TimeZone {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: name,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const lookup = (ms: number) => {
    const p: Record<string, number> = {};
    for (const part of format.formatToParts(ms)) p[part.type] = Number(part.value);
    return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - Math.floor(ms / 1000) * 1000;
  };
  const hours = new Map<number, number | null>();
  return {
    name,
    offset(ms) {
      const hour = Math.floor(ms / HOUR);
      let offset = hours.get(hour);
      if (offset === undefined) {
        const start = lookup(hour * HOUR);
        offset = start === lookup((hour + 1) * HOUR - 1000) ? start : null;
        if (hours.size > 100_000) hours.clear();
        hours.set(hour, offset);
      }
      return offset ?? lookup(ms);
    },
  };
}

/** The wall clock in a zone; `month` 1-12, `weekday` 0 = Sunday. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  weekday: number;
}

export function wallClock(ms: number, zone: TimeZone): WallClock {
  const d = new Date(ms + zone.offset(ms));
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    millisecond: d.getUTCMilliseconds(),
    weekday: d.getUTCDay(),
  };
}

/**
 * The epoch time of a wall-clock time in `zone` (days and minutes may overflow: day 32, minute
 * 1500). A time a DST change skips moves forward by the gap; a time it repeats is the first one.
 */
export function fromWallClock(zone: TimeZone, year: number, month: number, day: number, minuteOfDay = 0): number {
  const local = Date.UTC(year, month - 1, day, 0, minuteOfDay);
  // At most one offset change lies within a day either side, so these are the only two offsets.
  const before = zone.offset(local - DAY);
  const after = zone.offset(local + DAY);
  const first = local - before;
  const second = local - after;
  const fits = (t: number) => t + zone.offset(t) === local;
  if (fits(first) && fits(second)) return Math.min(first, second);
  if (fits(second)) return second;
  return first;
}

/** Local midnight of the day `days` after the day `ms` falls on. */
export function startOfDay(ms: number, zone: TimeZone, days = 0): number {
  const w = wallClock(ms, zone);
  return fromWallClock(zone, w.year, w.month, w.day + days);
}

const pad = (n: number, w = 2) => String(Math.trunc(Math.abs(n))).padStart(w, '0');

/** ISO 8601 in local time with its offset, e.g. 2026-11-25T09:30:00+01:00 (design §6);
 * with `millis`, 2026-11-25T09:30:00.005+01:00 (routine events, where lateness is measured). */
export function isoLocal(ms: number, options: { millis?: boolean; zone?: TimeZone } = {}): string {
  const zone = options.zone ?? systemZone();
  const w = wallClock(ms, zone);
  const offset = Math.round(zone.offset(ms) / MINUTE);
  const sign = offset >= 0 ? '+' : '-';
  return (
    `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}` +
    `T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}` +
    (options.millis ? `.${pad(w.millisecond, 3)}` : '') +
    `${sign}${pad(offset / 60)}:${pad(offset % 60)}`
  );
}

/** Local calendar date, YYYY-MM-DD. */
export function localDate(ms: number, zone: TimeZone = systemZone()): string {
  return isoLocal(ms, { zone }).slice(0, 10);
}

/** "09:30", or "09:30:15" when the seconds are not zero (a time from now + a span, to the second). */
export function clockTime(ms: number, zone: TimeZone): string {
  const w = wallClock(ms, zone);
  return `${pad(w.hour)}:${pad(w.minute)}${w.second ? `:${pad(w.second)}` : ''}`;
}

const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/**
 * A time as people read it next to `now`: "10:45" today, "Thu 09:45" within six days, else
 * "2026-12-01 09:45"; to the second when the seconds are not zero ("Snoozed until 12:46:51").
 */
export function when(ms: number, now: number, zone: TimeZone = systemZone()): string {
  const time = clockTime(ms, zone);
  const date = localDate(ms, zone);
  if (date === localDate(now, zone)) return time;
  if (Math.abs(ms - now) < 6 * DAY) return `${DAY_NAMES[wallClock(ms, zone).weekday]} ${time}`;
  return `${date} ${time}`;
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
