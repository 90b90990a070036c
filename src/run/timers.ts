import type { Clock } from '../core/clock.js';

/**
 * Where a runner's timers come from, injected so tests drive them with fake timers (design §8:
 * `node:timers` and `timers/promises` escape vitest's fakes, so runners never import them).
 */
export interface TimerSource {
  setTimeout(wake: () => void, ms: number): unknown;
  clearTimeout(timer: unknown): void;
}

/** The global timers, looked up at each call (so vitest's fakes apply even to this one). */
export const systemTimers: TimerSource = {
  setTimeout: (wake, ms) => setTimeout(wake, ms),
  clearTimeout: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
};

/** Runs one callback at an absolute time; arming again replaces the previous deadline. */
export interface Scheduler {
  at(deadline: number, wake: () => void): void;
  cancel(): void;
}

/**
 * Timers against absolute deadlines: each wake re-reads the clock and re-arms for what is left,
 * so an early wake (timers may fire a millisecond soon) or a late one never shifts the deadline.
 */
export function createScheduler(clock: Clock, timers: TimerSource): Scheduler {
  let timer: unknown;
  const cancel = () => {
    if (timer !== undefined) timers.clearTimeout(timer);
    timer = undefined;
  };
  const at = (deadline: number, wake: () => void) => {
    cancel();
    const check = () => {
      const left = deadline - clock.now();
      if (left > 0) {
        timer = timers.setTimeout(check, left);
        return;
      }
      timer = undefined;
      wake();
    };
    // Never wakes inside the caller, even for a deadline already past: no re-entrant updates.
    timer = timers.setTimeout(check, Math.max(0, deadline - clock.now()));
  };
  return { at, cancel };
}

/** A repeating wake for redrawing a countdown, aligned to the clock so it does not wander. */
export function every(clock: Clock, timers: TimerSource, periodMs: number, wake: () => void): () => void {
  let timer: unknown;
  const arm = () => {
    const now = clock.now();
    timer = timers.setTimeout(
      () => {
        wake();
        arm();
      },
      periodMs - (now % periodMs) || periodMs,
    );
  };
  arm();
  return () => timers.clearTimeout(timer);
}
