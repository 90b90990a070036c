import fs from 'node:fs';
import type { Io } from '../context.js';
import { parseWindow, resolveTimeZone, type StatsWindow, startOfDay, wholeDays, type WindowFlags } from '../core/stats.js';
import { isoLocal } from '../core/time.js';
import { warn } from './warn.js';
import { type Paths, resolvePaths } from './paths.js';
import { appendJsonl, type BadLine, fileError, readJsonl } from './store.js';

/** One line of history.jsonl (design §6): `{v: 1, type, at, ...}`. */
export type HistoryType = 'check' | 'routine' | 'reminder' | 'pain' | 'clearance';
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
const GATE_TYPES: readonly string[] = ['check', 'clearance'];
// One pass over a chunk finds both words (a regular expression here is several times faster than
// searching a Buffer for each word, which matters when the whole file has to be searched).
const GATE_WORDS = /"(?:check|clearance)"/g;

/**
 * What the routine gate needs, read from the end of the history so it costs the same at any size:
 * the latest check-in, and a clearance recorded after it if there is one. Only lines that mention
 * "check" or "clearance" are parsed. Check-ins and clearances are written when they happen (only
 * pain is backdated, by `log --at`), so the last in the file is the latest; the side index of
 * issue 16 replaces this scan. Damaged lines met on the way are skipped with one warning.
 * `chunkBytes` is smaller in tests, to cross chunk boundaries often.
 */
export function gateRecords(paths: Paths, io?: Pick<Io, 'stderr'>, chunkBytes = TAIL_CHUNK): HistoryRecord[] {
  const file = paths.historyFile;
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw fileError(error, 'cannot read the history file', file);
  }
  const found = new Map<string, HistoryRecord>();
  let damaged = 0;
  try {
    let end = fs.fstatSync(fd).size;
    let carry = Buffer.alloc(0); // the start of a line cut by the previous chunk
    while (end > 0 && !found.has('check')) {
      const start = Math.max(0, end - chunkBytes);
      const chunk = Buffer.alloc(end - start);
      fs.readSync(fd, chunk, 0, chunk.length, start);
      const text = Buffer.concat([chunk, carry]);
      end = start;
      // Whole lines only: the part before the first newline may begin in the chunk before.
      const from = start === 0 ? 0 : text.indexOf(NEWLINE) + 1;
      carry = text.subarray(0, from);
      if (start > 0 && from === 0) {
        carry = text; // no line break yet: one long line goes on
        continue;
      }
      // Byte offsets: latin1 keeps one character per byte.
      const hits = [...text.toString('latin1', from).matchAll(GATE_WORDS)].map((match) => from + match.index);
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
        if (!isRecord(value) || !GATE_TYPES.includes(value.type) || found.has(value.type) || Number.isNaN(Date.parse(value.at))) continue;
        found.set(value.type, value);
        if (value.type === 'check') break;
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
  return [...found.values()];
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
