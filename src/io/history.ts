import fs from 'node:fs';
import type { Io } from '../context.js';
import { parseWindow, resolveTimeZone, type StatsWindow, startOfDay, wholeDays, type WindowFlags } from '../core/stats.js';
import { isoLocal } from '../core/time.js';
import { currentIndex, type HistoryIndex, indexBuilder, windowStart } from './history-index.js';
import { type BadLine, type HistoryRecord, type HistoryType, openHistory, recordAt, scanHistory, type Visit } from './history-scan.js';
import { warn } from './warn.js';
import { type Paths, resolvePaths } from './paths.js';
import { appendJsonl, fileError } from './store.js';

export type { BadLine, HistoryRecord, HistoryType, Visit };

/**
 * Appends one event, all or nothing (see appendJsonl): health data, so the file is 0600 and never
 * rewritten. A record that could not be kept is a CliError (exit 1) naming the file and why.
 */
export function appendHistory(paths: Paths, type: HistoryType, at: number, fields: Record<string, unknown>): HistoryRecord {
  const record: HistoryRecord = { v: 1, type, at: isoLocal(at), ...fields };
  try {
    appendJsonl(paths.historyFile, record);
  } catch (error) {
    throw fileError(error, 'cannot save to the history file', paths.historyFile);
  }
  return record;
}

/** Damaged lines as one warning each (up to three), made printable by warn; the rest of the file is used. */
export function warnDamaged(io: Pick<Io, 'stderr'>, { file, bad, badCount }: Omit<HistoryRead, 'records'>): void {
  for (const b of bad.slice(0, 3)) warn(io, `skipped damaged line ${b.line} of ${file} (${b.reason})`);
  if (badCount > 3) warn(io, `skipped ${badCount - 3} more damaged ${badCount === 4 ? 'line' : 'lines'}`);
  if (badCount > 0) io.stderr.write('  `neckcoach history --check` lists them; the file is never rewritten\n');
}

/** What a read found besides the records it handed over: for warnings and empty-history messages. */
export interface HistoryRead {
  file: string;
  /** Readable records in the whole file. */
  records: number;
  bad: BadLine[];
  badCount: number;
}

const nothing = (paths: Paths): HistoryRead => ({ file: paths.historyFile, records: 0, bad: [], badCount: 0 });

/**
 * Every record in file order, streamed in flat memory (stats, report, --check). The side index
 * is brought up to date on the way: the lines it did not know yet are read once, for both.
 */
