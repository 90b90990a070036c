import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/content/catalogue.js';
import type { Answers } from '../../src/core/answer-ids.js';
import { deriveFacts } from '../../src/core/facts.js';
import { gate } from '../../src/core/gate.js';
import { levelReferral, ruleFires, triage, withEmergencyNumber } from '../../src/core/triage.js';

const catalogue = await loadCatalogue();
const answers = (extra: Partial<Answers> = {}): Answers => ({ red_flags: ['none'], duration: '5d', pain: 3, ...extra }) as Answers;
const run = (extra: Partial<Answers> = {}, emergencyNumber?: string) => {
  const given = answers(extra);
  return triage(deriveFacts(given, catalogue), catalogue, { emergencyNumber, answers: given });
};
const level = (extra: Partial<Answers>, expected: string) => () => expect(run(extra).level).toBe(expected);
const reasons = (extra: Partial<Answers>, expected: string[]) => () => expect(run(extra).reasons.map((r) => r.id)).toEqual(expected);
const fires = (rule: { all?: string[]; any?: string[]; none?: string[] }, facts: string[], expected: boolean) => () =>
  expect(ruleFires(rule, new Set(facts))).toBe(expected);

describe('ruleFires', () => {
  it('all present', fires({ all: ['a', 'b'] }, ['a', 'b'], true));
  it('all, one missing', fires({ all: ['a', 'b'] }, ['a'], false));
  it('any, one present', fires({ any: ['a', 'b'] }, ['b'], true));
  it('any, none present', fires({ any: ['a', 'b'] }, ['c'], false));
  it('an empty any does not block', fires({ all: ['a'], any: [] }, ['a'], true));
  it('none present blocks', fires({ all: ['a'], none: ['x'] }, ['a', 'x'], false));
  it('none absent lets it fire', fires({ all: ['a'], none: ['x'] }, ['a'], true));
  it('all + any + none together', fires({ all: ['a'], any: ['b', 'c'], none: ['x'] }, ['a', 'c'], true));
});

describe('withEmergencyNumber', () => {
  it('names the configured number', () =>
    expect(withEmergencyNumber('Call your local emergency number now.', '112')).toBe('Call 112 (your emergency number) now.'));
  it('gives examples without one', () =>
    expect(withEmergencyNumber('call your local emergency number', null)).toBe(
      'call your local emergency number (for example 999, 112 or 911)',
    ));
  it("replaces the data's own examples rather than doubling them", () =>
    expect(withEmergencyNumber('call your local emergency number (such as 999, 112 or 911), or go', '999')).toBe(
      'call 999 (your emergency number), or go',
    ));
  it('leaves other text alone', () => expect(withEmergencyNumber('Book a GP visit.', '112')).toBe('Book a GP visit.'));
});

