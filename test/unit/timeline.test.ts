import { describe, expect, it } from 'vitest';
import routines from '../../data/routines.json' with { type: 'json' };
import type { Routine } from '../../src/content/schema.js';
import {
  buildTimeline,
  capExcess,
  countSteps,
  GET_READY_SECONDS,
  isWork,
  maxRoundsWithinCaps,
  type RoutineDefinition,
  SET_REST_SECONDS,
} from '../../src/core/timeline.js';

const all = routines as unknown as Routine[];
const resolve = (id: string) => all.find((r) => r.id === id);
const byId = (id: string) => resolve(id)!;

const move = (steps: RoutineDefinition['steps']): RoutineDefinition => ({
  id: 'mine',
  title: 'Mine',
  kind: 'move',
  setup: ['Sit tall.'],
  steps,
});

describe('buildTimeline', () => {
  it('flattens holds with rests between reps but not after the last', () => {
    const t = buildTimeline(move([{ id: 'tuck', title: 'Tuck', kind: 'hold', seconds: 5, reps: 3, rest: 2, cue: 'Tuck.' }]));
    expect(t.segments.map((s) => [s.kind, s.step, s.rep, s.offset, s.ms])).toEqual([
      ['rest', 'get-ready', null, 0, GET_READY_SECONDS * 1000],
      ['hold', 'tuck', 1, 5000, 5000],
      ['rest', 'rest', null, 10000, 2000],
      ['hold', 'tuck', 2, 12000, 5000],
      ['rest', 'rest', null, 17000, 2000],
      ['hold', 'tuck', 3, 19000, 5000],
    ]);
    expect(t.total).toBe(24000);
    expect(t.work).toBe(3);
  });

  it('runs a sided step left then right, resting between the sides', () => {
    const t = buildTimeline(
      move([{ id: 'stretch', title: 'Stretch', kind: 'hold', seconds: 20, reps: 1, sides: true, rest: 5, cue: 'Lean.' }]),
    );
    const work = t.segments.filter(isWork);
    expect(work.map((s) => s.side)).toEqual(['left', 'right']);
    expect(t.segments[2]).toMatchObject({ kind: 'rest', cue: 'Rest. Next, the right side.' });
    expect(t.total).toBe(5000 + 20000 + 5000 + 20000);
  });

  it('gives a timed step one segment per side and no rep', () => {
    const t = buildTimeline(byId('upper-back-massage'));
    expect(t.segments.filter(isWork).map((s) => [s.kind, s.side, s.rep])).toEqual([
      ['timed', 'left', null],
      ['timed', 'right', null],
    ]);
  });

  it('applies a session part’s reps and seconds to its move and announces each move', () => {
    const t = buildTimeline(byId('desk-break'), { resolve });
    const ready = t.segments.filter((s) => s.step === 'get-ready');
    expect(ready.map((s) => s.move)).toEqual(['chin-tucks', 'neck-rotations', 'side-neck-stretch']);
    expect(t.segments.filter((s) => s.move === 'chin-tucks' && isWork(s))).toHaveLength(5);
    const stretch = t.segments.filter((s) => s.move === 'side-neck-stretch' && isWork(s));
    expect(stretch.map((s) => s.ms)).toEqual([20000, 20000]);
    expect(t.total).toBeGreaterThanOrEqual(120_000);
  });

  it('keeps offsets contiguous and every next label pointing at the following segment', () => {
    for (const routine of all) {
      const t = buildTimeline(routine, { resolve, rounds: 2 });
      let offset = 0;
      t.segments.forEach((s, i) => {
        expect(s.index).toBe(i);
        expect(s.offset).toBe(offset);
        expect(s.next).toBe(t.segments[i + 1]?.label ?? null);
        offset += s.ms;
      });
      expect(t.total).toBe(offset);
    }
  });

  it('repeats the whole routine for each round, each round with its own get-ready', () => {
    const one = buildTimeline(byId('chin-tucks'));
    const two = buildTimeline(byId('chin-tucks'), { rounds: 2 });
    expect(two.segments).toHaveLength(one.segments.length * 2);
    expect(two.total).toBe(one.total * 2);
    expect(two.segments.at(-1)).toMatchObject({ round: 2, rounds: 2, group: 2, groups: 2 });
  });

  it('scales every duration by the time scale', () => {
    const t = buildTimeline(byId('chin-tucks'), { timeScale: 0.02 });
    expect(t.segments.map((s) => s.ms)).toEqual(buildTimeline(byId('chin-tucks')).segments.map((s) => s.ms * 0.02));
  });

  it('says the full cue at the first rep and a short count after', () => {
    const t = buildTimeline(byId('chin-tucks'));
    const holds = t.segments.filter(isWork);
    expect(holds[0]!.say).toBe(holds[0]!.cue);
    expect(holds[1]!.say).toBe('Hold again, 2 of 5.');
    expect(holds[1]!.tip).not.toBe(holds[0]!.tip);
  });

  it('spells out a part’s sets as steps of their own, with a rest between sets', () => {
    const t = buildTimeline(byId('strengthen'), { resolve });
    const rows = t.segments.filter((s) => s.move === 'shoulder-blade-rows');
    expect(rows.filter(isWork).map((s) => s.set)).toEqual([...Array(10).fill(1), ...Array(10).fill(2)]);
    expect(new Set(rows.filter(isWork).map((s) => s.group)).size).toBe(2);
    const between = rows.find((s) => s.kind === 'rest' && s.ms === SET_REST_SECONDS * 1000);
    expect(between).toMatchObject({ cue: 'Rest. Next, set 2 of 2.', set: 1 });
    expect(rows.filter(isWork)[10]).toMatchObject({ label: 'Squeeze or row · set 2 of 2 · rep 1 of 10' });
    expect(rows.filter(isWork)[10]!.say).toMatch(/^Set 2 of 2\. /);
    expect(rows.at(-1)!.kind).not.toBe('rest');
    expect(t.steps).toBe(7);
    expect(t.segments.at(-1)).toMatchObject({ group: 7, groups: 7 });
  });

  it('counts whole steps: done when every hold or rep of it is, skipped when part of it was skipped', () => {
    const t = buildTimeline(byId('desk-break'), { resolve });
    const work = (move: string) => t.segments.filter((s) => s.move === move && isWork(s)).map((s) => s.index);
    const tucks = work('chin-tucks');
    const turns = work('neck-rotations');
    expect(countSteps(t, tucks, [])).toEqual({ done: 1, skipped: 0, total: 3 });
    expect(countSteps(t, [...tucks, ...turns.slice(1)], [turns[0]!])).toEqual({ done: 1, skipped: 1, total: 3 });
    expect(countSteps(t, [...tucks, ...turns.slice(0, 2)], [])).toEqual({ done: 1, skipped: 0, total: 3 });
    expect(
      countSteps(
        t,
        t.segments.filter(isWork).map((s) => s.index),
        [],
      ),
    ).toEqual({ done: 3, skipped: 0, total: 3 });
  });

  it('rejects rounds that are not positive whole numbers and unknown parts', () => {
    expect(() => buildTimeline(byId('chin-tucks'), { rounds: 0 })).toThrow(/positive whole number/);
    expect(() => buildTimeline(byId('chin-tucks'), { rounds: 1.5 })).toThrow(/positive whole number/);
    const session: RoutineDefinition = { id: 's', title: 'S', kind: 'session', setup: [], parts: [{ routine: 'nope' }] };
    expect(() => buildTimeline(session, { resolve })).toThrow(/"nope"/);
  });
});

