import fs from 'node:fs';
import path from 'node:path';
import { isoLocal } from '../core/time.js';
import { CliError, ExitCode } from '../errors.js';
import { withLock } from './lock.js';

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

/** Why the nearest existing folder above `file` cannot take new folders (read-only, no permission), if so. */
function unwritableAncestor(file: string): string | undefined {
  let dir = path.dirname(path.resolve(file));
  while (!fs.existsSync(dir) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  try {
    fs.accessSync(dir, fs.constants.W_OK);
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EROFS') return 'the file system is read-only';
    if (code === 'EACCES' || code === 'EPERM') return `permission denied (cannot create folders in ${dir})`;
    return undefined;
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
      // Creating folders on a read-only or locked-down disk reports a missing folder: say why.
      return unwritableAncestor(file) ?? `the folder ${path.dirname(file)} does not exist`;
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
    case 'EDQUOT':
      return 'the disk is full';
    case 'ESHORT':
      return 'only part of it could be written (is the disk full?)';
    case 'EIO':
      return 'the disk reported an input/output error';
    case 'ELOCKED':
      return (error as Error).message;
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

/**
 * Writes one of neckcoach's own files atomically, 0600, creating its folders (0700) as needed. A
 * failure is a CliError naming the file and the reason, never a raw code on a temp file's name.
 */
export function writeFileAtomic(file: string, data: string): void {
  try {
    ensureDir(path.dirname(file));
    replaceFile(file, data);
  } catch (error) {
    throw fileError(error, 'cannot save', file);
  }
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
 * Reads a JSON file; missing → undefined. A file that does not parse, or that `shape` rejects
 * (it returns why), is moved aside to `<name>.corrupt-<time>` (never overwritten, never over an
 * earlier quarantine) and reported through `onCorrupt`. The move happens under the file's lock
 * and only if the file is still what was read, so a good file a writer has just put in its place
 * is never the one moved.
 */
export function readJsonFile(
  file: string,
  onCorrupt: (corrupt: CorruptFile) => void,
  now: number = Date.now(),
  shape: (value: unknown) => string | undefined = () => undefined,
): unknown {
  for (let attempt = 0; ; attempt++) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    let value: unknown;
    let reason: string | undefined;
    try {
      value = JSON.parse(text);
      reason = shape(value);
    } catch (error) {
      reason = (error as Error).message;
    }
    if (reason === undefined) return value;
    const movedTo = quarantine(file, text, now);
    if (movedTo) {
      onCorrupt({ file, movedTo, reason });
      return undefined;
    }
    // Changed under us: read what is there now (a writer replaced it, or another reader moved it).
    if (attempt >= 3) return undefined;
  }
}

/** Moves `file` aside if it still holds `seen`; the first free `<file>.corrupt-<time>[-n]`. */
function quarantine(file: string, seen: string, now: number): string | undefined {
  return withLock(file, () => {
    let current: string;
    try {
      current = fs.readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
    if (current !== seen) return undefined;
    const base = `${file}.corrupt-${isoLocal(now).replace(/:/g, '')}`;
    let movedTo = base;
    for (let n = 2; fs.existsSync(movedTo); n++) movedTo = `${base}-${n}`;
    fs.renameSync(file, movedTo);
    return movedTo;
  });
}

/**
 * Appends one JSON record as one line, creating the file 0600, all or nothing: under the file's
 * lock, one write whose byte count is checked, then fsync (which is where some file systems report
 * a full disk); on any failure the file is cut back to its length before, so no torn record is
 * left and, the lock being held, no other writer's record is cut. After a torn last line (no
 * newline, from a crash) the record starts on a line of its own, so the damage stays one line.
 */
export function appendJsonl(file: string, record: unknown): void {
  ensureDir(path.dirname(file));
  withLock(file, () => {
    const fd = fs.openSync(file, 'a+', FILE_MODE);
    let size: number | undefined;
    try {
      size = fs.fstatSync(fd).size;
      const last = Buffer.alloc(1);
      const torn = size > 0 && fs.readSync(fd, last, 0, 1, size - 1) === 1 && last[0] !== 0x0a;
      const data = Buffer.from(`${torn ? '\n' : ''}${JSON.stringify(record)}\n`);
      const written = fs.writeSync(fd, data);
      if (written !== data.length) throw Object.assign(new Error(`wrote ${written} of ${data.length} bytes`), { code: 'ESHORT' });
      fs.fsyncSync(fd);
    } catch (error) {
      if (size !== undefined) {
        try {
          fs.ftruncateSync(fd, size);
        } catch {
          // Nothing more can be done here; the reader skips a torn line and names it.
        }
      }
      throw error;
    } finally {
      fs.closeSync(fd);
    }
  });
}