describe('triage levels', () => {
  it('no flags: self-care', level({}, 'self-care'));
  it('a soon flag: soon', level({ red_flags: ['rf_radicular'] }, 'soon'));
  it('an urgent flag: urgent', level({ red_flags: ['rf_myelopathy'] }, 'urgent'));
  it('an emergency flag: emergency', level({ red_flags: ['rf_cardiac'] }, 'emergency'));
  it('highest wins over lower ones', level({ red_flags: ['rf_age_onset', 'rf_gca', 'rf_stroke_signs'] }, 'emergency'));
  it(
    'cancer history + nerve symptom escalates to emergency',
    level({ red_flags: ['rf_cancer_history'], symptoms: ['sym_numbness'] }, 'emergency'),
  );
  it('cancer history without nerve symptoms stays urgent', level({ red_flags: ['rf_cancer_history'], symptoms: ['sym_ache'] }, 'urgent'));
  it('infection + weakness escalates to emergency', level({ red_flags: ['rf_infection'], symptoms: ['sym_weakness'] }, 'emergency'));
  it('GCA + vision change escalates to emergency', level({ red_flags: ['rf_gca'], symptoms: ['sym_vision'] }, 'emergency'));
  it('symptoms in both arms: urgent', level({ symptoms: ['sym_both_arms'] }, 'urgent'));
  it('6 weeks, not assessed: self-care, with advice to see a physiotherapist if it has not eased', () => {
    const result = run({ duration: '6w' });
    expect(result.level).toBe('self-care');
    expect(result.notes.map((n) => n.id)).toEqual(['adv_not_improving']);
    expect(result.notes[0]!.text).toMatch(
      /^You said "6w" \(pain for 6 weeks or more\)\. If it has not eased after about 6 weeks of regular self-care, a physiotherapist can help/,
    );
  });
  it('6 weeks, assessed: self-care, no note', () => expect(run({ duration: '6w', assessed: 'assessed_yes' }).notes).toEqual([]));
  it('2 weeks, same, not assessed: self-care', level({ duration: '2w', course: 'course_same' }, 'self-care'));
  it('2 weeks, worse: soon', level({ duration: '2w', course: 'course_worse' }, 'soon'));
  it('13 days, worse: still self-care (under 2 weeks)', level({ duration: '13d', course: 'course_worse' }, 'self-care'));
  it('pain 8: soon (adv_severe)', level({ pain: 8 }, 'soon'));
  it('pain 7: self-care', level({ pain: 7 }, 'self-care'));
  it('pain since an injury in the last weeks: soon (esc_recent_injury)', level({ onset: 'onset_after_injury' }, 'soon'));
  it(
    'pain since an injury over 6 weeks ago: self-care',
    level({ onset: 'onset_after_injury', duration: '8w', assessed: 'assessed_yes' }, 'self-care'),
  );
  it('stops sleep despite painkillers: soon', level({ impact: 'impact_stops_despite_painkillers' }, 'soon'));
});

