import { breaksText } from '../../src/render/tracking.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY, HOUR, MINUTE } from '../../src/core/clock.js';
import {
  calendarDay,
  computeStats,
  type HistoryEvent,
  mean,
  painTrend,
  parseWindow,
  percent,
  resolveTimeZone,
  round1,
  statsFold,
  startOfDay,
  streaks,
  wallTime,
  wholeDays,
  zoneOffset,
} from '../../src/core/stats.js';

const ZONES = ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Pacific/Chatham', 'UTC'] as const;

/** Independent oracle for a local date: Intl's own formatting, no caching. */
const oracleDate = (ms: number, timeZone: string) => new Date(ms).toLocaleDateString('en-CA', { timeZone });
const nextDate = (date: string) => new Date(Date.parse(`${date}T12:00:00Z`) + DAY).toISOString().slice(0, 10);

const routine = (at: string | number, fields: Record<string, unknown> = {}): HistoryEvent => ({
  v: 1,
  type: 'routine',
  at: typeof at === 'number' ? new Date(at).toISOString() : at,
  routine: 'desk-break',
  reason: 'done',
  completed: 6,
  skipped: 0,
  seconds: 120,
  ...fields,
});
const pain = (at: string, value: number): HistoryEvent => ({ v: 1, type: 'pain', at, pain: value });
const reminder = (at: string, event: string): HistoryEvent => ({ v: 1, type: 'reminder', at, event, due: at });

describe('calendarDay', () => {
  it('one reader agrees with Intl over a run of instants, in order and not (its caches stay right)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }), { maxLength: 80 }),
        fc.constantFrom(...ZONES),
        (instants, zone) => {
          const day = calendarDay(zone);
          for (const ms of [...instants.sort((a, b) => a - b), ...instants.reverse()]) expect(day(ms)).toBe(oracleDate(ms, zone));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('agrees with Intl for any instant in any zone (15-minute buckets are safe)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }), fc.constantFrom(...ZONES), (ms, zone) => {
        expect(calendarDay(zone)(ms)).toBe(oracleDate(ms, zone));
      }),
    );
  });
});

describe('streaks', () => {
  it('is 0/0 with no active days', () => expect(streaks(new Set(), 100)).toEqual({ current: 0, longest: 0 }));
  it('counts today', () => expect(streaks(new Set([98, 99, 100]), 100)).toEqual({ current: 3, longest: 3 }));
  it('keeps a streak alive that reached yesterday', () => expect(streaks(new Set([98, 99]), 100)).toEqual({ current: 2, longest: 2 }));
  it('breaks after a missed day', () => expect(streaks(new Set([90, 91, 92, 93, 98]), 100)).toEqual({ current: 0, longest: 4 }));
});

