import fs from 'node:fs';
import { recordTimeParser } from '../core/time.js';
import { readLineAt, readLines } from './lines.js';
import type { Paths } from './paths.js';
import { fileError } from './store.js';

/** One line of history.jsonl (design §6): `{v: 1, type, at, ...}`. */
export type HistoryType = 'check' | 'routine' | 'reminder' | 'pain' | 'clearance' | 'programme';
export interface HistoryRecord {
  v: 1;
  type: HistoryType;
  at: string;
  [field: string]: unknown;
}

export interface BadLine {
  line: number;
  /** The start of the line as it is in the file: make it printable before showing it. */
  text: string;
  reason: string;
}

/** Called for every readable record: the record, its time (epoch ms), its first byte and line number. */
export type Visit = (record: HistoryRecord, ms: number, offset: number, line: number) => void;

export interface Scanned {
  /** Byte after the last complete line read, and the number of the line that starts there. */
  end: number;
  nextLine: number;
  records: number;
  /** The first damaged lines (up to `keepBad`), and how many there were in all. */
  bad: BadLine[];
  badCount: number;
}

const isRecord = (value: unknown): value is HistoryRecord =>
  typeof value === 'object' &&
  value !== null &&
  (value as HistoryRecord).v === 1 &&
  typeof (value as HistoryRecord).type === 'string' &&
  typeof (value as HistoryRecord).at === 'string';

/**
 * Streams bytes [from, to) of the open history: each line is parsed and checked (a record of
 * ours, with a time that is a real moment in 1970–2100), readable records go to `visit`, damaged
 * ones are counted and the first `keepBad` kept. Nothing is held per record, so memory is flat.
 * Without `tail`, bytes after the last newline are left for later (what an index may cover).
 */
export function scanHistory(fd: number, from: number, to: number, firstLine: number, visit: Visit, keepBad = 3, tail = true): Scanned {
  const bad: BadLine[] = [];
  let badCount = 0;
  let records = 0;
  const timeOf = recordTimeParser();
  const damaged = (line: number, text: string, reason: string) => {
    if (badCount++ < keepBad) bad.push({ line, text: text.slice(0, 80), reason });
  };
  const { end, nextLine } = readLines(
    fd,
    from,
    to,
    firstLine,
    {
      line(text, offset, line) {
        if (text.length === 0 || (text.charCodeAt(0) <= 32 && text.trim() === '')) return;
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch (error) {
          damaged(line, text, (error as Error).message);
          return;
        }
        if (!isRecord(value)) return damaged(line, text, 'not a neckcoach history record');
        const ms = timeOf(value.at);
        if (ms === undefined) return damaged(line, text, `unreadable date "${value.at.slice(0, 40)}"`);
        records++;
        visit(value, ms, offset, line);
      },
      tooLong(_offset, line, bytes) {
        damaged(line, '', `${bytes} bytes without a line break, too long to be a record`);
      },
    },
    tail,
  );
  return { end, nextLine, records, bad, badCount };
}

/** The history file opened for reading, or null when there is none yet. */
export function openHistory(paths: Paths): { fd: number; size: number; mtimeMs: number } | null {
  let fd: number;
  try {
    fd = fs.openSync(paths.historyFile, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw fileError(error, 'cannot read the history file', paths.historyFile);
  }
  try {
    const stat = fs.fstatSync(fd);
    // Reading a folder fails only at the first read, with a less helpful message.
    if (stat.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    return { fd, size: stat.size, mtimeMs: stat.mtimeMs };
  } catch (error) {
    fs.closeSync(fd);
    throw fileError(error, 'cannot read the history file', paths.historyFile);
  }
}

/** The record whose line starts at `offset`, for reading back a record the first pass put aside. */
export function recordAt(fd: number, offset: number): HistoryRecord {
  return JSON.parse(readLineAt(fd, offset)) as HistoryRecord;
}
