import type { ChalkInstance } from 'chalk';
import { formatSpan } from '../core/duration.js';
import { printable } from '../core/printable.js';
import { sparkline } from '../core/sparkline.js';
import {
  type HistoryEvent,
  MEANINGFUL_FRACTION,
  MEANINGFUL_POINTS,
  percent,
  REVIEW_HIGH,
  REVIEW_RISE,
  type ReviewReason,
  type Stats,
} from '../core/stats.js';
import { plural } from './output.js';
import { wrap } from '../core/wrap.js';

const num = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : undefined);
const str = (x: unknown) => (typeof x === 'string' ? x : undefined);
const list = (x: unknown) => (Array.isArray(x) ? x.filter((i): i is string => typeof i === 'string') : []);

/** A one-line description of a history record, for the table and the CSV `summary` column. */
export function summarize(e: HistoryEvent): string {
  const parts: string[] = [];
  switch (e.type) {
    case 'check': {
      parts.push(`triage ${str(e.level) ?? '?'}`);
      if (num(e.pain) !== undefined) parts.push(`pain ${e.pain}/10`);
      if (str(e.stage)) parts.push(String(e.stage));
      const causes = list(e.causes);
      if (causes.length) parts.push(causes.join(', '));
      const flags = list(e.flags).filter((f) => f !== 'none');
      if (flags.length) parts.push(`red flags: ${flags.join(', ')}`);
      break;
    }
    case 'routine': {
      const done = e.reason === 'done' || e.completed === true;
      const steps = num(e.completed);
      const of = num(e.steps);
      const count = steps === undefined ? '' : of === undefined ? `, ${plural(steps, 'step')}` : `, ${steps} of ${plural(of, 'step')}`;
      const what = done ? 'finished' : `stopped (${str(e.reason) ?? 'unknown'})`;
      parts.push(`${str(e.routine) ?? '?'} ${what}${count}${num(e.seconds) ? `, ${formatSpan(num(e.seconds)! * 1000)}` : ''}`);
      if (str(e.programme) && num(e.level) !== undefined) parts.push(`${e.programme} level ${e.level}`);
      if (num(e.painBefore) !== undefined && num(e.painAfter) !== undefined) parts.push(`pain ${e.painBefore} → ${e.painAfter}`);
      if (e.cleared) parts.push('cleared by a clinician');
      break;
    }
    case 'reminder':
      parts.push(`${str(e.event) ?? '?'}${str(e.routine) ? ` (${e.routine})` : ''}`);
      if (str(e.error)) parts.push(String(e.error));
      break;
    case 'programme':
      parts.push(`${str(e.programme) ?? '?'} ${str(e.event) ?? '?'}${num(e.level) !== undefined ? `, level ${e.level}` : ''}`);
      break;
    case 'pain':
      parts.push(`${num(e.pain) ?? '?'}/10`);
      if (str(e.note)) parts.push(String(e.note));
      break;
    default:
      parts.push(JSON.stringify(e).slice(0, 60));
  }
  return printable(parts.join(' · '));
}

/**
 * One record as table rows, its summary wrapped to `width` under itself; the time on the person's
 * current wall clock (`wall`, from core's wallTime), whatever offset the record was written with.
 */
export function historyRow(e: HistoryEvent, c: ChalkInstance, wall: (ms: number) => string, width = 80): string {
  const ms = Date.parse(e.at);
  const time = Number.isNaN(ms) ? printable(e.at) : wall(ms);
  const type = printable(e.type).padEnd(9); // 'programme' and 'clearance' are the longest
  const indent = time.length + type.length + 4;
  const [first, ...rest] = wrap(summarize(e), Math.max(20, width - indent)).split('\n');
  return [`${c.dim(time)}  ${type}  ${first}`, ...rest.map((line) => ' '.repeat(indent) + line)].join('\n');
}

export const CSV_COLUMNS = [
  'type',
  'at',
  'pain',
  'painBefore',
  'painAfter',
  'routine',
  'reason',
  'event',
  'level',
  'note',
  'summary',
] as const;

/**
 * One CSV field (RFC 4180: quoted when it holds a comma, quote or line break, quotes doubled).
 * Text from the file is made inert: control characters are shown as escapes, and text a
 * spreadsheet would run as a formula (starting with =, +, -, @, a tab or a carriage return) gets
 * a leading apostrophe, which spreadsheets show as text.
 */
