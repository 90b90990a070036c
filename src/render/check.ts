import type { ChalkInstance } from 'chalk';
import type { Catalogue, Level, RedFlag, Source } from '../content/schema.js';
import { NONE, RED_FLAGS } from '../core/answer-ids.js';
import type { Comparison } from '../core/checkin.js';
import { DERIVED_FROM, DERIVED_LABELS } from '../core/facts.js';
import { addDays } from '../core/time.js';
import { type CheckResult, leadingCauses } from '../core/recommend.js';
import { selfCareAllowed } from '../core/triage.js';
import { formatSeconds, plural } from './output.js';
import { wrap } from '../core/wrap.js';

/** A follow-up check-in: how many weeks after this one, and its date. */
export interface FollowUp {
  weeks: number;
  date: string;
}

/** The follow-up check-ins after a check-in made at `at` (ISO with offset). */
export function followUps(result: Pick<CheckResult, 'recheck'>, at: string): FollowUp[] {
  return (result.recheck?.weeks ?? []).map((weeks) => ({ weeks, date: addDays(at.slice(0, 10), weeks * 7) }));
}

/** `check --json` (design §6), in contract order, then what this check-in adds; printJson adds schemaVersion. */
export function checkDocument(result: CheckResult, at: string, previous: Comparison | null): Record<string, unknown> {
  const { answers, triage, causes, fit, techniques, routine, plan, tips, programme, sources, disclaimer } = result;
  return {
    at,
    answers,
    triage,
    causes,
    fit,
    techniques,
    routine,
    plan,
    tips,
    programme,
    followUp: followUps(result, at),
    previous,
    sources,
    disclaimer,
  };
}

export interface Look {
  paint: ChalkInstance;
  width: number;
}

const LEVEL_MARK: Record<Level, string> = { emergency: '!!', urgent: '!', soon: '>', 'self-care': '-' };

function levelColour(paint: ChalkInstance, level: Level): ChalkInstance {
  if (level === 'emergency') return paint.bold.red;
  if (level === 'urgent') return paint.red;
  if (level === 'soon') return paint.yellow;
  return paint.green;
}

/** `• text`, wrapped with a hanging indent; a `lead` (e.g. a title) is painted after wrapping, so colour codes never count as width. */
export function bullet(text: string, width: number, indent = '  ', lead?: { text: string; paint: (s: string) => string }): string {
  const lines = wrap(lead ? `${lead.text}: ${text}` : text, width - indent.length - 2).split('\n');
  if (lead && lines[0]?.startsWith(lead.text)) lines[0] = lead.paint(lead.text) + lines[0].slice(lead.text.length);
  return lines.map((line, i) => `${indent}${i === 0 ? '• ' : '  '}${line}`).join('\n');
}

/** A wrapped paragraph, indented under its heading. */
export const para = (text: string, width: number, indent = '  ') => wrap(text, width, indent);

/** A short citation: first author and year, or the publisher (its acronym when it gives one). */
export function citation(source: Pick<Source, 'title' | 'authors' | 'publisher' | 'year'>): string {
  const year = source.year ? ` ${source.year}` : '';
  if (source.authors) return `${source.authors.split(/[ ,]/)[0]}${year}`;
  const publisher = source.publisher ?? source.title;
  const acronym = /\(([A-Z]{2,})\)/.exec(publisher)?.[1];
  return `${acronym ?? publisher.replace(/\s*\d{4}$/, '')}${year}`;
}

/** "Sources: NICE 2013; Stiell 2001." for the source ids given, dimmed; nothing when none are known. */
export function sourcesLine(ids: readonly string[], catalogue: Pick<Catalogue, 'sources'>, look: Look): string[] {
  const cited = ids.map((id) => catalogue.sources.find((s) => s.id === id)).filter((s) => s !== undefined);
  return cited.length > 0 ? ['', look.paint.dim(wrap(`Sources: ${cited.map(citation).join('; ')}.`, look.width))] : [];
}

/** Reasons shown with the verdict; the rest are named in the details, so the verdict fits a screen. */
const TOP_REASONS = 4;

/**
 * The human check-in. First what fits one screen (24 lines at 80 columns): the verdict, what led
 * to it in the person's own answers, and the one next step. Then the details: why those answers
 * matter, what is held back, contributors, techniques, the routine, plan, tips, follow-up.
 */
