import { describe, expect, it } from 'vitest';
import { DAY } from '../../src/core/clock.js';
import { REPORT_DISCLAIMER, renderReport } from '../../src/core/report.js';
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
const pains = Array.from({ length: 14 }, (_, i): HistoryEvent => ({ v: 1, type: 'pain', at: new Date(until - (13 - i) * DAY).toISOString(), pain: i < 7 ? 7 : 4 }));
const routines: HistoryEvent[] = [
  { v: 1, type: 'routine', at: '2026-11-20T10:00:00+01:00', routine: 'desk-break', reason: 'done', completed: 6, painBefore: 6, painAfter: 4 },
  { v: 1, type: 'routine', at: '2026-11-21T10:00:00+01:00', routine: 'desk-break', reason: 'quit', completed: 2 },
  { v: 1, type: 'reminder', at: '2026-11-21T10:00:00+01:00', event: 'sent', due: '2026-11-21T10:00:00+01:00' },
  { v: 1, type: 'reminder', at: '2026-11-21T10:05:00+01:00', event: 'taken', due: '2026-11-21T10:00:00+01:00' },
];
const plan = { title: 'Subacute', guidance: 'About once a week for six weeks.', between: ['Keep moving gently.'], evidence: 'Low-certainty evidence.' };

const report = (latestCheck: HistoryEvent | null = check, events = [check, ...pains, ...routines]) =>
  renderReport({
    generatedAt: '2026-11-25T18:00:00+01:00',
    stats: computeStats(events, window),
    latestCheck,
    plan: latestCheck ? plan : null,
    labels: { cause: (id) => ({ 'poor-posture': 'Poor posture' })[id], routine: (id) => (id === 'desk-break' ? 'Desk break' : undefined), answer: (id) => (id === 'sym_stiff' ? 'Stiffness' : undefined) },
  });

describe('renderReport', () => {
  const md = report();
  it('starts with a title and the period', () => expect(md).toMatch(/^# Neck pain summary\n\nSelf-reported with neckcoach, 2026-11-12 to 2026-11-25 \(14 days\)/));
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
    expect(md).toContain('**Movement breaks:** 1 reminders sent, 1 taken (100%)');
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
  it('escapes table cells', () => {
    const odd = report(check, [{ v: 1, type: 'routine', at: '2026-11-20T10:00:00+01:00', routine: 'a|b', reason: 'done' }]);
    expect(odd).toContain('| a\\|b | 1 | 0 |');
  });
});
