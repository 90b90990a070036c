import { sparkline } from '../core/sparkline.js';
import { type HistoryEvent, mean, round1, type Stats } from '../core/stats.js';
import { dayNumber, shortDateTime } from '../core/time.js';
import { plural } from './output.js';
import { printable } from '../core/printable.js';
import { breaksText, painChangeText, REVIEW_TEXT } from './tracking.js';

/** The stage plan as the report shows it (from the catalogue's plans). */
export interface ReportPlan {
  title: string;
  guidance: string;
  between: readonly string[];
  evidence: string;
}

/** Names for ids, from the catalogue; an unknown id shows as itself. */
export interface ReportLabels {
  cause?: (id: string) => string | undefined;
  redFlag?: (id: string) => string | undefined;
  routine?: (id: string) => string | undefined;
  level?: (level: string) => string | undefined;
  question?: (id: string) => string | undefined;
  answer?: (id: string) => string | undefined;
}

export interface ReportInput {
  /** When the report was made, ISO with offset. */
  generatedAt: string;
  stats: Stats;
  /** The latest check-in in the whole history, whatever the window. */
  latestCheck: HistoryEvent | null;
  plan: ReportPlan | null;
  labels?: ReportLabels;
  /** How a running strengthening programme is being kept up, when there is one. */
  programmeLine?: string | null;
}

export const REPORT_DISCLAIMER =
  'Everything here is self-reported by the person and recorded by neckcoach, a self-care aid. ' +
  'It is not a diagnosis or medical advice, and the triage is a static safety screen, not an assessment.';

const name = (label: ((id: string) => string | undefined) | undefined, id: string) => label?.(id) ?? id;
const strings = (x: unknown) => (Array.isArray(x) ? x.filter((i): i is string => typeof i === 'string') : []);
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function table(head: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)];
}

function answerText(value: unknown, labels: ReportLabels | undefined): string {
  if (Array.isArray(value)) return value.map((v) => name(labels?.answer, String(v))).join(', ');
  if (typeof value === 'string') return name(labels?.answer, value);
  return String(value);
}

function checkSection(check: HistoryEvent | null, labels: ReportLabels | undefined): string[] {
  if (!check) return ['## Latest check-in', '', 'No check-in recorded yet (`neckcoach check`).'];
  const out = [`## Latest check-in (${shortDateTime(check.at)})`, ''];
  const level = typeof check.level === 'string' ? check.level : 'unknown';
  const advice = labels?.level?.(level);
  out.push(`- Safety screen: **${level}**${advice ? ` (${advice})` : ''}`);
  const flags = strings(check.flags).filter((f) => f !== 'none');
  out.push(`- Warning signs reported: ${flags.length ? flags.map((f) => name(labels?.redFlag, f)).join('; ') : 'none'}`);
  if (typeof check.pain === 'number') out.push(`- Pain at check-in: ${check.pain}/10`);
  if (typeof check.stage === 'string') out.push(`- Stage by duration: ${check.stage}`);
  const causes = strings(check.causes);
  if (causes.length) out.push(`- Common contributors matching the answers: ${causes.map((c) => name(labels?.cause, c)).join(', ')}`);
  const answers = check.answers;
  if (answers && typeof answers === 'object' && !Array.isArray(answers)) {
    for (const [question, value] of Object.entries(answers as Record<string, unknown>)) {
      if (question === 'red_flags' || question === 'pain') continue;
      out.push(`- ${name(labels?.question, question)}: ${answerText(value, labels)}`);
    }
  }
  return out;
}

/** Weekly averages, the last week ending on the last day: a therapist reads a small table faster than a chart. */
function weeklyRows(stats: Stats): string[][] {
  const rows: string[][] = [];
  for (let end = stats.days.length; end > 0; end -= 7) {
    const week = stats.days.slice(Math.max(0, end - 7), end);
    const rated = week.map((d) => d.pain).filter((p): p is number => p !== null);
    if (rated.length === 0) continue;
    rows.unshift([
      `${week[0]!.date} to ${week.at(-1)!.date}`,
      String(rated.length),
      String(round1(mean(rated))),
      `${Math.min(...rated)}-${Math.max(...rated)}`,
    ]);
  }
  return rows;
}

