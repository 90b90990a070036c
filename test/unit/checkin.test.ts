import { describe, expect, it } from 'vitest';
import { DAY, HOUR, MINUTE, WEEK } from '../../src/core/clock.js';
import { agoText, compareChecks, latestCheck } from '../../src/core/checkin.js';
import { LEVEL_IDS } from '../../src/core/levels.js';
import { LEVELS } from '../../src/content/schema.js';

const check = (at: string, level: unknown, extra: Record<string, unknown> = {}) => ({ v: 1, type: 'check', at, level, ...extra });

describe('latestCheck', () => {
  it('is undefined without a check-in', () =>
    expect(latestCheck([{ type: 'pain', at: '2026-11-25T09:00:00+01:00', pain: 3 }])).toBeUndefined());

  it('takes the latest by time, not the last line of the file', () => {
    const late = check('2026-11-25T09:00:00+01:00', 'soon', { stage: 'acute', flags: ['none'] });
    const early = check('2026-11-20T09:00:00+01:00', 'self-care', { stage: 'chronic' });
    const latest = latestCheck([late, early]);
    expect(latest).toEqual({ at: Date.parse(late.at), level: 'soon', flags: [], stage: 'acute', record: late });
  });

  it('compares instants across offsets', () => {
    const a = check('2026-11-25T09:00:00+01:00', 'soon');
    const b = check('2026-11-25T08:30:00Z', 'urgent'); // 09:30 in Berlin: later
    expect(latestCheck([b, a])?.level).toBe('urgent');
  });

  it('passes over unknown levels and unparseable times', () => {
    const good = check('2026-11-20T09:00:00+01:00', 'urgent', { flags: ['rf_fever', 'none', 3] });
    const latest = latestCheck([good, check('2026-11-25T09:00:00+01:00', 'purple'), check('not a time', 'emergency')]);
    expect(latest).toMatchObject({ level: 'urgent', flags: ['rf_fever'], stage: undefined });
  });

  it('on equal times the later line wins', () => {
    const at = '2026-11-25T09:00:00+01:00';
    expect(latestCheck([check(at, 'soon'), check(at, 'self-care')])?.level).toBe('self-care');
  });
});

describe('agoText', () => {
  it.each([
    [30_000, 'just now'],
    [25 * MINUTE, '25 min ago'],
    [3 * HOUR, '3 h ago'],
    [DAY, '1 day ago'],
    [9 * DAY, '9 days ago'],
    [3 * WEEK, '3 weeks ago'],
    [100 * DAY, '3 months ago'],
    [800 * DAY, '2 years ago'],
  ])('%i ms: %s', (ms, text) => expect(agoText(ms)).toBe(text));
});

describe('compareChecks: this check-in beside the previous one', () => {
  const now = Date.parse('2026-11-25T09:00:00Z');
  const previous = latestCheck([check('2026-11-04T09:00:00Z', 'soon', { pain: 5 })]);
  it('pain and level', () =>
    expect(compareChecks(previous, { level: 'self-care', pain: 3 }, now)).toMatchObject({
      ago: '3 weeks ago',
      pain: { before: 5, now: 3 },
      text: 'Since your check-in 3 weeks ago: pain 5 → 3, soon → self-care.',
    }));
  it('nothing changed', () =>
    expect(compareChecks(previous, { level: 'soon', pain: 5 }, now)?.text).toBe('Since your check-in 3 weeks ago: pain 5 → 5.'));
  it('no pain recorded then', () =>
    expect(compareChecks(latestCheck([check('2026-11-24T09:00:00Z', 'soon')]), { level: 'soon', pain: 2 }, now)?.text).toBe(
      'Since your check-in 1 day ago: about the same.',
    ));
  it('no previous check-in', () => expect(compareChecks(undefined, { level: 'soon', pain: 2 }, now)).toBeNull());
});

describe('LEVEL_IDS', () => {
  it('is the content schema’s list of levels (the history index reads it without the schema library)', () => {
    expect(LEVEL_IDS).toEqual(LEVELS);
  });
});
