import type { Io } from '../context.js';
import { parseWindow, resolveTimeZone, type StatsWindow, startOfDay, wholeDays, type WindowFlags } from '../core/stats.js';
import { isoLocal } from '../core/time.js';
import { warn } from './warn.js';
import { type Paths, resolvePaths } from './paths.js';
import { appendJsonl, type BadLine, fileError, readJsonl } from './store.js';

/** One line of history.jsonl (design §6): `{v: 1, type, at, ...}`. */
export type HistoryType = 'check' | 'routine' | 'reminder' | 'pain';
export interface HistoryRecord {
  v: 1;
  type: HistoryType;
  at: string;
  [field: string]: unknown;
}

/** Appends one event; health data, so the file is 0600 and never rewritten. */
export function appendHistory(paths: Paths, type: HistoryType, at: number, fields: Record<string, unknown>): HistoryRecord {
  const record: HistoryRecord = { v: 1, type, at: isoLocal(at), ...fields };
  try {
    appendJsonl(paths.historyFile, record);
  } catch (error) {
    throw fileError(error, 'cannot write to the history file', paths.historyFile);
  }
  return record;
}

const isRecord = (value: unknown): value is HistoryRecord =>
  typeof value === 'object' && value !== null && (value as HistoryRecord).v === 1 &&
  typeof (value as HistoryRecord).type === 'string' && typeof (value as HistoryRecord).at === 'string';

/**
 * Every readable record, and the torn or foreign lines (skipped, never rewritten). A file that
 * cannot be read at all (a folder in its place, no permission) is a CliError naming it.
 */
export function readHistory(paths: Paths): { records: HistoryRecord[]; bad: BadLine[] } {
  let lines: ReturnType<typeof readJsonl>;
  try {
    lines = readJsonl(paths.historyFile);
  } catch (error) {
    throw fileError(error, 'cannot read the history file', paths.historyFile);
  }
  const valid: HistoryRecord[] = [];
  const bad = [...lines.bad];
  for (const { line, value } of lines.records) {
    if (isRecord(value)) valid.push(value);
    else bad.push({ line, text: JSON.stringify(value).slice(0, 80), reason: 'not a neckcoach history record' });
  }
  bad.sort((a, b) => a.line - b.line);
  return { records: valid, bad };
}

/** The history for a command that uses it: damaged lines are skipped with a warning naming each (design §4). */
export function readHistoryWarned(paths: Paths, io: Pick<Io, 'stderr'>): HistoryRecord[] {
  const { records, bad } = readHistory(paths);
  warnDamaged(io, paths.historyFile, bad);
  return records;
}

export interface HistoryWindow {
  paths: Paths;
  records: HistoryRecord[];
  /** The asked-for span; `timeZone` is the person's, for calendar days and times shown. */
  window: StatsWindow;
  now: number;
}

/**
 * What history, stats and report share: the window from `--since`/`--from`/`--to` (checked first,
 * so a bad flag is a usage error before any file is read), then the history, damaged lines warned
 * about. `wholeDays` stretches a span of days back to a local midnight (stats and report).
 */
export function loadHistoryWindow(
  io: Pick<Io, 'stderr' | 'env' | 'clock'>,
  flags: WindowFlags,
  defaultSpan: string,
  options: { wholeDays?: boolean } = {},
): HistoryWindow {
  const paths = resolvePaths(io.env);
  const now = io.clock.now();
  const timeZone = resolveTimeZone(io.env.TZ);
  const span = parseWindow(flags, now, defaultSpan, (date) => startOfDay(date, timeZone));
  const window = { ...(options.wholeDays ? wholeDays(span, timeZone) : span), timeZone };
  return { paths, records: readHistoryWarned(paths, io), window, now };
}

/** One warning per damaged line (up to a few), naming the line; the rest of the file is used. */
function warnDamaged(io: Pick<Io, 'stderr'>, file: string, bad: readonly BadLine[], shown = 3): void {
  for (const b of bad.slice(0, shown)) warn(io, `skipped damaged line ${b.line} of ${file} (${b.reason})`);
  if (bad.length > shown) warn(io, `skipped ${bad.length - shown} more damaged lines`);
  if (bad.length > 0) io.stderr.write('  `neckcoach history --check` lists them; the file is never rewritten\n');
}
