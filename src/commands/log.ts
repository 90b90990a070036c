import { defineCommand, text } from '../command.js';
import { parsePain } from '../core/stats.js';
import { isoLocal, parseIso, shortDateTime } from '../core/time.js';
import { usageError } from '../errors.js';
import { appendHistory } from '../io/history.js';
import { resolvePaths } from '../io/paths.js';
import { output } from '../render/output.js';

const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/;

export default defineCommand({
  name: 'log',
  summary: 'record how much your neck hurts, 0-10',
  options: {
    pain: text('--pain <0-10>', 'average pain over the last 24 hours: 0 none, 10 worst imaginable'),
    note: text('--note <text>', 'a short note (what you did, how you slept)'),
    at: text('--at <time>', 'when, if not now (ISO date and time, e.g. 2026-11-24T18:00)'),
  },
  examples: [['neckcoach log --pain 4 --note "long meeting day"', 'record a rating']],
  async run({ options, ...ctx }) {
    if (options.pain === undefined) throw usageError('--pain is required', 'for example: neckcoach log --pain 4 (0 no pain, 10 the worst imaginable)');
    const pain = parsePain(options.pain);
    const now = ctx.io.clock.now();
    let at = now;
    if (options.at !== undefined) {
      const given = options.at.trim();
      const parsed = DATE_TIME.test(given) ? parseIso(given.replace(' ', 'T')) : undefined;
      if (parsed === undefined) throw usageError(`--at must be a date and time like 2026-11-24T18:00, not "${given}"`);
      if (parsed > now) throw usageError(`--at ${given} is in the future`, `it is now ${isoLocal(now)}`);
      at = parsed;
    }
    const note = options.note?.trim() || undefined;
    const record = appendHistory(resolvePaths(ctx.io.env), 'pain', at, { pain, ...(note ? { note } : {}) });
    output(ctx, { record }, () => `Logged pain ${pain}/10 at ${shortDateTime(record.at)}.`, { confirmation: true });
  },
});
