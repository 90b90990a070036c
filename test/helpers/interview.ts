// Plays the check-in interview (core/interview.ts) with an answers file as the person's replies,
// and builds answers files that make each escalation rule fire: shared by the unit property test
// and the tmux e2e test, so both prove the same thing about the same files.
import type { Catalogue, EscalationRule } from '../../src/content/schema.js';
import type { Answers, AnswersSoFar } from '../../src/core/answer-ids.js';
import { afterStep, type InterviewState, nextStep, pendingSteps, type Step } from '../../src/core/interview.js';

type Parts = Pick<Catalogue, 'redFlagGroups' | 'redFlags' | 'questions' | 'facts' | 'escalations' | 'safety'>;

/** What the person answers at a step, read from their answers file. */
export function reply(file: Partial<Answers>, step: Step): string[] | string | number | undefined {
  if (step.kind !== 'question') return (file.red_flags ?? []).filter((id) => step.flags.includes(id));
  return file[step.question];
}

export interface Played {
  answers: AnswersSoFar;
  steps: Step[];
  stopped: boolean;
}

/** The interview as it would go: `knownKeys` came with the command (flags or a file), the rest is asked. */
export function playInterview(catalogue: Parts, file: Partial<Answers>, knownKeys: readonly string[] = []): Played {
  const known = Object.fromEntries(Object.entries(file).filter(([key]) => knownKeys.includes(key)));
  let state: InterviewState = {
    answers: { ...known, red_flags: (known.red_flags as string[] | undefined) ?? [] },
    asked: new Set(),
    flagsGiven: 'red_flags' in known,
  };
  const steps: Step[] = [];
  for (let step = nextStep(state, catalogue); step; step = nextStep(state, catalogue)) {
    steps.push(step);
    state = afterStep(state, step, reply(file, step), catalogue);
  }
  return { answers: state.answers, steps, stopped: pendingSteps(state, catalogue).length > 0 };
}

/** Every escalation rule with each of its `any` facts in turn (or none when it has no `any`). */
export function ruleCombinations(catalogue: Pick<Catalogue, 'escalations'>): [string, string | undefined][] {
  return catalogue.escalations.flatMap((rule) =>
    rule.any?.length ? rule.any.map((any): [string, string | undefined] => [rule.id, any]) : [[rule.id, undefined]],
  );
}

/** A minimal answers file that makes a rule's facts true: each `all` fact, and the `any` fact chosen. */
export function firingAnswers(
  catalogue: Pick<Catalogue, 'facts' | 'questions'>,
  rule: EscalationRule,
  anyFact: string | undefined,
): Answers {
  const file: Answers = { red_flags: [], duration: '5d', pain: 3 };
  const set = (fact: string) => {
    const source = catalogue.facts.find((f) => f.id === fact)?.from[0] ?? fact;
    if (source.startsWith('rf_')) file.red_flags = [...file.red_flags, source];
    else if (source === 'dur_2w_plus') file.duration = '3 weeks';
    else if (source === 'dur_6w_plus') file.duration = '7 weeks';
    else if (source === 'stage_acute') file.duration = '5 days';
    else if (source === 'pain_8_plus') file.pain = 9;
    else {
      const question = catalogue.questions.find((q) => q.answers?.some((a) => a.id === source));
      if (!question) throw new Error(`no answer makes "${source}" true`);
      file[question.id] = question.kind === 'multi' ? [...((file[question.id] as string[] | undefined) ?? []), source] : source;
    }
  };
  for (const fact of rule.all ?? []) set(fact);
  if (anyFact) set(anyFact);
  if (file.red_flags.length === 0) file.red_flags = ['none'];
  return file;
}
