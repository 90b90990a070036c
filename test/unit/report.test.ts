import { describe, expect, it } from 'vitest';
import { DAY } from '../../src/core/clock.js';
import { REPORT_DISCLAIMER, renderReport } from '../../src/render/report.js';
import { computeStats, type HistoryEvent } from '../../src/core/stats.js';

const until = Date.parse('2026-11-25T18:00:00+01:00');
const window = { since: until - 13 * DAY, until, timeZone: 'Europe/Berlin' };
const check: HistoryEvent = {
  v: 1,
  type: 'check',
  at: '2026-11-12T09:00:00+01:00',
  level: 'soon',
  flags: ['rf_radicular'],
  causes: ['poor-posture', 'muscle-overuse'],
  stage: 'subacute',
  pain: 7,
  answers: { red_flags: ['rf_radicular'], symptoms: ['sym_stiff'], duration: '8w', pain: 7 },
};
const pains = Array.from(
  { length: 14 },
  (_, i): HistoryEvent => ({ v: 1, type: 'pain', at: new Date(until - (13 - i) * DAY).toISOString(), pain: i < 7 ? 7 : 4 }),
);
const routines: HistoryEvent[] = [
  {
    v: 1,
    type: 'routine',
    at: '2026-11-20T10:00:00+01:00',
    routine: 'desk-break',
    reason: 'done',
    completed: 6,
    painBefore: 6,
    painAfter: 4,
  },
  { v: 1, type: 'routine', at: '2026-11-21T10:00:00+01:00', routine: 'desk-break', reason: 'quit', completed: 2 },
  { v: 1, type: 'reminder', at: '2026-11-21T10:00:00+01:00', event: 'sent', due: '2026-11-21T10:00:00+01:00' },
  { v: 1, type: 'reminder', at: '2026-11-21T10:05:00+01:00', event: 'taken', due: '2026-11-21T10:00:00+01:00' },
];
const plan = {
  title: 'Subacute',
  guidance: 'About once a week for six weeks.',
  between: ['Keep moving gently.'],
  evidence: 'Low-certainty evidence.',
};

const report = (latestCheck: HistoryEvent | null = check, events = [check, ...pains, ...routines]) =>
  renderReport({
    generatedAt: '2026-11-25T18:00:00+01:00',
    stats: computeStats(events, window),
    latestCheck,
    plan: latestCheck ? plan : null,
    labels: {
      cause: (id) => ({ 'poor-posture': 'Poor posture' })[id],
      routine: (id) => (id === 'desk-break' ? 'Desk break' : undefined),
      answer: (id) => (id === 'sym_stiff' ? 'Stiffness' : undefined),
    },
  });

describe('renderReport', () => {
  const md = report();
  it('starts with a title and the period', () =>
    expect(md).toMatch(/^# Neck pain summary\n\nSelf-reported with neckcoach, 2026-11-12 to 2026-11-25 \(14 days\)/));
  it('shows the latest check-in, its triage and the warning signs', () => {
    expect(md).toContain('## Latest check-in (2026-11-12 09:00)');
    expect(md).toContain('- Safety screen: **soon**');
    expect(md).toContain('- Warning signs reported: rf_radicular');
    expect(md).toContain('Common contributors matching the answers: Poor posture, muscle-overuse');
    expect(md).toContain('- symptoms: Stiffness');
    expect(md).not.toContain('- red_flags');
  });
  it('gives the pain trend with a weekly table and whether the change is meaningful', () => {
    expect(md).toMatch(/\| 2026-11-12 to 2026-11-18 \| 7 \| 7 \| 7-7 \|/);
    expect(md).toContain('First week 7, last week 4: 3 points lower, a meaningful change');
  });
  it('says what has been tried and how often, and the breaks', () => {
    expect(md).toContain('| Desk break | 1 | 1 | 2026-11-21 |');
    expect(md).toContain('| Desk break | 1 | 6 | 4 |');
    expect(md).toContain('**Movement breaks:** 1 reminder sent, 1 taken (100%), 0 snoozed, 0 skipped.');
  });
  it('includes the stage plan', () => expect(md).toContain('## Plan: Subacute'));
  it('ends with the self-reported, not-a-diagnosis line', () => expect(md.trimEnd().endsWith(`*${REPORT_DISCLAIMER}*`)).toBe(true));
  it('copes with an empty history', () => {
    const empty = report(null, []);
    expect(empty).toContain('No check-in recorded yet');
    expect(empty).toContain('No pain ratings in this period.');
    expect(empty).toContain('No guided routines recorded');
    expect(empty).toContain('not a diagnosis');
  });
  it('avoids claim words (clinical reference §8)', () => expect(md).not.toMatch(/\b(treat|cure|heal|diagnose|prevent)\b/i));
  it('counts a run of one day as "1 day"', () => {
    const today = { v: 1, type: 'routine', at: '2026-11-25T10:00:00+01:00', routine: 'desk-break', reason: 'done' };
    expect(report(check, [check, today])).toContain('current run 1 day, longest 1.');
  });
  it('shows the plan guidance once, without a label repeating its first words', () => {
    const md2 = renderReport({
      generatedAt: '2026-11-25T18:00:00+01:00',
      stats: computeStats([check], window),
      latestCheck: check,
      plan: { ...plan, guidance: 'General guidance from the article, not a tested schedule: once a week.' },
    });
    expect(md2).toContain('\n\nGeneral guidance from the article, not a tested schedule: once a week.\n');
    expect(md2).not.toContain('General guidance: General guidance');
  });
  it('counts failed reminders like stats does', () => {
    const failed = { v: 1, type: 'reminder', at: '2026-11-21T10:00:00+01:00', event: 'failed', due: '2026-11-21T10:00:00+01:00' };
    expect(report(check, [check, failed])).toContain(
      '**Movement breaks:** 0 reminders sent, 0 taken, 0 snoozed, 0 skipped, 1 failed to send.',
    );
  });
  it('words a suggested review from the thresholds', () => {
    const rising = Array.from(
      { length: 14 },
      (_, i): HistoryEvent => ({ v: 1, type: 'pain', at: new Date(until - (13 - i) * DAY).toISOString(), pain: i < 7 ? 3 : 6 }),
    );
    expect(report(check, [check, ...rising])).toContain('**Your weekly average pain has risen by 2 points or more.');
  });
  it('shows control characters from the history as visible escapes', () => {
    const odd = { ...check, causes: ['x\u001b]0;title\u0007'], answers: { symptoms: ['a\u001b[2Jb'] } };
    const md2 = report(odd, [odd]);
    expect(md2).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(md2).toContain('x\\x1b]0;title\\x07');
  });
  it('escapes table cells', () => {
    const odd = report(check, [{ v: 1, type: 'routine', at: '2026-11-20T10:00:00+01:00', routine: 'a|b', reason: 'done' }]);
    expect(odd).toContain('| a\\|b | 1 | 0 |');
  });
});
