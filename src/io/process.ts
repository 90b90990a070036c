import type * as ChildProcess from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { packageFile, type Paths } from './paths.js';
import { ensureDir, mtimeOf } from './store.js';

// Loaded on first use, not at import: the daemon imports this module and should not hold
// child_process (2 MB resident with net and streams) while it idles.
export const childProcess = (): typeof ChildProcess => createRequire(import.meta.url)('node:child_process');

/** The title the daemon gives itself, so `ps` names it and status can find it when its files are gone. */
export const DAEMON_TITLE = 'neckcoach-remind';

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const hasProc = () => fs.existsSync('/proc/self/stat');

/**
 * When a process started, as the platform tells it: /proc/<pid>/stat field 22 (clock ticks since
 * boot) on Linux, `ps -o lstart=` (to the second) elsewhere; null for no such process, or where
 * neither exists (Windows). With the pid, it names one process: a reused pid has another start.
 */
export function processStart(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
    // Field 2, the command name, is in parentheses and may hold spaces: count from the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    if (hasProc()) return null;
  }
  try {
    const { execFileSync } = childProcess();
    return (
      execFileSync('ps', ['-o', 'lstart=', '-p', String(pid)], {
        encoding: 'utf8',
        timeout: 2000,
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim() || null
    );
  } catch {
    return null;
  }
}

/**
 * What the lock file holds, as one JSON line: the daemon's pid, start time and when it began. The
 * pid file holds the pid alone, for people and scripts (`kill $(cat remind.pid)`); its mtime is the
 * daemon's last wake.
 */
export interface DaemonRecord {
  pid: number;
  start: string | null;
  /** Epoch ms; null in a file written before start times were recorded. */
  since: number | null;
}

export function daemonRecord(pid: number, since: number): string {
  return `${JSON.stringify({ pid, start: processStart(pid), since })}\n`;
}

function readRecord(file: string): DaemonRecord | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8').trim();
  } catch {
    return null;
  }
  try {
    const r = JSON.parse(text) as Partial<DaemonRecord>;
    if (Number.isInteger(r.pid) && r.pid! > 0)
      return { pid: r.pid!, start: typeof r.start === 'string' ? r.start : null, since: typeof r.since === 'number' ? r.since : null };
  } catch {
    // An older file: the pid alone.
  }
  const pid = Number.parseInt(text, 10);
  return Number.isInteger(pid) && pid > 0 && String(pid) === text ? { pid, start: null, since: null } : null;
}

const titleOf = (pid: number) => {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'latin1').split('\0')[0] ?? '';
  } catch {
    return '';
  }
};

/**
 * Whether the record names a process that is still the one that wrote it. A recorded start time
 * must match (a reused pid never does); a record without one (older files, or no way to read start
 * times) needs a live process that, where /proc shows it, carries the daemon's title.
 */
function isRecorded(record: DaemonRecord): boolean {
  if (!isAlive(record.pid)) return false;
  if (record.start !== null) return processStart(record.pid) === record.start;
  return !hasProc() || titleOf(record.pid) === DAEMON_TITLE;
}

const removeIfHolds = (file: string, pid: number) => {
  if (readRecord(file)?.pid === pid) fs.rmSync(file, { force: true });
};

export interface RunningDaemon {
  pid: number;
  /** When it started. */
  since: number;
  /** Its last recorded wake (the pid file's mtime); null when its files are gone. */
  lastWake: number | null;
  /** Found by its title and environment because its files are gone (a deleted home): it stops at its next wake. */
  orphan: boolean;
}

/**
 * A daemon still running from this home whose files were deleted: Linux only (/proc), matched by
 * the title it sets and the NECKCOACH_HOME it was started with.
 */
function orphanDaemon(paths: Paths): number | null {
  let pids: string[];
  try {
    pids = fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name) && Number(name) !== process.pid);
  } catch {
    return null;
  }
  for (const name of pids) {
    if (titleOf(Number(name)) !== DAEMON_TITLE) continue;
    let environ: string;
    try {
      environ = fs.readFileSync(`/proc/${name}/environ`, 'utf8');
    } catch {
      continue;
    }
    const home =
      environ
        .split('\0')
        .find((v) => v.startsWith('NECKCOACH_HOME='))
        ?.slice('NECKCOACH_HOME='.length) || null;
    if ((home === null ? null : path.resolve(home)) === paths.home) return Number(name);
  }
  return null;
}

