import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY, HOUR, MINUTE, SECOND, WEEK } from '../../src/core/clock.js';
import { formatSpan, parseSpan, parseSymptomDuration } from '../../src/core/duration.js';
import { refused } from '../helpers/usage.js';

const span = (text: string, ms: number) => () => expect(parseSpan(text)).toBe(ms);
const symptom = (text: string, ms: number) => () => expect(parseSymptomDuration(text)).toBe(ms);
const rejects = (parse: (t: string) => number, text: string, hint: RegExp) => refused(() => parse(text), hint);

describe('parseSpan', () => {
  it('90s', span('90s', 90 * SECOND));
  it('45m', span('45m', 45 * MINUTE));
  it('1h30m', span('1h30m', 90 * MINUTE));
  it('1h 30m', span('1h 30m', 90 * MINUTE));
  it('7d', span('7d', 7 * DAY));
  it('2w', span('2w', 2 * WEEK));
  it('upper case', span('2H', 2 * HOUR));
  it('a bare number needs a unit', rejects(parseSpan, '45', /needs a unit/));
  it('an unknown unit', rejects(parseSpan, '45x', /not a duration/));
  it('zero', rejects(parseSpan, '0m', /not a duration/));
  it('empty', rejects(parseSpan, '', /not a duration/));
  it('trailing junk', rejects(parseSpan, '45m!', /not a duration/));
  it('round-trips through formatSpan', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 23 }), fc.integer({ min: 0, max: 59 }), (h, m) => {
        const ms = h * HOUR + m * MINUTE;
        expect(parseSpan(formatSpan(ms).replace(' ', ''))).toBe(ms);
      }),
    );
  });
});

describe('parseSymptomDuration', () => {
  it('3d', symptom('3d', 3 * DAY));
  it('2w', symptom('2w', 14 * DAY));
  it('4mo is 120 days', symptom('4mo', 120 * DAY));
  it('1y', symptom('1y', 365 * DAY));
  it('a bare m asks about months', rejects(parseSymptomDuration, '3m', /did you mean 3mo \(months\)/));
  it('a bare m with a space too', rejects(parseSymptomDuration, '3 m', /did you mean 3mo \(months\)/));
  it('a number alone needs a unit', rejects(parseSymptomDuration, '3', /days, weeks, months or years/));
  it('a word that is not a duration', rejects(parseSymptomDuration, 'soon', /10 days, 3 weeks/));
  it('an unknown unit', rejects(parseSymptomDuration, '2 fortnights', /not a symptom duration/));
  it('a unit without a number', rejects(parseSymptomDuration, 'weeks', /not a symptom duration/));
  it('a number without a unit at the end', rejects(parseSymptomDuration, '1 year 2', /not a symptom duration/));
});

describe("parseSymptomDuration in people's words (design §7)", () => {
  it.each([
    ['3 weeks', 21 * DAY],
    ['1 week', WEEK],
    ['10 days', 10 * DAY],
    ['today', 0],
    ['yesterday', DAY],
    ['a few hours', 3 * HOUR],
    ['an hour', HOUR],
    ['6h', 6 * HOUR],
    ['6 hrs', 6 * HOUR],
    ['2 yrs', 730 * DAY],
    ['3 months', 90 * DAY],
    ['a couple of weeks', 14 * DAY],
    ['several weeks', 28 * DAY],
    ['half a year', 182.5 * DAY],
    ['1 year 2 months', 425 * DAY],
    ['1y2mo', 425 * DAY],
    ['3 weeks and 2 days', 23 * DAY],
    ['about 3 weeks', 21 * DAY],
    ['for 2 weeks now', 14 * DAY],
    ['  3   Weeks ', 21 * DAY],
    ['30 minutes', 30 * MINUTE],
  ])('%s', (text, ms) => expect(parseSymptomDuration(text)).toBe(ms));
});
