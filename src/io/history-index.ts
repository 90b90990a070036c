import fs from 'node:fs';
import { isLevelId } from '../core/levels.js';
import { DAY } from '../core/clock.js';
import type { Paths } from './paths.js';
import { type BadLine, type HistoryRecord, openHistory, type Scanned, scanHistory, type Visit } from './history-scan.js';
import { writeFileAtomic } from './store.js';

/**
 * A small side file beside the history (design §5) so the routine gate and `--since` windows need
 * no full scan: for each UTC day, the first line holding a record of that day (a `--since` scan
 * starts at the earliest such line of the days in the window, and records backdated with
 * `log --at` are always later in the file than that, since they were written later); the latest
 * check-in and clearance; and the damaged lines, for warnings. It covers the file up to `size`
 * (always the end of a complete line) and is trusted only while the first and last 4 KiB of that
 * part are unchanged, and, when the file has not grown, its modification time too: more lines are
 * read on from there, anything else rebuilds it. A cache only: losing it, or being unable to
 * write it, costs a full read and nothing else.
 */
export interface HistoryIndex {
  v: typeof INDEX_VERSION;
  size: number;
  /** The file's modification time when the index was made, to notice an edit that kept its size. */
  mtimeMs: number;
  nextLine: number;
  head: number;
  tail: number;
  records: number;
  badCount: number;
  bad: BadLine[];
  /** [UTC day number, byte offset, line number] of each day's first record in the file, by day. */
  days: [number, number, number][];
  latest: { check: LatestEntry | null; clearance: LatestEntry | null };
}

interface LatestEntry {
  ms: number;
  record: HistoryRecord;
}

const INDEX_VERSION = 1;
const EMPTY: HistoryIndex = {
  v: INDEX_VERSION,
  size: 0,
  mtimeMs: 0,
  nextLine: 1,
  head: 0,
  tail: 0,
  records: 0,
  badCount: 0,
  bad: [],
  days: [],
  latest: { check: null, clearance: null },
};
const PROBE = 4096;

/** A clinician's clearance: its own record, or a routine run with `--i-have-been-cleared`. */
export const isClearance = (r: HistoryRecord) => r.type === 'clearance' || (r.type === 'routine' && r.cleared === true);

/** Builds on an index (or from nothing) as records are visited in file order. */
export function indexBuilder(base: HistoryIndex = EMPTY) {
  const days = new Map<number, [number, number]>(base.days.map(([d, o, l]) => [d, [o, l]]));
  const latest = { ...base.latest };
  let lastDay = Number.NaN;
  const visit: Visit = (record, ms, offset, line) => {
    const day = Math.floor(ms / DAY);
    if (day !== lastDay) {
      if (!days.has(day)) days.set(day, [offset, line]);
      lastDay = day;
    }
    // By time, not place, and only a level we know: core/checkin's latestCheck rule (on equal times the later line).
    if (record.type === 'check' && isLevelId(record.level) && (!latest.check || ms >= latest.check.ms)) latest.check = { ms, record };
    else if (isClearance(record) && (!latest.clearance || ms >= latest.clearance.ms)) latest.clearance = { ms, record };
  };
  const finish = (scan: Scanned, head: number, tail: number, mtimeMs: number): HistoryIndex => ({
    v: INDEX_VERSION,
    size: scan.end,
    mtimeMs,
    nextLine: scan.nextLine,
    head,
    tail,
    records: base.records + scan.records,
    badCount: base.badCount + scan.badCount,
    bad: [...base.bad, ...scan.bad].slice(0, 3),
    days: [...days].map(([d, [o, l]]) => [d, o, l] as [number, number, number]).sort((a, b) => a[0] - b[0]),
    latest,
  });
  return { visit, finish, latest };
}

/** FNV-1a over bytes [from, to) of the file: enough to notice a replaced or rewritten history. */
function fingerprint(fd: number, from: number, to: number): number {
  const buffer = Buffer.alloc(Math.max(0, to - from));
  const read = buffer.length ? fs.readSync(fd, buffer, 0, buffer.length, from) : 0;
  let hash = 0x811c9dc5;
  for (let i = 0; i < read; i++) hash = Math.imul(hash ^ buffer[i]!, 0x01000193);
  return hash >>> 0;
}

