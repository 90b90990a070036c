import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/program.js';
import type { Io } from '../../src/context.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = path.join(ROOT, 'bin', 'neckcoach.js');

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A fresh NECKCOACH_HOME; remove it with the returned cleanup. */
export function tempHome(): { home: string; cleanup: () => void } {
  const home = mkdtempSync(path.join(tmpdir(), 'neckcoach-test-'));
  return { home, cleanup: () => rmSync(home, { recursive: true, force: true }) };
}

export interface InProcessOptions {
  env?: NodeJS.ProcessEnv;
  stdin?: string;
  tty?: boolean;
  now?: number | (() => number);
  columns?: number;
}

/** Runs the CLI in this process with captured streams: fast, and the same code path as the binary. */
export async function runInProcess(argv: string[], options: InProcessOptions = {}): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const out = new PassThrough();
  const err = new PassThrough();
  out.on('data', (chunk) => (stdout += chunk));
  err.on('data', (chunk) => (stderr += chunk));
  const tty = options.tty ?? false;
  const stdin = Readable.from(options.stdin === undefined ? [] : [options.stdin]);
  const now = options.now;
  const io: Io = {
    stdout: Object.assign(out, { isTTY: tty, columns: options.columns ?? 80 }),
    stderr: Object.assign(err, { isTTY: tty }),
    stdin: Object.assign(stdin, { isTTY: tty }),
    env: { NO_COLOR: '1', ...options.env },
    clock: { now: typeof now === 'function' ? now : () => now ?? Date.now() },
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** Runs the built binary as a child process (no TTY), the way scripts and CI call it. */
export function runBin(
  argv: string[],
  options: { env?: NodeJS.ProcessEnv; stdin?: string; timeoutMs?: number; cwd?: string } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...argv], {
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: options.timeoutMs ?? 15_000,
      cwd: options.cwd,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}

/** The history file's records under a NECKCOACH_HOME, in file order. */
export function historyRecords(home: string): Record<string, unknown>[] {
  return readFileSync(path.join(home, 'data', 'history.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
}
