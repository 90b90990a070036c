import type { Calendar, Catalogue, EvidenceNote, EvidencePlan, Plan } from '../content/schema.js';
import type { StageBasis } from '../core/stage.js';
import { wrap } from '../core/wrap.js';
import { bullet, type Look, para, sourcesLine } from './check.js';
import { plural } from './output.js';

export interface PlanView {
  basis: StageBasis;
  plan: Plan;
  /** The studied dose, shown with the chronic plan and used by `--evidence` there. */
  evidencePlan: EvidencePlan | null;
  /** The evidence for recent pain, the short-visit caveat, and which numbers are neckcoach's own. */
  notes: { recent: EvidenceNote; shortVisits: EvidenceNote; ownNumbers: EvidenceNote };
  /** `--evidence`: what the evidence supports leads, and the calendar follows it. */
  evidence: boolean;
  sessionMinutes: { min: number; max: number };
  /** After a "soon" check-in: the check-up first, and the date massage sessions may begin. */
  checkup: { whom: string; when: string; sessionsFrom: string } | null;
  /** Follow-up check-ins. */
  rechecks: { weeks: number; date: string }[];
  calendar: { file: string; start: string; sessions: number; routine: string; evidence: boolean; rechecks: number } | null;
  /** A referral from the check-in in force, shown first. */
  banner: string | null;
}

/** "2 a week for 3 weeks", "every 2 weeks for 12 weeks", "about monthly for 24 weeks". */
export function frequencyText(calendar: Pick<Calendar, 'perWeek' | 'weeks'>): string {
  const { perWeek, weeks } = calendar;
  let often: string;
  if (perWeek >= 1) often = `${Number.isInteger(perWeek) ? perWeek : perWeek.toFixed(1)} a week`;
  else if (Math.abs(perWeek - 0.25) < 0.05) often = 'about monthly';
  else often = `every ${Math.round(1 / perWeek)} weeks`;
  return `${often} for ${weeks} weeks`;
}

export function planDocument(view: PlanView): Record<string, unknown> {
  const { basis, plan, evidencePlan, notes, evidence, checkup, rechecks, sessionMinutes, calendar } = view;
  return {
    stage: plan.stage,
    basedOn: basis,
    plan,
    evidencePlan,
    evidenceNotes: notes,
    evidence,
    checkupFirst: checkup,
    rechecks,
    sessionMinutes,
    calendar,
  };
}

function basisText(basis: StageBasis): string {
  if (basis.kind === 'duration') return `from a duration of ${basis.duration}`;
  if (basis.kind === 'check-in') return `from your check-in of ${basis.at.slice(0, 10)}`;
  return 'as asked';
}

/** Under 3 months: the stages the OPTIMa evidence speaks to. */
const isRecent = (plan: Plan) => plan.stage === 'acute' || plan.stage === 'subacute';

/** What the evidence supports for this stage, as `--evidence` leads with it. */
function evidenceView(view: PlanView): { title: string; text: string } {
  const { plan, evidencePlan, notes } = view;
  if (evidencePlan)
    return {
      title: evidencePlan.title,
      text: `${frequencyText(evidencePlan.calendar)}, ${evidencePlan.calendar.minutes} min. ${evidencePlan.note}`,
    };
  if (isRecent(plan))
    return {
      title: notes.recent.title,
      text: `${notes.recent.text} So the calendar holds no massage sessions: a daily routine and the re-checks.`,
    };
  return {
    title: `What the evidence says: ${plan.stage}`,
    text: `${plan.evidence} So the calendar holds no massage sessions: a daily routine and the re-checks.`,
  };
}

/**
 * The check-up first when one is due; with `--evidence`, what the evidence supports; then the
 * article's table for every stage (this one marked) as general guidance, with the evidence for
 * recent pain, the short-visit caveat and neckcoach's own numbers beside it.
 */