describe('computeStats', () => {
  const until = Date.parse('2026-11-25T18:00:00+01:00');
  const window = { since: until - 30 * DAY, until, timeZone: 'Europe/Berlin' };

  it('handles an empty history', () => {
    const stats = computeStats([], window);
    expect(stats.days).toHaveLength(31);
    expect(stats.days.every((d) => d.routines === 0 && d.pain === null)).toBe(true);
    expect(stats.streak).toEqual({ current: 0, longest: 0 });
    expect(stats.pain).toMatchObject({ firstWeek: null, lastWeek: null, change: null, meaningful: false });
    expect(stats.routineEffect).toEqual([]);
    expect(stats.until).toBe('2026-11-25');
  });

  it('handles one event', () => {
    const stats = computeStats([routine('2026-11-25T09:00:00+01:00', { painBefore: 5, painAfter: 3 })], window);
    expect(stats.streak).toEqual({ current: 1, longest: 1 });
    expect(stats.days.at(-1)).toMatchObject({ date: '2026-11-25', routines: 1 });
    expect(stats.totals.routines).toBe(1);
    expect(stats.routineEffect).toEqual([{ routine: 'desk-break', n: 1, meanBefore: 5, meanAfter: 3 }]);
    expect(stats.tried).toEqual([{ routine: 'desk-break', done: 1, partial: 0, lastAt: '2026-11-25T09:00:00+01:00' }]);
  });

  it('counts a streak across a month end', () => {
    const events = ['2026-10-30', '2026-10-31', '2026-11-01', '2026-11-02'].map((d) => routine(`${d}T22:30:00+01:00`));
    const stats = computeStats(events, {
      since: Date.parse('2026-10-01T00:00:00+02:00'),
      until: Date.parse('2026-11-02T23:00:00+01:00'),
      timeZone: 'Europe/Berlin',
    });
    expect(stats.streak).toEqual({ current: 4, longest: 4 });
  });

  it('counts a streak across a year end', () => {
    const events = ['2026-12-30', '2026-12-31', '2027-01-01'].map((d) => routine(`${d}T08:00:00-05:00`));
    const stats = computeStats(events, {
      since: Date.parse('2026-12-01T00:00:00-05:00'),
      until: Date.parse('2027-01-01T20:00:00-05:00'),
      timeZone: 'America/New_York',
    });
    expect(stats.streak).toEqual({ current: 3, longest: 3 });
  });

  it.each([
    [
      'Europe/Berlin spring forward',
      'Europe/Berlin',
      ['2026-03-28T23:30:00+01:00', '2026-03-29T23:30:00+02:00', '2026-03-30T00:15:00+02:00'],
    ],
    ['Europe/Berlin fall back', 'Europe/Berlin', ['2026-10-24T23:59:00+02:00', '2026-10-25T02:30:00+01:00', '2026-10-26T00:01:00+01:00']],
    [
      'New York spring forward',
      'America/New_York',
      ['2026-03-07T23:45:00-05:00', '2026-03-08T03:05:00-04:00', '2026-03-09T23:59:59-04:00'],
    ],
  ])('counts each calendar day once across DST (%s)', (_name, timeZone, ats) => {
    const events = ats.map((at) => routine(at));
    const until = Date.parse(ats.at(-1)!);
    const stats = computeStats(events, { since: until - 10 * DAY, until, timeZone });
    expect(stats.streak).toEqual({ current: 3, longest: 3 });
    expect(stats.days.slice(-3).map((d) => d.routines)).toEqual([1, 1, 1]);
    const dates = stats.days.map((d) => d.date);
    expect(new Set(dates).size).toBe(dates.length);
  });

  it('gives the same streaks and per-day counts as a plain oracle for generated histories', () => {
    const start = Date.UTC(2026, 0, 20);
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.array(fc.record({ offset: fc.integer({ min: 0, max: 120 * DAY }), done: fc.boolean() }), { maxLength: 120 }),
        fc.integer({ min: 0, max: 130 * DAY }),
        (timeZone, generated, untilOffset) => {
          const until = start + untilOffset;
          const since = until - 30 * DAY;
          const events = generated.map(({ offset, done }) => routine(start + offset, { reason: done ? 'done' : 'quit' }));
          const stats = computeStats(events, { since, until, timeZone });

          const active = new Set(
            generated.filter((g) => g.done && start + g.offset <= until).map((g) => oracleDate(start + g.offset, timeZone)),
          );
          const sorted = [...active].sort();
          let longest = 0;
          let run = 0;
          sorted.forEach((d, i) => {
            run = i > 0 && nextDate(sorted[i - 1]!) === d ? run + 1 : 1;
            longest = Math.max(longest, run);
          });
          const today = oracleDate(until, timeZone);
          let cursor = active.has(today) ? today : new Date(Date.parse(`${today}T12:00:00Z`) - DAY).toISOString().slice(0, 10);
          let current = 0;
          while (active.has(cursor)) {
            current++;
            cursor = new Date(Date.parse(`${cursor}T12:00:00Z`) - DAY).toISOString().slice(0, 10);
          }
          expect(stats.streak).toEqual({ current, longest });

          const inWindow = generated.filter((g) => g.done && start + g.offset >= since && start + g.offset <= until);
          expect(stats.days.reduce((n, d) => n + d.routines, 0)).toBe(inWindow.length);
          for (const g of inWindow) {
            expect(stats.days.find((d) => d.date === oracleDate(start + g.offset, timeZone))?.routines).toBeGreaterThan(0);
          }
          expect(stats.days[0]!.date).toBe(oracleDate(since, timeZone));
          expect(stats.days.at(-1)!.date).toBe(today);
          for (let i = 1; i < stats.days.length; i++) expect(stats.days[i]!.date).toBe(nextDate(stats.days[i - 1]!.date));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('counts reminders by kind, per day and in total', () => {
    const events = [
      reminder('2026-11-24T09:45:00+01:00', 'sent'),
      reminder('2026-11-24T09:50:00+01:00', 'taken'),
      reminder('2026-11-24T10:30:00+01:00', 'sent'),
      reminder('2026-11-24T10:31:00+01:00', 'snoozed'),
      reminder('2026-11-25T10:31:00+01:00', 'skipped'),
      reminder('2026-11-25T11:00:00+01:00', 'failed'),
      reminder('2026-11-25T12:10:00+01:00', 'natural'),
      reminder('2026-11-25T14:00:00+01:00', 'deferred'),
      reminder('2026-11-25T14:20:00+01:00', 'natural'),
    ];
    const stats = computeStats(events, window);
    expect(stats.days.at(-2)!.reminders).toEqual({ sent: 2, taken: 1, snoozed: 1, skipped: 0, natural: 0, deferred: 0 });
    expect(stats.days.at(-1)!.reminders).toEqual({ sent: 0, taken: 0, snoozed: 0, skipped: 1, natural: 2, deferred: 1 });
    expect(stats.totals.reminders).toEqual({ sent: 2, taken: 1, snoozed: 1, skipped: 1, natural: 2, deferred: 1, failed: 1, total: 9 });
    expect(breaksText(stats.totals.reminders, ', ')).toMatch(/2 natural breaks \(time away\), 1 held for do-not-disturb/);
  });

  it('leaves events after `until` and before `since` out of the days, but not out of the streak', () => {
    const events = [routine('2026-10-24T09:00:00+02:00'), routine('2026-10-25T09:00:00+01:00'), routine('2026-11-26T09:00:00+01:00')];
    const stats = computeStats(events, {
      since: Date.parse('2026-10-25T00:00:00+02:00'),
      until: Date.parse('2026-10-25T20:00:00+01:00'),
      timeZone: 'Europe/Berlin',
    });
    expect(stats.totals.routines).toBe(1);
    expect(stats.streak).toEqual({ current: 2, longest: 2 });
  });

  it('averages the pain of a day over pain logs and check-ins', () => {
    const events = [
      pain('2026-11-25T08:00:00+01:00', 6),
      { v: 1, type: 'check', at: '2026-11-25T09:00:00+01:00', pain: 3, level: 'self-care' },
      pain('2026-11-25T10:00:00+01:00', 11),
    ];
    expect(computeStats(events, window).days.at(-1)!.pain).toBe(4.5);
  });

  it('ranks routines by how much lower pain was after them', () => {
    const events = [
      routine('2026-11-20T09:00:00+01:00', { routine: 'chin-tucks', painBefore: 5, painAfter: 5 }),
      routine('2026-11-21T09:00:00+01:00', { routine: 'desk-break', painBefore: 6, painAfter: 4 }),
      routine('2026-11-22T09:00:00+01:00', { routine: 'desk-break', painBefore: 5, painAfter: 4 }),
      routine('2026-11-22T10:00:00+01:00', { routine: 'morning', reason: 'quit' }),
    ];
    const stats = computeStats(events, window);
    expect(stats.routineEffect).toEqual([
      { routine: 'desk-break', n: 2, meanBefore: 5.5, meanAfter: 4 },
      { routine: 'chin-tucks', n: 1, meanBefore: 5, meanAfter: 5 },
    ]);
    expect(stats.tried.find((t) => t.routine === 'morning')).toMatchObject({ done: 0, partial: 1 });
  });
});

describe('painTrend (clinical reference §7)', () => {
  const series = (values: (number | null)[]) =>
    values.map((pain, i) => ({ date: new Date(Date.UTC(2026, 10, 1) + i * DAY).toISOString().slice(0, 10), pain }));
  const week = (v: number | null) => Array.from({ length: 7 }, () => v);
  const _ = (values: (number | null)[], expected: Record<string, unknown>) => () =>
    expect(painTrend(series(values))).toMatchObject(expected);

  it(
    'a drop of 3 points over two weeks is meaningful',
    _([...week(6), ...week(3)], { firstWeek: 6, lastWeek: 3, change: -3, meaningful: true, periodDays: 7, review: null }),
  );
  it('a drop of 1 point from 5 (20%) is not', _([...week(5), ...week(4)], { change: -1, meaningful: false }));
  it('a drop of 1 point from 3 (33%) is', _([...week(3), ...week(2)], { change: -1, meaningful: true }));
  it('single days are not enough', _([6, ...week(null), ...week(null), 2], { change: -4, meaningful: false }));
  it('one rating gives no change', _([5], { firstWeek: 5, lastWeek: null, change: null, meaningful: false, ratedDays: 1 }));
  it('a shorter span compares its halves', _([6, 6, 6, 3, 3, 3], { periodDays: 3, firstWeek: 6, lastWeek: 3, meaningful: true }));
  it('suggests a review when the weekly average rises by 2', _([...week(3), ...week(5)], { change: 2, review: 'rising' }));
  it('suggests a review when pain stays 8 or more for a week', _([...week(8), ...week(9)], { review: 'high' }));
  it('does not suggest a review for a high week without a full week of data', _([9, 9, 9, 9], { review: null }));
});

describe('window bounds', () => {
  it('covers every calendar day between since and until, DST or not', () => {
    const until = Date.parse('2026-11-02T12:00:00-05:00');
    const stats = computeStats([], { since: until - 7 * DAY - 2 * HOUR, until, timeZone: 'America/New_York' });
    expect(stats.days.map((d) => d.date)).toEqual([
      '2026-10-26',
      '2026-10-27',
      '2026-10-28',
      '2026-10-29',
      '2026-10-30',
      '2026-10-31',
      '2026-11-01',
      '2026-11-02',
    ]);
    expect(MINUTE).toBe(60_000);
  });
});

describe('parseWindow', () => {
  const now = Date.parse('2026-11-25T18:00:00Z');
  const midnight = (date: string) => Date.parse(`${date}T00:00:00Z`);
  const parse = (flags: Parameters<typeof parseWindow>[0]) => parseWindow(flags, now, '30d', midnight);

  it('--since is a span back from now', () => expect(parse({ since: '7d' })).toEqual({ since: now - 7 * DAY, until: now }));
  it('--since all is the whole history', () => expect(parse({ since: 'all' })).toEqual({ since: -Infinity, until: now }));
  it('--from/--to are whole days', () =>
    expect(parse({ from: '2026-11-01', to: '2026-11-02' })).toEqual({ since: midnight('2026-11-01'), until: midnight('2026-11-03') - 1 }));
  it('a --from after today is an empty window, not an error about --to', () => {
    const w = parse({ from: '2027-01-01' });
    expect(w.until).toBe(now);
    expect(w.since).toBeGreaterThan(w.until);
  });
  it('refuses --to before --from, naming both', () =>
    expect(() => parse({ from: '2026-11-20', to: '2026-11-01' })).toThrow('--to 2026-11-01 is before --from 2026-11-20'));
  it('refuses --since with --from', () => expect(() => parse({ since: '7d', from: '2026-11-01' })).toThrow(/either --since or --from/));
  it('refuses a date that does not exist', () => expect(() => parse({ from: '2026-02-30' })).toThrow('--from "2026-02-30" is not a date'));
});

describe('wholeDays', () => {
  const until = Date.parse('2026-11-25T18:00:00+01:00');
  it('turns 14d into the 14 calendar days ending today', () => {
    const w = wholeDays({ since: until - 14 * DAY, until }, 'Europe/Berlin');
    expect(w.since).toBe(Date.parse('2026-11-12T00:00:00+01:00'));
    expect(computeStats([], { ...w, timeZone: 'Europe/Berlin' }).days).toHaveLength(14);
  });
  it('counts calendar days across a DST change', () => {
    const end = Date.parse('2026-11-02T09:00:00-05:00');
    const w = wholeDays({ since: end - 7 * DAY, until: end }, 'America/New_York');
    expect(w.since).toBe(Date.parse('2026-10-27T00:00:00-04:00'));
  });
  it('leaves spans under a day and the whole history alone', () => {
    expect(wholeDays({ since: until - 12 * HOUR, until }, 'UTC')).toEqual({ since: until - 12 * HOUR, until });
    expect(wholeDays({ since: -Infinity, until }, 'UTC').since).toBe(-Infinity);
  });
});

describe('statsFold', () => {
  const until = Date.parse('2026-11-25T20:00:00Z');
  const event = fc.record({
    minutes: fc.integer({ min: 0, max: 60 * 24 * 40 }),
    kind: fc.constantFrom('done', 'quit', 'pain', 'sent', 'taken', 'failed'),
    value: fc.integer({ min: 0, max: 10 }),
  });
  const toEvent = ({ minutes, kind, value }: { minutes: number; kind: string; value: number }, i: number): HistoryEvent => {
    // Distinct instants (a minute and a millisecond each): ties would make "the last one" depend on order.
    const at = new Date(until - minutes * MINUTE - i).toISOString();
    if (kind === 'done' || kind === 'quit')
      return routine(at, { reason: kind, painBefore: value, painAfter: Math.max(0, value - 1), routine: `r${value % 3}` });
    if (kind === 'pain') return pain(at, value);
    return reminder(at, kind);
  };

  it('gives the same result whatever order the events come in (a history is not in time order)', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 60 }), fc.constantFrom(...ZONES), fc.boolean(), (raw, timeZone, all) => {
        const events = raw.map(toEvent);
        const window = { since: all ? Number.NEGATIVE_INFINITY : until - 14 * DAY, until, timeZone };
        const sorted = computeStats(
          [...events].sort((a, b) => Date.parse(a.at) - Date.parse(b.at)),
          window,
        );
        expect(computeStats([...events].reverse(), window)).toEqual(sorted);
        expect(computeStats(events, window)).toEqual(sorted);
      }),
      { numRuns: 150 },
    );
  });

  it('takes each event with its time, as the streaming readers pass it', () => {
    const fold = statsFold({ since: until - 2 * DAY, until, timeZone: 'UTC' });
    fold.add(pain('2026-11-25T08:00:00Z', 4), Date.parse('2026-11-25T08:00:00Z'));
    fold.add(pain('2026-11-25T09:00:00Z', 6), Date.parse('2026-11-25T09:00:00Z'));
    expect(fold.finish().days.at(-1)).toMatchObject({ date: '2026-11-25', pain: 5 });
  });

  it('leaves out an event whose time is not a real moment (computeStats over a list)', () => {
    const stats = computeStats([pain('2026-02-30T10:00:00Z', 9), pain('2026-11-25T10:00:00Z', 3)], {
      since: Number.NEGATIVE_INFINITY,
      until,
      timeZone: 'UTC',
    });
    expect(stats.totals.painRatings).toBe(1);
  });
});

