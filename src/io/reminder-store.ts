import fs from 'node:fs';
import type { Io } from '../context.js';
import { reminderSettings, type ReminderSettings } from '../core/schedule.js';
import { isoLocal, type TimeZone } from '../core/time.js';
import type { ReminderStore } from '../run/reminders.js';
import { readSettings } from './config.js';
import { appendHistory } from './history.js';
import type { Paths } from './paths.js';
import { readRemindState, writeRemindState } from './remind-state.js';
import { mtimeOf } from './store.js';

/**
 * The daemon's files for the reminder loop. `lock` is the exact text this daemon wrote to its lock
 * file: at each wake one read of it tells both that the lock still names us and that the home exists.
 */
export function reminderStore(paths: Paths, io: Pick<Io, 'stderr' | 'env' | 'clock'>, lock: string, where: Pick<ReminderSettings, 'zone' | 'heartbeat'>): ReminderStore {
  return {
    settingsStamp: () => mtimeOf(paths.configFile) ?? 0,
    readSettings: () => reminderSettings(readSettings(paths, io), where),
    stateStamp: () => mtimeOf(paths.stateFile) ?? 0,
    readState: () => readRemindState(paths, io),
    writeState: (state) => writeRemindState(paths, state),
    record: ({ event, at, due, routine, error, until, away, reason }) =>
      void appendHistory(paths, 'reminder', at, {
        event,
        due: isoLocal(due, { zone: where.zone }),
        routine,
        ...(error === undefined ? {} : { error }),
        ...(until === undefined ? {} : { until: isoLocal(until, { zone: where.zone }) }),
        ...(away === undefined ? {} : { away }),
        ...(reason === undefined ? {} : { reason }),
      }),
    markWake: (now) => {
      // The pid file's mtime is the last wake: one metadata write, no data written or synced.
      try {
        fs.utimesSync(paths.pidFile, now / 1000, now / 1000);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        fs.writeFileSync(paths.pidFile, `${process.pid}\n`, { mode: 0o600 });
      }
    },
    lostLock: () => {
      let text: string;
      try {
        text = fs.readFileSync(paths.lockFile, 'utf8');
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'ENOENT' && code !== 'ENOTDIR') return null; // unreadable for now: not a reason to stop
        return fs.existsSync(paths.state) ? `the lock file ${paths.lockFile} was removed` : `the folder ${paths.state} was deleted`;
      }
      return text === lock ? null : 'another reminder scheduler holds the lock';
    },
  };
}
