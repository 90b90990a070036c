import type * as ChildProcess from 'node:child_process';
import { childProcess } from './process.js';

export interface ToolResult {
  /** Exit code 0. */
  ok: boolean;
  /** The exit code; null when it could not start, was killed or timed out. */
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a helper program and collects its output; injectable, so adapters can be tested with canned replies. */
export type RunTool = (
  file: string,
  args: readonly string[],
  options?: { env?: NodeJS.ProcessEnv; timeoutMs?: number },
) => Promise<ToolResult>;

/** Kills a detached child's whole process group (a shell script's children too); the child alone where groups do not exist. */
export function killGroup(proc: ChildProcess.ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): void {
  try {
    if (process.platform !== 'win32' && proc.pid) process.kill(-proc.pid, signal);
    else proc.kill(signal);
  } catch {
    // already gone
  }
}

/**
 * The ordinary RunTool: no shell, its own process group, killed with that group at the timeout
 * (default 3 s), so a hung helper never stalls the daemon or outlives it.
 */
export const runTool: RunTool = (file, args, options = {}) =>
  new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let settled = false;
    const finish = (code: number | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ok: code === 0, code, stdout, stderr });
    };
    const proc = childProcess().spawn(file, args, {
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
      windowsHide: true,
    });
    const timer = setTimeout(() => {
      killGroup(proc);
      finish(null);
    }, options.timeoutMs ?? 3000);
    proc.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    proc.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    proc.on('error', (error) => {
      stderr += error.message;
      finish(null);
    });
    proc.on('close', (code) => finish(code));
  });