export function forEachRecord(paths: Paths, visit: Visit, keepBad = 3): HistoryRead & { lines: number } {
  const current = currentIndex(paths, visit, keepBad);
  if (!current) return { ...nothing(paths), lines: 0 };
  const { index, fd, size, known, fresh } = current;
  try {
    const before = scanHistory(fd, 0, known.end, 1, visit, keepBad, false);
    const tail = scanHistory(fd, index.size, size, index.nextLine, visit, keepBad);
    const parts = [before, ...(fresh ? [fresh] : []), tail];
    const records = parts.reduce((n, p) => n + p.records, 0);
    const badCount = parts.reduce((n, p) => n + p.badCount, 0);
    return { file: paths.historyFile, records, bad: parts.flatMap((p) => p.bad).slice(0, keepBad), badCount, lines: records + badCount };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Records at or after `since`, in file order, without reading the whole file: the scan starts
 * where the side index says the first of those days begins and runs to the end, never stopping
 * at an older record (a backdated one may come later). Damaged lines come from the index.
 */
function scanSince(paths: Paths, since: number, passes: (scan: (visit: Visit) => void, fd: number) => void): HistoryRead {
  const current = currentIndex(paths);
  if (!current) return nothing(paths);
  const { index, fd, size } = current;
  try {
    const start = windowStart(index, since);
    // The lines after the index's end (an unfinished last line) are the only ones it has not seen.
    const tail = scanHistory(fd, index.size, size, index.nextLine, () => {});
    passes((visit) => {
      scanHistory(fd, start.offset, size, start.line, (record, ms, offset, line) => ms >= since && visit(record, ms, offset, line), 0);
    }, fd);
    return summary(paths, index, tail);
  } finally {
    fs.closeSync(fd);
  }
}

const summary = (paths: Paths, index: HistoryIndex, tail: { records: number; bad: BadLine[]; badCount: number }): HistoryRead => ({
  file: paths.historyFile,
  records: index.records + tail.records,
  bad: [...index.bad, ...tail.bad].slice(0, 3),
  badCount: index.badCount + tail.badCount,
});

/** Records at or after `since` in file order (a history window without a full scan). */
export function forEachRecordSince(paths: Paths, since: number, visit: Visit): HistoryRead {
  return scanSince(paths, since, (scan) => scan(visit));
}

/**
 * The records in [since, until] (of one type, if given), oldest first, handed to `emit` one at a
 * time. The file is mostly in time order, so nothing is held for most records: a first pass notes
 * only those that come after a later one (backdated), by time and place; the second pass emits the
 * rest as it reads them, each preceded by the noted ones that belong before it, read back by offset.
 */
export function recordsInOrder(
  paths: Paths,
  window: { since: number; until: number },
  type: string | undefined,
  emit: (record: HistoryRecord) => void,
): HistoryRead {
  const { since, until } = window;
  const wanted = (record: HistoryRecord, ms: number) => ms <= until && (type === undefined || record.type === type);
  return scanSince(paths, since, (scan, fd) => {
    const asideMs: number[] = [];
    const asideAt: number[] = [];
    let latest = Number.NEGATIVE_INFINITY;
    scan((record, ms, offset) => {
      if (!wanted(record, ms)) return;
      if (ms >= latest) latest = ms;
      else {
        asideMs.push(ms);
        asideAt.push(offset);
      }
    });
    const order = asideMs.map((_, i) => i).sort((a, b) => asideMs[a]! - asideMs[b]! || asideAt[a]! - asideAt[b]!);
    let next = 0;
    const emitAsideBefore = (ms: number, offset: number) => {
      for (; next < order.length; next++) {
        const i = order[next]!;
        if (asideMs[i]! > ms || (asideMs[i] === ms && asideAt[i]! > offset)) break;
        emit(recordAt(fd, asideAt[i]!));
      }
    };
    latest = Number.NEGATIVE_INFINITY;
    scan((record, ms, offset) => {
      if (!wanted(record, ms) || ms < latest) return;
      latest = ms;
      emitAsideBefore(ms, offset);
      emit(record);
    });
    emitAsideBefore(Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY);
  });
}

/** The latest check-in and clearance by time (the routine gate, plan, report), from the side index. */
export function latestRecords(paths: Paths): HistoryRead & { check: HistoryRecord | null; clearance: HistoryRecord | null } {
  const current = currentIndex(paths);
  if (!current) return { ...nothing(paths), check: null, clearance: null };
  const { index, fd, size } = current;
  try {
    // A record after the index's end (its line not finished yet) may be the latest one.
    const { visit, latest } = indexBuilder(index);
    const tail = scanHistory(fd, index.size, size, index.nextLine, visit);
    return { ...summary(paths, index, tail), check: latest.check?.record ?? null, clearance: latest.clearance?.record ?? null };
  } finally {
    fs.closeSync(fd);
  }
}

/** Every damaged line (up to `limit`) for `history --check`, from a full read. */
export function checkHistory(paths: Paths, limit = 10_000): HistoryRead & { lines: number } {
  return forEachRecord(paths, () => {}, limit);
}

/**
 * The window history, stats and report read, from `--since`/`--from`/`--to` (checked before any
 * file is read, so a bad flag is a usage error first). `wholeDays` stretches a span of days back
 * to a local midnight (stats and report). `timeZone` is the person's, for days and times shown.
 */
export function historyWindow(
  io: Pick<Io, 'env' | 'clock'>,
  flags: WindowFlags,
  defaultSpan: string,
  options: { wholeDays?: boolean } = {},
): { paths: Paths; window: StatsWindow & { timeZone: string }; now: number } {
  const paths = resolvePaths(io.env);
  const now = io.clock.now();
  const timeZone = resolveTimeZone(io.env.TZ);
  const span = parseWindow(flags, now, defaultSpan, (date) => startOfDay(date, timeZone));
  return { paths, window: { ...(options.wholeDays ? wholeDays(span, timeZone) : span), timeZone }, now };
}

/**
 * What the routine gate, plan and report read, from the side index (no full scan at any size): the
 * latest clearance when it is not older than the latest check-in (an older one ends nothing), then
 * the latest check-in, both by their time. Damaged lines are warned about when `io` is given.
 */
export function gateRecords(paths: Paths, io?: Pick<Io, 'stderr'>): HistoryRecord[] {
  const latest = latestRecords(paths);
  if (io) warnDamaged(io, latest);
  const { check, clearance } = latest;
  const timeOf = (record: HistoryRecord) => Date.parse(record.at);
  const cleared = clearance && (!check || timeOf(clearance) >= timeOf(check)) ? [clearance] : [];
  return [...cleared, ...(check ? [check] : [])];
}

/** How far back a routine run and a programme look: a programme's weeks and more, at a bounded cost. */
export const RECENT_LOOKBACK = 26 * 7 * 86_400_000;
const RUN_TYPES: ReadonlySet<string> = new Set(['routine', 'programme', 'pain', 'check']);

/**
 * What a routine run and a programme decide from (core/routine-run, core/programme): the routines,
 * programme records, pain ratings and check-ins of the last RECENT_LOOKBACK, newest first, read
 * from where the side index says those days begin. A move last done before that counts as new (its
 * stop rules are shown in full: the safe side).
 */
export function recentRecords(paths: Paths, now: number, io?: Pick<Io, 'stderr'>): HistoryRecord[] {
  const records: HistoryRecord[] = [];
  const read = forEachRecordSince(paths, now - RECENT_LOOKBACK, (record) => {
    if (RUN_TYPES.has(record.type)) records.push(record);
  });
  if (io) warnDamaged(io, read);
  return records.reverse();
}
