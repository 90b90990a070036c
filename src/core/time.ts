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

/** "09:30", or "09:30:15" when the seconds are not zero (a time from now + a span, to the second) and `seconds` allows them. */
export function clockTime(ms: number, zone: TimeZone, seconds = true): string {
  const w = wallClock(ms, zone);
  return `${pad(w.hour)}:${pad(w.minute)}${seconds && w.second ? `:${pad(w.second)}` : ''}`;
}

const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/**
 * A time as people read it next to `now`: "10:45" today, "Thu 09:45" within six days, else
 * "2026-12-01 09:45"; to the second when the seconds are not zero ("Snoozed until 12:46:51"),
 * unless `seconds` is false (a status bar has room for minutes only).
 */
export function when(ms: number, now: number, zone: TimeZone = systemZone(), { seconds = true } = {}): string {
  const time = clockTime(ms, zone, seconds);
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

/** The years a stored or typed time may fall in: anything else is a typo or a broken clock. */
export const YEAR_MIN = 1970;
export const YEAR_MAX = 2100;

/** A real day of the Gregorian calendar in the accepted years (2026-02-30 is not). */
export function isCalendarDay(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || year < YEAR_MIN || year > YEAR_MAX || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * A date and time a person typed (`log --at 2026-11-24T18:00`, a space for the T, seconds and an
 * offset optional) → epoch ms, or undefined when it is not a real moment: no rolling 2026-02-30
 * over into March, no hour 24, no year outside 1970–2100. Without an offset it is wall-clock time
 * in the zone whose offset `offsetAt` gives (ms ahead of UTC at an instant; see stats' zoneOffset).
 */
export function parseDateTime(text: string, offsetAt: (ms: number) => number): number | undefined {
  const m = DATE_TIME.exec(text.trim());
  if (!m) return undefined;
  const [year, month, day, hour, minute, second = 0] = m.slice(1, 7).map((x) => (x === undefined ? undefined : Number(x))) as number[];
  if (!isCalendarDay(year!, month!, day!) || hour! > 23 || minute! > 59 || second > 59) return undefined;
  const wall = Date.UTC(year!, month! - 1, day!, hour, minute, second);
  const zone = m[7];
  if (zone === undefined) return wall - offsetAt(wall - offsetAt(wall));
  const offset = zoneMinutes(zone);
  return offset === undefined ? undefined : wall - offset * 60_000;
}

/** "Z", "+01:00", "-05:30" → minutes ahead of UTC; undefined past ±18 hours or 59 minutes. */
function zoneMinutes(zone: string): number | undefined {
  if (zone === 'Z') return 0;
  const hours = Number(zone.slice(1, 3));
  const minutes = Number(zone.slice(4, 6));
  if (hours > 18 || minutes > 59) return undefined;
  return (zone[0] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

const digit = (s: string, i: number) => s.charCodeAt(i) - 48;
const two = (s: string, i: number) => {
  const a = digit(s, i);
  const b = digit(s, i + 1);
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : Number.NaN;
};

/**
 * A history record's `at` (design §6: `2026-11-25T09:30:00+01:00`, optional milliseconds, `Z`
 * allowed) → epoch ms, or undefined when it is not a real moment in 1970–2100. Returns a parser
 * that remembers the last date and zone it saw: a history is read in file order, so consecutive
 * records mostly share a day, and a record then costs a few character codes rather than a
 * Date.parse (the readers' hot path at millions of records).
 */
export function recordTimeParser(): (at: unknown) => number | undefined {
  let lastKey = Number.NaN;
  let lastDayMs = 0;
  return (at) => {
    // Character codes, not substrings: - - T : : at their places.
    if (
      typeof at !== 'string' ||
      at.length < 20 ||
      at.charCodeAt(4) !== 45 ||
      at.charCodeAt(7) !== 45 ||
      at.charCodeAt(10) !== 84 ||
      at.charCodeAt(13) !== 58 ||
      at.charCodeAt(16) !== 58
    ) {
      return undefined;
    }
    let zoneAt = 19;
    let millis = 0;
    if (at.charCodeAt(19) === 46) {
      zoneAt = 20;
      for (let d = digit(at, zoneAt); zoneAt < 23 && d >= 0 && d <= 9; d = digit(at, ++zoneAt)) millis = millis * 10 + d;
      if (zoneAt === 20) return undefined;
      millis *= 10 ** (23 - zoneAt);
    }
    let zone: number;
    const sign = at.charCodeAt(zoneAt);
    if (sign === 90 && at.length === zoneAt + 1)
      zone = 0; // Z
    else if ((sign === 43 || sign === 45) && at.length === zoneAt + 6 && at.charCodeAt(zoneAt + 3) === 58) {
      const hours = two(at, zoneAt + 1);
      const minutes = two(at, zoneAt + 4);
      if (!(hours <= 18 && minutes <= 59)) return undefined;
      zone = (sign === 45 ? -1 : 1) * (hours * 60 + minutes);
    } else return undefined;
    const hour = two(at, 11);
    const minute = two(at, 14);
    const second = two(at, 17);
    if (!(hour <= 23 && minute <= 59 && second <= 59)) return undefined;
    // The date and zone as one number: equal to the last record's, the day's start is known.
    const year = two(at, 0) * 100 + two(at, 2);
    const month = two(at, 5);
    const day = two(at, 8);
    const key = ((year * 100 + month) * 100 + day) * 10_000 + zone;
    if (key !== lastKey) {
      if (!isCalendarDay(year, month, day)) return undefined;
      lastKey = key;
      lastDayMs = Date.UTC(year, month - 1, day) - zone * 60_000;
    }
    return lastDayMs + ((hour * 60 + minute) * 60 + second) * 1000 + millis;
  };
}
