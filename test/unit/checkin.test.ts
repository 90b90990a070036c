import { describe, expect, it } from 'vitest';
import { DAY } from '../../src/core/clock.js';
import { GATE_WINDOW, latestCheck } from '../../src/core/checkin.js';

const check = (at: string, level: unknown, extra: Record<string, unknown> = {}) => ({ v: 1, type: 'check', at, level, ...extra });

describe('latestCheck', () => {
  it('is undefined without a check-in', () => expect(latestCheck([{ type: 'pain', at: '2026-11-25T09:00:00+01:00', pain: 3 }])).toBeUndefined());

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

  it('gates for one day', () => expect(GATE_WINDOW).toBe(DAY));
});
