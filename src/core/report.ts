import { sparkline } from './sparkline.js';
import { dayNumber, type HistoryEvent, MEANINGFUL_FRACTION, MEANINGFUL_POINTS, type Stats } from './stats.js';

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
}

export const REPORT_DISCLAIMER =
  'Everything here is self-reported by the person and recorded by neckcoach, a self-care aid. ' +
  'It is not a diagnosis or medical advice, and the triage is a static safety screen, not an assessment.';

const name = (label: ((id: string) => string | undefined) | undefined, id: string) => label?.(id) ?? id;
const strings = (x: unknown) => (Array.isArray(x) ? x.filter((i): i is string => typeof i === 'string') : []);
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const when = (at: string) => at.slice(0, 16).replace('T', ' ');
const round1 = (x: number) => Math.round(x * 10) / 10;

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
  const out = [`## Latest check-in (${when(check.at)})`, ''];
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
    const mean = round1(rated.reduce((a, b) => a + b, 0) / rated.length);
    rows.unshift([`${week[0]!.date} to ${week.at(-1)!.date}`, String(rated.length), String(mean), `${Math.min(...rated)}-${Math.max(...rated)}`]);
  }
  return rows;
}

function painSection(stats: Stats): string[] {
  const out = ['## Pain (0-10, average of the day)', ''];
  const pain = stats.pain;
  if (pain.ratedDays === 0) return [...out, 'No pain ratings in this period.'];
  out.push(`Daily trend: \`${sparkline(stats.days.map((d) => d.pain), { min: 0, max: 10, gap: '·' })}\` (one mark a day; · no rating)`, '');
  out.push(...table(['Week', 'Days rated', 'Average', 'Range'], weeklyRows(stats)), '');
  if (pain.change !== null && pain.firstWeek !== null && pain.lastWeek !== null) {
    const period = pain.periodDays === 7 ? 'week' : `${pain.periodDays} days`;
    const direction = pain.change < 0 ? 'lower' : pain.change > 0 ? 'higher' : 'unchanged';
    out.push(
      `First ${period} ${pain.firstWeek}, last ${period} ${pain.lastWeek}: ${Math.abs(pain.change)} points ${direction}, ` +
        (pain.meaningful ? 'a meaningful change' : 'not a meaningful change') +
        ` (the threshold used: ${MEANINGFUL_POINTS} points or ${MEANINGFUL_FRACTION * 100}% on averages over several days).`,
    );
  } else {
    out.push('Too few rated days to compare the first and last week.');
  }
  if (pain.review === 'rising') out.push('', '**The weekly average rose by 2 points or more: a review by a clinician is suggested.**');
  if (pain.review === 'high') out.push('', '**Pain averaged 8 or more for a week: a review by a clinician is suggested.**');
  return out;
}

function triedSection(stats: Stats, labels: ReportLabels | undefined): string[] {
  const out = ['## What has been tried', ''];
  if (stats.tried.length === 0) out.push('No guided routines recorded in this period.');
  else {
    out.push(...table(['Routine', 'Finished', 'Stopped early', 'Last'], stats.tried.map((t) => [name(labels?.routine, t.routine), String(t.done), String(t.partial), t.lastAt.slice(0, 10)])));
    const active = stats.days.filter((d) => d.routines > 0).length;
    out.push('', `Days with a finished routine: ${active} of ${stats.days.length}; current run ${stats.streak.current} days, longest ${stats.streak.longest}.`);
  }
  if (stats.routineEffect.length > 0) {
    out.push('', 'Pain rated just before and after a routine (mean):', '');
    out.push(...table(['Routine', 'Times', 'Before', 'After'], stats.routineEffect.map((e) => [name(labels?.routine, e.routine), String(e.n), String(e.meanBefore), String(e.meanAfter)])));
  }
  const r = stats.totals.reminders;
  const breaks =
    r.sent + r.taken + r.snoozed + r.skipped === 0
      ? 'no break reminders in this period.'
      : `${r.sent} reminders sent, ${r.taken} taken${r.sent ? ` (${Math.round((r.taken / r.sent) * 100)}%)` : ''}, ${r.snoozed} snoozed, ${r.skipped} skipped.`;
  out.push('', `**Movement breaks:** ${breaks}`);
  return out;
}

function planSection(plan: ReportPlan | null, stage: unknown): string[] {
  if (!plan) return ['## Plan', '', typeof stage === 'string' ? `No plan found for the stage "${stage}".` : 'No stage yet: a check-in sets it.'];
  return [`## Plan: ${plan.title}`, '', `General guidance: ${plan.guidance}`, '', `Evidence: ${plan.evidence}`, '', 'Between sessions:', ...plan.between.map((b) => `- ${b}`)];
}

/** A one-page Markdown summary to bring to a massage therapist or doctor. */
export function renderReport(input: ReportInput): string {
  const { stats, labels } = input;
  const days = dayNumber(stats.until) - dayNumber(stats.since) + 1;
  const lines = [
    '# Neck pain summary',
    '',
    `Self-reported with neckcoach, ${stats.since} to ${stats.until} (${days} days). Made ${when(input.generatedAt)}.`,
    '',
    ...checkSection(input.latestCheck, labels),
    '',
    ...painSection(stats),
    '',
    ...triedSection(stats, labels),
    '',
    ...planSection(input.plan, input.latestCheck?.stage),
    '',
    '---',
    '',
    `*${REPORT_DISCLAIMER}*`,
    '',
  ];
  return lines.join('\n');
}
