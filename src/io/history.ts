import { isoLocal } from '../core/time.js';
import type { Paths } from './paths.js';
import { appendJsonl, readJsonl } from './store.js';

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
  appendJsonl(paths.historyFile, record);
  return record;
}

const isRecord = (value: unknown): value is HistoryRecord =>
  typeof value === 'object' && value !== null && (value as HistoryRecord).v === 1 &&
  typeof (value as HistoryRecord).type === 'string' && typeof (value as HistoryRecord).at === 'string';

/** Every readable record, and the line numbers of torn or foreign lines (skipped, never rewritten). */
export function readHistory(paths: Paths) {
  const { records, bad } = readJsonl(paths.historyFile);
  const valid: HistoryRecord[] = [];
  for (const { line, value } of records) {
    if (isRecord(value)) valid.push(value);
    else bad.push({ line, text: JSON.stringify(value).slice(0, 80), reason: 'not a neckcoach history record' });
  }
  bad.sort((a, b) => a.line - b.line);
  return { records: valid, bad };
}
