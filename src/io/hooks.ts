import { childProcess } from './process.js';

/** A hook that has not finished by then is ended, with everything it started. */
export const HOOK_TIMEOUT = 10_000;

/**
 * Runs a hook command (`remind.onReminder`, `remind.onBreak`) as argv, never through a shell, with
 * `document` as one line of JSON on stdin. Its own process group, so a timeout ends all it started;
 * its output is not kept, and a failure is only logged: a hook never stops a reminder.
 */
export function runHook(
  argv: readonly string[],
  document: Record<string, unknown>,
  options: { env: NodeJS.ProcessEnv; log: (line: string) => void; timeoutMs?: number },
): void {
  const [file, ...args] = argv as [string, ...string[]];
  const name = `hook ${JSON.stringify(file)}`;
  let stderr = '';
  const proc = childProcess().spawn(file, args, { detached: true, stdio: ['pipe', 'ignore', 'pipe'], env: options.env });
  const timer = setTimeout(() => {
    options.log(`${name} took longer than ${Math.round((options.timeoutMs ?? HOOK_TIMEOUT) / 1000)} s; ended it`);
    try {
      process.kill(-proc.pid!, 'SIGKILL');
    } catch {
      proc.kill('SIGKILL');
    }
  }, options.timeoutMs ?? HOOK_TIMEOUT);
  proc.on('error', (error) => {
    clearTimeout(timer);
    options.log(`${name} could not start: ${error.message}`);
  });
  proc.stderr!.on('data', (chunk) => (stderr = (stderr + chunk).slice(-500)));
  proc.on('close', (code, signal) => {
    clearTimeout(timer);
    if (code !== 0 && signal !== 'SIGKILL')
      options.log(`${name} failed (${signal ?? `exit ${code}`})${stderr.trim() ? `: ${stderr.trim().split('\n').at(-1)}` : ''}`);
  });
  // A hook that does not read its stdin closes it early: that is its choice, not an error.
  proc.stdin!.on('error', () => {});
  proc.stdin!.end(`${JSON.stringify(document)}\n`);
}