describe('zoneOffset and wallTime', () => {
  it("knows a zone's offset either side of a DST change", () => {
    expect(zoneOffset('Europe/Berlin')(Date.parse('2026-07-01T12:00:00Z'))).toBe(2 * HOUR);
    expect(zoneOffset('Europe/Berlin')(Date.parse('2026-12-01T12:00:00Z'))).toBe(HOUR);
    expect(zoneOffset('Asia/Kolkata')(0)).toBe(5.5 * HOUR);
  });
  it.each(['Europe/Berlin', 'America/Santiago', 'Asia/Kolkata', 'Australia/Lord_Howe', 'UTC'])(
    "without a zone, uses the runtime's (TZ=%s) as Intl would",
    (zone) => {
      const saved = process.env.TZ;
      process.env.TZ = zone; // Node applies a new TZ to Date at once
      try {
        const [runtime, named] = [zoneOffset(), zoneOffset(zone)];
        fc.assert(fc.property(fc.integer({ min: 0, max: Date.parse('2100-01-01') }), (ms) => Object.is(runtime(ms), named(ms))));
      } finally {
        if (saved === undefined) delete process.env.TZ;
        else process.env.TZ = saved;
      }
    },
  );
  it("resolves TZ to an IANA zone, or to the runtime's (undefined) when unset or not a zone name", () => {
    expect([resolveTimeZone('Europe/Berlin'), resolveTimeZone(':America/New_York')]).toEqual(['Europe/Berlin', 'America/New_York']);
    expect([resolveTimeZone(undefined), resolveTimeZone(''), resolveTimeZone('CET-1CEST,M3.5.0,M10.5.0/3')]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });
  it('shows an instant on the wall clock of the zone asked for', () => {
    const ms = Date.parse('2026-11-20T09:00:00+01:00');
    expect(wallTime('America/New_York')(ms)).toBe('2026-11-20 03:00');
    expect(wallTime('Asia/Kolkata')(ms)).toBe('2026-11-20 13:30');
  });
});

describe('shared arithmetic', () => {
  it('rounds to one decimal', () => expect([round1(4.25), round1(4.24), round1(6)]).toEqual([4.3, 4.2, 6]));
  it('means', () => expect(mean([1, 2, 6])).toBe(3));
  it('percent is undefined without a whole', () => expect([percent(1, 3), percent(0, 0)]).toEqual([33, undefined]));
});

describe('startOfDay', () => {
  it.each([
    ['2026-03-29', 'Europe/Berlin', '2026-03-29T00:00:00+01:00'],
    ['2026-10-25', 'Europe/Berlin', '2026-10-25T00:00:00+02:00'],
    ['2026-11-25', 'Asia/Kolkata', '2026-11-25T00:00:00+05:30'],
    ['2026-09-06', 'America/Santiago', '2026-09-06T01:00:00-03:00'],
  ])('%s in %s starts at %s', (date, zone, iso) => expect(startOfDay(date, zone)).toBe(Date.parse(iso)));
});
