// The interactive check-in and an answers file must reach the same level: the interview is played
// here through core/interview.ts with the file's answers as the person's replies.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/content/catalogue.js';
import type { Answers, AnswersSoFar } from '../../src/core/answer-ids.js';
import { checkIn } from '../../src/core/recommend.js';
import { firingAnswers, playInterview, ruleCombinations } from '../helpers/interview.js';

const catalogue = await loadCatalogue();
const interview = (file: Partial<Answers>, knownKeys: readonly string[] = []) => {
  const played = playInterview(catalogue, file, knownKeys);
  return { ...played, asked: played.steps.map((s) => s.key) };
};

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
          const value =
            q.kind === 'multi' ? fc.uniqueArray(fc.constantFrom(...ids), { minLength: 1, maxLength: 3 }) : fc.constantFrom(...ids);
          return fc.option(
            value.map((v) => [q.id, v] as const),
            { nil: undefined },
          );
        }),
    ),
  })
  .map(({ rest, ...required }) => ({ ...required, ...Object.fromEntries(rest.filter((e) => e !== undefined)) }) as Answers);
const knownArb = fc.subarray(['red_flags', 'duration', 'pain', 'symptoms', 'onset']);

describe('the interview and an answers file agree', () => {
  it.each(ruleCombinations(catalogue))('%s (with %s): the same level asked interactively as from the file', (id, any) => {
    const rule = catalogue.escalations.find((r) => r.id === id)!;
    const file = firingAnswers(catalogue, rule, any);
    const expected = levelOf(file);
    expect(
      checkIn(file, catalogue)
        .triage.reasons.map((r) => r.id)
        .concat(checkIn(file, catalogue).triage.notes.map((n) => n.id)),
    ).toContain(id);
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
