/**
 * Answers → a flat set of fact ids (content/schema.ts): the chosen answer ids, the reported
 * red-flag ids, and the facts derived here (DERIVED_FACTS). Triage and matching read only facts.
 */
import type { Catalogue, DerivedFact, FactId, Stage } from '../content/schema.js';
import { type Answers, type AnswersSoFar, NONE, RED_FLAGS } from './answer-ids.js';
import { DAY } from './clock.js';
import { parseSymptomDuration } from './duration.js';
import { stageFor } from './stage.js';

export type Facts = ReadonlySet<FactId>;

type Parts = Pick<Catalogue, 'questions' | 'redFlags'>;

/** The reported red-flag ids (never "none"). */
export function reportedRedFlags(answers: Pick<Answers, 'red_flags'>): string[] {
  return answers.red_flags.filter((id) => id !== NONE);
}

/** The answer ids chosen for every single/multi question. */
function chosenAnswerIds(answers: AnswersSoFar): string[] {
  return Object.entries(answers).flatMap(([key, value]) => {
    if (key === RED_FLAGS) return [];
    if (Array.isArray(value)) return value;
    return typeof value === 'string' && key !== 'duration' ? [value] : [];
  });
}

export function painFact(pain: number): DerivedFact {
  if (pain <= 0) return 'pain_0';
  if (pain <= 3) return 'pain_mild';
  if (pain <= 7) return 'pain_moderate';
  return 'pain_8_plus';
}

/** The facts of an answer set; one stopped early (no duration or pain yet) has no stage, duration or pain facts. */
export function deriveFacts(answers: AnswersSoFar, catalogue: Parts): Facts {
  const flags = reportedRedFlags(answers);
  const chosen = chosenAnswerIds(answers);
  const facts = new Set<FactId>([...chosen, ...flags]);

  const nerveIds = new Set([
    ...catalogue.questions.flatMap((q) => (q.answers ?? []).filter((a) => a.nerve).map((a) => a.id)),
    ...catalogue.redFlags.filter((f) => f.nerve).map((f) => f.id),
  ]);
  if ([...facts].some((id) => nerveIds.has(id))) facts.add('nerve_symptom');

  const ms = answers.duration === undefined ? undefined : parseSymptomDuration(answers.duration);
  const stage = stageOf(answers);
  if (stage) facts.add(`stage_${stage}`);
  if (ms !== undefined && ms >= 14 * DAY) facts.add('dur_2w_plus');
  if (ms !== undefined && ms >= 42 * DAY) facts.add('dur_6w_plus');
  if (answers.pain !== undefined) facts.add(painFact(answers.pain));
  return facts;
}

/** The stage of an answer set, or null while the duration or the pain is not known. */
export function stageOf(answers: Partial<Pick<Answers, 'duration' | 'pain'>>): Stage | null {
  if (answers.duration === undefined || answers.pain === undefined) return null;
  return stageFor(parseSymptomDuration(answers.duration), answers.pain);
}

const DERIVED_LABELS: Record<DerivedFact, string> = {
  nerve_symptom: 'a nerve symptom (tingling, numbness or weakness)',
  stage_acute: 'pain for under 6 weeks',
  stage_subacute: 'pain for 6 to 12 weeks',
  stage_chronic: 'pain for over 12 weeks',
  stage_maintenance: 'no pain right now',
  dur_2w_plus: 'pain for 2 weeks or more',
  dur_6w_plus: 'pain for 6 weeks or more',
  pain_0: 'a pain score of 0',
  pain_mild: 'a pain score of 1 to 3',
  pain_moderate: 'a pain score of 4 to 7',
  pain_8_plus: 'a pain score of 8 or more',
};

export const isDerivedFact = (id: FactId): id is DerivedFact => Object.hasOwn(DERIVED_LABELS, id);

/** A person-readable name for a fact: the answer's label, the red flag's label, or the derived fact's. */
export function factLabel(catalogue: Parts, id: FactId): string {
  for (const q of catalogue.questions) {
    const answer = q.answers?.find((a) => a.id === id);
    if (answer) return answer.label;
  }
  const flag = catalogue.redFlags.find((f) => f.id === id);
  if (flag) return flag.label;
  return DERIVED_LABELS[id as DerivedFact] ?? id;
}

/** The facts that stand behind `id` in this set: a nerve_symptom names the nerve answers given. */
export function explainFact(catalogue: Parts, facts: Facts, id: FactId): string {
  if (id !== 'nerve_symptom') return factLabel(catalogue, id);
  const nerve = [
    ...catalogue.questions.flatMap((q) => (q.answers ?? []).filter((a) => a.nerve && facts.has(a.id))),
    ...catalogue.redFlags.filter((f) => f.nerve && facts.has(f.id)),
  ].map((item) => item.label);
  return nerve.length > 0 ? `a nerve symptom (${nerve.join('; ')})` : factLabel(catalogue, id);
}