export function renderCheck(
  result: CheckResult,
  catalogue: Pick<Catalogue, 'safety' | 'sources' | 'redFlags'>,
  look: Look,
  context: { at: string; previous: Comparison | null },
): string {
  const { paint, width } = look;
  const heading = (text: string) => paint.bold(text);
  const { triage } = result;
  const level = triage.level;
  const advice = catalogue.safety.levels[level];
  const colour = levelColour(paint, level);
  const out: string[] = [];

  out.push(colour(`${LEVEL_MARK[level]} ${advice.title}`));
  if (level !== 'self-care')
    out.push(para(triage.advice.text, width, ''), para(`Who: ${triage.advice.whom}. When: ${triage.advice.when}.`, width, ''));
  if (triage.reasons.length > 0) {
    out.push('', heading('What led to this'));
    for (const reason of triage.reasons.slice(0, TOP_REASONS)) {
      const note = reason.level === level ? catalogue.redFlags.find((f) => f.id === reason.id)?.note : undefined;
      out.push(bullet(`${reason.said}.${note ? ` ${note}` : ''}`, width));
    }
    const more = triage.reasons.length - TOP_REASONS;
    if (more > 0) out.push(bullet(`and ${plural(more, 'more answer')}, listed below.`, width));
  }
  if (context.previous) out.push('', para(context.previous.text, width, ''));
  out.push('', para(`${paint.bold('Next step:')} ${nextStep(result, triage.advice.next)}`, width, ''));

  out.push('', paint.dim('More detail'));
  if (triage.reasons.length > 0) {
    out.push('', heading('Why these answers matter'));
    for (const reason of triage.reasons) out.push(bullet(reason.text, width));
  }
  if (triage.notes.length > 0) {
    out.push('', heading('Worth knowing'));
    for (const note of triage.notes) out.push(bullet(note.text, width));
  }
  if (level !== 'self-care') out.push('', para(`Held back for now: ${advice.holdsBack}`, width, ''));
  if (result.answers.pattern === 'pattern_recurring' && result.stage && result.stage !== 'maintenance') {
    out.push(
      '',
      para(
        `You said it comes and goes: the stage and plan follow this flare-up (${result.answers.duration}), and earlier flares do not count against you.`,
        width,
        '',
      ),
    );
  }

  const leading = leadingCauses(result.causes);
  if (result.fit.kind !== 'held-back') {
    out.push('', heading(catalogue.safety.claims.causesHeading));
    out.push(para(result.fit.text, width));
    for (const cause of leading) {
      out.push(`  ${paint.bold(cause.title)}`);
      for (const why of cause.why) out.push(bullet(why, width, '    '));
    }
  }
  if (result.techniques.length > 0) {
    out.push('', heading('Techniques that may help'));
    for (const t of result.techniques) {
      out.push(bullet(`${t.why}${t.caution ? ` Caution: ${t.caution}` : ''}`, width, '  ', { text: t.title, paint: paint.bold }));
    }
  }
  if (result.routine) {
    const r = result.routine;
    out.push('', heading('A routine to start now'));
    out.push(para(`${r.title} (${formatSeconds(r.seconds)}${r.gentle ? ', gentle' : ''}): neckcoach routine ${r.id}`, width));
  }
  if (result.programme) {
    const p = result.programme;
    out.push('', heading(p.title), para(p.text, width), para(`Start it with: ${p.command}`, width));
  }
  const plan = result.plan;
  if (plan) {
    out.push('', heading(`Your stage is ${plan.stage}: ${plan.title.charAt(0).toLowerCase()}${plan.title.slice(1)}`));
    out.push(para(plan.guidance, width));
    out.push(para(`What the evidence says: ${plan.evidence}`, width));
    if (plan.between.length > 0) {
      out.push(para('Between sessions:', width));
      for (const line of plan.between) out.push(bullet(line, width, '    '));
    }
    out.push(para(`neckcoach plan --ics plan.ics puts it in your calendar, with the re-checks.`, width));
  }
  if (result.tips.length > 0) {
    out.push('', heading('Everyday changes'));
    for (const tip of result.tips) out.push(bullet(tip.why, width, '  ', { text: tip.title, paint: paint.bold }));
  }
  const follow = followUps(result, context.at);
  if (follow.length > 0 && result.recheck) {
    const dates = follow.map((f) => `${f.date} (${plural(f.weeks, 'week')})`).join(' and ');
    out.push('', heading('Check in again'), para(`Around ${dates}. ${result.recheck.text}`, width));
  }

  out.push(...sourcesLine(result.sources, catalogue, look));
  out.push(paint.dim(wrap(result.disclaimer, width)));
  // The verdict again, last, so it is on screen when the rest has scrolled away.
  out.push('', colour(wrap(`${LEVEL_MARK[level]} ${advice.title}. Who: ${triage.advice.whom}. When: ${triage.advice.when}.`, width)));
  return `${out.join('\n')}\n`;
}

/** The one next step: the level's, with the routine to start where there is one. */
function nextStep(result: CheckResult, next: string): string {
  const r = result.routine;
  if (!r || !selfCareAllowed(result.triage.level)) return next;
  const run = `neckcoach routine ${r.id} (${r.title}, ${formatSeconds(r.seconds)})`;
  return result.triage.level === 'soon' ? `${next} A gentle routine for now: ${run}.` : `Start now with ${run}. ${next}`;
}

