/**
 * Answers → a flat set of fact ids (content/schema.ts): the chosen answer ids, the reported
 * red-flag ids, the data facts standing for any of several answers (`nerve_symptom`), and the
 * facts computed here from duration and pain (DERIVED_FACTS). Triage and matching read only facts.
 */
import type { Catalogue, DerivedFact, FactId, Stage } from '../content/schema.js';
import { type Answers, type AnswersSoFar, NONE, RED_FLAGS } from './answer-ids.js';
import { DAY } from './clock.js';
import { parseSymptomDuration } from './duration.js';
import { stageFor } from './stage.js';

export type Facts = ReadonlySet<FactId>;

type Parts = Pick<Catalogue, 'questions' | 'redFlags' | 'facts'>;

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
  for (const fact of catalogue.facts) if (fact.from.some((id) => facts.has(id))) facts.add(fact.id);

  const ms = answers.duration === undefined ? undefined : parseSymptomDuration(answers.duration);
  const stage = stageOf(answers);
  if (stage) facts.add(`stage_${stage}`);
  if (ms !== undefined && ms >= DUR_2W) facts.add('dur_2w_plus');
  if (ms !== undefined && ms >= DUR_6W) facts.add('dur_6w_plus');
  if (answers.pain !== undefined) facts.add(painFact(answers.pain));
  return facts;
}

const DUR_2W = 14 * DAY;
const DUR_6W = 42 * DAY;

/** The stage of an answer set (maintenance with no pain now, duration or not), or null while it is not known. */
export function stageOf(answers: Partial<Pick<Answers, 'duration' | 'pain'>>): Stage | null {
  if (answers.pain === 0) return 'maintenance';
  if (answers.duration === undefined || answers.pain === undefined) return null;
  return stageFor(parseSymptomDuration(answers.duration), answers.pain);
}

/** What each computed fact means, and the questions it comes from (`questions --json` lists them as `facts`). */
export const DERIVED_LABELS: Record<DerivedFact, string> = {
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

export const DERIVED_FROM: Record<DerivedFact, readonly string[]> = {
  stage_acute: ['duration'],
  stage_subacute: ['duration'],
  stage_chronic: ['duration'],
  stage_maintenance: ['pain'],
  dur_2w_plus: ['duration'],
  dur_6w_plus: ['duration'],
  pain_0: ['pain'],
  pain_mild: ['pain'],
  pain_moderate: ['pain'],
  pain_8_plus: ['pain'],
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
  const fact = catalogue.facts.find((f) => f.id === id);
  if (fact) return fact.meaning;
  return DERIVED_LABELS[id as DerivedFact] ?? id;
}

/** The answers and red flags present that stand behind a data fact (`nerve_symptom` → "Numbness in an arm or hand"). */
export function factSources(catalogue: Parts, facts: Facts, id: FactId): string[] {
  const fact = catalogue.facts.find((f) => f.id === id);
  return fact ? fact.from.filter((from) => facts.has(from)).map((from) => factLabel(catalogue, from)) : [];
}

/**
 * A fact as the person gave it, for "what led to this": an answer or red flag quoted, a data fact by
 * the answers behind it, a computed fact with the answer it came from ("3 weeks" (2 weeks or more)).
 */
export function quoteFact(catalogue: Parts, facts: Facts, answers: Partial<Pick<Answers, 'duration' | 'pain'>>, id: FactId): string {
  const behind = factSources(catalogue, facts, id);
  if (behind.length > 0) return behind.map((label) => `"${label}"`).join(' and ');
  if (!isDerivedFact(id)) return `"${factLabel(catalogue, id)}"`;
  if (DERIVED_FROM[id][0] === 'pain') return answers.pain === undefined ? DERIVED_LABELS[id] : `a pain score of ${answers.pain} out of 10`;
  return answers.duration === undefined ? DERIVED_LABELS[id] : `"${answers.duration}" (${DERIVED_LABELS[id]})`;
}
