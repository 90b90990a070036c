import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LEVELS, STAGES } from '../../src/content/schema.js';
import { loadCatalogue } from '../../src/content/catalogue.js';
import type { Answers } from '../../src/core/answer-ids.js';
import { normaliseAnswers } from '../../src/core/answers.js';
import { DAY } from '../../src/core/clock.js';
import { parseSymptomDuration } from '../../src/core/duration.js';
import { checkIn } from '../../src/core/recommend.js';
import { LEVEL_RANK } from '../../src/core/triage.js';

const catalogue = await loadCatalogue();
const flagIds = catalogue.redFlags.map((f) => f.id);
const severeFlags = catalogue.redFlags.filter((f) => f.urgency === 'emergency' || f.urgency === 'urgent').map((f) => f.id);
const gentle = new Set(catalogue.routines.filter((r) => r.gentle).map((r) => r.id));

/** Any valid answer set the questionnaire allows. */
const answersArb: fc.Arbitrary<Answers> = fc
  .record({
    red_flags: fc.oneof(fc.constant(['none']), fc.uniqueArray(fc.constantFrom(...flagIds), { minLength: 1 })),
    duration: fc.oneof(
      fc.integer({ min: 0, max: 1000 }).map((n) => `${n}d`),
      fc.integer({ min: 1, max: 60 }).map((n) => `${n}w`),
      fc.integer({ min: 1, max: 36 }).map((n) => `${n}mo`),
      fc.integer({ min: 1, max: 5 }).map((n) => `${n}y`),
    ),
    pain: fc.integer({ min: 0, max: 10 }),
    rest: fc.tuple(
      ...catalogue.questions
        .filter((q) => q.kind === 'single' || q.kind === 'multi')
        .map((q) => {
          const ids = q.answers!.map((a) => a.id);
          const value = q.kind === 'multi' ? fc.uniqueArray(fc.constantFrom(...ids), { minLength: 1 }) : fc.constantFrom(...ids);
          return fc.option(
            value.map((v) => [q.id, v] as const),
            { nil: undefined },
          );
        }),
    ),
  })
  .map(({ rest, ...required }) => ({ ...required, ...Object.fromEntries(rest.filter((e) => e !== undefined)) }) as Answers);

const rank = (answers: Answers) => LEVEL_RANK[checkIn(answers, catalogue).triage.level];

/** Every id an escalation rule names, directly or through a grouped fact. */
const named = new Set(
  catalogue.escalations
    .flatMap((r) => [...(r.all ?? []), ...(r.any ?? []), ...(r.none ?? [])])
    .flatMap((id) => [id, ...(catalogue.facts.find((f) => f.id === id)?.from ?? [])]),
);
const ASKED_FREELY = ['course', 'assessed', 'impact', 'triggers'];
/** A benign answer set: no red flag, and no answer a rule names, except to course, duration, assessed, impact, triggers and pain. */
const benignArb: fc.Arbitrary<Answers> = fc
  .record({
    duration: answersArb.map((a) => a.duration),
    pain: fc.integer({ min: 0, max: 10 }),
    rest: fc.tuple(
      ...catalogue.questions
        .filter((q) => q.kind === 'single' || q.kind === 'multi')
        .map((q) => {
          const ids = q.answers!.map((a) => a.id).filter((id) => ASKED_FREELY.includes(q.id) || !named.has(id));
          if (ids.length === 0) return fc.constant(undefined);
          const value = q.kind === 'multi' ? fc.uniqueArray(fc.constantFrom(...ids), { minLength: 1 }) : fc.constantFrom(...ids);
          return fc.option(
            value.map((v) => [q.id, v] as const),
            { nil: undefined },
          );
        }),
    ),
  })
  .map(
    ({ rest, ...required }) =>
      ({ red_flags: ['none'], ...required, ...Object.fromEntries(rest.filter((e) => e !== undefined)) }) as Answers,
  );

describe('check-in properties', () => {
  it('any valid answer set gives a well-formed result', () => {
    fc.assert(
      fc.property(answersArb, (answers) => {
        expect(normaliseAnswers(answers, catalogue)).toBeTruthy();
        const result = checkIn(answers, catalogue);
        expect(LEVELS).toContain(result.triage.level);
        expect(STAGES).toContain(result.stage);
        expect(result.triage.advice.text.length).toBeGreaterThan(0);
        expect(result.triage.level === 'self-care').toBe(result.triage.reasons.length === 0);
        for (const [i, cause] of result.causes.entries()) {
          expect(cause.score).toBeGreaterThan(0);
          expect(cause.why.length).toBeGreaterThan(0);
          if (i > 0) expect(cause.score).toBeLessThanOrEqual(result.causes[i - 1]!.score);
        }
        if (result.triage.level === 'soon' && result.routine) expect(gentle.has(result.routine.id)).toBe(true);
        if (result.routine) expect(result.routine.seconds).toBeGreaterThan(0);
      }),
    );
  });

  it('any emergency or urgent red flag: no routine and no technique', () => {
    fc.assert(
      fc.property(answersArb, fc.constantFrom(...severeFlags), (answers, flag) => {
        const flags = [...new Set([...answers.red_flags.filter((id) => id !== 'none'), flag])];
        const result = checkIn({ ...answers, red_flags: flags }, catalogue);
        expect(['emergency', 'urgent']).toContain(result.triage.level);
        expect(result.routine).toBeNull();
        expect(result.techniques).toEqual([]);
      }),
    );
  });

  it('benign answers stay at self-care, routines open, unless the course is worsening or the pain severe', () => {
    fc.assert(
      fc.property(benignArb, (answers) => {
        const result = checkIn(answers, catalogue);
        const days = parseSymptomDuration(answers.duration) / DAY;
        const worsening = answers.course === 'course_worse' && days >= 14 && answers.pain > 0;
        const severe = answers.pain >= 8 || answers.impact === 'impact_stops_despite_painkillers';
        expect(result.triage.level).toBe(worsening || severe ? 'soon' : 'self-care');
        if (!worsening && !severe) {
          expect(result.triage.reasons).toEqual([]);
          expect(result.routine).not.toBeNull();
        }
      }),
      { numRuns: 500 },
    );
  });

  it('adding a red flag never lowers urgency', () => {
    fc.assert(
      fc.property(answersArb, fc.constantFrom(...flagIds), (answers, flag) => {
        const before = rank(answers);
        const flags = [...new Set([...answers.red_flags.filter((id) => id !== 'none'), flag])];
        expect(rank({ ...answers, red_flags: flags })).toBeLessThanOrEqual(before);
      }),
    );
  });

  it('scores are deterministic and do not depend on the order answers were given', () => {
    fc.assert(
      fc.property(answersArb, (answers) => {
        const reversed = Object.fromEntries(
          Object.entries(answers)
            .reverse()
            .map(([k, v]) => [k, Array.isArray(v) ? [...v].reverse() : v]),
        ) as Answers;
        const a = checkIn(normaliseAnswers(answers, catalogue) as Answers, catalogue);
        const b = checkIn(normaliseAnswers(reversed, catalogue) as Answers, catalogue);
        expect(b).toEqual(a);
        expect(checkIn(answers, catalogue)).toEqual(checkIn(answers, catalogue));
      }),
    );
  });
});
