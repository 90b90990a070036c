import fs from 'node:fs';
import path from 'node:path';
import { isoLocal } from '../core/time.js';
import { CliError, ExitCode } from '../errors.js';

// Temp names need only be unique among this process's writes (the pid covers other processes);
// a counter rather than random bytes keeps node:crypto out of the resident daemon.
let tempCount = 0;

const FILE_MODE = 0o600;
const DIR_MODE = 0o700;

export function ensureDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: DIR_MODE });
}

/** A file's modification time, or null when it does not exist (cheap: no exception is built). */
export function mtimeOf(file: string): number | null {
  return fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? null;
}

/** The nearest existing ancestor of `file` that is not a folder (a file where a folder should be). */
function blockingFile(file: string): string | undefined {
  for (let dir = path.dirname(path.resolve(file)); ; dir = path.dirname(dir)) {
    try {
      return fs.statSync(dir).isDirectory() ? undefined : dir;
    } catch {
      // Missing, or under a file itself: look further up.
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** A file-system failure on `file` in words a person can act on, naming the path at fault. */
export function fsReason(error: unknown, file: string): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'EISDIR':
      return `${file} is a folder, not a file`;
    case 'ENOTDIR':
    case 'EEXIST': {
      const blocker = blockingFile(file);
      if (blocker) return `${blocker} is a file, not a folder`;
      return code === 'EEXIST' ? `${file} already exists` : 'part of the path is not a folder';
    }
    case 'ENOENT':
      return `the folder ${path.dirname(file)} does not exist`;
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
    case 'EDQUOT':
      return 'no space left';
    case 'ENAMETOOLONG':
      return 'the name is too long';
    default:
      return code ?? (error instanceof Error ? error.message : String(error));
  }
}

/** A runtime CliError (exit 1): `<doing> <file>: <reason>`, never a raw `EISDIR: illegal operation…`. */
export function fileError(error: unknown, doing: string, file: string): CliError {
  if (error instanceof CliError) return error;
  return new CliError(`${doing} ${file}: ${fsReason(error, file)}`, ExitCode.Runtime);
}

/** Temp file in the same directory, fsync, rename: readers never see half a file. */
function replaceFile(file: string, data: string): void {
  const tmp = `${file}.${process.pid}.${++tempCount}.tmp`;
  try {
    const fd = fs.openSync(tmp, 'wx', FILE_MODE);
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

/** Writes one of neckcoach's own files atomically, 0600, creating its folders (0700) as needed. */
export function writeFileAtomic(file: string, data: string): void {
  ensureDir(path.dirname(file));
  replaceFile(file, data);
}

/**
 * Writes a file the person named (`report -o`, `plan --ics`, `routine new`): atomic and 0600, but
 * a missing folder is an error rather than created, since a typo should not leave folders behind.
 * `what` names the content: "cannot write <what> to <file>: <reason>".
 */
export function writeUserFile(file: string, data: string, what: string): void {
  const doing = `cannot write ${what} to`;
  const dir = path.dirname(path.resolve(file));
  let folder: fs.Stats;
  try {
    folder = fs.statSync(dir);
  } catch (error) {
    throw fileError(error, doing, file);
  }
  if (!folder.isDirectory()) throw new CliError(`${doing} ${file}: ${dir} is a file, not a folder`, ExitCode.Runtime);
  try {
    replaceFile(file, data);
  } catch (error) {
    throw fileError(error, doing, file);
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

/**
 * Appends one JSON record as one line, creating the file 0600; one write, so lines never
 * interleave. After a torn last line (no newline) the record starts on a line of its own, so the
 * damage stays one line and the new record survives.
 */
export function appendJsonl(file: string, record: unknown): void {
  ensureDir(path.dirname(file));
  const fd = fs.openSync(file, 'a+', FILE_MODE);
  try {
    const { size } = fs.fstatSync(fd);
    const last = Buffer.alloc(1);
    const torn = size > 0 && fs.readSync(fd, last, 0, 1, size - 1) === 1 && last[0] !== 0x0a;
    fs.writeSync(fd, `${torn ? '\n' : ''}${JSON.stringify(record)}\n`);
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
