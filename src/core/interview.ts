/**
 * The order of the interactive check-in, decided from the answers so far (pure, so a test can play
 * any answers file through it): the red-flag pages, then the questions. An emergency ends it at
 * once. An urgent answer asks only what could still raise it to an emergency (a red flag, or the
 * missing facts of an emergency rule that can still fire), so the interview and an answers file
 * reach the same level for every combination in the escalation rules.
 */
import type { Catalogue, EscalationRule } from '../content/schema.js';
import { type AnswersSoFar, RED_FLAGS } from './answer-ids.js';
import { DERIVED_FROM, deriveFacts, type Facts, reportedRedFlags } from './facts.js';
import { ruleFires, triage } from './triage.js';

export type Step =
  /** One red-flag page; ticks add to `red_flags`, and "none" is recorded once every page is seen. */
  | { kind: 'flags'; key: string; group: string; flags: readonly string[] }
  /** The injury flags again, for someone who says it began with an injury but ticked neither. */
  | { kind: 'recheck'; key: string; flags: readonly string[] }
  | { kind: 'question'; key: string; question: string };

export interface InterviewState {
  /** Answers so far; `red_flags` holds the ticks so far while the pages are being asked. */
  answers: AnswersSoFar;
  /** Keys of the steps already asked. */
  asked: ReadonlySet<string>;
  /** The red flags came with the command (a file or flags): no pages to ask. */
  flagsGiven: boolean;
}

type Parts = Pick<Catalogue, 'redFlagGroups' | 'redFlags' | 'questions' | 'facts' | 'escalations' | 'safety'>;

/** The injury red flags: asked again when someone says the pain began with an injury but ticked neither. */
export const INJURY_FLAGS: readonly string[] = ['rf_trauma_major', 'rf_trauma_minor'];
const INJURY_ONSET = 'onset_after_injury';

/** Every step not yet asked, in the order they would be asked. */
export function pendingSteps(state: InterviewState, catalogue: Parts): Step[] {
  const { answers, asked } = state;
  const steps: Step[] = [];
  if (!state.flagsGiven) {
    for (const group of catalogue.redFlagGroups) {
      const flags = catalogue.redFlags.filter((f) => f.group === group.id).map((f) => f.id);
      const key = `flags:${group.id}`;
      if (flags.length > 0 && !asked.has(key)) steps.push({ kind: 'flags', key, group: group.id, flags });
    }
  }
  // Once the pages are done, the injury flags come back first whenever the onset calls for them.
  const reported = reportedRedFlags(answers);
  if (
    steps.length === 0 &&
    answers.onset === INJURY_ONSET &&
    !INJURY_FLAGS.some((id) => reported.includes(id)) &&
    !asked.has('recheck:injury')
  ) {
    steps.push({ kind: 'recheck', key: 'recheck:injury', flags: INJURY_FLAGS });
  }
  for (const q of catalogue.questions) {
    if (answers[q.id] === undefined && !asked.has(q.id)) steps.push({ kind: 'question', key: q.id, question: q.id });
  }
  return steps;
}

/** The fact ids a step could add: its red flags, its answers, or the facts computed from duration and pain. */
function supplies(step: Step, catalogue: Parts): ReadonlySet<string> {
  if (step.kind !== 'question') return new Set(step.flags);
  const question = catalogue.questions.find((q) => q.id === step.question);
  const computed = Object.entries(DERIVED_FROM)
    .filter(([, from]) => from.includes(step.question))
    .map(([id]) => id);
  return new Set([...(question?.answers ?? []).map((a) => a.id), ...computed]);
}

/** Whether some pending step could still make `id` true. */
function canSupply(id: string, offered: ReadonlySet<string>, catalogue: Parts): boolean {
  if (offered.has(id)) return true;
  const fact = catalogue.facts.find((f) => f.id === id);
  return fact !== undefined && fact.from.some((from) => offered.has(from));
}

/** The facts an emergency rule still needs, or null when the remaining steps cannot make it fire. */
function stillNeeded(rule: EscalationRule, facts: Facts, offered: ReadonlySet<string>, catalogue: Parts): string[] | null {
  if ((rule.none ?? []).some((id) => facts.has(id))) return null;
  const all = (rule.all ?? []).filter((id) => !facts.has(id));
  if (!all.every((id) => canSupply(id, offered, catalogue))) return null;
  const anyMet = !rule.any?.length || rule.any.some((id) => facts.has(id));
  const any = anyMet ? [] : (rule.any ?? []).filter((id) => canSupply(id, offered, catalogue));
  if (!anyMet && any.length === 0) return null;
  return [...all, ...any];
}

/** Whether a step could raise the answers so far to an emergency. */
function couldRaiseToEmergency(step: Step, facts: Facts, pending: readonly Step[], catalogue: Parts): boolean {
  const offered = new Set(pending.flatMap((s) => [...supplies(s, catalogue)]));
  const mine = supplies(step, catalogue);
  const emergencyFlags = catalogue.redFlags.filter((f) => f.urgency === 'emergency').map((f) => f.id);
  if (emergencyFlags.some((id) => mine.has(id))) return true;
  return catalogue.escalations
    .filter((rule) => rule.level === 'emergency' && !ruleFires(rule, facts))
    .some((rule) => (stillNeeded(rule, facts, offered, catalogue) ?? []).some((id) => canSupply(id, mine, catalogue)));
}

/** The steps still worth asking, in order: none after an emergency, only what could make it one after an urgent finding. */
export function stepsToAsk(state: InterviewState, catalogue: Parts): Step[] {
  const pending = pendingSteps(state, catalogue);
  const facts = deriveFacts(state.answers, catalogue);
  const { level } = triage(facts, catalogue);
  if (level === 'emergency') return [];
  if (level === 'urgent') return pending.filter((step) => couldRaiseToEmergency(step, facts, pending, catalogue));
  return pending;
}

/** The next step to ask, or undefined when the interview is over (or stops for an emergency or an urgent finding). */
export const nextStep = (state: InterviewState, catalogue: Parts): Step | undefined => stepsToAsk(state, catalogue)[0];

/**
 * The answers after a step: ticks join `red_flags`; the last red-flag page with nothing ticked
 * records "none"; a question's answer (undefined when skipped) is set.
 */
export function afterStep(
  state: InterviewState,
  step: Step,
  answer: readonly string[] | string | number | undefined,
  catalogue: Parts,
): InterviewState {
  const asked = new Set([...state.asked, step.key]);
  let answers: AnswersSoFar = { ...state.answers };
  if (step.kind === 'question') {
    if (answer !== undefined) answers[step.question] = answer as string | string[] | number;
  } else {
    const reported = [...reportedRedFlags(answers), ...((answer as readonly string[] | undefined) ?? [])];
    const pagesLeft =
      !state.flagsGiven &&
      catalogue.redFlagGroups.some((g) => !asked.has(`flags:${g.id}`) && catalogue.redFlags.some((f) => f.group === g.id));
    answers = { ...answers, [RED_FLAGS]: reported.length > 0 ? reported : pagesLeft ? [] : ['none'] };
  }
  return { ...state, answers, asked };
}
