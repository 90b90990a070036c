import { defineCommand, text } from '../command.js';
import { isInteractive } from '../context.js';
import { parsePain, resolveTimeZone, zoneOffset } from '../core/stats.js';
import { isoLocal, parseDateTime, shortDateTime, YEAR_MAX, YEAR_MIN } from '../core/time.js';
import { usageError } from '../errors.js';
import { appendHistory } from '../io/history.js';
import { resolvePaths } from '../io/paths.js';
import { output } from '../render/output.js';

const PAIN_HINT = 'for example: neckcoach log --pain 4 (0 no pain, 10 the worst imaginable)';

export default defineCommand({
  name: 'log',
  summary: 'record how much your neck hurts, 0-10',
  description:
    'Adds a pain rating to your history. At a terminal without --pain it asks for one; in a script,\n' +
    '--pain is required. The record is written whole or not at all: if it cannot be kept (a full\n' +
    'disk, a read-only home), log says why and exits 1.',
  options: {
    pain: text('--pain <0-10>', 'average pain over the last 24 hours: 0 none, 10 worst imaginable'),
    note: text('--note <text>', 'a short note (what you did, how you slept)'),
    at: text('--at <time>', 'when, if not now (ISO date and time, e.g. 2026-11-24T18:00)'),
  },
  examples: [['neckcoach log --pain 4 --note "long meeting day"', 'record a rating']],
  async run({ options, ...ctx }) {
    const { io } = ctx;
    const now = io.clock.now();
    // Checked before asking anything, so a bad --at never costs the person an answer.
    const at = options.at === undefined ? now : atTime(options.at, now, io.env.TZ);
    let pain: number;
    if (options.pain !== undefined) pain = parsePain(options.pain);
    else if (isInteractive(io)) {
      const { askPain } = await import('../io/rating.js');
      pain = await askPain(io, 'How much does your neck hurt, 0 (none) to 10 (worst imaginable)?', ctx.global.json);
    } else throw usageError('--pain is required', PAIN_HINT);
    const note = options.note?.trim() || undefined;
    const record = appendHistory(resolvePaths(io.env), 'pain', at, { pain, ...(note ? { note } : {}) });
    output(ctx, { record }, () => `Logged pain ${pain}/10 at ${shortDateTime(record.at)}.`, { confirmation: true });
  },
});

/** `--at`: a real date and time (no 30 February, no year 99), not in the future; local time unless it has an offset. */
function atTime(text: string, now: number, tz: string | undefined): number {
  const given = text.trim();
  const at = parseDateTime(given, zoneOffset(resolveTimeZone(tz)));
  if (at === undefined) {
    throw usageError(
      `--at "${given}" is not a date and time`,
      `use YYYY-MM-DDTHH:MM, a real day between ${YEAR_MIN} and ${YEAR_MAX}, e.g. 2026-11-24T18:00`,
    );
  }
  if (at > now) throw usageError(`--at ${given} is in the future`, `it is now ${isoLocal(now)}`);
  return at;
}
