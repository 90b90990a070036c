import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import programmes from '../../data/programmes.json' with { type: 'json' };
import routines from '../../data/routines.json' with { type: 'json' };
import type { Programme, Routine } from '../../src/content/schema.js';
import {
  levelRoutine,
  programmeEvents,
  programmeState,
  programmeSummary,
  type ProgrammeRecord,
  unrecordedDecisions,
} from '../../src/core/programme.js';

const programme = (programmes as unknown as Programme[])[0]!;
const UTC = { timeZone: 'UTC' };

/** 2026-01-05 is a Monday. `day(0, 9)` is that Monday at 09:00 UTC. */
const day = (n: number, hour = 9) => Date.UTC(2026, 0, 5 + n, hour);
const iso = (ms: number) => new Date(ms).toISOString();

const started = (n = 0, hour = 8): ProgrammeRecord => ({
  type: 'programme',
  at: iso(day(n, hour)),
  programme: 'strengthen',
  level: 1,
  event: 'started',
});
const stopped = (n: number): ProgrammeRecord => ({
  type: 'programme',
  at: iso(day(n, 20)),
  programme: 'strengthen',
  level: 1,
  event: 'stopped',
});
const session = (n: number, extra: Record<string, unknown> = {}, hour = 18): ProgrammeRecord => ({
  type: 'routine',
  at: iso(day(n, hour)),
  routine: 'strengthen',
  reason: 'done',
  ...extra,
});
const rated = (n: number, before: number, after: number) => session(n, { painBefore: before, painAfter: after });
/** Monday, Wednesday and Friday of week `w` (0-based from 2026-01-05). */
const mwf = (w: number) => [0, 2, 4].map((d) => session(7 * w + d));

const state = (records: ProgrammeRecord[], now: number, options = {}) => programmeState(records, programme, now, { ...UTC, ...options });

