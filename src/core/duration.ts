import { usageError } from '../errors.js';
import { DAY, HOUR, MINUTE, MONTH, SECOND, WEEK, YEAR } from './clock.js';

const SPAN_UNITS: Record<string, number> = { s: SECOND, m: MINUTE, h: HOUR, d: DAY, w: WEEK };
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

/** Units of a symptom duration, as people write them (`3 weeks`, `2 yrs`, `6h`, `4mo`). */
const SYMPTOM_WORDS: Record<string, number> = {
  min: MINUTE,
  mins: MINUTE,
  minute: MINUTE,
  minutes: MINUTE,
  h: HOUR,
  hr: HOUR,
  hrs: HOUR,
  hour: HOUR,
  hours: HOUR,
  d: DAY,
  day: DAY,
  days: DAY,
  w: WEEK,
  wk: WEEK,
  wks: WEEK,
  week: WEEK,
  weeks: WEEK,
  mo: MONTH,
  mos: MONTH,
  mth: MONTH,
  mths: MONTH,
  month: MONTH,
  months: MONTH,
  y: YEAR,
  yr: YEAR,
  yrs: YEAR,
  year: YEAR,
  years: YEAR,
};
/** Number words people use in front of a unit; "a few" and "several" are read on the small side. */
const AMOUNTS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  'a couple of': 2,
  couple: 2,
  'a few': 3,
  few: 3,
  several: 4,
  'half a': 0.5,
  'half an': 0.5,
};
// Longest first, so "a few" is read before "a".
const AMOUNT_WORDS = Object.keys(AMOUNTS)
  .map((k) => k.split(' '))
  .sort((a, b) => b.length - a.length);
/** Whole answers that name a span without a unit. */
const SPANS: Record<string, number> = { today: 0, 'since today': 0, 'this morning': 0, yesterday: DAY, 'since yesterday': DAY };
const SYMPTOM_HINT = 'say how long in days, weeks, months or years: e.g. 10 days, 3 weeks, 4mo, 2 yrs, or today';

/**
 * How long a symptom has lasted, in milliseconds: `3d`, `2w`, `4mo`, `1y` (a month is 30 days), or
 * as people say it: `3 weeks`, `10 days`, `2 yrs`, `6h`, `a few hours`, `today`, `1 year 2 months`
 * (design §7). A bare `m` is refused: months or minutes cannot be told apart.
 */
export function parseSymptomDuration(input: string, what = 'duration'): number {
  const text = input
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/^(?:(?:for|about|around|roughly|over|almost|nearly) )+/, '')
    .replace(/ (?:ago|now|or so)$/, '');
  const bareMinutes = /^(\d+(?:\.\d+)?) ?m$/.exec(text);
  if (bareMinutes) throw usageError(`${what} "${input}" is ambiguous`, `did you mean ${bareMinutes[1]}mo (months)?`);
  if (/^\d+(\.\d+)?$/.test(text)) throw usageError(`${what} "${input}" needs a unit`, SYMPTOM_HINT);
  if (Object.hasOwn(SPANS, text)) return SPANS[text]!;
  // Parts of a number (or number words) and a unit: "1 year 2 months", "1y2mo", "3 weeks and 2 days".
  const words = text
    .replace(/(\d)([a-z])/g, '$1 $2')
    .replace(/([a-z])(\d)/g, '$1 $2')
    .replace(/,/g, ' ')
    .split(' ')
    .filter((w) => w && w !== 'and');
  let total = 0;
  let i = 0;
  while (i < words.length) {
    let amount: number | undefined;
    if (/^\d+(\.\d+)?$/.test(words[i]!)) {
      amount = Number(words[i]);
      i += 1;
    } else {
      const phrase = AMOUNT_WORDS.find((p) => p.every((w, j) => words[i + j] === w));
      if (phrase) {
        amount = AMOUNTS[phrase.join(' ')];
        i += phrase.length;
      }
    }
    const unit = SYMPTOM_WORDS[words[i] ?? ''];
    if (amount === undefined || unit === undefined) notADuration(input, what);
    total += amount * unit;
    i += 1;
  }
  if (words.length === 0) notADuration(input, what);
  return Math.round(total);
}

function notADuration(input: string, what: string): never {
  throw usageError(`${what} "${input}" is not a symptom duration`, SYMPTOM_HINT);
}

/** A compact human form: 45m, 1h 30m, 2d 3h, 1m 30s. */
export function formatSpan(ms: number): string {
  if (ms < SECOND) return `${Math.max(0, Math.round(ms))}ms`;
  const parts: string[] = [];
  let rest = Math.round(ms / SECOND) * SECOND;
  for (const [unit, size] of [
    ['d', DAY],
    ['h', HOUR],
    ['m', MINUTE],
    ['s', SECOND],
  ] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) parts.push(`${n}${unit}`);
    rest -= n * size;
  }
  return parts.slice(0, 2).join(' ');
}
