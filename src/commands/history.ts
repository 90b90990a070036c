import { defineCommand, flag, oneOf, text } from '../command.js';
import type { Io } from '../context.js';
import { printable } from '../core/printable.js';
import { wallTime } from '../core/stats.js';
import { usageError } from '../errors.js';
import { checkHistory, type HistoryRecord, historyWindow, recordsInOrder, warnDamaged } from '../io/history.js';
import { resolvePaths } from '../io/paths.js';
import { output, type OutputContext, textWidth } from '../render/output.js';
import { paint } from '../render/paint.js';
import { CSV_HEADER, csvRow, historyRow } from '../render/tracking.js';
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
    if (options.check) return check(ctx);
    if (options.csv && ctx.global.json) throw usageError('use either --json or --csv, not both');
    const { paths, window } = historyWindow(io, options, '30d');
    const out = chunked(io);
    const wall = wallTime(window.timeZone);
    const c = paint(ctx.global);
    const width = textWidth(io);
    let shown = 0;
    // Streamed a record at a time, so any size of history prints in flat memory. design §6:
    // --json is the records as a bare JSON array (no schemaVersion wrapper), laid out as before.
    const row: (record: HistoryRecord) => string = ctx.global.json
      ? (record) => `${shown === 0 ? '[\n' : ',\n'}  ${JSON.stringify(record, null, 2).replace(/\n/g, '\n  ')}`
      : options.csv
        ? (record) => `${shown === 0 ? CSV_HEADER : ''}${csvRow(record)}`
        : (record) => `${historyRow(record, c, wall, width)}\n`;
    const read = recordsInOrder(paths, window, options.type, (record) => {
      out.write(row(record));
      shown++;
    });
    if (ctx.global.json) out.write(shown === 0 ? '[]\n' : '\n]\n');
    else if (options.csv && shown === 0) out.write(CSV_HEADER);
    else if (shown === 0) {
      out.write(
        read.records === 0
          ? 'No history yet: `neckcoach check`, `neckcoach routine desk-break` and `neckcoach log --pain 4` add to it.\n'
          : 'Nothing recorded in this period (try --since all).\n',
      );
    }
    out.end();
    warnDamaged(io, read);
  },
});

/** Writes in 64 KiB pieces: one write per record would be slow, one string for all of them too big. */
function chunked(io: Pick<Io, 'stdout'>) {
  let pending = '';
  return {
    write(text: string) {
      pending += text;
      if (pending.length >= 1 << 16) {
        io.stdout.write(pending);
        pending = '';
      }
    },
    end() {
      if (pending) io.stdout.write(pending);
      pending = '';
    },
  };
}

function check(ctx: OutputContext): number {
  const { file, lines, bad, badCount } = checkHistory(resolvePaths(ctx.io.env));
  output(ctx, { file, lines, damaged: bad, ...(badCount > bad.length ? { more: badCount - bad.length } : {}) }, () =>
    badCount === 0
      ? `${printable(file)}: ${lines} records, no damaged lines.`
      : [
          `${printable(file)}: ${badCount} damaged of ${lines} lines (skipped when reading; the file is never rewritten):`,
          ...bad.map((b) => `  line ${b.line}: ${printable(b.reason)}${b.text ? `: ${printable(b.text)}` : ''}`),
          ...(badCount > bad.length ? [`  and ${badCount - bad.length} more`] : []),
        ].join('\n'),
  );
  return badCount === 0 ? 0 : 1;
}
