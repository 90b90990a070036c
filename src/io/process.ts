import type * as ChildProcess from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { packageFile, type Paths } from './paths.js';
import { ensureDir } from './store.js';

/** The title the daemon gives itself, so `ps` names it and a reused pid is not mistaken for it. */
export const DAEMON_TITLE = 'neckcoach-remind';

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether a live pid is a neckcoach process; where /proc is missing, being alive has to do. */
export function isNeckcoach(pid: number): boolean {
  let cmdline: string;
  try {
    cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return !fs.existsSync('/proc/self');
  }
  return /neckcoach|[\\/]dist[\\/]daemon\.js/.test(cmdline);
}

function readPidFrom(file: string): number | null {
  try {
    const pid = Number.parseInt(fs.readFileSync(file, 'utf8').trim().split(/\s/)[0] ?? '', 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

const removeIfHolds = (file: string, pid: number | null) => {
  if (readPidFrom(file) === pid) fs.rmSync(file, { force: true });
};

export interface RunningDaemon {
  pid: number;
  /** When it started (the pid file's time). */
  since: number;
}

/** The live daemon from the pid file; a stale pid file (dead process, or not neckcoach) is cleaned up. */
export function runningDaemon(paths: Paths): RunningDaemon | null {
  const pid = readPidFrom(paths.pidFile);
  if (pid === null) {
    if (fs.existsSync(paths.pidFile)) fs.rmSync(paths.pidFile, { force: true });
    return null;
  }
  if (pid !== process.pid && (!isAlive(pid) || !isNeckcoach(pid))) {
    removeIfHolds(paths.pidFile, pid);
    removeIfHolds(paths.lockFile, pid);
    return null;
  }
  let since = 0;
  try {
    since = fs.statSync(paths.pidFile).mtimeMs;
  } catch {
    return null;
  }
  return { pid, since };
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
 * Takes the one-scheduler-per-user lock: an O_EXCL create holding our pid. A lock whose holder is
 * gone (or is not neckcoach) is removed once and the create retried. Returns the holder's pid when
 * another daemon has it.
 */
export function acquireLock(paths: Paths, pid = process.pid): { ok: true } | { ok: false; holder: number } {
  ensureDir(path.dirname(paths.lockFile));
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(paths.lockFile, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL, 0o600);
      fs.writeSync(fd, `${pid}\n`);
      fs.closeSync(fd);
      // Another starter that found the same stale lock may have removed ours between create and now.
      if (readPidFrom(paths.lockFile) !== pid) continue;
      fs.writeFileSync(paths.pidFile, `${pid}\n`, { mode: 0o600 });
      return { ok: true };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readPidFrom(paths.lockFile);
      if (holder !== null && holder !== pid && isAlive(holder) && isNeckcoach(holder)) return { ok: false, holder };
      removeIfHolds(paths.lockFile, holder);
      if (holder === null) fs.rmSync(paths.lockFile, { force: true });
    }
  }
  const holder = readPidFrom(paths.lockFile);
  return { ok: false, holder: holder ?? 0 };
}

/** Removes the pid and lock files if they are still ours. */
export function releaseLock(paths: Paths, pid = process.pid): void {
  removeIfHolds(paths.pidFile, pid);
  removeIfHolds(paths.lockFile, pid);
}

/** Starts a process that outlives us: its own session, stdio to a log file, not waited for. */
export function spawnDetached(command: string, args: readonly string[], options: { logFile: string; env: NodeJS.ProcessEnv; cwd?: string }): number {
  ensureDir(path.dirname(options.logFile));
  const log = fs.openSync(options.logFile, 'a', 0o600);
  try {
    // Loaded here, not at import: the daemon imports this module and should not hold child_process idle.
    const { spawn } = createRequire(import.meta.url)('node:child_process') as typeof ChildProcess;
    const child = spawn(command, args, { detached: true, stdio: ['ignore', log, log], env: options.env, cwd: options.cwd ?? path.dirname(options.logFile) });
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
