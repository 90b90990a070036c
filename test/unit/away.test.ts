import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AwayWatch, HERE, type IdleReading, observeAway, readDue } from '../../src/core/away.js';
import { MINUTE, SECOND } from '../../src/core/clock.js';

const times = { awayAfter: 5 * MINUTE, heartbeat: 3 * MINUTE };
const T = 1_800_000_000_000;
const idle = (ms: number): IdleReading => ({ idleMs: ms, locked: null });
const locked = (on: boolean): IdleReading => ({ idleMs: null, locked: on });

describe('observeAway', () => {
  it('active: no event, read again when idleness would reach awayAfter', () => {
    const step = observeAway(HERE, idle(30 * SECOND), T, times);
    expect(step).toEqual({
      watch: { since: null, lockedSeen: null, nextRead: T - 30 * SECOND + 5 * MINUTE },
      event: null,
      away: 0,
      cycleStart: null,
    });
  });

  it('idle for awayAfter: a natural break that started at the last input; the cycle restarts now', () => {
    const step = observeAway(HERE, idle(5 * MINUTE), T, times);
    expect(step).toEqual({
      // While away, one reading per awayAfter (5m here, longer than the 3m heartbeat).
      watch: { since: T - 5 * MINUTE, lockedSeen: null, nextRead: T + 5 * MINUTE },
      event: 'left',
      away: 5 * MINUTE,
      cycleStart: T,
    });
  });

  it('idle but less than awayAfter is not a break (remind as usual)', () => {
    expect(observeAway(HERE, idle(5 * MINUTE - 1), T, times).event).toBeNull();
  });

  it('still away: no second event, the cycle keeps restarting', () => {
    const left = observeAway(HERE, idle(6 * MINUTE), T, times);
    const still = observeAway(left.watch, idle(9 * MINUTE), T + 3 * MINUTE, times);
    expect(still).toMatchObject({ event: null, away: 9 * MINUTE, cycleStart: T + 3 * MINUTE, watch: { since: T - 6 * MINUTE } });
  });

  it('back and away again between two readings: a second natural break', () => {
    const left = observeAway(HERE, idle(6 * MINUTE), T, times);
    expect(observeAway(left.watch, idle(5 * MINUTE + 10 * SECOND), T + 20 * MINUTE, times)).toMatchObject({
      event: 'left',
      watch: { since: T + 20 * MINUTE - 5 * MINUTE - 10 * SECOND },
    });
  });

  it('back: the latest input is the return; away counts to it', () => {
    const left = observeAway(HERE, idle(6 * MINUTE), T, times);
    const back = observeAway(left.watch, idle(40 * SECOND), T + 20 * MINUTE, times);
    expect(back).toEqual({
      watch: { since: null, lockedSeen: null, nextRead: T + 20 * MINUTE - 40 * SECOND + 5 * MINUTE },
      event: 'back',
      away: 20 * MINUTE - 40 * SECOND + 6 * MINUTE,
      cycleStart: T + 20 * MINUTE - 40 * SECOND,
    });
  });

  it('a failed reading changes nothing and tries again at the heartbeat', () => {
    const left = observeAway(HERE, idle(6 * MINUTE), T, times);
    expect(observeAway(left.watch, null, T + MINUTE, times)).toEqual({
      watch: { ...left.watch, nextRead: T + 4 * MINUTE },
      event: null,
      away: 0,
      cycleStart: null,
    });
  });

  describe('a locked screen (logind, where no source gives idle time)', () => {
    it('counts from when it was first seen locked', () => {
      const first = observeAway(HERE, locked(true), T, times);
      expect(first).toMatchObject({ event: null, watch: { lockedSeen: T, nextRead: T + 5 * MINUTE } });
      expect(observeAway(first.watch, locked(true), T + 5 * MINUTE, times)).toMatchObject({
        event: 'left',
        away: 5 * MINUTE,
        cycleStart: T + 5 * MINUTE,
      });
    });
    it('unlocking is the return', () => {
      const away = observeAway(observeAway(HERE, locked(true), T, times).watch, locked(true), T + 6 * MINUTE, times);
      expect(observeAway(away.watch, locked(false), T + 9 * MINUTE, times)).toMatchObject({
        event: 'back',
        away: 9 * MINUTE,
        cycleStart: T + 9 * MINUTE,
      });
    });
    it('unlocked reads at the heartbeat: nothing says when input stopped', () => {
      expect(observeAway(HERE, locked(false), T, times).watch).toEqual({ since: null, lockedSeen: null, nextRead: T + 3 * MINUTE });
    });
  });

  it('readDue: at the next wake when nothing is planned, else from nextRead on', () => {
    const watch: AwayWatch = { ...HERE, nextRead: T };
    expect([readDue(HERE, T), readDue(watch, T - 1), readDue(watch, T)]).toEqual([true, false, true]);
  });
});

describe('observeAway over a day of input, read only when due', () => {
  // A loop that wakes at the heartbeat or at nextRead, whichever is first, and reads only when due.
  function simulate(inputs: number[], end: number, awayAfter: number, heartbeat: number) {
    const lastInputAt = (t: number) => inputs.filter((i) => i <= t).at(-1) ?? 0;
    let watch = HERE;
    let reads = 0;
    const lefts: number[] = [];
    for (let t = 0; t <= end; ) {
      if (readDue(watch, t)) {
        reads++;
        const step = observeAway(watch, idle(t - lastInputAt(t)), t, { awayAfter, heartbeat });
        if (step.event === 'left') lefts.push(step.watch.since!);
        watch = step.watch;
      }
      t = Math.max(t + 1, Math.min(t + heartbeat, watch.nextRead ?? Infinity));
    }
    return { lefts, reads };
  }
  // Every stretch without input that is still going when it reaches awayAfter (an input at that very
  // moment ends it first), before the end.
  const stretches = (inputs: number[], end: number, awayAfter: number) =>
    [0, ...inputs].filter((s, i, all) => (all[i + 1] ?? Infinity) - s > awayAfter && s + awayAfter <= end);

  it('sees every stretch of awayAfter once, when it reaches awayAfter, and nothing else', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 240 * 60 }), { maxLength: 60 }),
        fc.integer({ min: 2, max: 30 }),
        fc.integer({ min: 60, max: 180 }),
        (seconds, awayMinutes, heartbeatSeconds) => {
          const inputs = seconds.sort((a, b) => a - b).map((s) => s * SECOND);
          const end = 240 * MINUTE;
          const { lefts } = simulate(inputs, end, awayMinutes * MINUTE, heartbeatSeconds * SECOND);
          expect(lefts).toEqual(stretches(inputs, end, awayMinutes * MINUTE));
        },
      ),
      // Found by this property: a stretch ended by input at the very moment it reaches awayAfter.
      { examples: [[[843, 1203], 6, 60]] },
    );
  });

  it('a person typing all day costs one reading per awayAfter, not one per heartbeat', () => {
    const inputs = Array.from({ length: 3600 }, (_, i) => (i + 1) * 2 * SECOND);
    expect(simulate(inputs, 2 * 60 * MINUTE, 5 * MINUTE, 3 * MINUTE).reads).toBe(25);
  });
});