function painSection(stats: Stats): string[] {
  const out = ['## Pain (0-10, average of the day)', ''];
  const pain = stats.pain;
  if (pain.ratedDays === 0) return [...out, 'No pain ratings in this period.'];
  out.push(
    `Daily trend: \`${sparkline(
      stats.days.map((d) => d.pain),
      { min: 0, max: 10, gap: '·' },
    )}\` (one mark a day; · no rating)`,
    '',
  );
  out.push(...table(['Week', 'Days rated', 'Average', 'Range'], weeklyRows(stats)), '');
  const change = painChangeText(pain);
  out.push(change ? `${change[0]!.toUpperCase()}${change.slice(1)}.` : 'Too few rated days to compare the first and last week.');
  if (pain.review) out.push('', `**${REVIEW_TEXT[pain.review]}**`);
  return out;
}

function triedSection(stats: Stats, labels: ReportLabels | undefined, programmeLine: string | null | undefined): string[] {
  const out = ['## What has been tried', ''];
  if (programmeLine) out.push(`**Programme:** ${programmeLine}`, '');
  if (stats.tried.length === 0) out.push('No guided routines recorded in this period.');
  else {
    out.push(
      ...table(
        ['Routine', 'Finished', 'Stopped early', 'Last'],
        stats.tried.map((t) => [name(labels?.routine, t.routine), String(t.done), String(t.partial), t.lastAt.slice(0, 10)]),
      ),
    );
    const active = stats.days.filter((d) => d.routines > 0).length;
    out.push(
      '',
      `Days with a finished routine: ${active} of ${stats.days.length}; current run ${plural(stats.streak.current, 'day')}, longest ${stats.streak.longest}.`,
    );
  }
  if (stats.routineEffect.length > 0) {
    out.push('', 'Pain rated just before and after a routine (mean):', '');
    out.push(
      ...table(
        ['Routine', 'Times', 'Before', 'After'],
        stats.routineEffect.map((e) => [name(labels?.routine, e.routine), String(e.n), String(e.meanBefore), String(e.meanAfter)]),
      ),
    );
  }
  out.push('', `**Movement breaks:** ${breaksText(stats.totals.reminders, ', ') ?? 'no break reminders in this period'}.`);
  return out;
}

function planSection(plan: ReportPlan | null, stage: unknown): string[] {
  if (!plan)
    return ['## Plan', '', typeof stage === 'string' ? `No plan found for the stage "${stage}".` : 'No stage yet: a check-in sets it.'];
  return [
    `## Plan: ${plan.title}`,
    '',
    plan.guidance,
    '',
    `Evidence: ${plan.evidence}`,
    '',
    'Between sessions:',
    ...plan.between.map((b) => `- ${b}`),
  ];
}

/** A one-page Markdown summary to bring to a massage therapist or doctor. */
export function renderReport(input: ReportInput): string {
  const { stats, labels } = input;
  const days = dayNumber(stats.until) - dayNumber(stats.since) + 1;
  const lines = [
    '# Neck pain summary',
    '',
    `Self-reported with neckcoach, ${stats.since} to ${stats.until} (${days} days). Made ${shortDateTime(input.generatedAt)}.`,
    '',
    ...checkSection(input.latestCheck, labels),
    '',
    ...painSection(stats),
    '',
    ...triedSection(stats, labels, input.programmeLine),
    '',
    ...planSection(input.plan, input.latestCheck?.stage),
    '',
    '---',
    '',
    `*${REPORT_DISCLAIMER}*`,
    '',
  ];
  // Names, notes and answers come from the history file: no escape sequence reaches a terminal.
  return lines.map(printable).join('\n');
}
