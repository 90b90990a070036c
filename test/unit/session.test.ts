import { describe, expect, it } from 'vitest';
import routines from '../../data/routines.json' with { type: 'json' };
import type { Routine } from '../../src/content/schema.js';
import {
  type Action,
  actionFor,
  begin,
  deadline,
  KEYMAP,
  painRoseTooMuch,
  remaining,
  type RoutineEvent,
  type SessionInput,
  type SessionState,
  update,
} from '../../src/core/session.js';
import { buildTimeline, isWork, type RoutineDefinition } from '../../src/core/timeline.js';

const T0 = Date.UTC(2026, 10, 25, 9, 30);
const tucks: RoutineDefinition = {
  id: 'tucks',
  title: 'Tucks',
  kind: 'move',
  setup: ['Sit tall.'],
  steps: [{ id: 'tuck', title: 'Tuck', kind: 'hold', seconds: 5, reps: 3, rest: 2, cue: 'Tuck.' }],
};
// get-ready 0-5000, hold 5000-10000, rest -12000, hold -17000, rest -19000, hold -24000
const timeline = buildTimeline(tucks);

/** A fake clock and scheduler: wakes at each deadline (plus `late` ms) until `until`. */
function harness(late = 0) {
  let now = T0;
  const started = begin(timeline, now);
  let state: SessionState = started.state;
  const events: RoutineEvent[] = [...started.events];
  const send = (input: SessionInput) => {
    const next = update(state, input, now);
    state = next.state;
    events.push(...next.events);
  };
  return {
    get state() {
      return state;
    },
    events,
    now: () => now,
    /** Lets time pass, delivering each timer wake `late` ms after its deadline. */
    runUntil(until: number) {
      for (let d = deadline(state); d !== null && d + late <= until; d = deadline(state)) {
        now = d + late;
        send({ type: 'tick' });
      }
      now = Math.max(now, until);
    },
    key(action: Action) {
      send({ type: 'key', action });
    },
    interrupt: () => send({ type: 'interrupt' }),
    of: (type: RoutineEvent['type']) => events.filter((e) => e.type === type),
  };
}