export function csvField(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const raw = typeof value === 'string' ? value : Array.isArray(value) ? value.join(';') : JSON.stringify(value);
  const text = /^[=+\-@\t\r]/.test(raw) ? `'${printable(raw)}` : printable(raw);
  return /[",]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const CSV_HEADER = `${CSV_COLUMNS.join(',')}\r\n`;

export function csvRow(e: HistoryEvent): string {
  return `${CSV_COLUMNS.map((col) => csvField(col === 'summary' ? summarize(e) : e[col])).join(',')}\r\n`;
}

const pct = (part: number, whole: number) => {
  const p = percent(part, whole);
  return p === undefined ? '' : ` (${p}%)`;
};

/** Review wording (clinical reference §7): a suggestion to have it looked at, never a diagnosis. */
export const REVIEW_TEXT: Record<ReviewReason, string> = {
  rising: `Your weekly average pain has risen by ${REVIEW_RISE} points or more. Consider having it reviewed soon by a GP or physiotherapist.`,
  high: `Your pain has averaged ${REVIEW_HIGH} or more for a week. Consider having it reviewed soon by a GP or physiotherapist.`,
};

/** What counts as a meaningful change (clinical reference §7), in words. */
export const MEANINGFUL_TEXT = `${MEANINGFUL_POINTS} points or ${MEANINGFUL_FRACTION * 100}%, over several days`;

/** Describes a first-versus-last-period change in words. */
export function painChangeText(pain: Stats['pain']): string | undefined {
  if (pain.change === null || pain.firstWeek === null || pain.lastWeek === null) return undefined;
  const period = pain.periodDays === 7 ? 'week' : plural(pain.periodDays, 'day');
  const points = plural(Math.abs(pain.change), 'point');
  const direction = pain.change < 0 ? `${points} lower` : pain.change > 0 ? `${points} higher` : 'no change';
  const verdict = pain.meaningful ? 'a meaningful change' : `not yet a meaningful change (${MEANINGFUL_TEXT})`;
  return `first ${period} ${pain.firstWeek}, last ${period} ${pain.lastWeek}: ${direction}, ${verdict}`;
}

/** The break reminders of a period, or undefined when there were none; `separator` joins the counts. */
export function breaksText(r: Stats['totals']['reminders'], separator: string): string | undefined {
  if (r.total === 0) return undefined;
  const parts = [
    `${plural(r.sent, 'reminder')} sent`,
    `${r.taken} taken${pct(r.taken, r.sent)}`,
    `${r.snoozed} snoozed`,
    `${r.skipped} skipped`,
  ];
  if (r.natural) parts.push(`${plural(r.natural, 'natural break')} (time away)`);
  if (r.deferred) parts.push(`${r.deferred} held for do-not-disturb`);
  if (r.failed) parts.push(`${r.failed} failed to send`);
  return parts.join(separator);
}

/** Block characters need a UTF-8 terminal: fall back to ASCII when the locale says otherwise. */
export function wantsAscii(env: NodeJS.ProcessEnv): boolean {
  const locale = env.LC_ALL || env.LC_CTYPE || env.LANG;
  return Boolean(locale) && !/utf-?8/i.test(locale!);
}

export interface StatsLayout {
  /** Plain-ASCII sparklines (no UTF-8 terminal). */
  ascii?: boolean;
  /** Columns to wrap to. */
  width?: number;
}

export function statsText(stats: Stats, c: ChalkInstance, layout: StatsLayout = {}): string {
  const { ascii = false, width = 80 } = layout;
  const LABEL = 10;
  const pad = ' '.repeat(LABEL);
  // Wrapped first and painted after, so colour codes do not count towards the width.
  const block = (label: string, text: string, colour = (line: string) => line) =>
    wrap(text, Math.max(20, width - LABEL))
      .split('\n')
      .map((line, i) => `${i === 0 ? c.bold(label.padEnd(LABEL)) : pad}${colour(line)}`);
  const out: string[] = [c.bold(`From ${stats.since} to ${stats.until}`), ''];
  const gap = ascii ? '.' : '·';
  const routineLine = sparkline(
    stats.days.map((d) => d.routines),
    { min: 0, max: Math.max(3, ...stats.days.map((d) => d.routines)), ascii, gap },
  );
  const { current, longest } = stats.streak;
  out.push(
    ...block('Routines', `${plural(stats.totals.routines, 'routine')} finished · streak ${plural(current, 'day')} (longest ${longest})`),
  );
  if (stats.totals.routines > 0) out.push(`${pad}${c.cyan(routineLine)}  per day`);
  out.push(...block('Breaks', breaksText(stats.totals.reminders, ' · ') ?? 'no reminders in this period (`neckcoach remind start`)'));
  if (stats.pain.ratedDays === 0) {
    out.push(...block('Pain', 'no ratings yet (`neckcoach log --pain 0-10`)'));
  } else {
    out.push(
      `${c.bold('Pain'.padEnd(LABEL))}${c.magenta(
        sparkline(
          stats.days.map((d) => d.pain),
          { min: 0, max: 10, ascii, gap },
        ),
      )}  daily average, 0-10`,
    );
    const change = painChangeText(stats.pain) ?? `one day rated so far (${stats.pain.firstWeek}/10): rate a few more days to see a trend`;
    out.push(...block('', change));
    if (stats.pain.review) out.push(...block('', REVIEW_TEXT[stats.pain.review], c.yellow));
  }
  if (stats.routineEffect.length > 0) {
    out.push(...block('After', 'pain before → after a routine (your ratings with `routine --rate`):'));
    const names = stats.routineEffect.map((e) => printable(e.routine));
    const nameWidth = Math.max(...names.map((n) => n.length));
    for (const [i, e] of stats.routineEffect.entries()) {
      const delta = e.meanAfter - e.meanBefore;
      const verdict = delta < 0 ? c.green('lower') : delta > 0 ? c.yellow('higher') : 'no change';
      out.push(`${pad}${names[i]!.padEnd(nameWidth)}  ${e.meanBefore} → ${e.meanAfter}  ${verdict}  (${plural(e.n, 'time')})`);
    }
  }
  return out.join('\n');
}
