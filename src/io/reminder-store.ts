import fs from 'node:fs';
import type { Io } from '../context.js';
import { type ReminderEvent, type RemindState, reminderSettings, type ReminderSettings } from '../core/schedule.js';
import { isoLocal } from '../core/time.js';
import { readSettings } from './config.js';
import { appendHistory } from './history.js';
import type { Paths } from './paths.js';
import { readRemindState, writeRemindState } from './remind-state.js';
import { fileError, mtimeOf } from './store.js';

/**
 * The daemon's files for the reminder loop (its ReminderStore, src/run/reminders.ts). `lock` is the
 * exact text this daemon wrote to its lock file: the lock still holding it tells both that it names
 * us and that the home exists.
 */
export function reminderStore(
  paths: Paths,
  io: Pick<Io, 'stderr' | 'env' | 'clock'>,
  lock: string,
  where: Pick<ReminderSettings, 'zone' | 'heartbeat'>,
) {
  let held: fs.Stats | undefined;
  return {
    settingsStamp: () => mtimeOf(paths.configFile) ?? 0,
    readSettings: () => reminderSettings(readSettings(paths, io), where),
    stateStamp: () => mtimeOf(paths.stateFile) ?? 0,
    readState: () => {
      try {
        return readRemindState(paths, io);
      } catch (error) {
        throw fileError(error, 'cannot read the reminder state', paths.stateFile);
      }
    },
    writeState: (state: RemindState) => writeRemindState(paths, state),
    record: ({ event, at, due, routine, error, until, away, reason }: ReminderEvent) =>
      void appendHistory(paths, 'reminder', at, {
        event,
        due: isoLocal(due, { zone: where.zone }),
        routine,
        ...(error === undefined ? {} : { error }),
        ...(until === undefined ? {} : { until: isoLocal(until, { zone: where.zone }) }),
        ...(away === undefined ? {} : { away }),
        ...(reason === undefined ? {} : { reason }),
      }),
    markWake: (now: number) => {
      // The pid file's mtime is the last wake: one metadata write, no data written or synced.
      try {
        fs.utimesSync(paths.pidFile, now / 1000, now / 1000);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        fs.writeFileSync(paths.pidFile, `${process.pid}\n`, { mode: 0o600 });
      }
    },
    lostLock: (): string | null => {
      // One stat at each wake: the lock is never written after it is taken, so while its inode,
      // size and mtime are the same, it is still ours. Only when they differ is it read.
      let current: fs.Stats | undefined;
      try {
        current = fs.statSync(paths.lockFile, { throwIfNoEntry: false });
      } catch {
        current = undefined; // a file where the folder was (ENOTDIR): as good as gone
      }
      if (!current)
        return fs.existsSync(paths.state) ? `the lock file ${paths.lockFile} was removed` : `the folder ${paths.state} was deleted`;
      if (held && current.ino === held.ino && current.size === held.size && current.mtimeMs === held.mtimeMs) return null;
      let text: string;
      try {
        text = fs.readFileSync(paths.lockFile, 'utf8');
      } catch {
        return null; // unreadable for now: not a reason to stop
      }
      if (text !== lock) return 'another reminder scheduler holds the lock';
      held = current;
      return null;
    },
  };
}
