import type { CommandContext } from '../context.js';
import { usageError } from '../errors.js';
import { parsePain } from '../core/stats.js';
import { isoLocal, parseIso, shortDateTime } from '../core/time.js';
import { appendHistory } from '../io/history.js';
import { resolvePaths } from '../io/paths.js';
import { printJson, say } from '../render/output.js';

const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/;

/** `neckcoach log --pain 4 [--note …] [--at …]`: one pain rating appended to the history. */
export async function run(ctx: CommandContext): Promise<number> {
  const { opts, io } = ctx;
  if (opts.pain === undefined) throw usageError('--pain is required', 'for example: neckcoach log --pain 4 (0 no pain, 10 the worst imaginable)');
  const pain = parsePain(opts.pain);
  const now = io.clock.now();
  let at = now;
  if (opts.at !== undefined) {
    const text = String(opts.at).trim();
    const parsed = DATE_TIME.test(text) ? parseIso(text.replace(' ', 'T')) : undefined;
    if (parsed === undefined) throw usageError(`--at must be a date and time like 2026-11-24T18:00, not "${text}"`);
    if (parsed > now) throw usageError(`--at ${text} is in the future`, `it is now ${isoLocal(now)}`);
    at = parsed;
  }
  const note = typeof opts.note === 'string' && opts.note.trim() ? opts.note.trim() : undefined;
  const record = appendHistory(resolvePaths(io.env), 'pain', at, { pain, ...(note ? { note } : {}) });
  if (ctx.global.json) printJson(io, { record });
  else if (!ctx.global.quiet) say(ctx, `Logged pain ${pain}/10 at ${shortDateTime(record.at)}.`);
  return 0;
}
