/**
 * From triage, matched causes and facts to what to do: techniques that suit the leading causes
 * (minus those an answer rules out), one routine to start now, lifestyle tips aimed at the person's
 * triggers, and the stage plan. Then the whole check-in result, shaped as `check --json` (design §6).
 */
import type { Catalogue, Level, Plan, Routine, Stage, Technique, Tip } from '../content/schema.js';
import { type AnswersSoFar, RED_FLAGS } from './answer-ids.js';
import { deriveFacts, type Facts, factLabel, reportedRedFlags, stageOf } from './facts.js';
import { HELD_BACK, type MatchResult, matchCauses, type CauseMatch, type Fit } from './match.js';
import { planFor } from './stage.js';
import { plannedSeconds } from './timeline.js';
import { ruleFires, selfCareAllowed, type Triage, triage, type TriageOptions } from './triage.js';

export interface TechniqueAdvice {
  id: string;
  title: string;
  why: string;
  caution?: string;
}

export interface RoutineAdvice {
  id: string;
  title: string;
  seconds: number;
  gentle: boolean;
}

export interface TipAdvice {
  id: string;
  title: string;
  why: string;
}

export interface ProgrammeAdvice {
  id: string;
  title: string;
  text: string;
  /** The command that starts it. */
  command: string;
}

export interface CheckResult {
  /** Complete, or only what was asked before a serious answer stopped the interview. */
  answers: AnswersSoFar;
  triage: Triage;
  causes: CauseMatch[];
  /** How clearly the answers point to the causes (ties and weak matches say so). */
  fit: Fit;
  techniques: TechniqueAdvice[];
  routine: RoutineAdvice | null;
  /** The stage by duration and pain; null when the interview stopped before they were asked. */
  stage: Stage | null;
  plan: ({ stage: Stage } & Omit<Plan, 'stage'>) | null;
  tips: TipAdvice[];
  /** The strengthening programme, for recurring or long-lasting pain with no flags. */
  programme: ProgrammeAdvice | null;
  /** Follow-up check-ins (weeks from now), when self-care goes on; null at emergency or urgent. */
  recheck: { weeks: number[]; text: string } | null;
  /** Source ids behind what is shown (data/sources.json), so the advice can name them. */
  sources: string[];
  disclaimer: string;
}

/** Causes within this share of the top score count as leading: they drive techniques and routines. */
const LEADING_SHARE = 0.5;
const MAX_TECHNIQUES = 4;
const MAX_TIPS = 4;

type Parts = Pick<Catalogue, 'causes' | 'techniques' | 'routines' | 'tips'>;

export function leadingCauses(causes: readonly CauseMatch[]): CauseMatch[] {
  const top = causes[0]?.score ?? 0;
  return causes.filter((c) => c.score > 0 && c.score >= top * LEADING_SHARE);
}

/** The first avoid rule of a technique that the answers trigger, if any. */
export function avoidReason(technique: Pick<Technique, 'avoid'>, facts: Facts): string | undefined {
  return technique.avoid?.find((rule) => ruleFires({ all: [rule.when, ...(rule.also ?? [])] }, facts))?.why;
}

function routineById(catalogue: Pick<Catalogue, 'routines'>, id: string): Routine | undefined {
  return catalogue.routines.find((r) => r.id === id);
}

/** Routines some answer rules out: those of a technique whose avoid rule fires (e.g. pressure with nerve symptoms). */
function blockedRoutines(catalogue: Parts, facts: Facts): Set<string> {
  return new Set(catalogue.techniques.filter((t) => avoidReason(t, facts)).flatMap((t) => t.routines ?? []));
}

/**
 * Techniques that suit the leading causes, minus any an answer rules out. At "soon" only what the
 * referral allows: self-care done gently (a gentle routine, or nothing to press); a professional
 * decides the rest at the check-up.
 */
