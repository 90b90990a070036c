import { usageError } from '../errors.js';

/** Minutes after local midnight. */
export interface WorkHours {
  start: number;
  end: number;
}

const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type DayName = (typeof DAY_NAMES)[number];

function parseClock(text: string, input: string): number {
  const m = /^(\d{1,2})(?::(\d{2}))?$/.exec(text.trim());
  const hours = Number(m?.[1]);
  const minutes = Number(m?.[2] ?? 0);
  if (!m || hours > 24 || minutes > 59 || (hours === 24 && minutes > 0)) {
    throw usageError(`work hours "${input}" are not a time range`, 'use e.g. 9-17, 9:00-17:30 or 22:00-06:00');
  }
  return hours * 60 + minutes;
}

/** `9-17`, `9:00-17:30`, `09:00-17:30`; an overnight window (`22:00-06:00`) is allowed. */
export function parseWorkHours(input: string): WorkHours {
  const [from, to, ...rest] = input.split('-');
  if (from === undefined || to === undefined || rest.length > 0) {
    throw usageError(`work hours "${input}" are not a time range`, 'use e.g. 9-17, 9:00-17:30 or 22:00-06:00');
  }
  const start = parseClock(from, input);
  const end = parseClock(to, input);
  if (start === end) throw usageError(`work hours "${input}" start and end at the same time`);
  return { start, end };
}

export const formatClock = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

export const formatWorkHours = (hours: WorkHours) => `${formatClock(hours.start)}-${formatClock(hours.end)}`;

/** Whether a local time (minutes after midnight) falls inside the window; the end is exclusive. */
export function withinWorkHours(hours: WorkHours, minuteOfDay: number): boolean {
  return hours.start < hours.end
    ? minuteOfDay >= hours.start && minuteOfDay < hours.end
    : minuteOfDay >= hours.start || minuteOfDay < hours.end;
}

const FULL_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const DAYS_HINT = 'use a range (mon-fri), days with commas (mon,wed,fri) or all';

function dayIndex(name: string, input: string): number {
  const word = name.trim();
  const index = Math.max(DAY_NAMES.indexOf(word as DayName), FULL_NAMES.indexOf(word));
  if (index < 0) throw usageError(`days "${input}" are not days of the week`, DAYS_HINT);
  return index;
}

/**
 * `mon-fri`, `mon,wed,fri`, `sat-sun`, `fri-mon`, full names, or `all` → sorted day numbers
 * (0 = Sunday). An en or em dash reads as the hyphen it stands for; anything else, such as
 * `mon fri` or `mon;fri`, is refused rather than read as its first day.
 */
export function parseDays(input: string): number[] {
  const text = input
    .trim()
    .toLowerCase()
    .replace(/[\u2013\u2014]/g, '-');
  if (text === 'all' || text === 'every' || text === 'daily') return [0, 1, 2, 3, 4, 5, 6];
  const days = new Set<number>();
  for (const part of text.split(',')) {
    const [from, to, ...rest] = part.split('-');
    if (!from?.trim() || rest.length > 0) throw usageError(`days "${input}" are not days of the week`, DAYS_HINT);
    const first = dayIndex(from, input);
    const last = to === undefined ? first : dayIndex(to, input);
    for (let d = first; ; d = (d + 1) % 7) {
      days.add(d);
      if (d === last) break;
    }
  }
  return [...days].sort((a, b) => a - b);
}

/** The shortest text that parses back to the same days: `all`, `mon-fri`, `mon,wed,fri`. */
export function formatDays(days: readonly number[]): string {
  if (days.length === 7) return 'all';
  const sorted = [...days].sort((a, b) => a - b);
  const contiguous = sorted.every((d, i) => i === 0 || d === sorted[i - 1]! + 1);
  if (contiguous && sorted.length > 2) return `${DAY_NAMES[sorted[0]!]}-${DAY_NAMES[sorted.at(-1)!]}`;
  return sorted.map((d) => DAY_NAMES[d]).join(',');
}
