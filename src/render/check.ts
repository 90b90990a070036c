import type { ChalkInstance } from 'chalk';
import type { Catalogue, Level, Source } from '../content/schema.js';
import { NONE, RED_FLAGS } from '../core/answer-ids.js';
import { type CheckResult, leadingCauses, selfCareAllowed } from '../core/recommend.js';
import { formatSeconds } from './output.js';
import { wrap } from '../core/wrap.js';

/** `check --json` (design §6), in contract order; printJson adds schemaVersion. */
export function checkDocument(result: CheckResult, at: string): Record<string, unknown> {
  const { answers, triage, causes, fit, techniques, routine, plan, tips, sources, disclaimer } = result;
  return { at, answers, triage, causes, fit, techniques, routine, plan, tips, sources, disclaimer };
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

/** The human check-in: triage first, then causes, techniques, routine, plan, tips, disclaimer. */
export function renderCheck(result: CheckResult, catalogue: Pick<Catalogue, 'safety' | 'sources'>, look: Look): string {
  const { paint, width } = look;
  const heading = (text: string) => paint.bold(text);
  const { triage } = result;
  const level = triage.level;
  const advice = catalogue.safety.levels[level];
  const out: string[] = [];

  const colour = levelColour(paint, level);
  out.push(colour(`${LEVEL_MARK[level]} ${advice.title}`));
  if (level !== 'self-care') out.push(para(`Who: ${triage.advice.whom}. When: ${triage.advice.when}.`, width));
  out.push(para(triage.advice.text, width));
  if (triage.reasons.length > 0) {
    out.push('', heading('What led to this'));
    for (const reason of triage.reasons) out.push(bullet(reason.text, width));
  }

  const leading = leadingCauses(result.causes);
  out.push('', heading(catalogue.safety.claims.causesHeading));
  out.push(para(result.fit.text, width));
  for (const cause of leading) {
    out.push(`  ${paint.bold(cause.title)}`);
    for (const why of cause.why) out.push(bullet(why, width, '    '));
  }

  if (!selfCareAllowed(level)) {
    out.push('', para('Techniques, routines and the massage plan are held back until a clinician has seen you.', width));
  } else {
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
      if (level === 'soon') out.push(para('Gentle movement only until you have been checked.', width));
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
      out.push(para(`neckcoach plan --stage ${plan.stage} --ics plan.ics puts it in your calendar.`, width));
    }
    if (result.tips.length > 0) {
      out.push('', heading('Everyday changes'));
      for (const tip of result.tips) out.push(bullet(tip.why, width, '  ', { text: tip.title, paint: paint.bold }));
    }
  }

  out.push(...sourcesLine(result.sources, catalogue, look));
  out.push(paint.dim(wrap(result.disclaimer, width)));
  // The verdict again, last, so it is on screen when the rest has scrolled away.
  out.push('', colour(wrap(`${LEVEL_MARK[level]} ${advice.title}. Who: ${triage.advice.whom}. When: ${triage.advice.when}.`, width)));
  return `${out.join('\n')}\n`;
}

type Questionnaire = Pick<Catalogue, 'redFlagGroups' | 'redFlags' | 'escalations' | 'questions'>;

/**
 * `questions --json` (design §6). `questions` starts with `red_flags` itself, so the list is
 * exactly the keys an answers file may have: the red-flag ids, or "none" (never assumed).
 */
export function questionsDocument(catalogue: Questionnaire): Record<string, unknown> {
  return {
    redFlags: catalogue.redFlags.map(({ id, group, question, urgency, whom }) => ({ id, group, question, urgency, whom })),
    redFlagGroups: catalogue.redFlagGroups.map(({ id, title }) => ({ id, title })),
    escalations: catalogue.escalations.map(({ id, all, any, none, level, reason }) => ({ id, all: all ?? [], any: any ?? [], ...(none ? { none } : {}), level, reason })),
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
      out.push(`    ${paint.cyan(flag.id)} (${flag.urgency})`, para(flag.question, width, '      '));
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
  out.push('', para('Rules that raise the level when answers combine:', width));
  for (const rule of catalogue.escalations) out.push(bullet(`${rule.id} (${rule.level}): ${rule.reason}`, width));
  out.push('', para('Use the ids in an answers file (neckcoach check --answers file.json) or as flags, e.g. neckcoach check --no-red-flags --duration 3w --pain 4 --trigger trig_desk.', width));
  return `${out.join('\n')}\n`;
}
