import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { zoneOffset } from '../../src/core/stats.js';
import {
  addDays,
  dateOfDayNumber,
  dayNumber,
  isCalendarDay,
  isoLocal,
  parseCalendarDate,
  parseDateTime,
  recordTimeParser,
  shortDateTime,
} from '../../src/core/time.js';

describe('calendar dates', () => {
  it('numbers days from 1970-01-01', () =>
    expect([dayNumber('1970-01-01'), dayNumber('1970-01-02'), dayNumber('2026-11-25')]).toEqual([0, 1, 20_782]));
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

describe('parseDateTime (log --at)', () => {
  const berlin = zoneOffset('Europe/Berlin');
  it.each([
    ['2026-11-24T18:00', '2026-11-24T17:00:00.000Z'],
    ['2026-11-24 18:00', '2026-11-24T17:00:00.000Z'],
    ['2026-07-01T18:00:30', '2026-07-01T16:00:30.000Z'],
    ['2026-11-24T18:00Z', '2026-11-24T18:00:00.000Z'],
    ['2026-11-24T18:00:00-05:00', '2026-11-24T23:00:00.000Z'],
    ['2028-02-29T12:00', '2028-02-29T11:00:00.000Z'],
    ['1970-01-01T01:00', '1970-01-01T00:00:00.000Z'],
  ])('reads %s', (text, iso) => expect(new Date(parseDateTime(text, berlin)!).toISOString()).toBe(iso));
  it.each([
    '2026-02-30T10:00',
    '2027-02-29T10:00',
    '0099-06-01T10:00',
    '1969-12-31T10:00',
    '2101-01-01T00:00',
    '2026-13-01T10:00',
    '2026-11-24T24:00',
    '2026-11-24T18:60',
    '2026-11-24',
    'yesterday',
    '2026-11-24T18:00+19:00',
  ])('refuses %s', (text) => expect(parseDateTime(text, berlin)).toBeUndefined());
});

describe('recordTimeParser', () => {
  it('agrees with Date.parse on every well-formed time in 1970-2100, reused across records', () => {
    const iso = fc
      .record({
        ms: fc.integer({ min: Date.UTC(1970, 0, 2), max: Date.UTC(2100, 11, 30) }),
        zone: fc.constantFrom('Z', '+00:00', '+01:00', '-05:00', '+05:45', '-09:30', '+14:00'),
        millis: fc.boolean(),
      })
      .map(({ ms, zone, millis }) => {
        const minutes = zone === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4)));
        const wall = new Date(ms + minutes * 60_000).toISOString();
        return `${wall.slice(0, millis ? 23 : 19)}${zone}`;
      });
    fc.assert(
      fc.property(fc.array(iso, { minLength: 1, maxLength: 20 }), (times) => {
        const parse = recordTimeParser();
        for (const at of times) expect(parse(at)).toBe(Date.parse(at));
      }),
    );
  });

  it.each([
    '99-06-01T10:00:00+00:53',
    '2026-02-30T10:00:00+00:00',
    '2101-01-01T00:00:00Z',
    '1969-12-31T23:00:00Z',
    '2026-11-25 10:00:00+01:00',
    '2026-11-25T10:00:00',
    '2026-11-25T10:00:00+1:00',
    '2026-11-25T25:00:00Z',
    '2026-11-25T10:00:00.Z',
    'x026-11-25T10:00:00Z',
    42,
    null,
  ])('refuses %j, even right after a good time of the same day', (at) => {
    const parse = recordTimeParser();
    expect(parse('2026-11-25T09:00:00+01:00')).toBeDefined();
    expect(parse(at)).toBeUndefined();
  });

  it('knows leap days', () => {
    expect([isCalendarDay(2028, 2, 29), isCalendarDay(2100, 2, 29), isCalendarDay(2000, 2, 29)]).toEqual([true, false, true]);
  });
});
