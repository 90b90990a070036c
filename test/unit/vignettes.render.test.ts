// The check-in as a person reads it: the verdict, what led to it and the next step fit one screen
// (24 lines at 80 columns) before any detail, and one level speaks with one voice.
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/content/catalogue.js';
import type { Answers, AnswersSoFar } from '../../src/core/answer-ids.js';
import { checkIn } from '../../src/core/recommend.js';
import { renderCheck } from '../../src/render/check.js';

const catalogue = await loadCatalogue();
const look = { paint: new Chalk({ level: 0 }), width: 80 };
const AT = '2026-11-25T09:30:00+00:00';
const base: Answers = { red_flags: ['none'], duration: '3w', pain: 4 };
const render = (answers: AnswersSoFar) => renderCheck(checkIn(answers, catalogue), catalogue, look, { at: AT, previous: null });
/** The text as one line, to match sentences whatever the wrapping. */
const flat = (text: string) => text.replace(/\s+/g, ' ');
/** Everything before the details: what must fit one screen. */
const summary = (text: string) => text.slice(0, text.indexOf('\nMore detail'));

const stories: [string, AnswersSoFar][] = [
  ['no answers beyond the minimum', base],
  [
    'a desk worker with every optional answer',
    {
      ...base,
      symptoms: ['sym_stiff', 'sym_ache', 'sym_eases_moving'],
      location: ['loc_back_of_neck', 'loc_top_of_shoulders'],
      onset: 'onset_after_position',
      pattern: 'pattern_recurring',
      course: 'course_same',
      assessed: 'assessed_no',
      triggers: ['trig_desk', 'trig_phone', 'trig_stress'],
      impact: 'impact_some',
      medicines: 'meds_blood_thinner',
      duration: '7w',
    },
  ],
  ...catalogue.redFlags.map((f): [string, AnswersSoFar] => [`the red flag ${f.id}`, { ...base, red_flags: [f.id] }]),
  ...catalogue.escalations.map((rule): [string, AnswersSoFar] => [
    `the rule ${rule.id}`,
    {
      ...base,
      red_flags: (rule.all ?? []).filter((id) => id.startsWith('rf_')),
      symptoms: ['sym_tingling', 'sym_vision', 'sym_dizziness', 'sym_leg_weakness'],
      onset: 'onset_sudden_movement',
      course: 'course_worse',
      pain: 9,
    },
  ]),
  [
    'six red flags at once',
    {
      ...base,
      red_flags: ['rf_cardiac', 'rf_stroke_signs', 'rf_trauma_major', 'rf_cord_acute', 'rf_meningitis', 'rf_sudden_severe_headache'],
    },
  ],
];

describe('the check-in fits a screen before its details', () => {
  it.each(stories)('%s: the verdict, what led to it and the next step within 24 lines at 80 columns', (_name, answers) => {
    const top = summary(render(answers)).split('\n');
    expect(top.length).toBeLessThanOrEqual(24);
    for (const line of top) expect(line.length).toBeLessThanOrEqual(80);
    expect(top.join('\n')).toMatch(/Next step:/);
  });
});

describe('one level, one voice', () => {
  it.each(stories)('%s: the header, the closing line and the advice agree on whom and when', (_name, answers) => {
    const result = checkIn(answers, catalogue);
    const text = render(answers);
    const level = catalogue.safety.levels[result.triage.level];
    expect(text.split('\n')[0]).toContain(level.title);
    expect(text.trimEnd().split('\n\n').at(-1)!.replace(/\s+/g, ' ')).toContain(
      `${level.title}. Who: ${result.triage.advice.whom}. When: ${result.triage.advice.when}.`,
    );
    // No softer line under a more urgent header.
    if (result.triage.level === 'emergency') expect(text).not.toMatch(/worth booking|within days|Book an appointment/);
    // Nothing points at advice that is not shown.
    if (!result.routine) expect(text).not.toMatch(/routine below|neckcoach routine /);
  });

  it('no "you mentioned tingling" unless the person did', () => {
    const text = flat(render({ ...base, red_flags: ['rf_radicular'], symptoms: ['sym_numbness'] }));
    expect(text).not.toMatch(/You (mentioned|said|reported)[^.]*tingling/i);
    expect(text).toMatch(
      /You reported "numbness in an arm or hand" and "pain, pins and needles or numbness running down one arm, with normal strength"/,
    );
  });

  it('urgent: contributors held back, and it says what is held back', () => {
    const text = flat(render({ ...base, red_flags: ['rf_gca'], triggers: ['trig_desk'] }));
    expect(text).not.toMatch(/Common contributors/);
    expect(text).toMatch(/Held back for now: Routines, techniques, the massage plan and the list of contributors/);
  });

  it('self-care: routines open, the next step is a routine, and re-checks at 2 and 6 weeks', () => {
    const text = flat(render({ ...base, triggers: ['trig_desk'] }));
    expect(text).toMatch(/Next step: Start now with neckcoach routine desk-break/);
    expect(text).toMatch(/Around 2026-12-09 \(2 weeks\) and 2027-01-06 \(6 weeks\)/);
    expect(text).not.toMatch(/Held back/);
  });

  it('recurring pain: the flare is followed, not punished, and the programme offered', () => {
    const text = flat(render({ ...base, duration: '4 days', pattern: 'pattern_recurring', triggers: ['trig_desk'] }));
    expect(text).toMatch(/follow this flare-up \(4 days\), and earlier flares do not count against you/);
    expect(text).toMatch(/Start it with: neckcoach programme start strengthen/);
  });

  it('the previous check-in is compared with the verdict', () => {
    const previous = {
      at: '2026-11-04T09:30:00+00:00',
      ago: '3 weeks ago',
      level: { before: 'soon', now: 'self-care' },
      pain: { before: 5, now: 3 },
      text: 'Since your check-in 3 weeks ago: pain 5 → 3, soon → self-care.',
    } as const;
    const text = renderCheck(checkIn({ ...base, pain: 3 }, catalogue), catalogue, look, { at: AT, previous });
    expect(flat(summary(text))).toContain('Since your check-in 3 weeks ago: pain 5 → 3, soon → self-care.');
  });
});
