import type { Io } from '../context.js';
import { EMPTY_STATE, type RemindState } from '../core/schedule.js';
import { isoLocal, parseIso } from '../core/time.js';
import type { Paths } from './paths.js';
import { withLock } from './lock.js';
import { ensureDir, fileError, readJsonFile, writeJsonAtomic } from './store.js';

type Warn = Pick<Io, 'stderr'>;

const time = (value: unknown): number | null => (typeof value === 'string' ? (parseIso(value) ?? null) : null);
const iso = (ms: number | null) => (ms === null ? null : isoLocal(ms));

/** The state file as stored: ISO 8601 times with offset (design §6), so people can read it. */
function fromFile(raw: unknown): RemindState {
  if (typeof raw !== 'object' || raw === null) return { ...EMPTY_STATE };
  const r = raw as Record<string, unknown>;
  const error = r.lastError as { at?: unknown; message?: unknown } | null | undefined;
  const errorAt = time(error?.at);
  return {
    cycleStart: time(r.cycleStart),
    lastSent: time(r.lastSent),
    lastDue: time(r.lastDue),
    lastTaken: time(r.lastTaken),
    lastBreak: time(r.lastBreak),
    pausedUntil: r.pausedUntil === 'indefinite' ? 'indefinite' : time(r.pausedUntil),
    snoozedUntil: time(r.snoozedUntil),
    lastError: errorAt !== null && typeof error?.message === 'string' ? { at: errorAt, message: error.message } : null,
  };
}

function toFile(state: RemindState) {
  return {
    v: 1,
    cycleStart: iso(state.cycleStart),
    lastSent: iso(state.lastSent),
    lastDue: iso(state.lastDue),
    lastTaken: iso(state.lastTaken),
    lastBreak: iso(state.lastBreak),
    pausedUntil: state.pausedUntil === 'indefinite' ? 'indefinite' : iso(state.pausedUntil),
    snoozedUntil: iso(state.snoozedUntil),
    lastError: state.lastError && { at: isoLocal(state.lastError.at), message: state.lastError.message },
  };
}

/** The reminder state; missing → defaults; corrupt → moved aside, the person told, defaults. */
export function readRemindState(paths: Paths, io: Warn & Partial<Pick<Io, 'clock'>>): RemindState {
  const raw = readJsonFile(
    paths.stateFile,
    ({ movedTo, reason }) =>
      io.stderr.write(`neckcoach: warning: the reminder state was damaged (${reason}); moved it to ${movedTo} and starting fresh\n`),
    io.clock?.now() ?? Date.now(),
  );
  return fromFile(raw);
}

export function writeRemindState(paths: Paths, state: RemindState): void {
  writeJsonAtomic(paths.stateFile, toFile(state));
}

/** Read, change, write under the state file's lock, so parallel `pause`, `snooze` and `skip` each keep their change. */
export function updateRemindState(
  paths: Paths,
  io: Warn & Partial<Pick<Io, 'clock'>>,
  change: (state: RemindState) => RemindState,
): RemindState {
  try {
    ensureDir(paths.state);
    return withLock(paths.stateFile, () => {
      const next = change(readRemindState(paths, io));
      writeRemindState(paths, next);
      return next;
    });
  } catch (error) {
    throw fileError(error, 'cannot save', paths.stateFile);
  }
}
