import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { zoneOffset } from '../../src/core/stats.js';
import {
  addDays,
  clockTime,
  dateOfDayNumber,
  dayNumber,
  fromWallClock,
  isCalendarDay,
  isoLocal,
  namedZone,
  parseCalendarDate,
  parseDateTime,
  recordTimeParser,
  shortDateTime,
  startOfDay,
  systemZone,
  wallClock,
  when,
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

describe('time zones', () => {
  const london = namedZone('Europe/London');
  const newYork = namedZone('America/New_York');
  const kolkata = namedZone('Asia/Kolkata');

  it('reads the wall clock in the zone given, whatever zone the process runs in', () => {
    const t = Date.UTC(2026, 6, 1, 12, 0);
    expect([london, newYork, kolkata].map((z) => isoLocal(t, { zone: z }))).toEqual([
      '2026-07-01T13:00:00+01:00',
      '2026-07-01T08:00:00-04:00',
      '2026-07-01T17:30:00+05:30',
    ]);
    expect(wallClock(t, newYork)).toMatchObject({ year: 2026, month: 7, day: 1, hour: 8, weekday: 3 });
  });

  it('turns a wall-clock time back into an instant, in winter and summer', () => {
    expect(fromWallClock(london, 2026, 1, 15, 9 * 60)).toBe(Date.UTC(2026, 0, 15, 9));
    expect(fromWallClock(london, 2026, 7, 15, 9 * 60)).toBe(Date.UTC(2026, 6, 15, 8));
    expect(fromWallClock(kolkata, 2026, 7, 15, 0)).toBe(Date.UTC(2026, 6, 14, 18, 30));
  });

  it('moves a time the spring change skips forward by the gap, as Date does', () => {
    // London 2026-03-29: 01:00 GMT becomes 02:00 BST, so 01:30 does not exist.
    expect(isoLocal(fromWallClock(london, 2026, 3, 29, 90), { zone: london })).toBe('2026-03-29T02:30:00+01:00');
  });

  it('takes the first of a time the autumn change repeats', () => {
    // London 2026-10-25: 01:30 happens at 00:30 UTC (BST) and again at 01:30 UTC (GMT).
    expect(fromWallClock(london, 2026, 10, 25, 90)).toBe(Date.UTC(2026, 9, 25, 0, 30));
  });

  it('lets days and minutes overflow into the next month', () => {
    expect(isoLocal(fromWallClock(newYork, 2026, 11, 31, 25 * 60), { zone: newYork })).toBe('2026-12-02T01:00:00-05:00');
  });

  it('finds local midnight, across a DST day of 23 hours', () => {
    const noon = Date.UTC(2026, 2, 29, 12);
    expect(startOfDay(noon, london)).toBe(Date.UTC(2026, 2, 29, 0));
    expect(startOfDay(noon, london, 1) - startOfDay(noon, london)).toBe(23 * 3_600_000);
  });

  it('the system zone and its named zone agree', () => {
    const system = systemZone();
    const named = namedZone(Intl.DateTimeFormat().resolvedOptions().timeZone);
    for (const t of [Date.UTC(2026, 0, 1), Date.UTC(2026, 5, 1, 7, 45), Date.UTC(2026, 9, 25, 1, 30)])
      expect(system.offset(t)).toBe(named.offset(t));
  });

  it('an unknown zone name is refused', () => expect(() => namedZone('Mars/Olympus')).toThrow(RangeError));

  it('clock times carry seconds only when they are not zero, and when asked for', () => {
    expect(clockTime(Date.UTC(2026, 0, 1, 12, 46, 51), london)).toBe('12:46:51');
    expect(clockTime(Date.UTC(2026, 0, 1, 12, 46, 51), london, false)).toBe('12:46');
    expect(clockTime(Date.UTC(2026, 0, 1, 9, 45), london)).toBe('09:45');
  });

  it('when: today, a weekday within six days, else the date', () => {
    const now = Date.UTC(2026, 10, 25, 10); // a Wednesday
    expect(when(Date.UTC(2026, 10, 25, 12, 46, 51), now, london)).toBe('12:46:51');
    expect(when(Date.UTC(2026, 10, 30, 9, 45), now, london)).toBe('Mon 09:45');
    expect(when(Date.UTC(2026, 11, 9, 9, 45, 30), now, london, { seconds: false })).toBe('2026-12-09 09:45');
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
