import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/content/catalogue.js';
import type { Cause } from '../../src/content/schema.js';
import { matchCauses } from '../../src/core/match.js';

const cause = (id: string, signals: [string, number][]): Cause =>
  ({ id, title: id.toUpperCase(), signals: signals.map(([when, weight]) => ({ when, weight, why: `because ${when}` })) }) as Cause;
const causes = [
  cause('posture', [
    ['desk', 3],
    ['phone', 2],
    ['injury', -2],
  ]),
  cause('muscle', [
    ['knots', 3],
    ['phone', 2],
  ]),
  cause('injury', [['injury', 6]]),
];
const parts = { questions: [], redFlags: [], facts: [] };
const m = (facts: string[]) => matchCauses(new Set(facts), { causes, ...parts });
const ranked = (facts: string[], expected: string[]) => () => expect(m(facts).causes.map((c) => c.id)).toEqual(expected);
const fit = (facts: string[], expected: string) => () => expect(m(facts).fit.kind).toBe(expected);

describe('matchCauses', () => {
  it('no facts: nothing matches', ranked([], []));
  it('one signal', ranked(['desk'], ['posture']));
  it('ranks by total weight', ranked(['desk', 'knots', 'phone'], ['posture', 'muscle']));
  it('a tie keeps catalogue order', ranked(['phone'], ['posture', 'muscle']));
  it('a negative signal can drop a cause out', ranked(['phone', 'injury'], ['injury', 'muscle']));
  it('sums the score', () => expect(m(['desk', 'phone']).causes[0]!.score).toBe(5));
  it('why lists the answers behind the score, strongest first', () =>
    expect(m(['phone', 'desk']).causes[0]!.why).toEqual(['because desk', 'because phone']));
  it('why leaves out signals that count against', () =>
    expect(m(['desk', 'phone', 'injury']).causes.find((c) => c.id === 'posture')!.why).not.toContain('because injury'));
  it('fit: none', fit([], 'none'));
  it('fit: clear', fit(['desk'], 'clear'));
  it('fit: tied', fit(['phone'], 'tied'));
  it('fit: weak', () => expect(matchCauses(new Set(['a']), { causes: [cause('x', [['a', 1]])], ...parts }).fit.kind).toBe('weak'));
  it('a weak match says to take them as possibilities, never "treat"', () =>
    expect(matchCauses(new Set(['a']), { causes: [cause('x', [['a', 1]])], ...parts }).fit.text).toMatch(/take them as possibilities/));
  it('a tie says so in words', () => expect(m(['phone']).fit.text).toMatch(/fit several causes equally/));
  it('never says diagnosis without "not"', () => expect(m(['desk']).fit.text).toMatch(/not a diagnosis/));
});

describe('matchCauses on the catalogue', async () => {
  const catalogue = await loadCatalogue();
  const top = (facts: string[]) => matchCauses(new Set(facts), catalogue).causes[0]?.id;
  it('desk work → posture', () => expect(top(['trig_desk', 'onset_after_position'])).toBe('poor-posture'));
  it('after a fall → sudden injury', () => expect(top(['onset_after_injury', 'trig_desk'])).toBe('sudden-injury'));
  it('arm tingling → nerve compression', () => expect(top(['sym_tingling', 'nerve_symptom', 'loc_arm'])).toBe('nerve-compression'));
  it('knots and stress → muscle overuse', () => expect(top(['sym_knots', 'trig_stress'])).toBe('muscle-overuse'));
  it('clicking for months → age-related', () => expect(top(['sym_clicking', 'stage_chronic'])).toBe('age-related'));
  it('swelling → inflammation', () => expect(top(['sym_swelling'])).toBe('inflammation'));
  it('a short spell alone is no sign of an injury', () => expect(top(['stage_acute', 'pain_moderate'])).toBeUndefined());
  it('a grouped fact names the answers behind it, never more than was said', () => {
    const why = (facts: string[]) =>
      matchCauses(new Set(facts), catalogue)
        .causes.find((c) => c.id === 'nerve-compression')!
        .why.join(' ');
    expect(why(['rf_cord_acute', 'nerve_symptom'])).toMatch(/You reported "new loss of bladder/);
    expect(why(['rf_cord_acute', 'nerve_symptom'])).not.toMatch(/tingling/);
    expect(why(['sym_numbness', 'nerve_symptom'])).toMatch(/You reported "numbness in an arm or hand"/);
  });
  it('"eases when I move" counts toward posture and overuse', () => {
    const scored = matchCauses(new Set(['sym_eases_moving']), catalogue).causes.map((c) => c.id);
    expect(scored).toEqual(['poor-posture', 'muscle-overuse']);
  });
  it('every cause is reachable by some fact', () => {
    for (const c of catalogue.causes) expect(top(c.signals.filter((s) => s.weight > 0).map((s) => s.when)), c.id).toBeDefined();
  });
});
