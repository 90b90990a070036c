import { usageError } from '../errors.js';
import { DAY, MINUTE } from './clock.js';
import { parseSpan } from './duration.js';
import { addDays, dateOfDayNumber, dayNumber, parseCalendarDate, recordTimeParser, shortDateTime } from './time.js';

/** The fields of a history line (design §6) the statistics read; structural, so core needs no io type. */
export interface HistoryEvent {
  type: string;
  at: string;
  [field: string]: unknown;
}

export interface ReminderCounts {
  sent: number;
  taken: number;
  snoozed: number;
  skipped: number;
  /** Breaks taken by being away (idle or locked for `remind.awayAfter`): no reminder was needed. */
  natural: number;
  /** Reminders held back while the person should not be disturbed. */
  deferred: number;
}

export interface DaySummary {
  date: string;
  /** Routines finished (reason `done`) that day. */
  routines: number;
  reminders: ReminderCounts;
  /** Mean of the day's pain ratings (pain log and check-ins), or null when none. */
  pain: number | null;
}

/** Why a clinician review is suggested (clinical reference §7), or null. */
export type ReviewReason = 'rising' | 'high';

export interface PainTrend {
  /** Mean of the daily means over the first period, from the first rated day. */
  firstWeek: number | null;
  /** Mean of the daily means over the last period, up to the last rated day. */
  lastWeek: number | null;
  /** lastWeek − firstWeek: negative is less pain. */
  change: number | null;
  /** A change of at least 2 points or 30% with two or more rated days on each side. */
  meaningful: boolean;
  /** Length of each compared period in days: 7, or half the rated span when that is shorter. */
  periodDays: number;
  ratedDays: number;
  review: ReviewReason | null;
}

export interface RoutineEffect {
  routine: string;
  n: number;
  meanBefore: number;
  meanAfter: number;
}

export interface RoutineTried {
  routine: string;
  /** Finished to the end. */
  done: number;
  /** Started but quit or interrupted. */
  partial: number;
  lastAt: string;
}

export interface Stats {
  since: string;
  until: string;
  days: DaySummary[];
  /** Consecutive days with at least one finished routine, over the whole history up to `until`. */
  streak: { current: number; longest: number };
  /** `reminders.total` counts every reminder event, failed sends included. */
  totals: { routines: number; reminders: ReminderCounts & { failed: number; total: number }; painRatings: number };
  pain: PainTrend;
  routineEffect: RoutineEffect[];
  tried: RoutineTried[];
}

export interface StatsWindow {
  /** -Infinity for the whole history: the days then start at the first event. */
  since: number;
  until: number;
  /** IANA zone for calendar days; undefined = the runtime's zone. */
  timeZone?: string;
}

/** Meaningful change on multi-day averages (clinical reference §7). */
export const MEANINGFUL_POINTS = 2;
export const MEANINGFUL_FRACTION = 0.3;
export const REVIEW_RISE = 2;
export const REVIEW_HIGH = 8;
const WEEK_DAYS = 7;
const MIN_RATED_DAYS = 2;

// Every zone offset in use is a multiple of 15 minutes, so a local date never changes inside a
// 15-minute bucket; that is the fallback on the few UTC days that contain a DST change.
const BUCKET = 15 * MINUTE;

/**
 * epoch ms → how far the wall clock of `timeZone` (undefined: the runtime's) is ahead of UTC at
 * that instant, in ms. One formatter serves every call; `format` costs a quarter of
 * `formatToParts`, and its en-US numeric shape ("11/25/2026, 09:30:00") is read by position.
 */
export function zoneOffset(timeZone?: string): (ms: number) => number {
  // The runtime's own zone needs no Intl, whose first formatter costs a third of Node's start-up.
  if (timeZone === undefined) return (ms) => -new Date(ms).getTimezoneOffset() * MINUTE || 0; // || 0: never -0
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  return (ms) => {
    const [month, day, year, hour, minute, second] = (format.format(ms).match(/\d+/g) ?? []).map(Number);
    return Date.UTC(year!, month! - 1, day!, hour!, minute!, second!) - Math.floor(ms / 1000) * 1000;
  };
}

