import type { CommandContext } from '../context.js';
import { usageError } from '../errors.js';
import { recordsInWindow, type WindowFlags } from '../core/stats.js';
import { loadHistoryWindow, readHistory } from '../io/history.js';
import { resolvePaths } from '../io/paths.js';
import { paint } from '../render/paint.js';
import { printJson, say, textWidth } from '../render/output.js';
import { historyCsv, historyTable } from '../render/tracking.js';

/** `neckcoach history`: the records in a window, as a table, JSON or CSV; `--check` lists damaged lines. */
export async function run(ctx: CommandContext): Promise<number> {
  const { opts, io } = ctx;
  if (opts.check) {
    const paths = resolvePaths(io.env);
    const { records, bad } = readHistory(paths);
    return check(ctx, paths.historyFile, records.length + bad.length, bad);
  }
  if (opts.csv && ctx.global.json) throw usageError('use either --json or --csv, not both');
  const { records, window } = loadHistoryWindow(io, opts as WindowFlags, '30d');
  const chosen = recordsInWindow(records, window, opts.type as string | undefined);
  // design §6: history --json is the records as a bare JSON array, so no schemaVersion wrapper.
  if (ctx.global.json) {
    printJson(io, chosen);
  } else if (opts.csv) {
    io.stdout.write(historyCsv(chosen));
  } else if (chosen.length === 0) {
    say(ctx, records.length === 0 ? 'No history yet: `neckcoach check`, `neckcoach routine desk-break` and `neckcoach log --pain 4` add to it.' : 'Nothing recorded in this period (try --since all).');
  } else {
    say(ctx, historyTable(chosen, paint(ctx.global), window.timeZone, textWidth(io)));
  }
  return 0;
}

function check(ctx: CommandContext, file: string, lines: number, bad: ReturnType<typeof readHistory>['bad']): number {
  if (ctx.global.json) {
    printJson(ctx.io, { file, lines, damaged: bad });
  } else if (bad.length === 0) {
    say(ctx, `${file}: ${lines} records, no damaged lines.`);
  } else {
    say(ctx, `${file}: ${bad.length} damaged of ${lines} lines (skipped when reading; the file is never rewritten):`);
    for (const b of bad) say(ctx, `  line ${b.line}: ${b.reason}: ${b.text}`);
  }
  return bad.length === 0 ? 0 : 1;
}
