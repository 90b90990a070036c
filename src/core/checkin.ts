import type { Level } from '../content/schema.js';
import { DAY, HOUR, MINUTE, WEEK, YEAR } from './clock.js';

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

/** How long ago, as a person says it: "just now", "25 min ago", "3 h ago", "2 days ago", "3 weeks ago". */
export function agoText(ms: number): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'} ago`;
  if (ms < MINUTE) return 'just now';
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)} min ago`;
  if (ms < DAY) return `${Math.floor(ms / HOUR)} h ago`;
  if (ms < 2 * WEEK) return plural(Math.floor(ms / DAY), 'day');
  if (ms < 13 * WEEK) return plural(Math.floor(ms / WEEK), 'week');
  if (ms < YEAR) return plural(Math.floor(ms / (30 * DAY)), 'month');
  return plural(Math.floor(ms / YEAR), 'year');
}

/** This check-in beside the previous one: "pain 5 → 3 since 3 weeks ago". */
export interface Comparison {
  /** When the previous check-in was, ISO as recorded. */
  at: string;
  ago: string;
  level: { before: Level; now: Level };
  pain: { before: number; now: number } | null;
  text: string;
}

/** Pain and level against the previous check-in, or null when there is none (or it is not earlier). */
export function compareChecks(
  previous: LatestCheck | undefined,
  current: { level: Level; pain: number | undefined },
  now: number,
): Comparison | null {
  if (!previous || previous.at > now) return null;
  const ago = agoText(now - previous.at);
  const before = typeof previous.record.pain === 'number' ? previous.record.pain : undefined;
  const pain = before !== undefined && current.pain !== undefined ? { before, now: current.pain } : null;
  const parts = [
    ...(pain ? [`pain ${pain.before} → ${pain.now}`] : []),
    ...(previous.level !== current.level ? [`${previous.level} → ${current.level}`] : []),
  ];
  const text = parts.length > 0 ? `Since your check-in ${ago}: ${parts.join(', ')}.` : `Since your check-in ${ago}: about the same.`;
  return { at: previous.record.at, ago, level: { before: previous.level, now: current.level }, pain, text };
}