type Questionnaire = Pick<Catalogue, 'redFlagGroups' | 'redFlags' | 'escalations' | 'questions' | 'facts'>;

/** A red flag's whole question in one string: the question, then its signs. */
export function fullQuestion(flag: Pick<RedFlag, 'question' | 'signs'>): string {
  return flag.signs?.length ? `${flag.question} ${flag.signs.join('; ')}.` : flag.question;
}

/**
 * `questions --json` (design §6). `questions` starts with `red_flags` itself, so the list is
 * exactly the keys an answers file may have: the red-flag ids, or "none" (never assumed). `facts`
 * are every id a rule can name that is not an answer: grouped answers and the computed facts.
 */
export function questionsDocument(catalogue: Questionnaire): Record<string, unknown> {
  return {
    redFlags: catalogue.redFlags.map((f) => ({
      id: f.id,
      group: f.group,
      label: f.label,
      question: fullQuestion(f),
      ...(f.signs ? { signs: f.signs } : {}),
      urgency: f.urgency,
      whom: f.whom,
    })),
    redFlagGroups: catalogue.redFlagGroups.map(({ id, title }) => ({ id, title })),
    escalations: catalogue.escalations.map(({ id, all, any, none, level, reason }) => ({
      id,
      all: all ?? [],
      any: any ?? [],
      ...(none ? { none } : {}),
      level,
      reason,
    })),
    facts: [
      ...catalogue.facts.map(({ id, meaning, from }) => ({ id, meaning, from })),
      ...Object.entries(DERIVED_LABELS).map(([id, meaning]) => ({ id, meaning, from: DERIVED_FROM[id as keyof typeof DERIVED_FROM] })),
    ],
    questions: [
      {
        id: RED_FLAGS,
        text: 'Do any of the warning signs apply? List the ids that do, or ["none"].',
        kind: 'multi',
        required: true,
        answers: [...catalogue.redFlags.map(({ id, label }) => ({ id, label })), { id: NONE, label: 'None of these' }],
      },
      ...catalogue.questions.map(({ id, text, kind, required, answers, min, max, help }) => ({
        id,
        text,
        kind,
        required,
        ...(answers ? { answers: answers.map(({ id: answer, label }) => ({ id: answer, label })) } : {}),
        ...(min !== undefined ? { min } : {}),
        ...(max !== undefined ? { max } : {}),
        ...(help ? { help } : {}),
      })),
    ],
  };
}

/** The questionnaire for people: the red-flag screen by page, then each question with its answer ids. */
export function renderQuestions(catalogue: Questionnaire, look: Look): string {
  const { paint, width } = look;
  const out: string[] = [paint.bold('Safety check (asked first)')];
  out.push(para(`Answer key "${RED_FLAGS}": the ids that apply, or ["${NONE}"]. It is never assumed.`, width));
  for (const group of catalogue.redFlagGroups) {
    out.push('', `  ${paint.bold(group.title)}`);
    for (const flag of catalogue.redFlags.filter((f) => f.group === group.id)) {
      out.push(
        para(`${flag.id} (${flag.urgency}): ${flag.label}`, width, '    ').replace(flag.id, paint.cyan(flag.id)),
        para(flag.question, width, '      '),
      );
      for (const sign of flag.signs ?? []) out.push(bullet(sign, width, '      '));
    }
  }
  out.push('', paint.bold('Questions'));
  for (const q of catalogue.questions) {
    const range = q.kind === 'number' ? ` ${q.min ?? 0}-${q.max ?? 10}` : '';
    const head = `${q.id} (${q.kind}${range}, ${q.required ? 'required' : 'optional'}): ${q.text}`;
    out.push('', para(head, width).replace(q.id, paint.cyan(q.id)));
    if (q.help) out.push(para(q.help, width, '    '));
    const ids = q.answers ?? [];
    const pad = Math.max(0, ...ids.map((a) => a.id.length));
    for (const a of ids) out.push(`    ${paint.cyan(a.id.padEnd(pad))}  ${a.label}`);
  }
  out.push('', para('Facts the rules name besides answer ids:', width));
  for (const fact of catalogue.facts) out.push(bullet(`${fact.id}: ${fact.meaning} (any of ${fact.from.join(', ')})`, width));
  for (const [id, meaning] of Object.entries(DERIVED_LABELS)) out.push(bullet(`${id}: ${meaning}`, width));
  out.push('', para('Rules that raise the level when answers combine:', width));
  for (const rule of catalogue.escalations) out.push(bullet(`${rule.id} (${rule.level}): ${rule.reason}`, width));
  out.push(
    '',
    para(
      'Use the ids in an answers file (neckcoach check --answers file.json) or as flags, e.g. neckcoach check --no-red-flags --duration "3 weeks" --pain 4 --trigger trig_desk.',
      width,
    ),
  );
  return `${out.join('\n')}\n`;
}
