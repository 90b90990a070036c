import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/content/catalogue.js';
import { answersFromFlags, missingAnswers, missingFlagsHint, normaliseAnswers } from '../../src/core/answers.js';
import { CliError } from '../../src/errors.js';

const catalogue = await loadCatalogue();
const base = { red_flags: ['none'], duration: '3w', pain: 4 };
const ok = (raw: unknown, expected: Record<string, unknown>) => () => expect(normaliseAnswers(raw, catalogue)).toEqual(expected);
const bad = (raw: unknown, message: RegExp, hint?: RegExp) => () => {
  try {
    normaliseAnswers(raw, catalogue, (q) => `"${q}" in a.json`, 'a.json');
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(2);
    expect((error as CliError).message).toMatch(message);
    if (hint) expect((error as CliError).hint).toMatch(hint);
    return;
  }
  throw new Error('expected a usage error');
};

describe('normaliseAnswers', () => {
  it('the minimum', ok(base, base));
  it('a single string for a multi question becomes a list', ok({ ...base, symptoms: 'sym_stiff' }, { ...base, symptoms: ['sym_stiff'] }));
  it(
    'lists come back in catalogue order, de-duplicated',
    ok({ ...base, symptoms: ['sym_ache', 'sym_stiff', 'sym_ache'] }, { ...base, symptoms: ['sym_stiff', 'sym_ache'] }),
  );
  it(
    'short ids resolve when unique',
    ok({ ...base, triggers: ['desk'], onset: 'gradual' }, { ...base, triggers: ['trig_desk'], onset: 'onset_gradual' }),
  );
  it('an exact short id beats longer endings', ok({ ...base, symptoms: ['stiff'] }, { ...base, symptoms: ['sym_stiff'] }));
  it('short red-flag ids resolve', ok({ ...base, red_flags: ['cardiac'] }, { ...base, red_flags: ['rf_cardiac'] }));
  it('duration is trimmed and lower-cased', ok({ ...base, duration: ' 3W ' }, base));
  it('null means not answered', ok({ ...base, course: null }, base));
  it('an empty multi list is no answer', ok({ ...base, symptoms: [] }, base));
  it('partial sets are fine here', ok({ pain: 2 }, { pain: 2 }));

  it(
    'an ambiguous short id lists the candidates',
    bad({ ...base, red_flags: ['history'] }, /"red_flags" in a\.json: "history" could be "rf_cancer_history" or "rf_risk_history"/),
  );
  it('not an object', bad([1, 2], /a\.json must be a JSON object/));
  it(
    'unknown question, with suggestions',
    bad({ ...base, symptom: ['sym_stiff'] }, /unknown question "symptom" in a\.json/, /did you mean "symptoms"/),
  );
  it(
    'unknown answer id, with suggestions',
    bad({ ...base, symptoms: ['sym_stif'] }, /"symptoms" in a\.json: "sym_stif" is not one of its answers/, /sym_stiff/),
  );
  it('unknown red flag', bad({ ...base, red_flags: ['rf_strok'] }, /"red_flags" in a\.json: "rf_strok"/, /rf_stroke_signs/));
  it('empty red flags are not "none"', bad({ ...base, red_flags: [] }, /"red_flags" in a\.json is empty/, /\["none"\]/));
  it('"none" with a flag', bad({ ...base, red_flags: ['none', 'rf_cardiac'] }, /cannot be combined/));
  it('pain above 10', bad({ ...base, pain: 11 }, /"pain" in a\.json must be a whole number from 0 to 10, not 11/));
  it('pain below 0', bad({ ...base, pain: -1 }, /from 0 to 10, not -1/));
  it(
    'pain not whole: says which two it lies between',
    bad({ ...base, pain: 4.5 }, /"pain" in a\.json takes a whole number: 4\.5 is between 4 and 5/, /pick whichever of 4 or 5/),
  );
  it('pain as "3/10" is read', ok({ ...base, pain: '3/10' }, { ...base, pain: 3 }));
  it('pain as "7 out of 10" is read', ok({ ...base, pain: '7 out of 10' }, { ...base, pain: 7 }));
  it('pain "12/10" is out of range', bad({ ...base, pain: '12/10' }, /from 0 to 10, not 12/));
  it("duration in people's words", ok({ ...base, duration: '3 Weeks' }, { ...base, duration: '3 weeks' }));
  it('pain as text', bad({ ...base, pain: 'six' }, /"pain" in a\.json must be a number from 0 to 10, not "six"/));
  it('duration in minutes', bad({ ...base, duration: '3m' }, /ambiguous/, /3mo/));
  it('duration nonsense', bad({ ...base, duration: 'ages' }, /not a symptom duration/));
  it('duration as a number', bad({ ...base, duration: 21 }, /"duration" in a\.json must be a symptom duration/));
  it('single question given a list', bad({ ...base, onset: ['onset_gradual'] }, /"onset" in a\.json must be one answer id/));
  it('an answer from another question', bad({ ...base, onset: 'trig_desk' }, /"onset" in a\.json: "trig_desk" is not one of its answers/));
});