describe('programme levels (design §7)', () => {
  it('is null until started, and starts at level 1 with nothing due yet', () => {
    expect(state([session(0)], day(1))).toBeNull();
    expect(state([started()], day(0, 10))).toMatchObject({
      active: true,
      level: 1,
      levels: 4,
      week: 1,
      sessionsThisWeek: 0,
      target: 3,
      needed: 5,
      adherence: null,
      decisions: [],
      levelEndsAt: Date.UTC(2026, 0, 19),
    });
  });

  it('goes up after two weeks of 3 sessions, on the Monday the third week starts', () => {
    const s = state([started(), ...mwf(0), ...mwf(1)], day(14, 10))!;
    expect(s.decisions).toEqual([
      { at: Date.UTC(2026, 0, 19), event: 'advanced', level: 2, from: 1, reason: { kind: 'kept-up', sessions: 6, of: 6 } },
    ]);
    expect(s).toMatchObject({
      level: 2,
      week: 1,
      sessionsThisWeek: 0,
      sessionsThisLevel: 0,
      adherence: 1,
      levelEndsAt: Date.UTC(2026, 1, 2),
    });
  });

  it('goes up with 5 of the 6 sessions', () => {
    const s = state([started(), ...mwf(0), ...mwf(1).slice(1)], day(14, 10))!;
    expect(s.level).toBe(2);
    expect(s.adherence).toBeCloseTo(5 / 6);
  });

  it('holds the level for two more weeks with 4 of 6, and says how many were needed', () => {
    const s = state([started(), ...mwf(0).slice(1), ...mwf(1).slice(1)], day(14, 10))!;
    expect(s.decisions).toEqual([
      { at: Date.UTC(2026, 0, 19), event: 'held', level: 1, from: 1, reason: { kind: 'too-few', sessions: 4, of: 6, needed: 5 } },
    ]);
    expect(s).toMatchObject({ level: 1, levelStartedAt: Date.UTC(2026, 0, 19), levelEndsAt: Date.UTC(2026, 1, 2) });
  });

  it('counts one session a day and three a week: six in the first week are still three', () => {
    const twice = [0, 0, 1, 1, 2, 2].map((d, i) => session(d, {}, 10 + i));
    const s = state([started(), ...twice], day(14, 10))!;
    expect(s.decisions[0]).toMatchObject({ event: 'held', reason: { sessions: 3 } });
  });

  it('counts only finished sessions', () => {
    const quit = mwf(1).map((r) => ({ ...r, reason: 'quit' }));
    expect(state([started(), ...mwf(0), ...quit], day(14, 10))!.decisions[0]).toMatchObject({ event: 'held', reason: { sessions: 3 } });
  });

  it('steps back one level at once after a rise of 3 or more, and starts that level afresh', () => {
    const up = [started(), ...mwf(0), ...mwf(1)];
    const s = state([...up, session(14), rated(16, 2, 5)], day(17, 10))!;
    expect(s.decisions.map((d) => [d.event, d.level])).toEqual([
      ['advanced', 2],
      ['stepped-back', 1],
    ]);
    expect(s.decisions[1]).toMatchObject({ at: day(16, 18), reason: { kind: 'pain-rose', before: 2, after: 5 } });
    // From Wednesday 21st: a first week to Monday 26th (at least 4 days), then one more.
    expect(s).toMatchObject({
      level: 1,
      levelStartedAt: day(16, 18),
      week: 1,
      sessionsThisWeek: 0,
      weekEndsAt: Date.UTC(2026, 0, 26),
      levelEndsAt: Date.UTC(2026, 1, 2),
    });
  });

  it('at level 1 a big rise holds level 1 and starts its two weeks again', () => {
    const s = state([started(), session(0), rated(2, 1, 4)], day(3))!;
    expect(s.decisions).toEqual([{ at: day(2, 18), event: 'held', level: 1, from: 1, reason: { kind: 'pain-rose', before: 1, after: 4 } }]);
  });

  it('a rise of 2 that has settled by the next rating is fine', () => {
    const records = [started(), session(0), rated(2, 2, 4), rated(4, 2, 2), ...mwf(1)];
    expect(state(records, day(14, 10))!.decisions.map((d) => d.event)).toEqual(['advanced']);
  });

  it('a rise of 2 not settled by the next session steps back there', () => {
    const up = [started(), ...mwf(0), ...mwf(1)];
    const s = state([...up, rated(14, 2, 4), rated(16, 3, 3)], day(17))!;
    expect(s.decisions.at(-1)).toMatchObject({
      event: 'stepped-back',
      level: 1,
      at: day(16, 18),
      reason: { kind: 'not-settled', before: 2, now: 3 },
    });
  });

  it('a pain log or a rating given now can show the rise has not settled', () => {
    const up = [started(), ...mwf(0), ...mwf(1), rated(14, 2, 4)];
    const log: ProgrammeRecord = { type: 'pain', at: iso(day(15, 8)), pain: 4 };
    expect(state([...up, log], day(15, 9))!.decisions.at(-1)).toMatchObject({ event: 'stepped-back', at: day(15, 8) });
    expect(state(up, day(16, 9), { painNow: 2 })!.level).toBe(2);
    expect(state(up, day(16, 9), { painNow: 3 })!.decisions.at(-1)).toMatchObject({ event: 'stepped-back', at: day(16, 9) });
  });

  it('without ratings goes up on completion alone, through all four levels to the end', () => {
    const weeks = Array.from({ length: 8 }, (_, w) => mwf(w)).flat();
    const s = state([started(), ...weeks], day(60))!;
    expect(s.decisions.map((d) => `${d.event} ${d.level}`)).toEqual(['advanced 2', 'advanced 3', 'advanced 4', 'finished 4']);
    expect(s).toMatchObject({ active: false, finished: true, level: 4, ratedSessions: 0, sessions: 24 });
  });

  it('a start from Friday on adds those days to the first week', () => {
    const friday = state([started(4)], day(4, 10))!;
    expect(friday.weekEndsAt).toBe(Date.UTC(2026, 0, 19));
    expect(friday.levelEndsAt).toBe(Date.UTC(2026, 0, 26));
    const thursday = state([started(3)], day(3, 10))!;
    expect(thursday.weekEndsAt).toBe(Date.UTC(2026, 0, 12));
  });

  it('weeks start on Monday in local time, not UTC', () => {
    // Monday 01:00 UTC is still Sunday evening in New York: that session belongs to the first week.
    const late: ProgrammeRecord = { type: 'routine', at: '2026-01-12T01:00:00Z', routine: 'strengthen', reason: 'done' };
    const ny = programmeState([started(0, 14), session(0, {}, 20), session(2, {}, 20), late], programme, day(7, 20), {
      timeZone: 'America/New_York',
    })!;
    expect(ny.week).toBe(2);
    expect(ny.adherence).toBe(1);
    const utc = state([started(0, 14), session(0, {}, 20), session(2, {}, 20), late], day(7, 20))!;
    expect(utc).toMatchObject({ week: 2, sessionsThisWeek: 1 });
  });

  it('a stop ends it: later sessions do not count and stats report no programme', () => {
    const s = state([started(), ...mwf(0), stopped(5), ...mwf(1)], day(20))!;
    expect(s).toMatchObject({ active: false, stoppedAt: day(5, 20), decisions: [] });
    expect(programmeSummary(s)).toBeNull();
    expect(state([started(), stopped(5), started(6)], day(7))).toMatchObject({ active: true, startedAt: day(6, 8) });
  });

  it('reads the history in any order and ignores other routines and programmes', () => {
    const records = [...mwf(1), session(3, { routine: 'desk-break' }), ...mwf(0), started(), { ...started(), programme: 'other' }];
    expect(state(records.reverse(), day(14, 10))!.level).toBe(2);
  });

  it('stats: level, sessions this week against the target, adherence', () => {
    const s = state([started(), ...mwf(0), session(7)], day(8, 20))!;
    expect(programmeSummary(s)).toEqual({ id: 'strengthen', level: 1, sessionsThisWeek: 1, target: 3, adherence: 1 });
  });
});

