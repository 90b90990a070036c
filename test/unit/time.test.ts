import { describe, expect, it } from 'vitest';
import { addDays, dateOfDayNumber, dayNumber, isoLocal, parseCalendarDate, shortDateTime } from '../../src/core/time.js';

describe('calendar dates', () => {
  it('numbers days from 1970-01-01', () => expect([dayNumber('1970-01-01'), dayNumber('1970-01-02'), dayNumber('2026-11-25')]).toEqual([0, 1, 20_782]));
  it('round-trips a day number', () => expect(dateOfDayNumber(dayNumber('2028-02-29'))).toBe('2028-02-29'));
  it.each([
    ['2026-11-26', 7, '2026-12-03'],
    ['2026-03-28', 2, '2026-03-30'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2027-01-01', -1, '2026-12-31'],
  ])('%s + %i days is %s', (date, days, expected) => expect(addDays(date, days)).toBe(expected));
});

describe('parseCalendarDate', () => {
  it('accepts a real day, trimmed', () => expect(parseCalendarDate(' 2026-12-01 ', '--from')).toBe('2026-12-01'));
  it.each(['2026-02-30', '2026-13-01', '01/12/2026', '2026-1-1', ''])('refuses %j naming the flag, exit 2', (text) => {
    expect(() => parseCalendarDate(text, '--start')).toThrow(`--start "${text}" is not a date`);
    try {
      parseCalendarDate(text, '--start');
    } catch (error) {
      expect(error).toMatchObject({ exitCode: 2, hint: 'use YYYY-MM-DD, e.g. 2026-12-01' });
    }
  });
});

describe('shortDateTime', () => {
  it('keeps the wall-clock time as written', () => expect(shortDateTime('2026-11-25T09:30:00+01:00')).toBe('2026-11-25 09:30'));
});

describe('isoLocal', () => {
  it('has an offset and, on request, milliseconds', () => {
    expect(isoLocal(Date.UTC(2026, 10, 25, 8, 30))).toMatch(/^2026-11-2\dT\d\d:\d\d:00[+-]\d\d:\d\d$/);
    expect(isoLocal(Date.UTC(2026, 10, 25, 8, 30, 0, 5), { millis: true })).toMatch(/:00\.005[+-]\d\d:\d\d$/);
  });
});