describe('missing answers', () => {
  it('all three', () => expect(missingAnswers({})).toEqual(['red_flags', 'duration', 'pain']));
  it('just pain', () => expect(missingAnswers({ red_flags: ['none'], duration: '2w' })).toEqual(['pain']));
  it('no pain now: no duration needed', () => expect(missingAnswers({ red_flags: ['none'], pain: 0 })).toEqual([]));
  it('some pain: the duration is needed', () => expect(missingAnswers({ red_flags: ['none'], pain: 1 })).toEqual(['duration']));
  it('the hint names the flags', () =>
    expect(missingFlagsHint(['red_flags', 'pain'])).toMatch(/--no-red-flags .*--pain <0-10>.*--answers/));
});

describe('answersFromFlags', () => {
  const flags = (opts: Record<string, unknown>) => answersFromFlags({ redFlags: true, save: true, ...opts }, catalogue).raw;
  it('no flags, no answers', () => expect(flags({})).toEqual({}));
  it('--no-red-flags', () => expect(flags({ redFlags: false })).toEqual({ red_flags: ['none'] }));
  it('--red-flag, repeated', () => expect(flags({ redFlag: ['rf_gca', 'rf_cardiac'] })).toEqual({ red_flags: ['rf_gca', 'rf_cardiac'] }));
  it('--pain becomes a number', () => expect(flags({ pain: '6' })).toEqual({ pain: 6 }));
  it('--pain text stays text, to be named', () => expect(flags({ pain: 'six' })).toEqual({ pain: 'six' }));
  it('--pain 3/10 is read as 3 once normalised', () => expect(normaliseAnswers(flags({ pain: '3/10' }), catalogue)).toEqual({ pain: 3 }));
  it('--symptom and --trigger map to their questions', () =>
    expect(flags({ symptom: ['sym_stiff'], trigger: ['trig_desk'] })).toEqual({ symptoms: ['sym_stiff'], triggers: ['trig_desk'] }));
  it('--answer q=v for a single question', () =>
    expect(flags({ answer: ['assessed=assessed_yes'] })).toEqual({ assessed: 'assessed_yes' }));
  it('--answer q=a,b for a multi question', () =>
    expect(flags({ answer: ['symptoms=sym_stiff,sym_ache'] })).toEqual({ symptoms: ['sym_stiff', 'sym_ache'] }));
  it('--answer without =', () => expect(() => flags({ answer: ['assessed'] })).toThrow(/not question=value/));
  it('--answer with an unknown question', () =>
    expect(() => flags({ answer: ['asessed=assessed_yes'] })).toThrow(/unknown question "asessed"/));
  it('--red-flag with --no-red-flags', () => expect(() => flags({ redFlag: ['rf_gca'], redFlags: false })).toThrow(/contradict/));
  it('a list answer gathers every flag that gives it', () =>
    expect(flags({ symptom: ['sym_stiff'], answer: ['symptoms=sym_ache'] })).toEqual({ symptoms: ['sym_stiff', 'sym_ache'] }));
  it('a single answer twice from one flag', () =>
    expect(() => flags({ onset: ['onset_gradual', 'onset_unsure'] })).toThrow(/--onset was given 2 times/));
  it('a single answer from two flags', () =>
    expect(() => flags({ course: ['course_same'], answer: ['course=course_worse'] })).toThrow(
      /--course and --answer course both answer "course"/,
    ));
  it('names the flag for messages', () =>
    expect(answersFromFlags({ pain: '3', symptom: ['x'] }, catalogue).flagFor).toEqual({ pain: '--pain', symptoms: '--symptom' }));
});