const headOf = (fd: number, size: number) => fingerprint(fd, 0, Math.min(PROBE, size));
const tailOf = (fd: number, size: number) => fingerprint(fd, Math.max(0, size - PROBE), size);

function readIndex(file: string): HistoryIndex | undefined {
  try {
    const index = JSON.parse(fs.readFileSync(file, 'utf8')) as HistoryIndex;
    return index?.v === INDEX_VERSION && Number.isInteger(index.size) && Array.isArray(index.days) ? index : undefined;
  } catch {
    return undefined;
  }
}

/** Saves the index unless the stored one already covers as much; a read-only home just goes without. */
export function saveIndex(paths: Paths, index: HistoryIndex, stored = readIndex(paths.historyIndexFile)): void {
  const same =
    stored && stored.head === index.head && stored.size === index.size && stored.tail === index.tail && stored.mtimeMs === index.mtimeMs;
  // Another reader may have indexed further meanwhile: keep the one that covers more.
  if (same || (stored && stored.head === index.head && stored.size > index.size)) return;
  try {
    writeFileAtomic(paths.historyIndexFile, JSON.stringify(index));
  } catch {
    // A cache: the next reader rebuilds it.
  }
}

/** The stored index if it still describes the start of this file; undefined when it must be rebuilt. */
function trustedIndex(paths: Paths, fd: number, size: number, mtimeMs: number): HistoryIndex | undefined {
  const stored = readIndex(paths.historyIndexFile);
  if (!stored || stored.size > size || (stored.size === size && stored.mtimeMs !== mtimeMs)) return undefined;
  if (headOf(fd, stored.size) !== stored.head || tailOf(fd, stored.size) !== stored.tail) return undefined;
  return stored;
}

/** What currentIndex found: the index, the open file, and where the lines the index already knew end. */
export interface Indexed {
  index: HistoryIndex;
  fd: number;
  size: number;
  /** The index's end before this call: lines before it were not read now. */
  known: { end: number; nextLine: number };
  /** What was read to bring the index up to date (none when it already was). */
  fresh: Scanned | undefined;
}

/**
 * The index brought up to the end of the file: the stored one read on from where it stops, or
 * rebuilt when missing or stale. The lines read on the way also go to `visit`, with damaged ones
 * kept up to `keepBad` (a full read passes its own visitor, so no line is read twice). Null when
 * there is no history.
 */
export function currentIndex(paths: Paths, visit?: Visit, keepBad = 3): Indexed | null {
  const file = openHistory(paths);
  if (!file) return null;
  const { fd, size, mtimeMs } = file;
  try {
    const stored = trustedIndex(paths, fd, size, mtimeMs);
    const base = stored ?? EMPTY;
    const known = { end: base.size, nextLine: base.nextLine };
    if (base.size === size) return { index: base, fd, size, known, fresh: undefined };
    const builder = indexBuilder(base);
    const both: Visit = visit
      ? (record, ms, offset, line) => {
          builder.visit(record, ms, offset, line);
          visit(record, ms, offset, line);
        }
      : builder.visit;
    const fresh = scanHistory(fd, base.size, size, base.nextLine, both, keepBad, false);
    const index = builder.finish(fresh, headOf(fd, fresh.end), tailOf(fd, fresh.end), mtimeMs);
    saveIndex(paths, index, stored);
    return { index, fd, size, known, fresh };
  } catch (error) {
    fs.closeSync(fd);
    throw error;
  }
}

/** Where a scan for records at or after `since` can start: the earliest first line of the days from then on. */
export function windowStart(index: HistoryIndex, since: number): { offset: number; line: number } {
  if (!Number.isFinite(since)) return { offset: 0, line: 1 };
  const day = Math.floor(since / DAY);
  let best = { offset: index.size, line: index.nextLine };
  for (let i = index.days.length - 1; i >= 0 && index.days[i]![0] >= day; i--) {
    const [, offset, line] = index.days[i]!;
    if (offset < best.offset) best = { offset, line };
  }
  return best;
}