describe('recording decisions', () => {
  it('returns only the decisions past those already in the history', () => {
    const records = [started(), ...mwf(0), ...mwf(1)];
    const s = state(records, day(14, 10))!;
    expect(unrecordedDecisions(records, s)).toHaveLength(1);
    const written: ProgrammeRecord = { type: 'programme', at: iso(day(14, 10)), programme: 'strengthen', level: 2, event: 'advanced' };
    expect(unrecordedDecisions([...records, written], s)).toEqual([]);
  });
});

describe('level versions', () => {
  const strengthen = (routines as unknown as Routine[]).find((r) => r.id === 'strengthen')!;

  it('level 1 is the session as it stands; each level builds holds and reps up to the caps', () => {
    expect(levelRoutine(strengthen, programme, 1).parts).toEqual(strengthen.parts);
    const nods = programme.levels.map((l) => l.parts.find((p) => p.routine === 'chin-nods')!);
    expect(nods.map((p) => [p.reps, p.seconds])).toEqual([
      [5, 5],
      [7, 7],
      [8, 10],
      [10, 10],
    ]);
    expect(levelRoutine(strengthen, programme, 9).parts).toEqual(programme.levels[3]!.parts);
  });
});

describe('calendar sessions (plan --ics)', () => {
  it('without a programme: all four levels from the next Monday, Monday, Wednesday and Friday', () => {
    const planned = programmeEvents(programme, null, '2026-01-07', UTC);
    expect(planned).toHaveLength(24);
    expect(planned.slice(0, 4).map((p) => p.date)).toEqual(['2026-01-12', '2026-01-14', '2026-01-16', '2026-01-19']);
    expect(planned.at(-1)).toEqual({ date: '2026-03-06', level: 4, week: 8 });
  });

  it('with one running: the rest of this level from today, then the levels above', () => {
    const s = state([started(), ...mwf(0), ...mwf(1)], day(16, 10))!;
    const planned = programmeEvents(programme, s, '2026-01-21', UTC);
    expect(planned[0]).toEqual({ date: '2026-01-21', level: 2, week: 1 });
    expect(planned.filter((p) => p.level === 2)).toHaveLength(5);
    expect(planned.at(-1)!.level).toBe(4);
    expect(new Set(planned.map((p) => new Date(`${p.date}T12:00:00Z`).getUTCDay()))).toEqual(new Set([1, 3, 5]));
  });
});

describe('programme properties', () => {
  it('any history: levels stay 1–4, move one at a time, in time order, adherence within 0–1', () => {
    const entry = fc.record({
      day: fc.integer({ min: 0, max: 70 }),
      hour: fc.integer({ min: 0, max: 23 }),
      done: fc.boolean(),
      before: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
      after: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 60 }), fc.integer({ min: 0, max: 80 }), (entries, nowDay) => {
        const records = [
          started(),
          ...entries.map((e) => session(e.day, { reason: e.done ? 'done' : 'quit', painBefore: e.before, painAfter: e.after }, e.hour)),
        ];
        const s = state(records, day(nowDay, 12))!;
        let level = 1;
        let at = -Infinity;
        for (const d of s.decisions) {
          expect(d.from).toBe(level);
          expect(Math.abs(d.level - d.from)).toBeLessThanOrEqual(1);
          expect(d.at).toBeGreaterThanOrEqual(at);
          level = d.level;
          at = d.at;
        }
        expect(s.level).toBe(level);
        expect(s.level).toBeGreaterThanOrEqual(1);
        expect(s.level).toBeLessThanOrEqual(4);
        expect(s.sessionsThisWeek).toBeLessThanOrEqual(3);
        if (s.adherence !== null) expect(s.adherence).toBeGreaterThanOrEqual(0);
        if (s.adherence !== null) expect(s.adherence).toBeLessThanOrEqual(1);
      }),
    );
  });
});
