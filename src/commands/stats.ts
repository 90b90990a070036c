import type { CommandContext } from '../context.js';
import { computeStats, parseWindow, resolveTimeZone, startOfDay, wholeDays } from '../core/stats.js';
import { readHistoryWarned } from '../io/history.js';
import { resolvePaths } from '../io/paths.js';
import { paint } from '../render/paint.js';
import { printJson, say } from '../render/output.js';
import { statsText, wantsAscii } from '../render/tracking.js';

/** `neckcoach stats`: streaks, breaks, pain trend and routine effects over a window. */
export async function run(ctx: CommandContext): Promise<number> {
  const { io, opts } = ctx;
  const paths = resolvePaths(io.env);
  const records = readHistoryWarned(paths, io);
  const timeZone = resolveTimeZone(io.env.TZ);
  const window = parseWindow({ since: opts.since as string | undefined }, io.clock.now(), '30d', (d) => startOfDay(d, timeZone));
  const stats = computeStats(records, { ...wholeDays(window, timeZone), timeZone });
  if (ctx.global.json) printJson(io, { ...stats });
  else say(ctx, statsText(stats, paint(ctx.global), wantsAscii(io.env)));
  return 0;
}
