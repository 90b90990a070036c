import type { Level } from '../content/schema.js';
import { DAY } from './clock.js';

/** Only a check-in this recent gates routines and sets the plan without being asked. */
export const GATE_WINDOW = DAY;

/** The fields of a history line this reads; structural, so core needs no io type. */
export interface CheckRecord {
  type: string;
  at: string;
  [field: string]: unknown;
}

/** The latest check-in, read back from the history. */
export interface LatestCheck<R extends CheckRecord = CheckRecord> {
  /** Epoch ms. */
  at: number;
  level: Level;
  /** Red-flag ids reported ("none" left out). */
  flags: readonly string[];
  /** The stage by duration, when the record has one. */
  stage: string | undefined;
  /** The history record itself, for whoever wants the rest (answers, causes, pain). */
  record: R;
}

// A Record keyed by Level makes the compiler catch a level added to the schema and not here.
const KNOWN_LEVELS: Record<Level, true> = { emergency: true, urgent: true, soon: true, 'self-care': true };
export const isLevel = (x: unknown): x is Level => typeof x === 'string' && Object.hasOwn(KNOWN_LEVELS, x);

/**
 * The latest check-in by its time, not its place in the file (a `log --at` or a clock change can
 * write out of order). A record whose time does not parse or whose level is unknown is not a
 * check-in we can act on, so it is passed over; on equal times the later line wins.
 */
export function latestCheck<R extends CheckRecord>(records: readonly R[]): LatestCheck<R> | undefined {
  let latest: LatestCheck<R> | undefined;
  for (const record of records) {
    if (record.type !== 'check' || !isLevel(record.level)) continue;
    const at = Date.parse(record.at);
    if (Number.isNaN(at) || (latest && at < latest.at)) continue;
    const flags = Array.isArray(record.flags) ? record.flags.filter((f): f is string => typeof f === 'string' && f !== 'none') : [];
    latest = { at, level: record.level, flags, stage: typeof record.stage === 'string' ? record.stage : undefined, record };
  }
  return latest;
}
