import type { CommandContext } from '../context.js';
import { computeStats } from '../core/stats.js';
import { loadHistoryWindow } from '../io/history.js';
import { paint } from '../render/paint.js';
import { printJson, say, textWidth } from '../render/output.js';
import { statsText, wantsAscii } from '../render/tracking.js';

/** `neckcoach stats`: streaks, breaks, pain trend and routine effects over a window. */
export async function run(ctx: CommandContext): Promise<number> {
  const { io, opts } = ctx;
  const { records, window } = loadHistoryWindow(io, { since: opts.since as string | undefined }, '30d', { wholeDays: true });
  const stats = computeStats(records, window);
  if (ctx.global.json) printJson(io, { ...stats });
  else say(ctx, statsText(stats, paint(ctx.global), { ascii: wantsAscii(io.env), width: textWidth(io) }));
  return 0;
}