/**
 * epoch ms → local day number (days since 1970-01-01 on the calendar of `timeZone`). The zone's
 * offset is looked up once per UTC day (at its start; a day whose start and the next day's start
 * differ has a change in it and is read in 15-minute buckets), so a million events cost a few
 * thousand Intl calls, not a million.
 */
export function localDayNumber(timeZone?: string): (ms: number) => number {
  const offsetAt = zoneOffset(timeZone);
  const starts = new Map<number, number>();
  const startOffset = (utcDay: number) => {
    let offset = starts.get(utcDay);
    if (offset === undefined) starts.set(utcDay, (offset = offsetAt(utcDay * DAY)));
    return offset;
  };
  const buckets = new Map<number, number>();
  // Callers pass times mostly in order: the last day's offset is kept beside the maps.
  let lastUtcDay = Number.NaN;
  let lastOffset: number | null = null;
  return (ms) => {
    const utcDay = Math.floor(ms / DAY);
    if (utcDay !== lastUtcDay) {
      const start = startOffset(utcDay);
      lastOffset = start === startOffset(utcDay + 1) ? start : null;
      lastUtcDay = utcDay;
    }
    if (lastOffset !== null) return Math.floor((ms + lastOffset) / DAY);
    const bucket = Math.floor(ms / BUCKET) * BUCKET;
    let day = buckets.get(bucket);
    if (day === undefined) {
      day = Math.floor((bucket + offsetAt(bucket)) / DAY);
      buckets.set(bucket, day);
    }
    return day;
  };
}

/** epoch ms → "YYYY-MM-DD HH:MM" on the wall clock of `timeZone`, for showing a record's time. */
export function wallTime(timeZone?: string): (ms: number) => string {
  const offsetAt = zoneOffset(timeZone);
  return (ms) => shortDateTime(new Date(ms + offsetAt(ms)).toISOString());
}

/** epoch ms → local calendar date (YYYY-MM-DD) in `timeZone`. */
export function calendarDay(timeZone?: string): (ms: number) => string {
  const day = localDayNumber(timeZone);
  return (ms) => dateOfDayNumber(day(ms));
}

export const isFinishedRoutine = (e: HistoryEvent) => e.type === 'routine' && (e.reason === 'done' || e.completed === true);

/** A pain rating as stored: a number from 0 to 10 (clinical reference §7). */
export const isPainRating = (x: unknown): x is number => typeof x === 'number' && x >= 0 && x <= 10;

/** Rounded to one decimal, the precision every average is shown and stored with. */
export const round1 = (x: number) => Math.round(x * 10) / 10;
export const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
/** `part` as a whole percentage of `whole`, or undefined when there is no whole. */
export const percent = (part: number, whole: number): number | undefined => (whole > 0 ? Math.round((part / whole) * 100) : undefined);

/** Current and longest run of consecutive day numbers; the current run may end today or yesterday. */
export function streaks(activeDays: ReadonlySet<number>, today: number): { current: number; longest: number } {
  const sorted = [...activeDays].filter((d) => d <= today).sort((a, b) => a - b);
  let longest = 0;
  let run = 0;
  for (let i = 0; i < sorted.length; i++) {
    run = i > 0 && sorted[i] === sorted[i - 1]! + 1 ? run + 1 : 1;
    longest = Math.max(longest, run);
  }
  // Today is not over: a streak that reached yesterday is still alive.
  let end = activeDays.has(today) ? today : today - 1;
  let current = 0;
  while (activeDays.has(end)) {
    current++;
    end--;
  }
  return { current, longest };
}