/**
 * The live daemon from the pid file; a stale pid file (dead process, reused pid) is cleaned up.
 * With `orphans`, a daemon whose files are gone is looked for too (status, stop).
 */
export function runningDaemon(paths: Paths, options: { orphans?: boolean } = {}): RunningDaemon | null {
  const record = readRecord(paths.lockFile) ?? readRecord(paths.pidFile);
  if (record && (record.pid === process.pid || isRecorded(record))) {
    const lastWake = mtimeOf(paths.pidFile);
    return { pid: record.pid, since: record.since ?? lastWake ?? 0, lastWake, orphan: false };
  }
  if (record) {
    removeIfHolds(paths.pidFile, record.pid);
    removeIfHolds(paths.lockFile, record.pid);
  } else if (fs.existsSync(paths.pidFile)) {
    fs.rmSync(paths.pidFile, { force: true });
  }
  const orphan = options.orphans ? orphanDaemon(paths) : null;
  return orphan === null ? null : { pid: orphan, since: 0, lastWake: null, orphan: true };
}

/** Asks a running daemon to re-read its config and state (SIGHUP); false when none runs. */
export function signalDaemon(paths: Paths, signal: NodeJS.Signals = 'SIGHUP'): boolean {
  const daemon = runningDaemon(paths);
  if (!daemon || daemon.pid === process.pid) return false;
  try {
    process.kill(daemon.pid, signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * Takes the one-scheduler-per-user lock: an O_EXCL create holding our record. A lock whose holder is
 * gone (or whose pid now belongs to another process) is removed once and the create retried.
 * Returns the exact text written, which the daemon compares at each wake, or the holder's pid.
 */
export function acquireLock(paths: Paths, record: string): { ok: true } | { ok: false; holder: number } {
  ensureDir(path.dirname(paths.lockFile));
  const pid = (JSON.parse(record) as DaemonRecord).pid;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(paths.lockFile, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL, 0o600);
      fs.writeSync(fd, record);
      fs.closeSync(fd);
      // Another starter that found the same stale lock may have removed ours between create and now.
      if (readRecord(paths.lockFile)?.pid !== pid) continue;
      fs.writeFileSync(paths.pidFile, `${pid}\n`, { mode: 0o600 });
      return { ok: true };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readRecord(paths.lockFile);
      if (holder !== null && holder.pid !== pid && isRecorded(holder)) return { ok: false, holder: holder.pid };
      if (holder === null) fs.rmSync(paths.lockFile, { force: true });
      else removeIfHolds(paths.lockFile, holder.pid);
    }
  }
  return { ok: false, holder: readRecord(paths.lockFile)?.pid ?? 0 };
}

/** Removes the pid and lock files if they are still `pid`'s. */
export function releaseLock(paths: Paths, pid = process.pid): void {
  removeIfHolds(paths.pidFile, pid);
  removeIfHolds(paths.lockFile, pid);
}

/** Starts a process that outlives us: its own session, stdio to a log file, not waited for. */
export function spawnDetached(
  command: string,
  args: readonly string[],
  options: { logFile: string; env: NodeJS.ProcessEnv; cwd?: string },
): number {
  ensureDir(path.dirname(options.logFile));
  const log = fs.openSync(options.logFile, 'a', 0o600);
  try {
    const { spawn } = childProcess();
    const child = spawn(command, args, {
      detached: true,
      stdio: ['ignore', log, log],
      env: options.env,
      cwd: options.cwd ?? path.dirname(options.logFile),
    });
    child.unref();
    if (child.pid === undefined) throw new Error(`could not start ${command}`);
    return child.pid;
  } finally {
    fs.closeSync(log);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `done()` or the timeout; true when done. (Process start and exit have no event to wait on.) */
export async function waitUntil(done: () => boolean, timeoutMs: number, intervalMs = 50): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (done()) return true;
    if (performance.now() >= deadline) return false;
    await sleep(intervalMs);
  }
}

/** Finds a built file next to the running bundle (dist/, dist/chunks/) or, from source, in the package's dist/. */
export function builtFile(name: string, from: string): string | null {
  const dir = path.dirname(from);
  const beside = [path.join(dir, name), path.join(dir, '..', name)].find((c) => fs.existsSync(c));
  return beside ? path.resolve(beside) : packageFile(path.join('dist', name), from);
}
