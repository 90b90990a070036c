// The interactive check-in and an answers file must reach the same level: the interview is played
// here through core/interview.ts with the file's answers as the person's replies.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/content/catalogue.js';
import type { Answers, AnswersSoFar } from '../../src/core/answer-ids.js';
import { afterStep, type InterviewState, nextStep, pendingSteps, type Step } from '../../src/core/interview.js';
import { checkIn } from '../../src/core/recommend.js';

const catalogue = await loadCatalogue();

/** What the person answers at a step, read from their answers file. */
function reply(file: Partial<Answers>, step: Step): string[] | string | number | undefined {
  if (step.kind !== 'question') return (file.red_flags ?? []).filter((id) => step.flags.includes(id));
  return file[step.question];
}

/** Plays the interview: `known` came with the command (flags or a file), the rest is asked. */
function interview(file: Partial<Answers>, knownKeys: readonly string[] = []): { answers: AnswersSoFar; asked: string[]; stopped: boolean } {
  const known = Object.fromEntries(Object.entries(file).filter(([key]) => knownKeys.includes(key)));
  let state: InterviewState = { answers: { ...known, red_flags: (known.red_flags as string[] | undefined) ?? [] }, asked: new Set(), flagsGiven: 'red_flags' in known };
  const asked: string[] = [];
  for (let step = nextStep(state, catalogue); step; step = nextStep(state, catalogue)) {
    asked.push(step.key);
    state = afterStep(state, step, reply(file, step), catalogue);
  }
  return { answers: state.answers, asked, stopped: pendingSteps(state, catalogue).length > 0 };
}

const levelOf = (answers: Partial<Answers>) => checkIn(answers as AnswersSoFar, catalogue).triage.level;

const flagIds = catalogue.redFlags.map((f) => f.id);
const answersArb: fc.Arbitrary<Answers> = fc
  .record({
    red_flags: fc.oneof(fc.constant(['none']), fc.uniqueArray(fc.constantFrom(...flagIds), { minLength: 1, maxLength: 3 })),
    duration: fc.constantFrom('today', '5d', '3w', '7w', '4mo', '2y'),
    pain: fc.integer({ min: 0, max: 10 }),
    rest: fc.tuple(
      ...catalogue.questions
        .filter((q) => q.kind === 'single' || q.kind === 'multi')
        .map((q) => {
          const ids = q.answers!.map((a) => a.id);
          const value = q.kind === 'multi' ? fc.uniqueArray(fc.constantFrom(...ids), { minLength: 1, maxLength: 3 }) : fc.constantFrom(...ids);
          return fc.option(value.map((v) => [q.id, v] as const), { nil: undefined });
        }),
    ),
  })
  .map(({ rest, ...required }) => ({ ...required, ...Object.fromEntries(rest.filter((e) => e !== undefined)) }) as Answers);
const knownArb = fc.subarray(['red_flags', 'duration', 'pain', 'symptoms', 'onset']);

/** An answers file that makes a rule's facts true: each `all` fact, and the `any` fact chosen. */
function firing(rule: (typeof catalogue.escalations)[number], anyFact: string | undefined): Answers {
  const file: Answers = { red_flags: [], duration: '5d', pain: 3 };
  const set = (fact: string) => {
    const source = catalogue.facts.find((f) => f.id === fact)?.from[0] ?? fact;
    if (source.startsWith('rf_')) file.red_flags = [...file.red_flags, source];
    else if (source.startsWith('dur_')) file.duration = source === 'dur_6w_plus' ? '7w' : '3w';
    else if (source === 'stage_acute') file.duration = '5d';
    else if (source === 'stage_chronic') file.duration = '4mo';
    else if (source === 'pain_8_plus') file.pain = 9;
    else if (source === 'pain_0') file.pain = 0;
    else {
      const question = catalogue.questions.find((q) => q.answers?.some((a) => a.id === source))!;
      file[question.id] = question.kind === 'multi' ? [...((file[question.id] as string[] | undefined) ?? []), source] : source;
    }
  };
  for (const fact of rule.all ?? []) set(fact);
  if (anyFact) set(anyFact);
  if (file.red_flags.length === 0) file.red_flags = ['none'];
  return file;
}

