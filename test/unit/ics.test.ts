import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { buildIcs, escapeText, foldLine, type IcsPlan, sessionDays, utcStamp } from '../../src/core/ics.js';

const NOW = Date.UTC(2026, 10, 25, 9, 30, 5);
const plan = (
  calendar: { perWeek: number; weeks: number; minutes: number } | null = { perWeek: 2, weeks: 3, minutes: 60 },
  extra: Partial<IcsPlan> = {},
) =>
  buildIcs({
    ...extra,
    key: 'acute',
    title: 'New neck pain',
    calendar,
    description: 'General guidance, not a tested schedule; see the evidence note.\nSecond line, with commas.',
    start: '2026-11-26',
    now: NOW,
    routine: { id: 'desk-break', title: 'Desk break', seconds: 137, length: '2 min 17 s' },
  });

describe('ics helpers', () => {
  it('sessions twice a week for 3 weeks', () => expect(sessionDays({ perWeek: 2, weeks: 3 })).toEqual([0, 4, 7, 11, 14, 18]));
  it('every two weeks for 12 weeks', () => expect(sessionDays({ perWeek: 0.5, weeks: 12 })).toEqual([0, 14, 28, 42, 56, 70]));
  it('three a week for 4 weeks', () => expect(sessionDays({ perWeek: 3, weeks: 4 })).toHaveLength(12));
  it('monthly for 24 weeks', () => expect(sessionDays({ perWeek: 0.25, weeks: 24 })).toEqual([0, 28, 56, 84, 112, 140]));
  it('at least one session', () => expect(sessionDays({ perWeek: 0.1, weeks: 1 })).toEqual([0]));
  it('escapes text', () => expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne'));
  it('UTC stamp', () => expect(utcStamp(NOW)).toBe('20261125T093005Z'));
  it('leaves a short line alone', () => expect(foldLine('SUMMARY:short')).toBe('SUMMARY:short'));
  it('folds at 75 octets', () => {
    const folded = foldLine(`DESCRIPTION:${'x'.repeat(200)}`).split('\r\n');
    for (const line of folded) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(folded.slice(1).every((l) => l.startsWith(' '))).toBe(true);
    expect(folded.map((l, i) => (i ? l.slice(1) : l)).join('')).toBe(`DESCRIPTION:${'x'.repeat(200)}`);
  });
  it('never splits a multi-byte character', () => {
    const line = `SUMMARY:${'é'.repeat(60)}`;
    const folded = foldLine(line).split('\r\n');
    for (const part of folded) expect(new TextEncoder().encode(part).length).toBeLessThanOrEqual(75);
    expect(folded.map((l, i) => (i ? l.slice(1) : l)).join('')).toBe(line);
  });
});

describe('buildIcs', () => {
  const text = plan();
  const component = new ICAL.Component(ICAL.parse(text));
  const events = component.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));

  it('uses CRLF line endings only', () => expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/));
  it('keeps every line within 75 octets', () => {
    for (const line of text.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
  });
  it('parses as a VCALENDAR 2.0', () => expect(component.getFirstPropertyValue('version')).toBe('2.0'));
  it('has one event per session plus the daily routine', () => expect(events).toHaveLength(7));
  it('sessions are all-day on the planned dates', () =>
    expect(events.slice(0, 6).map((e) => e.startDate.toString())).toEqual([
      '2026-11-26',
      '2026-11-30',
      '2026-12-03',
      '2026-12-07',
      '2026-12-10',
      '2026-12-14',
    ]));
  it('each event has a unique UID and the DTSTAMP from the clock', () => {
    expect(new Set(events.map((e) => e.uid)).size).toBe(7);
    for (const e of component.getAllSubcomponents('vevent'))
      expect(e.getFirstPropertyValue('dtstamp')!.toString()).toBe('2026-11-25T09:30:05Z');
  });
  it('the description round-trips through escaping', () =>
    expect(events[0]!.description).toBe('General guidance, not a tested schedule; see the evidence note.\nSecond line, with commas.'));
  it("the routine repeats daily for the plan's weeks", () => {
    const routine = events.at(-1)!;
    expect(routine.isRecurring()).toBe(true);
    const rule = routine.component.getFirstPropertyValue('rrule') as ICAL.Recur;
    expect(rule.freq).toBe('DAILY');
    expect(rule.count).toBe(21);
    expect(routine.summary).toBe('Desk break (2 min 17 s)');
    expect(routine.duration.toSeconds()).toBe(180);
    expect(routine.startDate.toString()).toBe('2026-11-26T08:00:00');
    const it = routine.iterator();
    let n = 0;
    while (it.next()) n++;
    expect(n).toBe(21);
  });
  it('is the same for the same input (stable UIDs)', () => expect(plan()).toBe(text));
  it('the evidence dose: 12 sessions in 4 weeks', () => {
    const evidence = new ICAL.Component(ICAL.parse(plan({ perWeek: 3, weeks: 4, minutes: 60 })));
    expect(evidence.getAllSubcomponents('vevent')).toHaveLength(13);
  });
});

describe('buildIcs with notes: the check-up first, sessions held until after it, re-checks', () => {
  const notes = [
    { id: 'check-up', day: 0, summary: 'Book your neck check-up', description: 'A GP or physiotherapist.' },
    { id: 'recheck-2w', day: 14, summary: 'Neck check-in: run neckcoach check', description: 'Calendars cannot run commands.' },
    { id: 'recheck-6w', day: 42, summary: 'Neck check-in: run neckcoach check', description: 'Calendars cannot run commands.' },
  ];
  const events = (text: string) => new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
  const all = events(plan(undefined, { notes, sessionsFrom: 14 }));

  it('the check-up comes first, on the first day', () =>
    expect([all[0]!.summary, all[0]!.startDate.toString()]).toEqual(['Book your neck check-up', '2026-11-26']));
  it('re-checks at 2 and 6 weeks say what to run', () => {
    const rechecks = all.filter((e) => /neckcoach check/.test(e.summary));
    expect(rechecks.map((e) => e.startDate.toString())).toEqual(['2026-12-10', '2027-01-07']);
  });
  it('massage sessions start only after the check-up window', () => {
    const sessions = all.filter((e) => /Massage session/.test(e.summary));
    expect(sessions).toHaveLength(6);
    expect(sessions[0]!.startDate.toString()).toBe('2026-12-10');
  });
  it('the daily routine runs through the last re-check', () => {
    const rule = all.at(-1)!.component.getFirstPropertyValue('rrule') as ICAL.Recur;
    expect(rule.count).toBe(43);
  });
  it('no massage sessions at all: only the notes and the routine', () => {
    const none = events(plan(null, { notes: notes.slice(1) }));
    expect(none.map((e) => e.summary)).toEqual([
      'Neck check-in: run neckcoach check',
      'Neck check-in: run neckcoach check',
      'Desk break (2 min 17 s)',
    ]);
  });
});
