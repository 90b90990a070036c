/**
 * How much of the stop rules a routine shows before it starts (clinical reference §5): in full the
 * first time each day, after a session whose pain rose (`--rate`), and before any move the person
 * has not done before; otherwise one line, with `?` for the rest. Pure: the history comes in.
 */
import { localDayNumber } from './stats.js';
import { dateOfDayNumber } from './time.js';

/** How far back a routine can still be "your last routine" whose pain rose. */
const RECENT_DAYS = 8;

/** The fields of a history line this reads; structural, so core needs no io type. */
export interface RoutineRecordLike {
  type: string;
  at: string;
  [field: string]: unknown;
}

export type StopRulesMode =
  | { mode: 'full'; why: 'first-today' | 'pain-rose' | 'new-moves'; newMoves: string[] }
  | { mode: 'line'; why: 'seen-today'; newMoves: [] };

export interface StopRulesOptions {
  timeZone?: string;
  /** The moves a routine id is made of, for records that do not list them. */
  movesOf: (routine: string) => readonly string[];
}

const rating = (x: unknown) => (typeof x === 'number' ? x : undefined);

/**
 * Full or one line, and why. A move counts as done once any routine containing it was finished or
 * had a step completed; the day is the person's local calendar day; a pain rise counts when it
 * was the latest routine of the last week.
 */
export function stopRulesMode(
  history: Iterable<RoutineRecordLike>,
  routine: { moves: readonly string[] },
  now: number,
  options: StopRulesOptions,
): StopRulesMode {
  const dayOf = localDayNumber(options.timeZone);
  const today = dayOf(now);
  // Only the last week's records can say "today" or "your last routine": older dates are
  // compared as text and never parsed, so a long history stays quick.
  const recent = dateOfDayNumber(today - RECENT_DAYS);
  let seenToday = false;
  let latest: { at: number; rose: boolean } | undefined;
  const doneRoutines = new Set<string>();
  const doneMoves = new Set<string>();
  for (const record of history) {
    if (record.type !== 'routine' || typeof record.routine !== 'string') continue;
    if (record.reason === 'done' || (typeof record.completed === 'number' && record.completed > 0)) {
      if (!Array.isArray(record.moves)) doneRoutines.add(record.routine);
      else for (const m of record.moves) if (typeof m === 'string') doneMoves.add(m);
    }
    if (typeof record.at !== 'string' || record.at < recent) continue;
    const at = Date.parse(record.at);
    if (Number.isNaN(at) || at > now) continue;
    if (dayOf(at) === today) seenToday = true;
    const before = rating(record.painBefore);
    const after = rating(record.painAfter);
    if (!latest || at >= latest.at) latest = { at, rose: before !== undefined && after !== undefined && after > before };
  }
  for (const id of doneRoutines) for (const move of options.movesOf(id)) doneMoves.add(move);
  const newMoves = routine.moves.filter((m) => !doneMoves.has(m));
  if (latest?.rose) return { mode: 'full', why: 'pain-rose', newMoves };
  if (newMoves.length) return { mode: 'full', why: 'new-moves', newMoves };
  if (!seenToday) return { mode: 'full', why: 'first-today', newMoves };
  return { mode: 'line', why: 'seen-today', newMoves: [] };
}
