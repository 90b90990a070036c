import { describe, expect, it } from 'vitest';
import { type RoutineRecordLike, stopRulesMode } from '../../src/core/stop-rules.js';

const NOW = Date.UTC(2026, 2, 10, 15);
const hoursAgo = (h: number) => new Date(NOW - h * 3_600_000).toISOString();
const MOVES: Record<string, string[]> = {
  'desk-break': ['chin-tucks', 'neck-rotations', 'side-neck-stretch'],
  strengthen: ['chin-nods', 'wall-angels'],
};
const options = { timeZone: 'UTC', movesOf: (id: string) => MOVES[id] ?? [id] };
const run = (routine: string, h: number, extra: Record<string, unknown> = {}): RoutineRecordLike => ({
  type: 'routine',
  at: hoursAgo(h),
  routine,
  reason: 'done',
  ...extra,
});
const deskBreak = { moves: MOVES['desk-break']! };
const mode = (history: RoutineRecordLike[], routine = deskBreak, now = NOW) => stopRulesMode(history, routine, now, options);

describe('stopRulesMode', () => {
  it('in full the first time each day, one line after that', () => {
    expect(mode([run('desk-break', 30)])).toMatchObject({ mode: 'full', why: 'first-today' });
    expect(mode([run('desk-break', 30), run('desk-break', 2)])).toEqual({ mode: 'line', why: 'seen-today', newMoves: [] });
  });

  it('the day is the local calendar day', () => {
    // 15:00 UTC on the 10th is already the 11th in Auckland; a routine at 09:00 UTC was the 10th there.
    const history = [run('desk-break', 30), run('desk-break', 6)];
    expect(stopRulesMode(history, deskBreak, NOW, { ...options, timeZone: 'Pacific/Auckland' }).mode).toBe('full');
    expect(stopRulesMode(history, deskBreak, NOW, options).mode).toBe('line');
  });

  it('in full after a session whose pain rose, until a later one', () => {
    const rose = run('desk-break', 1, { painBefore: 3, painAfter: 4 });
    expect(mode([run('desk-break', 30), rose])).toMatchObject({ mode: 'full', why: 'pain-rose' });
    expect(mode([run('desk-break', 30), rose, run('desk-break', 0.5)]).mode).toBe('line');
    expect(mode([run('desk-break', 30), run('desk-break', 1, { painBefore: 4, painAfter: 4 })]).mode).toBe('line');
  });

  it('in full before a move never done, naming it; a quit with nothing done does not count', () => {
    const history = [run('desk-break', 2), run('strengthen', 1, { reason: 'quit', completed: 0 })];
    expect(mode(history, { moves: ['chin-tucks', 'chin-nods'] })).toEqual({ mode: 'full', why: 'new-moves', newMoves: ['chin-nods'] });
    expect(mode([...history, run('strengthen', 0.5, { reason: 'quit', completed: 1 })], { moves: ['chin-nods'] }).mode).toBe('line');
  });

  it('reads the moves a record lists before looking them up', () => {
    const history = [run('mine', 2, { moves: ['wall-angels'] })];
    expect(mode(history, { moves: ['wall-angels'] }).mode).toBe('line');
  });

  it('ignores records from the future and other types', () => {
    expect(mode([run('desk-break', -1), { type: 'pain', at: hoursAgo(1), pain: 2 }]).mode).toBe('full');
  });
});

describe('stopRulesMode on a long history', () => {
  it('a rise more than a week ago no longer leads; moves done years ago still count as done', () => {
    const history = [run('desk-break', 24 * 400), run('desk-break', 24 * 9, { painBefore: 2, painAfter: 5 }), run('desk-break', 1)];
    expect(mode(history)).toEqual({ mode: 'line', why: 'seen-today', newMoves: [] });
    expect(mode([run('desk-break', 24 * 400)])).toMatchObject({ mode: 'full', why: 'first-today', newMoves: [] });
  });
});
