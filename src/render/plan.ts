import type { Calendar, Catalogue, EvidencePlan, Plan } from '../content/schema.js';
import type { StageBasis } from '../core/stage.js';
import { bullet, type Look, para, sourcesLine } from './check.js';
import { wrap } from '../core/wrap.js';

export interface PlanView {
  basis: StageBasis;
  plan: Plan;
  /** The studied dose, shown with chronic plans and used by `--ics --evidence`. */
  evidencePlan: EvidencePlan | null;
  sessionMinutes: { min: number; max: number };
  calendar: { file: string; start: string; sessions: number; routine: string; evidence: boolean } | null;
  /** A referral from a recent check-in, shown first. */
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
  const { basis, plan, evidencePlan, sessionMinutes, calendar } = view;
  return { stage: plan.stage, basedOn: basis, plan, evidencePlan, sessionMinutes, calendar };
}

function basisText(basis: StageBasis): string {
  if (basis.kind === 'duration') return `from a duration of ${basis.duration}`;
  if (basis.kind === 'check-in') return `from your check-in of ${basis.at.slice(0, 10)}`;
  return 'as asked';
}

/** The article's table for every stage (this one marked), then this stage's guidance with the evidence beside it. */
export function renderPlan(view: PlanView, catalogue: Pick<Catalogue, 'plans' | 'sources'>, look: Look): string {
  const { paint, width } = look;
  const { plan, evidencePlan } = view;
  const out: string[] = [];
  if (view.banner) out.push(paint.yellow(wrap(view.banner, width)), '');
  out.push(paint.bold(`Massage-frequency plan: ${plan.stage} (${basisText(view.basis)})`));
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
  out.push('', paint.bold(plan.title));
  out.push(para(plan.guidance, width));
  out.push(para(`What the evidence says: ${plan.evidence}`, width));
  if (evidencePlan) {
    out.push('', paint.bold(evidencePlan.title));
    out.push(para(`${frequencyText(evidencePlan.calendar)}, ${evidencePlan.calendar.minutes} min. ${evidencePlan.note}`, width));
  }
  if (plan.between.length > 0) {
    out.push('', paint.bold('Between sessions'));
    for (const line of plan.between) out.push(bullet(line, width));
  }
  out.push(...sourcesLine([...new Set([...plan.sources, ...(evidencePlan?.sources ?? [])])], catalogue, look));
  if (view.calendar) {
    const c = view.calendar;
    out.push(
      '',
      para(
        `Wrote ${c.sessions} session${c.sessions === 1 ? '' : 's'}${c.evidence ? ' (the studied dose)' : ''} from ${c.start} and a daily ${c.routine} routine to ${c.file}.`,
        width,
        '',
      ),
    );
  } else {
    out.push('', paint.dim(wrap(`Add --ics plan.ics to put it in your calendar.`, width)));
  }
  return `${out.join('\n')}\n`;
}