/** First-versus-last period pain averages, whether the change is meaningful, and whether to suggest a review. */
export function painTrend(days: readonly Pick<DaySummary, 'date' | 'pain'>[]): PainTrend {
  const rated = days
    .filter((d): d is { date: string; pain: number } => d.pain !== null)
    .map((d) => ({ n: dayNumber(d.date), pain: d.pain }));
  const empty: PainTrend = {
    firstWeek: null,
    lastWeek: null,
    change: null,
    meaningful: false,
    periodDays: 0,
    ratedDays: rated.length,
    review: null,
  };
  if (rated.length === 0) return empty;
  const first = rated[0]!.n;
  const last = rated.at(-1)!.n;
  const periodDays = Math.min(WEEK_DAYS, Math.floor((last - first + 1) / 2));
  if (periodDays === 0) return { ...empty, firstWeek: round1(rated[0]!.pain) };
  const head = rated.filter((d) => d.n < first + periodDays).map((d) => d.pain);
  const tail = rated.filter((d) => d.n > last - periodDays).map((d) => d.pain);
  const firstWeek = mean(head);
  const lastWeek = mean(tail);
  const change = lastWeek - firstWeek;
  const multiDay = head.length >= MIN_RATED_DAYS && tail.length >= MIN_RATED_DAYS;
  const big = Math.abs(change) >= MEANINGFUL_POINTS - 1e-9 || (firstWeek > 0 && Math.abs(change) / firstWeek >= MEANINGFUL_FRACTION - 1e-9);
  let review: ReviewReason | null = null;
  if (multiDay && change >= REVIEW_RISE - 1e-9) review = 'rising';
  else if (periodDays === WEEK_DAYS && tail.length >= MIN_RATED_DAYS && lastWeek >= REVIEW_HIGH) review = 'high';
  return {
    firstWeek: round1(firstWeek),
    lastWeek: round1(lastWeek),
    change: round1(change),
    meaningful: multiDay && big,
    periodDays,
    ratedDays: rated.length,
    review,
  };
}

const zeroReminders = (): ReminderCounts => ({ sent: 0, taken: 0, snoozed: 0, skipped: 0, natural: 0, deferred: 0 });

interface DayTally {
  routines: number;
  reminders: ReminderCounts;
  painSum: number;
  painN: number;
}

/** A fold over history events in any order: `add` each (with its time in ms), then `finish`. */
export interface StatsFold {
  add(e: HistoryEvent, ms: number): void;
  finish(): Stats;
}

/**
 * History events → per-day summaries, streaks, reminder counts, pain trend and routine effects
 * (design §6 `stats --json`), folded one event at a time so a history of any size is read in
 * flat memory (a tally per calendar day, not per event). Days are calendar days in `timeZone`,
 * so a day is a day across DST changes and month ends. Events outside [since, until] only count
 * towards the streak.
 */
