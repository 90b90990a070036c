import { defineCommand, flag, oneOf, text } from '../command.js';
import { recordsInWindow } from '../core/stats.js';
import { usageError } from '../errors.js';
import { loadHistoryWindow, readHistory } from '../io/history.js';
import { resolvePaths } from '../io/paths.js';
import { output, type OutputContext } from '../render/output.js';
import { historyCsv, historyTable } from '../render/tracking.js';
import { sinceOption } from './window.js';

export default defineCommand({
  name: 'history',
  summary: 'past check-ins, routines, reminders and pain ratings',
  description:
    'Lists what neckcoach recorded: check-ins, routines, reminders and pain ratings, oldest first.\n' +
    'The history file is append-only and never rewritten: a damaged line is skipped with a warning\n' +
    'naming its line number, and --check lists every damaged line (exit 1 when there are some).',
  options: {
    since: sinceOption('30d'),
    from: text('--from <date>', 'from this date (YYYY-MM-DD)'),
    to: text('--to <date>', 'up to this date (YYYY-MM-DD)'),
    type: oneOf('--type <type>', 'only check, routine, reminder or pain', ['check', 'routine', 'reminder', 'pain']),
    csv: flag('--csv', 'one CSV row per record'),
    check: flag('--check', 'list damaged lines in the history file'),
  },
  examples: [
    ['neckcoach history --since 7d', 'the last week'],
    ['neckcoach history --type pain --csv > pain.csv', 'pain ratings for a spreadsheet'],
    ['neckcoach history --since all --json', 'everything, as a JSON array'],
    ['neckcoach history --check', 'look for damaged lines'],
  ],
  async run({ options, ...ctx }) {
    const { io } = ctx;
    if (options.check) {
      const paths = resolvePaths(io.env);
      const { records, bad } = readHistory(paths);
      return check(ctx, paths.historyFile, records.length + bad.length, bad);
    }
    if (options.csv && ctx.global.json) throw usageError('use either --json or --csv, not both');
    const { records, window } = loadHistoryWindow(io, options, '30d');
    const chosen = recordsInWindow(records, window, options.type);
    // design §6: history --json is the records as a bare JSON array, so no schemaVersion wrapper.
    if (options.csv && !ctx.global.json) return void io.stdout.write(historyCsv(chosen));
    output(ctx, chosen, (paint, width) => {
      if (chosen.length > 0) return historyTable(chosen, paint, window.timeZone, width);
      return records.length === 0
        ? 'No history yet: `neckcoach check`, `neckcoach routine desk-break` and `neckcoach log --pain 4` add to it.'
        : 'Nothing recorded in this period (try --since all).';
    });
  },
});

function check(ctx: OutputContext, file: string, lines: number, bad: ReturnType<typeof readHistory>['bad']): number {
  output(ctx, { file, lines, damaged: bad }, () =>
    bad.length === 0
      ? `${file}: ${lines} records, no damaged lines.`
      : [
          `${file}: ${bad.length} damaged of ${lines} lines (skipped when reading; the file is never rewritten):`,
          ...bad.map((b) => `  line ${b.line}: ${b.reason}: ${b.text}`),
        ].join('\n'),
  );
  return bad.length === 0 ? 0 : 1;
}
