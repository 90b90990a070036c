import fs from 'node:fs';
import type { Io } from '../context.js';
import { parseWindow, resolveTimeZone, type StatsWindow, startOfDay, wholeDays, type WindowFlags } from '../core/stats.js';
import { isoLocal } from '../core/time.js';
import { warn } from './warn.js';
import { type Paths, resolvePaths } from './paths.js';
import { appendJsonl, type BadLine, fileError, readJsonl } from './store.js';

/** One line of history.jsonl (design §6): `{v: 1, type, at, ...}`. */
export type HistoryType = 'check' | 'routine' | 'reminder' | 'pain' | 'clearance' | 'programme';
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

const TAIL_CHUNK = 1 << 20;
const NEWLINE = 0x0a;

interface TailScan {
  /** Matches the quoted type words of the records wanted: only lines with a match are parsed. */
  words: RegExp;
  types: readonly string[];
  /** Called newest first with each record of those types; false stops the scan. */
  visit: (record: HistoryRecord) => boolean;
  /** Stop after reading this many bytes from the end (the whole file by default). */
  maxBytes?: number;
  chunkBytes?: number;
}

/**
 * Reads the history from its end in chunks, parsing only the lines a regular expression picks out,
 * so a question about recent records costs the same at any size. Damaged lines met on the way are
 * skipped with one warning.
 */
function scanTail(paths: Paths, io: Pick<Io, 'stderr'> | undefined, scan: TailScan): void {
  const file = paths.historyFile;
  const chunkBytes = scan.chunkBytes ?? TAIL_CHUNK;
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw fileError(error, 'cannot read the history file', file);
  }
  let damaged = 0;
  try {
    const size = fs.fstatSync(fd).size;
    const floor = Math.max(0, size - (scan.maxBytes ?? size));
    let end = size;
    let going = true;
    let carry = Buffer.alloc(0); // the start of a line cut by the previous chunk
    while (end > floor && going) {
      const start = Math.max(floor, end - chunkBytes);
      const chunk = Buffer.alloc(end - start);
      fs.readSync(fd, chunk, 0, chunk.length, start);
      const text = Buffer.concat([chunk, carry]);
      end = start;
      // Whole lines only: the part before the first newline may begin in the chunk before.
      const from = start === 0 ? 0 : text.indexOf(NEWLINE) + 1;
      carry = text.subarray(0, from);
      if (start > floor && from === 0) {
        carry = text; // no line break yet: one long line goes on
        continue;
      }
      // Byte offsets: latin1 keeps one character per byte.
      const hits = [...text.toString('latin1', from).matchAll(scan.words)].map((match) => from + match.index);
      let before = text.length;
      for (const hit of hits.reverse()) {
        if (hit >= before) continue; // a second word on a line already read
        const lineStart = text.lastIndexOf(NEWLINE, hit) + 1;
        const newline = text.indexOf(NEWLINE, hit);
        before = lineStart;
        let value: unknown;
        try {
          value = JSON.parse(text.subarray(lineStart, newline === -1 ? text.length : newline).toString('utf8'));
        } catch {
          damaged++;
          continue;
        }
        if (!isRecord(value) || !scan.types.includes(value.type) || Number.isNaN(Date.parse(value.at))) continue;
        if (!scan.visit(value)) {
          going = false;
          break;
        }
      }
    }
  } catch (error) {
    throw fileError(error, 'cannot read the history file', file);
  } finally {
    fs.closeSync(fd);
  }
  if (io && damaged > 0) {
    warn(io, `skipped ${damaged === 1 ? 'a damaged line' : `${damaged} damaged lines`} near the end of ${file}`);
    io.stderr.write('  `neckcoach history --check` lists them; the file is never rewritten\n');
  }
}

// One pass over a chunk finds both words (a regular expression here is several times faster than
// searching a Buffer for each word, which matters when the whole file has to be searched).
const GATE_WORDS = /"(?:check|clearance)"/g;

/**
 * What the routine gate needs, read from the end of the history so it costs the same at any size:
 * the latest check-in, and a clearance recorded after it if there is one. Check-ins and
 * clearances are written when they happen (only pain is backdated, by `log --at`), so the last in
 * the file is the latest; the side index of issue 16 replaces this scan. `chunkBytes` is smaller
 * in tests, to cross chunk boundaries often.
 */
export function gateRecords(paths: Paths, io?: Pick<Io, 'stderr'>, chunkBytes = TAIL_CHUNK): HistoryRecord[] {
  const found = new Map<string, HistoryRecord>();
  scanTail(paths, io, {
    words: GATE_WORDS,
    types: ['check', 'clearance'],
    chunkBytes,
    visit: (record) => {
      if (!found.has(record.type)) found.set(record.type, record);
      return record.type !== 'check';
    },
  });
  return [...found.values()];
}

const ROUTINE_RUN_WORDS = /"type":\s*"(?:routine|programme|pain|check)"/g;
/** How far back a routine run looks: years of a person's history, and a bounded cost at any size. */
export const ROUTINE_RUN_BYTES = 4 << 20;

/**
 * What a routine run decides from (core/routine-run): the routines, programme records, pain
 * ratings and check-ins of the last ROUTINE_RUN_BYTES of history, newest first. A move last done
 * before that counts as new (its stop rules are shown in full: the safe side).
 */
export function routineRunRecords(paths: Paths, io?: Pick<Io, 'stderr'>, maxBytes = ROUTINE_RUN_BYTES): HistoryRecord[] {
  const records: HistoryRecord[] = [];
  scanTail(paths, io, {
    words: ROUTINE_RUN_WORDS,
    types: ['routine', 'programme', 'pain', 'check'],
    maxBytes,
    visit: (record) => records.push(record) > 0,
  });
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
