import type { Clock } from '../core/clock.js';

/** Runs one callback at an absolute time; arming again replaces the previous deadline. */
export interface Scheduler {
  at(deadline: number, wake: () => void): void;
  cancel(): void;
}

/**
 * Timers against absolute deadlines: each wake re-reads the clock and re-arms for what is left,
 * so an early wake (timers may fire a millisecond soon) or a long one never shifts the deadline.
 */
export function createScheduler(clock: Clock): Scheduler {
  let timer: NodeJS.Timeout | undefined;
  const cancel = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  const at = (deadline: number, wake: () => void) => {
    cancel();
    const check = () => {
      const left = deadline - clock.now();
      if (left > 0) {
        timer = setTimeout(check, left);
        return;
      }
      timer = undefined;
      wake();
    };
    // Never wakes inside the caller, even for a deadline already past: no re-entrant updates.
    timer = setTimeout(check, Math.max(0, deadline - clock.now()));
  };
  return { at, cancel };
}

/** A repeating wake for redrawing a countdown, aligned to the clock so it does not wander. */
export function every(clock: Clock, periodMs: number, wake: () => void): () => void {
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    const now = clock.now();
    timer = setTimeout(() => {
      wake();
      arm();
    }, periodMs - (now % periodMs) || periodMs);
  };
  arm();
  return () => clearTimeout(timer);
}