export function statsFold(window: StatsWindow): StatsFold {
  const dayOf = localDayNumber(window.timeZone);
  const tallies = new Map<number, DayTally>();
  const totals = { routines: 0, reminders: { ...zeroReminders(), failed: 0, total: 0 }, painRatings: 0 };
  const activeDays = new Set<number>();
  const effects = new Map<string, { n: number; before: number; after: number }>();
  const tried = new Map<string, RoutineTried & { lastMs: number }>();
  let first = Number.POSITIVE_INFINITY;
  // Events come mostly in time order: most share the previous one's day.
  let lastDay = Number.NaN;
  let lastTally: DayTally | undefined;
  const tallyOf = (day: number): DayTally => {
    if (day === lastDay) return lastTally!;
    let tally = tallies.get(day);
    if (!tally) tallies.set(day, (tally = { routines: 0, reminders: zeroReminders(), painSum: 0, painN: 0 }));
    lastDay = day;
    lastTally = tally;
    return tally;
  };

  // Consecutive events mostly repeat the last active day and the last routine: skip the lookups.
  let lastActive = Number.NaN;
  const active = (day: number) => {
    if (day !== lastActive) activeDays.add((lastActive = day));
  };
  let lastRoutine: (RoutineTried & { lastMs: number }) | undefined;
  const triedOf = (id: string, at: string, ms: number) => {
    if (lastRoutine?.routine === id) return lastRoutine;
    let entry = tried.get(id);
    if (!entry) tried.set(id, (entry = { routine: id, done: 0, partial: 0, lastAt: at, lastMs: ms }));
    return (lastRoutine = entry);
  };

  // One property each, not `counts[event]`: a keyed access per event costs more at millions.
  const countReminder = (event: unknown, day: number) => {
    const all = totals.reminders;
    if (event === 'failed') all.failed++;
    else if (
      event === 'sent' ||
      event === 'taken' ||
      event === 'snoozed' ||
      event === 'skipped' ||
      event === 'natural' ||
      event === 'deferred'
    ) {
      const mine = tallyOf(day).reminders;
      if (event === 'sent') {
        mine.sent++;
        all.sent++;
      } else if (event === 'taken') {
        mine.taken++;
        all.taken++;
      } else if (event === 'snoozed') {
        mine.snoozed++;
        all.snoozed++;
      } else if (event === 'skipped') {
        mine.skipped++;
        all.skipped++;
      } else if (event === 'natural') {
        mine.natural++;
        all.natural++;
      } else {
        mine.deferred++;
        all.deferred++;
      }
    } else return;
    all.total++;
  };

  function add(e: HistoryEvent, ms: number): void {
    if (!(ms <= window.until)) return;
    const type = e.type;
    const finished = type === 'routine' && (e.reason === 'done' || e.completed === true);
    if (ms < window.since) {
      if (finished) active(dayOf(ms));
      return;
    }
    if (ms < first) first = ms;
    const day = dayOf(ms);
    if (type === 'routine') {
      const id = typeof e.routine === 'string' ? e.routine : 'unknown';
      const entry = triedOf(id, e.at, ms);
      if (ms >= entry.lastMs) {
        entry.lastAt = e.at;
        entry.lastMs = ms;
      }
      if (finished) {
        active(day);
        entry.done++;
        tallyOf(day).routines++;
        totals.routines++;
      } else entry.partial++;
      const { painBefore, painAfter } = e;
      if (isPainRating(painBefore) && isPainRating(painAfter)) {
        let effect = effects.get(id);
        if (!effect) effects.set(id, (effect = { n: 0, before: 0, after: 0 }));
        effect.n++;
        effect.before += painBefore;
        effect.after += painAfter;
      }
    } else if (type === 'reminder') {
      countReminder(e.event, day);
    } else if ((type === 'pain' || type === 'check') && isPainRating(e.pain)) {
      const tally = tallyOf(day);
      tally.painSum += e.pain;
      tally.painN++;
      totals.painRatings++;
    }
  }

  function finish(): Stats {
    const firstDay = dayOf(Number.isFinite(window.since) ? window.since : Math.min(first, window.until));
    const lastDayOfWindow = dayOf(window.until);
    const days: DaySummary[] = [];
    const exactDays: { date: string; pain: number | null }[] = [];
    for (let day = firstDay; day <= lastDayOfWindow; day++) {
      const t = tallies.get(day);
      const date = dateOfDayNumber(day);
      const pain = t && t.painN > 0 ? t.painSum / t.painN : null;
      days.push({
        date,
        routines: t?.routines ?? 0,
        reminders: t?.reminders ?? zeroReminders(),
        pain: pain === null ? null : round1(pain),
      });
      exactDays.push({ date, pain });
    }
    const routineEffect = [...effects].map(([routine, x]) => ({
      routine,
      n: x.n,
      meanBefore: round1(x.before / x.n),
      meanAfter: round1(x.after / x.n),
    }));
    routineEffect.sort(
      (a, b) => a.meanAfter - a.meanBefore - (b.meanAfter - b.meanBefore) || b.n - a.n || a.routine.localeCompare(b.routine),
    );
    return {
      since: dateOfDayNumber(firstDay),
      until: dateOfDayNumber(lastDayOfWindow),
      days,
      streak: streaks(activeDays, lastDayOfWindow),
      totals,
      // The trend averages unrounded daily means; the rounded ones are for display.
      pain: painTrend(exactDays),
      routineEffect,
      tried: [...tried.values()]
        .map(({ lastMs: _, ...t }) => t)
        .sort((a, b) => b.done + b.partial - (a.done + a.partial) || a.routine.localeCompare(b.routine)),
    };
  }

  return { add, finish };
}