describe('session', () => {
  it('starts each segment at start + offset and ends on the planned total', () => {
    const h = harness();
    h.runUntil(T0 + 60_000);
    const starts = h.of('step-start') as Extract<RoutineEvent, { type: 'step-start' }>[];
    expect(starts.map((e) => e.planned)).toEqual(timeline.segments.map((s) => s.offset));
    expect(starts.map((e) => e.at - T0)).toEqual(timeline.segments.map((s) => s.offset));
    expect(h.of('routine-end')).toEqual([
      { type: 'routine-end', at: T0 + 24_000, reason: 'done', completed: 1, skipped: 0, steps: 1, plannedTotal: 24_000, elapsed: 24_000 },
    ]);
  });

  it('absorbs a late timer: the step starts late but the next deadline does not move', () => {
    const h = harness(30);
    h.runUntil(T0 + 5_100);
    const start = h.of('step-start')[1] as Extract<RoutineEvent, { type: 'step-start' }>;
    expect(start.at - T0).toBe(5_030);
    expect(start.planned).toBe(5_000);
    expect(deadline(h.state)).toBe(T0 + 10_000);
    h.runUntil(T0 + 60_000);
    expect(h.of('routine-end')[0]).toMatchObject({ at: T0 + 24_030, plannedTotal: 24_000 });
  });

  it('catches up through several segments after a very late wake, without drifting', () => {
    const h = harness();
    h.runUntil(T0 + 4_000);
    // The process was stopped for 9 s: one wake at 13 s must finish the first hold and its rest.
    const next = update(h.state, { type: 'tick' }, T0 + 13_000);
    expect(next.state.index).toBe(3);
    expect(next.events.filter((e) => e.type === 'step-start').map((e) => (e as { planned: number }).planned)).toEqual([
      5_000, 10_000, 12_000,
    ]);
    expect(deadline(next.state)).toBe(T0 + 17_000);
  });

  it('pause freezes the countdown and shifts every remaining deadline by the paused time', () => {
    const h = harness();
    h.runUntil(T0 + 6_000);
    h.key('pause');
    expect(deadline(h.state)).toBeNull();
    expect(remaining(h.state, T0 + 9_000)).toBe(4_000);
    h.runUntil(T0 + 16_000);
    h.key('pause');
    expect(h.of('resume')).toEqual([{ type: 'resume', at: T0 + 16_000, index: 1, pausedMs: 10_000 }]);
    expect(deadline(h.state)).toBe(T0 + 20_000);
    h.runUntil(T0 + 60_000);
    expect(h.of('routine-end')[0]).toMatchObject({ reason: 'done', plannedTotal: 34_000, elapsed: 34_000 });
  });

  it('skip jumps to the next work segment, which gets its full length', () => {
    const h = harness();
    h.runUntil(T0 + 6_000);
    h.key('skip');
    expect(h.events.slice(-3)).toEqual([
      { type: 'skip', at: T0 + 6_000, from: 1, to: 3 },
      { type: 'step-end', at: T0 + 6_000, index: 1, completed: false },
      { type: 'step-start', at: T0 + 6_000, index: 3, planned: 6_000 },
    ]);
    expect(deadline(h.state)).toBe(T0 + 11_000);
    h.runUntil(T0 + 60_000);
    // One step of three holds, one of them skipped: the step counts as skipped, not done.
    expect(h.of('routine-end')[0]).toMatchObject({
      reason: 'done',
      completed: 0,
      skipped: 1,
      steps: 1,
      plannedTotal: 18_000,
      elapsed: 18_000,
    });
  });

  it('skipping the last step ends the routine as done', () => {
    const h = harness();
    h.runUntil(T0 + 20_000);
    h.key('skip');
    expect(h.of('skip')).toEqual([{ type: 'skip', at: T0 + 20_000, from: 5, to: null }]);
    expect(h.of('routine-end')[0]).toMatchObject({ reason: 'done', completed: 0, skipped: 1, plannedTotal: 20_000, elapsed: 20_000 });
  });

  it('back goes to the previous work segment, and a redone step counts once', () => {
    const h = harness();
    h.runUntil(T0 + 13_000); // in the second hold
    h.key('back');
    expect(h.of('back')).toEqual([{ type: 'back', at: T0 + 13_000, from: 3, to: 1 }]);
    expect(h.state.index).toBe(1);
    expect(deadline(h.state)).toBe(T0 + 18_000);
    h.runUntil(T0 + 60_000);
    expect(h.of('routine-end')[0]).toMatchObject({ reason: 'done', completed: 1, skipped: 0, elapsed: 32_000, plannedTotal: 32_000 });
  });

  it('back in the first step restarts it', () => {
    const h = harness();
    h.runUntil(T0 + 7_000);
    h.key('back');
    expect(h.of('back')[0]).toMatchObject({ from: 1, to: 1 });
    expect(deadline(h.state)).toBe(T0 + 12_000);
  });

  it('quit ends now with the current step unfinished, counting what was done', () => {
    const h = harness();
    h.runUntil(T0 + 13_000);
    h.key('quit');
    expect(h.events.slice(-2)).toEqual([
      { type: 'step-end', at: T0 + 13_000, index: 3, completed: false },
      { type: 'routine-end', at: T0 + 13_000, reason: 'quit', completed: 0, skipped: 0, steps: 1, plannedTotal: 24_000, elapsed: 13_000 },
    ]);
    expect(deadline(h.state)).toBeNull();
    expect(update(h.state, { type: 'tick' }, T0 + 30_000).events).toEqual([]);
  });

  it('an interrupt while paused ends as interrupted with the pause counted', () => {
    const h = harness();
    h.runUntil(T0 + 6_000);
    h.key('pause');
    h.runUntil(T0 + 8_000);
    h.interrupt();
    expect(h.of('routine-end')[0]).toMatchObject({ reason: 'interrupted', elapsed: 8_000, plannedTotal: 26_000 });
    expect(h.of('resume')).toEqual([]);
  });

  it('skip while paused resumes first, then jumps', () => {
    const h = harness();
    h.runUntil(T0 + 6_000);
    h.key('pause');
    h.runUntil(T0 + 9_000);
    h.key('skip');
    expect(h.events.slice(-4).map((e) => e.type)).toEqual(['resume', 'skip', 'step-end', 'step-start']);
    expect(h.state.status).toBe('running');
  });

  it('help toggles without touching the timing', () => {
    const h = harness();
    h.key('help');
    expect(h.state.help).toBe(true);
    expect(deadline(h.state)).toBe(T0 + 5_000);
  });
});

describe('keymap', () => {
  it('maps space, s, →, b, ←, q and ? to their actions', () => {
    expect(['space', 's', 'right', 'b', 'left', 'q', '?', 'x'].map(actionFor)).toEqual([
      'pause',
      'skip',
      'skip',
      'back',
      'back',
      'quit',
      'help',
      undefined,
    ]);
    expect(new Set(KEYMAP.map((k) => k.action)).size).toBe(KEYMAP.length);
  });
});

describe('every built-in routine', () => {
  const all = routines as unknown as Routine[];
  it.each(all.map((r) => r.id))('%s runs to the end with every work segment completed', (id) => {
    const t = buildTimeline(all.find((r) => r.id === id)!, { resolve: (x) => all.find((r) => r.id === x) });
    let { state } = begin(t, 0);
    for (let d = deadline(state); d !== null; d = deadline(state)) state = update(state, { type: 'tick' }, d).state;
    expect(state.reason).toBe('done');
    expect(state.completed).toHaveLength(t.segments.filter(isWork).length);
    expect(state.endedAt).toBe(t.total);
  });
});

describe('painRoseTooMuch (after --rate)', () => {
  it.each([
    [3, 5, true],
    [0, 2, true],
    [5, 7, true],
    [6, 7, true],
    [3, 4, false],
    [7, 7, false],
    [8, 8, false],
    [6, 3, false],
    [2, 3, false],
  ])('%i → %i: %s', (before, after, expected) => expect(painRoseTooMuch(before, after)).toBe(expected));
});
