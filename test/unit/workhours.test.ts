import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDays, formatWorkHours, parseDays, parseWorkHours, type WorkHours, withinWorkHours } from '../../src/core/workhours.js';
import { refused } from '../helpers/usage.js';

const hm = (h: number, m = 0) => h * 60 + m;
const minuteOfDay = fc.integer({ min: 0, max: 24 * 60 - 1 });
const window = fc
  .tuple(fc.integer({ min: 0, max: 24 * 60 }), fc.integer({ min: 0, max: 24 * 60 }))
  .filter(([start, end]) => start !== end)
  .map(([start, end]): WorkHours => ({ start, end }));

describe('parseWorkHours', () => {
  const _ = (text: string, start: number, end: number) => () => expect(parseWorkHours(text)).toEqual({ start, end });
  it('9-17', _('9-17', hm(9), hm(17)));
  it('9:00-17:30', _('9:00-17:30', hm(9), hm(17, 30)));
  it('09:00-17:30', _('09:00-17:30', hm(9), hm(17, 30)));
  it('spaces around the dash', _('9:00 - 17:30', hm(9), hm(17, 30)));
  it('overnight 22:00-06:00', _('22:00-06:00', hm(22), hm(6)));
  it('until midnight 18-24', _('18-24', hm(18), hm(24)));
  it(
    'hour 25',
    refused(() => parseWorkHours('25-3'), /not a time range/),
  );
  it(
    'minute 60',
    refused(() => parseWorkHours('9:60-17'), /not a time range/),
  );
  it(
    '24:30',
    refused(() => parseWorkHours('9-24:30'), /not a time range/),
  );
  it(
    'one time only',
    refused(() => parseWorkHours('9'), /not a time range/),
  );
  it(
    'three times',
    refused(() => parseWorkHours('9-12-17'), /not a time range/),
  );
  it(
    'words',
    refused(() => parseWorkHours('nine-five'), /not a time range/),
  );
  it(
    'an empty window',
    refused(() => parseWorkHours('9-9:00'), /same time/),
  );

  it('round-trips through formatWorkHours', () => {
    fc.assert(
      fc.property(window, (hours) => {
        expect(parseWorkHours(formatWorkHours(hours))).toEqual(hours);
      }),
    );
  });

  it('formats with two-digit hours', () => expect(formatWorkHours({ start: hm(9), end: hm(17, 30) })).toBe('09:00-17:30'));
});

describe('withinWorkHours', () => {
  const day = { start: hm(9), end: hm(17, 30) };
  const night = { start: hm(22), end: hm(6) };
  const _ = (hours: WorkHours, at: number, inside: boolean) => () => expect(withinWorkHours(hours, at)).toBe(inside);
  it('start is inside', _(day, hm(9), true));
  it('end is outside', _(day, hm(17, 30), false));
  it('before is outside', _(day, hm(8, 59), false));
  it('overnight: late evening inside', _(night, hm(23), true));
  it('overnight: just after midnight inside', _(night, hm(0, 1), true));
  it('overnight: last minute inside', _(night, hm(5, 59), true));
  it('overnight: end outside', _(night, hm(6), false));
  it('overnight: afternoon outside', _(night, hm(15), false));

  it('an overnight window is the complement of the day window it wraps around', () => {
    fc.assert(
      fc.property(window, minuteOfDay, ({ start, end }, at) => {
        expect(withinWorkHours({ start: end, end: start }, at)).toBe(!withinWorkHours({ start, end }, at));
      }),
    );
  });

  it('a window holds exactly its length in minutes', () => {
    fc.assert(
      fc.property(
        window.filter((w) => w.start < 24 * 60 && w.end < 24 * 60),
        (hours) => {
          let inside = 0;
          for (let m = 0; m < 24 * 60; m++) if (withinWorkHours(hours, m)) inside++;
          expect(inside).toBe((hours.end - hours.start + 24 * 60) % (24 * 60));
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('parseDays / formatDays', () => {
  const _ = (text: string, days: number[]) => () => expect(parseDays(text)).toEqual(days);
  it('mon-fri', _('mon-fri', [1, 2, 3, 4, 5]));
  it('mon,wed,fri', _('mon,wed,fri', [1, 3, 5]));
  it('all', _('all', [0, 1, 2, 3, 4, 5, 6]));
  it('a weekend range wraps', _('sat-sun', [0, 6]));
  it('fri-mon wraps', _('fri-mon', [0, 1, 5, 6]));
  it('full names and case', _('Monday,Friday', [1, 5]));
  it('duplicates collapse', _('mon,mon-tue', [1, 2]));
  it(
    'a made-up day',
    refused(() => parseDays('funday'), /not days of the week/),
  );
  it(
    'a double dash',
    refused(() => parseDays('mon--fri'), /not days of the week/),
  );
  it(
    'empty',
    refused(() => parseDays(''), /not days of the week/),
  );
  it('spaces around commas and dashes', _(' mon , wed - fri ', [1, 3, 4, 5]));
  it('an en dash is a range', _('mon\u2013fri', [1, 2, 3, 4, 5]));
  it('an em dash is a range', _('sat\u2014sun', [0, 6]));
  // These used to save only their first day (`mon`), silently.
  it.each(['mon fri', 'mon;fri', 'mon/fri', 'monfri', 'mo-fr', 'mondays'])('%j is refused with the accepted forms', (text) => {
    expect(() => parseDays(text)).toThrow(/not days of the week/);
    try {
      parseDays(text);
    } catch (error) {
      expect(error).toMatchObject({ exitCode: 2, hint: 'use a range (mon-fri), days with commas (mon,wed,fri) or all' });
    }
  });

  it('formats to the shortest text', () => {
    expect(formatDays([1, 2, 3, 4, 5])).toBe('mon-fri');
    expect(formatDays([1, 3, 5])).toBe('mon,wed,fri');
    expect(formatDays([0, 1, 2, 3, 4, 5, 6])).toBe('all');
  });

  it('round-trips any non-empty set of days', () => {
    const days = fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 7 });
    fc.assert(
      fc.property(days, (set) => {
        expect(parseDays(formatDays(set))).toEqual([...set].sort((a, b) => a - b));
      }),
    );
  });
});