/** `statsFold` over a list; an event whose time is not a readable record time is left out. */
export function computeStats(events: Iterable<HistoryEvent>, window: StatsWindow): Stats {
  const fold = statsFold(window);
  const timeOf = recordTimeParser();
  for (const e of events) {
    const ms = timeOf(e.at);
    if (ms !== undefined) fold.add(e, ms);
  }
  return fold.finish();
}

/** A pain rating from a flag: an integer 0–10, or a usage error naming the flag. */
export function parsePain(text: unknown, flag = '--pain'): number {
  const t = typeof text === 'string' ? text.trim() : '';
  if (!/^\d{1,2}$/.test(t) || Number(t) > 10) {
    throw usageError(`${flag} must be a whole number from 0 to 10, not "${String(text ?? '')}"`, '0 is no pain, 10 the worst imaginable');
  }
  return Number(t);
}

export interface WindowFlags {
  since?: string;
  from?: string;
  to?: string;
}

/**
 * `--since 7d | all` or `--from date --to date` → [since, until] in epoch ms. `localMidnight`
 * turns a calendar date into the ms of its local start, so the core never reads the zone itself.
 */
export function parseWindow(
  flags: WindowFlags,
  now: number,
  defaultSpan: string,
  localMidnight: (date: string) => number,
): { since: number; until: number } {
  if (flags.since !== undefined && (flags.from !== undefined || flags.to !== undefined)) {
    throw usageError('use either --since or --from/--to, not both');
  }
  if (flags.from !== undefined || flags.to !== undefined) {
    const since = flags.from === undefined ? Number.NEGATIVE_INFINITY : localMidnight(parseCalendarDate(flags.from, '--from'));
    const until = flags.to === undefined ? now : localMidnight(addDays(parseCalendarDate(flags.to, '--to'), 1)) - 1;
    // A --from after today is an empty window, not an error; only two dates can be the wrong way round.
    if (flags.from !== undefined && flags.to !== undefined && until < since)
      throw usageError(`--to ${flags.to} is before --from ${flags.from}`);
    return { since, until };
  }
  const span = flags.since ?? defaultSpan;
  if (span.trim().toLowerCase() === 'all') return { since: Number.NEGATIVE_INFINITY, until: now };
  return { since: now - parseSpan(span, '--since'), until: now };
}

/**
 * Stretches a window of a day or more back to a local midnight, so `--since 14d` means the 14
 * calendar days ending today rather than 15 partial ones.
 */
export function wholeDays(window: { since: number; until: number }, timeZone?: string): { since: number; until: number } {
  if (!Number.isFinite(window.since) || window.until - window.since < DAY) return window;
  const dayOf = localDayNumber(timeZone);
  const first = dayOf(window.since) + 1;
  return { since: startOfDay(dateOfDayNumber(Math.min(first, dayOf(window.until))), timeZone), until: window.until };
}

/** The epoch ms at which `date` (YYYY-MM-DD) starts in `timeZone` (its first existing minute). */
export function startOfDay(date: string, timeZone?: string): number {
  const offsetAt = zoneOffset(timeZone);
  const wall = dayNumber(date) * DAY;
  let ms = wall - offsetAt(wall);
  ms = wall - offsetAt(ms);
  // Where midnight is skipped by a DST change, the day starts at the first minute that exists.
  const dayOf = calendarDay(timeZone);
  while (dayOf(ms) < date) ms += 15 * MINUTE;
  return ms;
}

/** The zone to count days in: TZ when it names an IANA zone, else undefined (the runtime's). */
export function resolveTimeZone(tz: string | undefined): string | undefined {
  if (!tz) return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: tz.replace(/^:/, '') }).resolvedOptions().timeZone;
  } catch {
    return undefined; // not an IANA name (e.g. a POSIX rule): the runtime's zone
  }
}