describe('the interview and an answers file agree', () => {
  const combinations: [string, string | undefined][] = catalogue.escalations.flatMap((rule) =>
    rule.any?.length ? rule.any.map((any): [string, string | undefined] => [rule.id, any]) : [[rule.id, undefined]],
  );

  it.each(combinations)('%s (with %s): the same level asked interactively as from the file', (id, any) => {
    const rule = catalogue.escalations.find((r) => r.id === id)!;
    const file = firing(rule, any);
    const expected = levelOf(file);
    expect(checkIn(file, catalogue).triage.reasons.map((r) => r.id).concat(checkIn(file, catalogue).triage.notes.map((n) => n.id))).toContain(id);
    expect(levelOf(interview(file).answers)).toBe(expected);
  });

  it('for any answers, however many come as flags', () => {
    fc.assert(
      fc.property(answersArb, knownArb, (file, known) => {
        expect(levelOf(interview(file, known).answers)).toBe(levelOf(file));
      }),
      { numRuns: 1500 },
    );
  });
});

describe('the order of the interview', () => {
  const none = { red_flags: ['none'], duration: '3w', pain: 4 } as Answers;
  it('asks the three red-flag pages, then every question', () => {
    const { asked, stopped } = interview(none);
    expect(asked.slice(0, 3)).toEqual(catalogue.redFlagGroups.map((g) => `flags:${g.id}`));
    expect(asked.slice(3)).toEqual(catalogue.questions.map((q) => q.id));
    expect(stopped).toBe(false);
  });

  it('an emergency tick ends it at once', () => {
    const { asked, stopped } = interview({ ...none, red_flags: ['rf_cardiac'] });
    expect(asked).toEqual(['flags:grp_right_now']);
    expect(stopped).toBe(true);
  });

  it('an urgent tick with nothing that could make it an emergency ends it', () => {
    expect(interview({ ...none, red_flags: ['rf_arm_weakness'] }).asked).toEqual(['flags:grp_right_now', 'flags:grp_nerves_health']);
  });

  it('the temple-headache flag asks only about symptoms (a change in eyesight)', () => {
    expect(interview({ ...none, red_flags: ['rf_gca'] }).asked).toEqual(['flags:grp_right_now', 'flags:grp_nerves_health', 'symptoms']);
  });

  it('the cancer flag asks about symptoms (nerve changes), not the third page or the rest', () => {
    const { asked, answers } = interview({ ...none, red_flags: ['rf_cancer_history'], symptoms: ['sym_leg_weakness'] });
    expect(asked).toEqual(['flags:grp_right_now', 'flags:grp_nerves_health', 'symptoms']);
    expect(levelOf(answers)).toBe('emergency');
  });

  it('passed stroke signs ask the next page (cancer, fever) and how it began (a torn artery)', () => {
    const { asked } = interview({ ...none, red_flags: ['rf_stroke_signs_passed'] });
    expect(asked).toEqual(['flags:grp_right_now', 'flags:grp_nerves_health', 'onset']);
  });

  it('an injury onset with neither injury flag ticked asks those flags again, once', () => {
    const { asked } = interview({ ...none, onset: 'onset_after_injury' });
    expect(asked.filter((key) => key === 'recheck:injury')).toHaveLength(1);
    expect(asked.indexOf('recheck:injury')).toBe(asked.indexOf('onset') + 1);
  });

  it('answers given as flags are not asked again', () => {
    const { asked } = interview({ ...none, symptoms: ['sym_stiff'] }, ['red_flags', 'duration', 'pain', 'symptoms']);
    expect(asked).toEqual(catalogue.questions.map((q) => q.id).filter((id) => !['duration', 'pain', 'symptoms'].includes(id)));
  });
});