describe('caps (clinical reference §5, rounds counted together)', () => {
  const over = (id: string, rounds: number) =>
    capExcess(buildTimeline(byId(id), { rounds, resolve })).map((e) => [e.move, e.limit, e.side, e.value, e.max]);

  it('every built-in routine is within the caps at one round', () => {
    for (const r of all) expect(over(r.id, 1)).toEqual([]);
  });

  it.each([
    ['chin-tucks', 3, [['chin-tucks', 'reps', null, 15, 10]]],
    [
      'desk-break',
      4,
      [
        ['chin-tucks', 'reps', null, 20, 10],
        ['neck-rotations', 'reps', null, 20, 10],
        ['side-neck-stretch', 'perSide', 'left', 80, 60],
        ['side-neck-stretch', 'perSide', 'right', 80, 60],
      ],
    ],
    [
      'morning',
      2,
      [
        ['neck-rotations', 'reps', null, 20, 10],
        ['side-neck-stretch', 'perSide', 'left', 120, 60],
        ['side-neck-stretch', 'perSide', 'right', 120, 60],
        ['chin-tucks', 'reps', null, 20, 10],
      ],
    ],
    ['neck-rotations', 3, [['neck-rotations', 'reps', null, 15, 10]]],
    ['suboccipital-release', 3, [['suboccipital-release', 'perSide', null, 180, 120]]],
    [
      'strengthen',
      3,
      [
        ['neck-rotations', 'reps', null, 15, 10],
        ['chin-nods', 'reps', null, 15, 10],
        ['shoulder-blade-rows', 'reps', null, 60, 45],
        ['band-lateral-raises', 'reps', null, 60, 45],
      ],
    ],
  ])('%s × %i rounds goes past %j', (id, rounds, expected) => expect(over(id, rounds)).toEqual(expected));

  it('counts the tennis ball per spot and side, and a hold longer than 10 s', () => {
    expect(over('evening-release', 3).filter(([move]) => move === 'tennis-ball-release')).toHaveLength(4);
    const long = { ...byId('chin-tucks'), steps: [{ ...byId('chin-tucks').steps![0]!, seconds: 12 }] };
    expect(capExcess(buildTimeline(long)).map((e) => [e.limit, e.value])).toEqual([['hold', 12]]);
  });

  it('counts reps in one set apart from the reps of the whole bout', () => {
    const big = { ...byId('strengthen'), parts: [{ routine: 'band-lateral-raises', reps: 16, sets: 2 }] };
    expect(capExcess(buildTimeline(big, { resolve })).map((e) => [e.limit, e.value, e.max])).toEqual([
      ['perSet', 16, 15],
      ['perSet', 16, 15],
    ]);
  });

  it('works at real time whatever the time scale', () => {
    expect(capExcess(buildTimeline(byId('chin-tucks'), { rounds: 3, timeScale: 0.01 }))).toHaveLength(1);
  });

  it.each([
    ['chin-tucks', 2],
    ['desk-break', 2],
    ['morning', 1],
    ['evening-release', 1],
    ['neck-rotations', 2],
    ['strengthen', 2],
  ])('%s stays within the caps up to %i rounds', (id, most) => expect(maxRoundsWithinCaps(byId(id), { resolve })).toBe(most));
});
