import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Action, begin, deadline, type RoutineEvent, type SessionState, update } from '../../src/core/session.js';
import { buildTimeline, type RoutineDefinition } from '../../src/core/timeline.js';

const stepArb = fc.record({
  kind: fc.constantFrom('hold' as const, 'reps' as const, 'timed' as const),
  seconds: fc.integer({ min: 1, max: 30 }),
  reps: fc.integer({ min: 1, max: 4 }),
  sides: fc.boolean(),
  rest: fc.integer({ min: 0, max: 5 }),
});

const routineArb = fc.array(stepArb, { minLength: 1, maxLength: 3 }).map(
  (steps): RoutineDefinition => ({
    id: 'prop',
    title: 'Prop',
    kind: 'move',
    setup: [],
    steps: steps.map((s, i) => ({
      id: `s${i}`,
      title: `Step ${i}`,
      kind: s.kind,
      seconds: s.seconds,
      ...(s.kind === 'timed' ? {} : { reps: s.reps }),
      sides: s.sides,
      rest: s.rest,
      cue: 'Move.',
    })),
  }),
);

/** A key pressed `after` ms after the previous input (or wake). */
const inputArb = fc.record({
  after: fc.integer({ min: 0, max: 20_000 }),
  action: fc.constantFrom<Action>('pause', 'pause', 'skip', 'back', 'help'),
});

describe('session properties', () => {
  it('for any routine and any pause/skip/back sequence: segments tile time in order and the end = planned + paused', () => {
    fc.assert(
      fc.property(routineArb, fc.array(inputArb, { maxLength: 25 }), fc.integer({ min: 1, max: 3 }), (routine, inputs, rounds) => {
        const timeline = buildTimeline(routine, { rounds });
        const start = 1_000_000;
        let now = start;
        let { state, events } = begin(timeline, now) as { state: SessionState; events: RoutineEvent[] };
        events = [...events];
        const send = (input: Parameters<typeof update>[1]) => {
          const next = update(state, input, now);
          state = next.state;
          events.push(...next.events);
        };
        const advanceTo = (until: number) => {
          for (let d = deadline(state); d !== null && d <= until; d = deadline(state)) {
            now = d;
            send({ type: 'tick' });
          }
          now = until;
        };
        for (const { after, action } of inputs) {
          if (state.status === 'ended') break;
          advanceTo(now + after);
          send({ type: 'key', action });
        }
        if (state.status === 'paused') send({ type: 'key', action: 'pause' });
        advanceTo(Number.MAX_SAFE_INTEGER / 2);

        // Events are in time order.
        events.forEach((e, i) => i > 0 && expect(e.at).toBeGreaterThanOrEqual(events[i - 1]!.at));
        const starts = events.filter((e): e is Extract<RoutineEvent, { type: 'step-start' }> => e.type === 'step-start');
        const ends = events.filter((e): e is Extract<RoutineEvent, { type: 'step-end' }> => e.type === 'step-end');
        const end = events.at(-1) as Extract<RoutineEvent, { type: 'routine-end' }>;
        expect(end.type).toBe('routine-end');
        expect(end.reason).toBe('done');
        // Planned offsets never go backwards, and on-time wakes start each segment exactly on plan.
        starts.forEach((s, i) => {
          expect(s.at - start).toBe(s.planned);
          if (i > 0) expect(s.planned).toBeGreaterThanOrEqual(starts[i - 1]!.planned);
        });
        // Segments tile the run: each starts where the previous ended, the first at the start.
        expect(starts).toHaveLength(ends.length);
        expect(starts[0]!.at).toBe(start);
        starts.forEach((s, i) => i > 0 && expect(s.at).toBe(ends[i - 1]!.at));
        expect(ends.at(-1)!.at).toBe(end.at);
        // A segment that ran to its end took its planned length plus the time paused inside it.
        const pauses = events.filter((e): e is Extract<RoutineEvent, { type: 'resume' }> => e.type === 'resume');
        starts.forEach((s, i) => {
          if (!ends[i]!.completed) return;
          const paused = pauses.filter((p) => p.at > s.at && p.at <= ends[i]!.at).reduce((sum, p) => sum + p.pausedMs, 0);
          expect(ends[i]!.at - s.at).toBe(timeline.segments[s.index]!.ms + paused);
        });
        // The end is the re-planned total, paused time included.
        expect(end.elapsed).toBe(end.plannedTotal);
        const pausedTotal = pauses.reduce((sum, p) => sum + p.pausedMs, 0);
        expect(pausedTotal).toBe(state.pausedMs);
        if (!events.some((e) => e.type === 'skip' || e.type === 'back')) expect(end.plannedTotal).toBe(timeline.total + pausedTotal);
      }),
      { numRuns: 300 },
    );
  });
});