export function renderPlan(view: PlanView, catalogue: Pick<Catalogue, 'plans' | 'sources'>, look: Look): string {
  const { paint, width } = look;
  const { plan, evidencePlan, notes } = view;
  const out: string[] = [];
  const section = (title: string, text: string) => out.push('', paint.bold(title), para(text, width));
  if (view.banner) out.push(paint.yellow(wrap(view.banner, width)), '');
  if (view.checkup) {
    const c = view.checkup;
    out.push(
      paint.bold('First: book the check-up'),
      para(
        `With ${c.whom.charAt(0).toLowerCase()}${c.whom.slice(1)}, ${c.when.charAt(0).toLowerCase()}${c.when.slice(1)}. Massage sessions wait until after it: the calendar starts them on ${c.sessionsFrom}, and only gentle routines until then.`,
        width,
      ),
      '',
    );
  }
  if (view.evidence) {
    const lead = evidenceView(view);
    out.push(paint.bold(`${lead.title} (${plan.stage}, ${basisText(view.basis)})`), para(lead.text, width), '');
    out.push(paint.bold("The article's general guidance, for comparison"));
  } else {
    out.push(paint.bold(`Massage-frequency plan: ${plan.stage} (${basisText(view.basis)})`));
  }
  // The rows are the calendar's reading of the article's looser wording ("1-2 a week for a few weeks"), so say so.
  out.push(
    para(
      `Each stage as the calendar file (--ics) lays it out, from the article's general guidance; sessions may last ${view.sessionMinutes.min}-${view.sessionMinutes.max} min (the calendar books ${plan.calendar.minutes} min):`,
      width,
    ),
  );
  const pad = Math.max(...catalogue.plans.map((p) => p.stage.length));
  for (const p of catalogue.plans) {
    const row = `${p.stage === plan.stage ? '>' : ' '} ${p.stage.padEnd(pad)}  ${frequencyText(p.calendar)}`;
    out.push(`  ${p.stage === plan.stage ? paint.bold(row) : row}`);
  }
  section(plan.title, `${plan.guidance} What the evidence says: ${plan.evidence}`);
  if (evidencePlan && !view.evidence)
    section(evidencePlan.title, `${frequencyText(evidencePlan.calendar)}, ${evidencePlan.calendar.minutes} min. ${evidencePlan.note}`);
  if (!(view.evidence && isRecent(plan))) section(notes.recent.title, notes.recent.text);
  section(notes.shortVisits.title, notes.shortVisits.text);
  section(notes.ownNumbers.title, notes.ownNumbers.text);
  if (plan.between.length > 0) {
    out.push('', paint.bold('Between sessions'));
    for (const line of plan.between) out.push(bullet(line, width));
  }
  if (view.rechecks.length > 0) {
    const dates = view.rechecks.map((r) => `${r.date} (${plural(r.weeks, 'week')})`).join(' and ');
    section('Check in again', `Around ${dates}: run neckcoach check to compare with last time.`);
  }
  const cited = [
    ...plan.sources,
    ...(evidencePlan?.sources ?? []),
    ...notes.recent.sources,
    ...notes.shortVisits.sources,
    ...notes.ownNumbers.sources,
  ];
  out.push(...sourcesLine([...new Set(cited)], catalogue, look));
  if (view.calendar) {
    const c = view.calendar;
    const sessions =
      c.sessions > 0
        ? `${plural(c.sessions, 'session')}${c.evidence ? ' (the studied dose)' : ''} from ${view.checkup?.sessionsFrom ?? c.start}, `
        : 'no massage sessions, ';
    out.push('', para(`Wrote ${sessions}a daily ${c.routine} routine and ${plural(c.rechecks, 're-check')} to ${c.file}.`, width, ''));
  } else {
    out.push('', paint.dim(wrap('Add --ics plan.ics to put it in your calendar, with the re-checks.', width)));
  }
  return `${out.join('\n')}\n`;
}
