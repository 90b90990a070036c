import type { GlobalOptions, Io } from '../context.js';

/**
 * Runs `work` with an ora spinner on stderr while a person waits. Only on a terminal stream: ora
 * divides by its width and draws with its cursor methods; never with --json or -q, never in a
 * pipe; ora is loaded only when it will show.
 */
export async function whileWaiting<T>(ctx: { io: Io; global: GlobalOptions }, text: string, work: () => Promise<T>): Promise<T> {
  const { io, global } = ctx;
  const terminal = io.stderr.isTTY && (io.stderr.columns ?? 0) > 0 && typeof (io.stderr as { cursorTo?: unknown }).cursorTo === 'function';
  if (!terminal || global.json || global.quiet) return work();
  const { default: ora } = await import('ora');
  const spinner = ora({ text, stream: io.stderr, color: global.color ? 'cyan' : false }).start();
  try {
    return await work();
  } finally {
    spinner.stop();
  }
}
