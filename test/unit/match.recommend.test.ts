import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/content/catalogue.js';
import type { Answers } from '../../src/core/answer-ids.js';
import { checkIn, historyFields, planRoutine } from '../../src/core/recommend.js';

const catalogue = await loadCatalogue();
const check = (extra: Partial<Answers>) => checkIn({ red_flags: ['none'], duration: '5d', pain: 3, ...extra } as Answers, catalogue);
const techniques = (extra: Partial<Answers>) => check(extra).techniques.map((t) => t.id);
const gentle = new Set(catalogue.routines.filter((r) => r.gentle).map((r) => r.id));

describe('recommendations', () => {
  it('desk work offers self-care techniques before professional ones', () =>
    expect(techniques({ triggers: ['trig_desk'] })[0]).toBe('self-massage'));
  it('nerve symptoms rule out deep tissue and self-massage', () =>
    expect(techniques({ triggers: ['trig_desk'], symptoms: ['sym_tingling'] })).not.toEqual(
      expect.arrayContaining(['deep-tissue', 'self-massage']),
    ));
  it('numbness rules out heat', () => expect(techniques({ symptoms: ['sym_numbness', 'sym_knots'] })).not.toContain('heat'));
  it('swelling rules out heat', () => expect(techniques({ symptoms: ['sym_swelling', 'sym_knots'] })).not.toContain('heat'));
  it('a recent minor injury: no deep tissue, no trigger point', () =>
    expect(techniques({ red_flags: ['rf_trauma_minor'], triggers: ['trig_desk'] })).not.toEqual(
      expect.arrayContaining(['deep-tissue', 'trigger-point']),
    ));
  it('a recent injury without a red flag: no hands-on professional techniques', () =>
    expect(
      check({ onset: 'onset_after_injury', triggers: ['trig_desk'] }).techniques.filter(
        (t) => catalogue.techniques.find((x) => x.id === t.id)!.professionalOnly,
      ),
    ).toEqual([]));
  it('a recent injury: no mobilisation, deep tissue or traction', () =>
    expect(techniques({ onset: 'onset_after_injury', symptoms: ['sym_knots', 'sym_arm_pain'] })).not.toEqual(
      expect.arrayContaining(['mobilization']),
    ));
  it('soon: the technique list leaves out what the referral holds back (anything hands-on, pressure)', () => {
    const offered = check({ red_flags: ['rf_age_onset'], triggers: ['trig_desk'], symptoms: ['sym_knots'] }).techniques.map(
      (t) => catalogue.techniques.find((x) => x.id === t.id)!,
    );
    expect(offered.length).toBeGreaterThan(0);
    for (const t of offered) expect(t.professionalOnly, t.id).toBe(false);
    expect(offered.map((t) => t.id)).not.toContain('self-massage');
  });
  it('no sentence points at a check-up that is not shown', () => {
    for (const t of check({ red_flags: ['rf_age_onset'], triggers: ['trig_desk'] }).techniques)
      expect(t.caution ?? '').not.toMatch(/above|below/);
  });
  it('blood thinners hold back firm pressure and the tennis ball, as a caution, not a referral', () => {
    const result = check({ symptoms: ['sym_knots'], medicines: 'meds_blood_thinner' });
    expect(result.triage.level).toBe('self-care');
    expect(result.routine?.id).not.toBe('evening-release');
    expect(result.routine?.gentle).toBe(true);
    expect(result.techniques.map((t) => t.id)).not.toEqual(expect.arrayContaining(['deep-tissue']));
    expect(result.techniques.map((t) => t.id)).not.toContain('self-massage');
    expect(result.triage.notes.map((n) => n.id)).toEqual(['adv_blood_thinner']);
  });
  it('pain at the front of the neck: soon, and no massage offered there', () => {
    const result = check({ location: ['loc_front'], triggers: ['trig_desk'], symptoms: ['sym_knots'] });
    expect(result.triage.level).toBe('soon');
    expect(result.techniques.map((t) => t.id)).not.toEqual(expect.arrayContaining(['swedish', 'deep-tissue', 'self-massage']));
  });
  it('recurring pain with no flags: the strengthening programme is suggested by id', () =>
    expect(check({ pattern: 'pattern_recurring', triggers: ['trig_desk'] }).programme).toMatchObject({
      id: 'strengthen',
      command: 'neckcoach programme start strengthen',
    }));
  it('chronic pain with no flags: the programme too', () => expect(check({ duration: '2y' }).programme?.id).toBe('strengthen'));
  it('new pain: no programme', () => expect(check({}).programme).toBeNull());
  it('soon: no programme (it is not gentle)', () =>
    expect(check({ pattern: 'pattern_recurring', red_flags: ['rf_age_onset'] }).programme).toBeNull());
  it('a re-check at 2 and 6 weeks while self-care goes on; none at urgent', () => {
    expect(check({}).recheck?.weeks).toEqual([2, 6]);
    expect(check({ red_flags: ['rf_gca'] }).recheck).toBeNull();
  });
  it('urgent: common contributors are held back, as at emergency', () =>
    expect(check({ red_flags: ['rf_gca'], triggers: ['trig_desk'] })).toMatchObject({ causes: [], fit: { kind: 'held-back' } }));
  it('soon: the routine is gentle', () =>
    expect(gentle.has(check({ red_flags: ['rf_age_onset'], symptoms: ['sym_knots'] }).routine!.id)).toBe(true));
  it('self-care with knots may offer a pressure routine', () =>
    expect(check({ symptoms: ['sym_knots'] }).routine?.id).toBe('evening-release'));
  it('nerve symptoms block pressure routines even at self-care level', () =>
    expect(check({ symptoms: ['sym_knots', 'sym_tingling'] }).routine?.id).not.toBe('evening-release'));
  it('no matching cause: a gentle session', () => expect(check({}).routine?.gentle).toBe(true));
  it('tips aimed at the trigger come first', () => expect(check({ triggers: ['trig_sleep'] }).tips[0]!.why).toMatch(/how i sleep/i));
  it('urgent: no tips either', () => expect(check({ red_flags: ['rf_myelopathy'], triggers: ['trig_desk'] }).tips).toEqual([]));
  it('sources name what the advice rests on', () => expect(check({ triggers: ['trig_desk'] }).sources).toContain('nice-cks-neck-pain'));
  it("history keeps level, flags, leading causes, stage, pain and symptoms (which choose a move's version)", () =>
    expect(historyFields(check({ red_flags: ['rf_radicular'], symptoms: ['sym_numbness'], duration: '4mo', pain: 5 }))).toEqual({
      level: 'soon',
      flags: ['rf_radicular'],
      causes: ['nerve-compression'],
      stage: 'chronic',
      pain: 5,
      symptoms: ['sym_numbness'],
    }));
  it('plan routine: the preferred one', () => expect(planRoutine(catalogue, 'morning', false)?.id).toBe('morning'));
  it('plan routine: a non-gentle preference is replaced when only gentle is allowed', () =>
    expect(planRoutine(catalogue, 'evening-release', true)?.gentle).toBe(true));
  it('plan routine: an unknown preference falls back', () => expect(planRoutine(catalogue, 'nope', false)?.gentle).toBe(true));
});

describe('a check-in stopped by a serious answer', () => {
  it('the result has no stage and no plan', () =>
    expect(checkIn({ red_flags: ['rf_cardiac'] }, catalogue)).toMatchObject({ stage: null, plan: null }));
  it('history leaves out what was not asked', () =>
    expect(historyFields(checkIn({ red_flags: ['rf_cardiac'] }, catalogue))).toEqual({
      level: 'emergency',
      flags: ['rf_cardiac'],
      causes: [],
    }));
});
