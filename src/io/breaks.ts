import fs from 'node:fs';
import type { Io } from '../context.js';
import { takeBreak } from '../core/schedule.js';
import { isoLocal } from '../core/time.js';
import { appendHistory } from './history.js';
import type { Paths } from './paths.js';
import { runningDaemon, signalDaemon } from './process.js';
import { updateRemindState } from './remind-state.js';

/**
 * A routine started (called by `routine`): any routine counts as a break, so the interval starts
 * afresh; a reminder sent within the last 10 minutes and not yet answered is recorded as taken.
 * Returns whether a reminder was marked taken. Does nothing for someone who never used reminders.
 */
export function markBreakTaken(paths: Paths, now: number, options: { routine?: string; stderr?: Io['stderr'] } = {}): boolean {
  if (!fs.existsSync(paths.stateFile) && !runningDaemon(paths)) return false;
  const io = { stderr: options.stderr ?? process.stderr, clock: { now: () => now } };
  let taken: number | null = null;
  updateRemindState(paths, io, (state) => {
    const next = takeBreak(state, now);
    taken = next.taken;
    return next.state;
  });
  if (taken !== null) {
    appendHistory(paths, 'reminder', now, {
      event: 'taken',
      due: isoLocal(taken),
      ...(options.routine ? { routine: options.routine } : {}),
    });
  }
  signalDaemon(paths);
  return taken !== null;
}
