import fs from 'node:fs';

// A synchronous sleep for the retry loop: appends are called from exit paths and the daemon's
// tick, where an await is not available; the lock is held for microseconds, so waits are short.
const SLEEPER = new Int32Array(new SharedArrayBuffer(4));
const sleep = (ms: number) => Atomics.wait(SLEEPER, 0, 0, ms);

/** A lock held longer than this is taken to be left by a crashed or stopped process. */
const STALE_MS = 10_000;
/** Long enough to outlast a stale lock and break it. */
const TIMEOUT_MS = STALE_MS + 5_000;

// Locks this process holds: a nested withLock on the same file (a quarantine inside a locked
// settings write) runs inside the outer one instead of waiting for itself.
const held = new Set<string>();
let tokens = 0;

export interface LockOptions {
  staleMs?: number;
  timeoutMs?: number;
}

/**
 * Runs `fn` while holding `<file>.lock`, an exclusively created file naming its holder (pid). Other
 * neckcoach processes wait (short sleeps with jitter) until it is released; a lock whose holder has
 * died, or older than `staleMs`, is broken. Errors creating the lock (a read-only or missing
 * folder) are thrown as they are, for the caller to name its own file.
 */
export function withLock<T>(file: string, fn: () => T, options: LockOptions = {}): T {
  const lock = `${file}.lock`;
  if (held.has(lock)) return fn();
  const token = acquire(lock, options.staleMs ?? STALE_MS, options.timeoutMs ?? TIMEOUT_MS);
  held.add(lock);
  try {
    return fn();
  } finally {
    held.delete(lock);
    release(lock, token);
  }
}

export class LockTimeout extends Error {
  readonly code = 'ELOCKED';
  constructor(
    readonly lock: string,
    readonly holder: string,
  ) {
    super(`${lock} is held by another neckcoach process${holder ? ` (pid ${holder})` : ''}`);
  }
}

function acquire(lock: string, staleMs: number, timeoutMs: number): string {
  const token = `${process.pid} ${++tokens} ${Date.now()}`;
  const start = process.hrtime.bigint();
  for (let attempt = 0; ; attempt++) {
    let fd: number;
    try {
      fd = fs.openSync(lock, 'wx', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      fd = -1;
    }
    if (fd >= 0) {
      try {
        if (fs.writeSync(fd, token) === Buffer.byteLength(token)) return token;
        fs.ftruncateSync(fd, 0);
        return '';
      } catch (error) {
        // A full disk has room for the lock's name but not its content: hold it empty (stale by
        // age alone), so a record that fits in the history's last block can still be kept.
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOSPC' || code === 'EDQUOT') return '';
        fs.rmSync(lock, { force: true });
        throw error;
      } finally {
        fs.closeSync(fd);
      }
    }
    if (breakIfStale(lock, staleMs)) continue;
    if (Number(process.hrtime.bigint() - start) / 1e6 > timeoutMs) throw new LockTimeout(lock, read(lock)?.split(' ')[0] ?? '');
    sleep(Math.min(50, 1 + attempt) + Math.random() * 5);
  }
}

function release(lock: string, token: string): void {
  // Only our own lock: if ours was broken as stale, the file now belongs to someone else.
  if (read(lock) === token) fs.rmSync(lock, { force: true });
}

const read = (file: string): string | undefined => {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
};

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True when the lock is gone or was stale and has been removed, so the caller should try again. */
function breakIfStale(lock: string, staleMs: number): boolean {
  let content: string;
  let age: number;
  try {
    age = Date.now() - fs.statSync(lock).mtimeMs;
    content = fs.readFileSync(lock, 'utf8');
  } catch {
    return true;
  }
  const pid = Number(content.split(' ')[0]);
  // An empty lock is one being written this instant: only its age can make it stale.
  const dead = content !== '' && Number.isInteger(pid) && pid > 0 && pid !== process.pid && !alive(pid);
  if (!dead && age < staleMs) return false;
  // Of several processes that judged it stale, only one can rename this file; the others retry.
  const aside = `${lock}.stale-${process.pid}-${++tokens}`;
  try {
    fs.renameSync(lock, aside);
  } catch {
    return true;
  }
  // A fresh lock taken between our read and the rename is put back (link fails if a third took it).
  if (read(aside) !== content) {
    try {
      fs.linkSync(aside, lock);
    } catch {
      // Someone holds the lock again: our retry waits for them.
    }
  }
  fs.rmSync(aside, { force: true });
  return true;
}