export function selectTechniques(catalogue: Parts, leading: readonly CauseMatch[], facts: Facts, level: Level): TechniqueAdvice[] {
  if (!selfCareAllowed(level) || leading.length === 0) return [];
  const scores = new Map(leading.map((c) => [c.id, c.score]));
  const titles = new Map(leading.map((c) => [c.id, c.title.toLowerCase()]));
  const candidates = catalogue.techniques
    .map((technique, order) => {
      const suits = leading.filter(
        (c) => technique.causes.includes(c.id) || catalogueCause(catalogue, c.id)?.techniques.includes(technique.id),
      );
      const weight = suits.reduce((sum, c) => sum + (scores.get(c.id) ?? 0), 0);
      return { technique, order, suits, weight };
    })
    .filter(({ technique, suits }) => suits.length > 0 && !avoidReason(technique, facts))
    .filter(({ technique }) => level !== 'soon' || (!technique.professionalOnly && hasGentleRoutine(catalogue, technique)))
    .sort((a, b) => b.weight - a.weight || Number(a.technique.professionalOnly) - Number(b.technique.professionalOnly) || a.order - b.order)
    .slice(0, MAX_TECHNIQUES);
  return candidates.map(({ technique, suits }) => {
    const why = `${technique.mayHelp} Suits ${suits.map((c) => titles.get(c.id)).join(' and ')}.`;
    const caution = technique.cautions[0];
    return caution ? { id: technique.id, title: technique.title, why, caution } : { id: technique.id, title: technique.title, why };
  });
}

const catalogueCause = (catalogue: Parts, id: string) => catalogue.causes.find((c) => c.id === id);

function hasGentleRoutine(catalogue: Parts, technique: Technique): boolean {
  const ids = technique.routines;
  if (ids === undefined || ids.length === 0) return true; // nothing to press or knead (e.g. heat or cold)
  return ids.some((id) => routineById(catalogue, id)?.gentle);
}

/**
 * One routine to start now: the first suitable routine of the leading causes (sessions before
 * single moves), gentle only at "soon", never one an answer rules out; the first gentle session
 * when nothing matches. None at emergency or urgent.
 */
export function selectRoutine(catalogue: Parts, leading: readonly CauseMatch[], facts: Facts, level: Level): RoutineAdvice | null {
  if (!selfCareAllowed(level)) return null;
  const blocked = blockedRoutines(catalogue, facts);
  const suitable = (r: Routine | undefined): r is Routine => r !== undefined && !blocked.has(r.id) && (level !== 'soon' || r.gentle);
  const fromCauses = leading
    .flatMap((c) => catalogueCause(catalogue, c.id)?.routines ?? [])
    .map((id) => routineById(catalogue, id))
    .filter(suitable);
  const choice =
    fromCauses.find((r) => r.kind === 'session') ??
    fromCauses[0] ??
    catalogue.routines.find((r) => r.kind === 'session' && r.gentle && !blocked.has(r.id));
  if (!choice) return null;
  const seconds = plannedSeconds(choice, (id) => routineById(catalogue, id));
  return { id: choice.id, title: choice.title, seconds, gentle: choice.gentle };
}

/** Tips aimed at the person's triggers first, then at the leading causes. */
export function selectTips(
  catalogue: Parts & Pick<Catalogue, 'questions' | 'redFlags' | 'facts'>,
  leading: readonly CauseMatch[],
  facts: Facts,
  level: Level,
): TipAdvice[] {
  if (!selfCareAllowed(level)) return [];
  const titles = new Map(leading.map((c) => [c.id, c.title.toLowerCase()]));
  const picked = catalogue.tips
    .map((tip, order) => {
      const triggers = [...tip.triggers, ...(tip.facts ?? [])].filter((id) => facts.has(id));
      const causes = tip.causes.filter((id) => titles.has(id));
      return { tip, order, triggers, causes };
    })
    .filter(({ triggers, causes }) => triggers.length > 0 || causes.length > 0)
    .sort((a, b) => b.triggers.length - a.triggers.length || b.causes.length - a.causes.length || a.order - b.order)
    .slice(0, MAX_TIPS);
  return picked.map(({ tip, triggers, causes }) => {
    const why =
      triggers.length > 0
        ? saidOf(catalogue, tip, triggers, tip.summary)
        : `It suits ${causes.map((id) => titles.get(id)).join(' and ')}. ${tip.summary}`;
    return { id: tip.id, title: tip.title, why };
  });
}

/** Why a tip was picked: the triggers quoted ("You said "driving" brings it on."); for other answers the tip speaks for itself. */
function saidOf(
  catalogue: Pick<Catalogue, 'questions' | 'redFlags' | 'facts'>,
  tip: Tip,
  present: readonly string[],
  summary: string,
): string {
  const triggers = present.filter((id) => tip.triggers.includes(id));
  if (triggers.length === 0) return summary;
  return `You said ${triggers.map((id) => `"${factLabel(catalogue, id).toLowerCase()}"`).join(' and ')} brings it on. ${summary}`;
}

