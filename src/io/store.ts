import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { isoLocal } from '../core/time.js';

const FILE_MODE = 0o600;
const DIR_MODE = 0o700;

export function ensureDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: DIR_MODE });
}

/** Writes via a temp file in the same directory and a rename, so readers never see half a file. */
export function writeFileAtomic(file: string, data: string): void {
  ensureDir(path.dirname(file));
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const fd = fs.openSync(tmp, 'w', FILE_MODE);
    try {
      fs.writeSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    throw error;
  }
}

export function writeJsonAtomic(file: string, value: unknown): void {
  writeFileAtomic(file, `${JSON.stringify(value, null, 2)}\n`);
}

export interface CorruptFile {
  file: string;
  movedTo: string;
  reason: string;
}

/**
 * Reads a JSON file; missing → undefined. A file that does not parse is moved aside to
 * `<name>.corrupt-<time>` (never silently overwritten) and reported through `onCorrupt`.
 */
export function readJsonFile(
  file: string,
  onCorrupt: (corrupt: CorruptFile) => void,
  now: number = Date.now(),
): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    const movedTo = `${file}.corrupt-${isoLocal(now).replace(/:/g, '')}`;
    fs.renameSync(file, movedTo);
    onCorrupt({ file, movedTo, reason: (error as Error).message });
    return undefined;
  }
}

/** Appends one JSON record as one line, creating the file 0600; one write, so lines never interleave. */
export function appendJsonl(file: string, record: unknown): void {
  ensureDir(path.dirname(file));
  const fd = fs.openSync(file, 'a', FILE_MODE);
  try {
    fs.writeSync(fd, `${JSON.stringify(record)}\n`);
  } finally {
    fs.closeSync(fd);
  }
}

export interface BadLine {
  line: number;
  text: string;
  reason: string;
}

/** Reads a JSONL file; a torn or corrupt line is reported (with its 1-based number) and skipped. */
export function readJsonl(file: string): { records: { line: number; value: unknown }[]; bad: BadLine[] } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], bad: [] };
    throw error;
  }
  const records: { line: number; value: unknown }[] = [];
  const bad: BadLine[] = [];
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    try {
      records.push({ line: i + 1, value: JSON.parse(line) });
    } catch (error) {
      bad.push({ line: i + 1, text: line.slice(0, 80), reason: (error as Error).message });
    }
  });
  return { records, bad };
}
