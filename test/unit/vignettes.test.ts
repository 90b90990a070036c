// Clinical vignettes written from ../shared/clinical-reference.md: each row is a person's answers,
// the triage level the reference calls for and the cause(s) expected to lead (null: any).
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/content/catalogue.js';
import type { Answers } from '../../src/core/answer-ids.js';
import { checkIn } from '../../src/core/recommend.js';

const catalogue = await loadCatalogue();
const none = ['none'];
type Row = [name: string, answers: Partial<Answers>, level: string, top: string[] | null];

const base = { red_flags: none, duration: '5d', pain: 3 };
const rows: Row[] = [
  // self-care look-alikes (clinical-reference §2 "benign look-alikes")
  ['benign desk stiffness', { ...base, symptoms: ['sym_stiff', 'sym_ache'], location: ['loc_back_of_neck'], onset: 'onset_after_position', triggers: ['trig_desk'] }, 'self-care', ['poor-posture']],
  ['wry neck on waking', { ...base, duration: '2d', pain: 6, symptoms: ['sym_stiff', 'sym_sharp'], location: ['loc_one_side'], onset: 'onset_woke_with_it' }, 'self-care', ['muscle-overuse']],
  ['awkward pillow: posture and muscles fit equally', { ...base, duration: '1d', onset: 'onset_woke_with_it', triggers: ['trig_sleep'] }, 'self-care', ['poor-posture', 'muscle-overuse']],
  ['phone neck', { ...base, triggers: ['trig_phone'], symptoms: ['sym_ache'] }, 'self-care', ['poor-posture']],
  ['familiar tension headache with stress', { ...base, duration: '4d', pain: 4, symptoms: ['sym_headache', 'sym_knots'], triggers: ['trig_stress'], location: ['loc_top_of_shoulders'] }, 'self-care', ['muscle-overuse']],
  ['stiff after a new gym class', { ...base, duration: '3d', onset: 'onset_after_activity', triggers: ['trig_lifting'], symptoms: ['sym_knots', 'sym_stiff'] }, 'self-care', ['muscle-overuse']],
  ['painless clicking', { ...base, duration: '4d', pain: 1, symptoms: ['sym_clicking'] }, 'self-care', ['age-related']],
  ['warm swollen spot after exercise', { ...base, duration: '3d', symptoms: ['sym_swelling'], onset: 'onset_after_activity' }, 'self-care', ['inflammation']],
  ['long-standing clicking, already assessed', { ...base, duration: '6mo', pain: 3, symptoms: ['sym_clicking', 'sym_stiff'], onset: 'onset_gradual', assessed: 'assessed_yes', course: 'course_same' }, 'self-care', ['age-related']],
  ['7 weeks, assessed by a physio, not improving', { ...base, duration: '7w', pain: 4, course: 'course_same', assessed: 'assessed_yes', triggers: ['trig_desk'] }, 'self-care', ['poor-posture']],
  ['3 weeks and getting better', { ...base, duration: '3w', pain: 2, course: 'course_better', triggers: ['trig_desk'] }, 'self-care', ['poor-posture']],
  ['recovered, no pain, assessed: maintenance', { ...base, duration: '1y', pain: 0, assessed: 'assessed_yes' }, 'self-care', null],
  ['no details at all', { ...base }, 'self-care', null],
  ['recovered at 7 weeks, never assessed: no check-up nudge', { ...base, duration: '7w', pain: 0, course: 'course_better' }, 'self-care', null],
  // advisories (clinical-reference §2: raise self-care to soon)
  ['not improving at 7 weeks, never assessed', { ...base, duration: '7w', pain: 4, course: 'course_same', triggers: ['trig_desk'] }, 'soon', ['poor-posture']],
  ['3 weeks and getting worse, never assessed', { ...base, duration: '3w', pain: 5, course: 'course_worse' }, 'soon', null],
  ['pain 9/10 stopping sleep despite painkillers', { ...base, pain: 9, impact: 'impact_stops_despite_painkillers' }, 'soon', null],
  ['pain 8/10 on its own', { ...base, pain: 8 }, 'soon', null],
  ['stops work despite painkillers at 6/10', { ...base, pain: 6, impact: 'impact_stops_despite_painkillers' }, 'soon', null],
  // soon red flags
  ['tingling into one arm, no flag ticked', { ...base, symptoms: ['sym_tingling'], location: ['loc_arm'] }, 'soon', ['nerve-compression']],
  ['dizzy with neck pain, no stroke sign ticked', { ...base, symptoms: ['sym_dizziness', 'sym_stiff'] }, 'soon', null],
  ['whiplash after a minor low-speed crash', { ...base, red_flags: ['rf_trauma_minor'], duration: '2d', pain: 5, onset: 'onset_after_injury' }, 'soon', ['sudden-injury']],
  ['pain since a fall 5 days ago, no injury sign ticked', { ...base, onset: 'onset_after_injury', symptoms: ['sym_stiff'] }, 'soon', ['sudden-injury']],
  ['an injury 3 months ago that still aches stays self-care', { ...base, duration: '3mo', onset: 'onset_after_injury', assessed: 'assessed_yes' }, 'self-care', ['sudden-injury']],
  ['arm numbness past the elbow, strength normal', { ...base, red_flags: ['rf_radicular'], symptoms: ['sym_numbness', 'sym_arm_pain'], location: ['loc_arm'] }, 'soon', ['nerve-compression']],
  ['night pain and weight loss', { ...base, red_flags: ['rf_systemic'], pain: 5, duration: '3w', course: 'course_better' }, 'soon', null],
  ['long morning stiffness for months', { ...base, red_flags: ['rf_inflammatory'], duration: '5d', symptoms: ['sym_morning_stiff'] }, 'soon', ['inflammation']],
  ['osteoporosis', { ...base, red_flags: ['rf_risk_history'], triggers: ['trig_desk'] }, 'soon', ['poor-posture']],
  ['first neck pain at 60', { ...base, red_flags: ['rf_age_onset'], symptoms: ['sym_stiff'], onset: 'onset_gradual' }, 'soon', ['age-related']],
  // urgent
  ['weak grip picked as a symptom, no flag ticked', { ...base, symptoms: ['sym_weakness'], location: ['loc_arm'] }, 'urgent', ['nerve-compression']],
  ['clumsy hands and unsteady walking', { ...base, red_flags: ['rf_myelopathy'], duration: '3w' }, 'urgent', ['nerve-compression']],
  ['new weak grip', { ...base, red_flags: ['rf_arm_weakness'], symptoms: ['sym_weakness'] }, 'urgent', ['nerve-compression']],
  ['tingling in both arms, no red flag ticked', { ...base, symptoms: ['sym_tingling', 'sym_both_arms'] }, 'urgent', ['nerve-compression']],
  ['fever and feeling very unwell', { ...base, red_flags: ['rf_infection'] }, 'urgent', null],
  ['cancer history and new neck pain', { ...base, red_flags: ['rf_cancer_history'], triggers: ['trig_desk'] }, 'urgent', ['poor-posture']],
  ['over 50 with temple headache and jaw ache', { ...base, red_flags: ['rf_gca'], symptoms: ['sym_headache'] }, 'urgent', null],
  // emergency
  ['whiplash after a high-speed crash', { ...base, red_flags: ['rf_trauma_major'], duration: '1d', pain: 7, onset: 'onset_after_injury' }, 'emergency', null],
  ['fever with a neck too stiff to touch chin to chest', { ...base, red_flags: ['rf_meningitis', 'rf_infection'], symptoms: ['sym_stiff'] }, 'emergency', null],
  ['thunderclap headache', { ...base, red_flags: ['rf_sudden_severe_headache'], symptoms: ['sym_headache'] }, 'emergency', null],
  ['neck and jaw pain with chest pressure', { ...base, red_flags: ['rf_cardiac'] }, 'emergency', null],
  ['sudden slurred speech and dizziness', { ...base, red_flags: ['rf_stroke_signs'], symptoms: ['sym_dizziness'] }, 'emergency', null],
  ['new loss of bladder control', { ...base, red_flags: ['rf_cord_acute'] }, 'emergency', null],
  ['cancer history, new pain and tingling', { ...base, red_flags: ['rf_cancer_history'], symptoms: ['sym_tingling'] }, 'emergency', null],
  ['cancer history and clumsy hands', { ...base, red_flags: ['rf_cancer_history', 'rf_myelopathy'] }, 'emergency', null],
  ['fever and arm numbness', { ...base, red_flags: ['rf_infection'], symptoms: ['sym_numbness'] }, 'emergency', null],
  ['giant-cell arteritis signs with vision change', { ...base, red_flags: ['rf_gca'], symptoms: ['sym_headache', 'sym_vision'] }, 'emergency', null],
  ['chest pain plus a weak flag: highest wins', { ...base, red_flags: ['rf_cardiac', 'rf_age_onset'] }, 'emergency', null],
];

describe('clinical vignettes', () => {
  it.each(rows)('%s', (_name, answers, level, top) => {
    const result = checkIn(answers as Answers, catalogue);
    expect(result.triage.level).toBe(level);
    if (top) {
      const best = result.causes[0]!.score;
      expect(result.causes.filter((c) => c.score === best).map((c) => c.id).sort()).toEqual([...top].sort());
    }
    if (level === 'emergency') expect(result.causes).toEqual([]);
    if (level === 'emergency' || level === 'urgent') {
      expect(result.techniques).toEqual([]);
      expect(result.routine).toBeNull();
    }
    if (level === 'soon') expect(result.routine?.gentle ?? true).toBe(true);
  });
  it('has at least 30 vignettes', () => expect(rows.length).toBeGreaterThanOrEqual(30));
});