/** The strengthening programme, for recurring or long-lasting pain when nothing calls for a check-up (design §7). */
export function suggestProgramme(catalogue: Pick<Catalogue, 'programme'>, facts: Facts, level: Level): ProgrammeAdvice | null {
  const { programme } = catalogue;
  if (level !== 'self-care' || !programme.when.some((id) => facts.has(id))) return null;
  return { id: programme.id, title: programme.title, text: programme.text, command: `neckcoach programme start ${programme.id}` };
}

/**
 * The whole check-in: answers → triage, causes, techniques, routine, plan and tips. Pure. There is
 * no plan at emergency or urgent, nor without a stage (an interview stopped early).
 */
export function checkIn(answers: AnswersSoFar, catalogue: Catalogue, options: TriageOptions = {}): CheckResult {
  const facts = deriveFacts(answers, catalogue);
  const verdict = triage(facts, catalogue, { ...options, answers });
  // Emergency and urgent: what may have contributed waits until someone has seen them.
  const matched: MatchResult = selfCareAllowed(verdict.level) ? matchCauses(facts, catalogue) : HELD_BACK;
  const leading = leadingCauses(matched.causes);
  const stage = stageOf(answers);
  // Emergency and urgent: no plan until a clinician has seen them (it would only invite waiting).
  const plan = stage && selfCareAllowed(verdict.level) ? { ...planFor(catalogue, stage) } : null;
  const techniques = selectTechniques(catalogue, leading, facts, verdict.level);
  const tips = selectTips(catalogue, leading, facts, verdict.level);
  const cited = [
    ...catalogue.safety.levels[verdict.level].sources,
    ...verdict.reasons.flatMap((r) => [...catalogue.redFlags, ...catalogue.escalations].find((x) => x.id === r.id)?.sources ?? []),
    ...leading.flatMap((c) => catalogue.causes.find((x) => x.id === c.id)?.sources ?? []),
    ...techniques.flatMap((t) => catalogue.techniques.find((x) => x.id === t.id)?.sources ?? []),
    ...(plan ? plan.sources : []),
    ...tips.flatMap((t) => catalogue.tips.find((x) => x.id === t.id)?.sources ?? []),
  ];
  const programme = suggestProgramme(catalogue, facts, verdict.level);
  return {
    answers: orderedAnswers(answers, catalogue),
    triage: verdict,
    causes: matched.causes,
    fit: matched.fit,
    techniques,
    routine: selectRoutine(catalogue, leading, facts, verdict.level),
    stage,
    plan,
    tips,
    programme,
    recheck: selfCareAllowed(verdict.level) ? { weeks: catalogue.recheck.weeks, text: catalogue.recheck.text } : null,
    sources: [...new Set(cited)],
    disclaimer: catalogue.safety.disclaimer.short,
  };
}

/** The history record of a check-in (design §6): `check {level, flags, causes, stage, pain}`; stage and pain only when asked. */
export function historyFields(result: CheckResult): Record<string, unknown> {
  return {
    level: result.triage.level,
    flags: reportedRedFlags(result.answers),
    causes: leadingCauses(result.causes).map((c) => c.id),
    ...(result.stage ? { stage: result.stage } : {}),
    ...(result.answers.pain !== undefined ? { pain: result.answers.pain } : {}),
    // Kept so a routine can choose the version of a move that suits them (arm symptoms: no hold on the chair).
    ...(Array.isArray(result.answers.symptoms) && result.answers.symptoms.length ? { symptoms: result.answers.symptoms } : {}),
  };
}

/** Answers in questionnaire order (red flags first), so echoes are stable. */
function orderedAnswers(answers: AnswersSoFar, catalogue: Pick<Catalogue, 'questions'>): AnswersSoFar {
  const ordered: Record<string, unknown> = { [RED_FLAGS]: answers.red_flags };
  for (const q of catalogue.questions) if (answers[q.id] !== undefined) ordered[q.id] = answers[q.id];
  return ordered as AnswersSoFar;
}

/**
 * The daily routine a plan's calendar suggests: the preferred one (the `routine.default` setting)
 * when it exists and suits the level, else the first gentle session.
 */
export function planRoutine(catalogue: Pick<Catalogue, 'routines'>, preferred: string | null, gentleOnly: boolean): RoutineAdvice | null {
  const wanted = preferred ? routineById(catalogue, preferred) : undefined;
  const choice = wanted && (!gentleOnly || wanted.gentle) ? wanted : catalogue.routines.find((r) => r.kind === 'session' && r.gentle);
  if (!choice) return null;
  return { id: choice.id, title: choice.title, seconds: plannedSeconds(choice, (id) => routineById(catalogue, id)), gentle: choice.gentle };
}