describe('triage reasons', () => {
  it('none without flags', reasons({}, []));
  it('one per reported flag, most urgent first', reasons({ red_flags: ['rf_age_onset', 'rf_cardiac'] }, ['rf_cardiac', 'rf_age_onset']));
  it(
    'an escalation names its rule, before the flag it raised',
    reasons({ red_flags: ['rf_cancer_history'], symptoms: ['sym_tingling'] }, ['esc_cancer_nerve', 'rf_cancer_history', 'esc_arm_nerve']),
  );
  it('advisories name theirs; advice at the self-care level is a note, not a reason', () => {
    const result = run({ pain: 9, duration: '7w' });
    expect(result.reasons.map((r) => r.id)).toEqual(['adv_severe']);
    expect(result.notes.map((n) => n.id)).toEqual(['adv_not_improving']);
  });
  it('notes are left out at urgent and emergency', () =>
    expect(run({ duration: '7w', red_flags: ['rf_gca'], medicines: 'meds_blood_thinner' }).notes).toEqual([]));
  it('a derived fact is quoted as the person gave it', () =>
    expect(run({ duration: '3 weeks', course: 'course_worse' }).reasons[0]!.said).toBe(
      'You said "Getting worse week on week" and "3 weeks" (pain for 2 weeks or more)',
    ));
  it('a pain score is quoted', () => expect(run({ pain: 9 }).reasons[0]!.said).toBe('You said a pain score of 9 out of 10'));
  it('a grouped fact names the answers behind it', () =>
    expect(run({ red_flags: ['rf_cancer_history'], symptoms: ['sym_leg_numbness'] }).reasons[0]!.said).toBe(
      'You said "Cancer now or in the past, and this neck pain is new" and "Numbness or tingling in a leg or foot"',
    ));
  it('a reason below the verdict asks only to mention it: no softer referral under a more urgent one', () => {
    const result = run({ red_flags: ['rf_cardiac', 'rf_age_onset'], duration: '7w', course: 'course_worse' });
    const lower = result.reasons.filter((r) => r.level !== 'emergency');
    expect(lower.length).toBeGreaterThan(0);
    for (const r of lower) expect(r.text).toBe(`${r.said}. Mention this as well when you are seen.`);
    expect(result.reasons.map((r) => r.text).join(' ')).not.toMatch(/worth booking|GP appointment|physiotherapist check/);
  });
  it(
    'an injury already reported as a red flag is not repeated by the rule',
    reasons({ red_flags: ['rf_trauma_minor'], onset: 'onset_after_injury' }, ['rf_trauma_minor']),
  );
  it('the recent-injury reason names the serious-injury signs and the number', () =>
    expect(run({ onset: 'onset_after_injury' }, '112').reasons[0]!.text).toMatch(
      /65 or over.*bike crash.*cannot turn your head halfway.*112 \(your emergency number\).*keep your neck still/,
    ));
  it('a flag reason quotes the answer', () =>
    expect(run({ red_flags: ['rf_gca'] }).reasons[0]!.text).toMatch(/^You said yes to "Aged 50 or over/));
  it('an escalation reason names the nerve answer that fired it', () =>
    expect(run({ red_flags: ['rf_infection'], symptoms: ['sym_numbness'] }).reasons[0]!.text).toContain('Numbness in an arm or hand'));
  it("a flag's note is kept (keep the neck still)", () =>
    expect(run({ red_flags: ['rf_trauma_major'] }).reasons[0]!.text).toContain('as still as you can'));
});

describe('triage advice', () => {
  it('emergency with a configured number names it', () => expect(run({ red_flags: ['rf_cardiac'] }, '112').advice.text).toContain('112'));
  it('emergency without one gives examples', () =>
    expect(run({ red_flags: ['rf_cardiac'] }).advice.text).toContain('for example 999, 112 or 911'));
  it('reasons carry the number too', () =>
    expect(run({ red_flags: ['rf_stroke_signs'] }, '000').reasons[0]!.text).toContain('000 (your emergency number)'));
  it("one level, one voice: whom and when are the level's, whatever raised it", () => {
    for (const flag of catalogue.redFlags) {
      const { advice, level } = run({ red_flags: [flag.id] });
      expect(advice.whom, flag.id).toBe(withEmergencyNumber(catalogue.safety.levels[level].whom, undefined));
      expect(advice.when, flag.id).toBe(catalogue.safety.levels[level].when);
    }
  });
  it("the flag's own contact stays in its reason", () =>
    expect(run({ red_flags: ['rf_cancer_history'] }).reasons[0]!.text).toMatch(/cancer team/));
  it('urgent: when is today', () => expect(run({ red_flags: ['rf_arm_weakness'] }).advice.when).toBe('Today'));
  it('escalated emergency: emergency services', () =>
    expect(run({ red_flags: ['rf_cancer_history'], symptoms: ['sym_tingling'] }).advice.whom).toBe('Emergency services'));
  it('soon from an advisory: the general soon advice', () => expect(run({ pain: 9 }).advice.whom).toBe(catalogue.safety.levels.soon.whom));
  it('self-care: the self-care advice', () => expect(run().advice.text).toBe(catalogue.safety.levels['self-care'].text));
});

describe('levelReferral: the emergency number wherever a level is repeated', () => {
  const levels = catalogue.safety.levels;
  it('one paragraph: title, advice, whom and when', () =>
    expect(levelReferral('soon', levels).paragraph).toBe(
      `${levels.soon.title}: ${levels.soon.text} Who: ${levels.soon.whom}. When: ${levels.soon.when}.`,
    ));
  it('the configured number in the emergency text', () =>
    expect(levelReferral('emergency', levels, '112').text).toContain('112 (your emergency number)'));
  it('common numbers without one', () => expect(levelReferral('urgent', levels).paragraph).toContain('for example 999, 112 or 911'));
  it('the routine gate passes the number on', () => {
    const decision = gate({
      latest: { at: 0, level: 'emergency', flags: [] },
      now: 1,
      routine: { id: 'r', title: 'R', gentle: true },
      gentle: [],
      cleared: false,
      levels,
      flagLabel: () => undefined,
      emergencyNumber: '000',
    });
    expect(decision.kind === 'refuse' && decision.message).toContain('000 (your emergency number)');
  });
});
