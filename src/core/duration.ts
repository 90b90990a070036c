import { usageError } from '../errors.js';
import { DAY, HOUR, MINUTE, MONTH, SECOND, WEEK, YEAR } from './clock.js';

const SPAN_UNITS: Record<string, number> = { s: SECOND, m: MINUTE, h: HOUR, d: DAY, w: WEEK };
const SYMPTOM_UNITS: Record<string, number> = { d: DAY, w: WEEK, mo: MONTH, y: YEAR };
const PART = /(\d+(?:\.\d+)?)\s*([a-z]+)/gy;

function parseParts(input: string, units: Record<string, number>, what: string, example: string): number {
  const text = input.trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(text)) {
    throw usageError(`${what} "${input}" needs a unit`, `for example ${example}`);
  }
  let total = 0;
  let matched = 0;
  PART.lastIndex = 0;
  for (let m = PART.exec(text); m; m = PART.exec(text)) {
    const unit = units[m[2]!];
    if (unit === undefined) return Number.NaN;
    total += Number(m[1]) * unit;
    matched = PART.lastIndex;
    while (text[matched] === ' ') matched++;
    PART.lastIndex = matched;
  }
  return text.length > 0 && matched === text.length ? total : Number.NaN;
}

/** A span of time such as `90s`, `45m`, `1h30m`, `7d` or `2w`, in milliseconds. */
export function parseSpan(input: string, what = 'duration'): number {
  const ms = parseParts(input, SPAN_UNITS, what, '45m, 1h30m, 90s, 7d or 2w');
  if (!Number.isFinite(ms) || ms <= 0) {
    throw usageError(`${what} "${input}" is not a duration`, 'use a number and unit, e.g. 45m, 1h30m, 90s, 7d or 2w');
  }
  return Math.round(ms);
}

/** How long a symptom has lasted: `3d`, `2w`, `4mo`, `1y` (a month is 30 days), in milliseconds. */
export function parseSymptomDuration(input: string, what = 'duration'): number {
  const text = input.trim().toLowerCase();
  const bareMinutes = /^(\d+)\s*m$/.exec(text);
  if (bareMinutes) {
    throw usageError(`${what} "${input}" is ambiguous`, `did you mean ${bareMinutes[1]}mo (months)?`);
  }
  const ms = parseParts(text, SYMPTOM_UNITS, what, '3d, 2w, 4mo or 1y');
  if (!Number.isFinite(ms) || ms < 0) {
    throw usageError(`${what} "${input}" is not a symptom duration`, 'use days, weeks, months or years, e.g. 3d, 2w, 4mo, 1y');
  }
  return Math.round(ms);
}

/** A compact human form: 45m, 1h 30m, 2d 3h, 1m 30s. */
export function formatSpan(ms: number): string {
  if (ms < SECOND) return `${Math.max(0, Math.round(ms))}ms`;
  const parts: string[] = [];
  let rest = Math.round(ms / SECOND) * SECOND;
  for (const [unit, size] of [['d', DAY], ['h', HOUR], ['m', MINUTE], ['s', SECOND]] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) parts.push(`${n}${unit}`);
    rest -= n * size;
  }
  return parts.slice(0, 2).join(' ');
}
