import type { CommandContext } from '../context.js';
import { latestCheck as latestOf } from '../core/checkin.js';
import { renderReport } from '../core/report.js';
import { computeStats, parseWindow, resolveTimeZone, startOfDay, wholeDays } from '../core/stats.js';
import { isoLocal } from '../core/time.js';
import { readHistoryWarned } from '../io/history.js';
import { resolvePaths } from '../io/paths.js';
import { writeUserFile } from '../io/store.js';
import { note, printJson } from '../render/output.js';

/** `neckcoach report [-o file.md]`: the one-page Markdown summary, to stdout or a private file. */
export async function run(ctx: CommandContext): Promise<number> {
  const { io, opts } = ctx;
  const paths = resolvePaths(io.env);
  const records = readHistoryWarned(paths, io);
  const now = io.clock.now();
  const timeZone = resolveTimeZone(io.env.TZ);
  const window = parseWindow({ since: opts.since as string | undefined }, now, '30d', (d) => startOfDay(d, timeZone));
  const stats = computeStats(records, { ...wholeDays(window, timeZone), timeZone });
  const latestCheck = latestOf(records)?.record ?? null;
  const { loadCatalogue } = await import('../content/catalogue.js');
  const catalogue = await loadCatalogue();
  const title = (list: readonly { id: string; title: string }[]) => (id: string) => list.find((x) => x.id === id)?.title;
  const answerLabels = new Map(catalogue.questions.flatMap((q) => (q.answers ?? []).map((a) => [a.id, a.label] as const)));
  const plan = catalogue.plans.find((p) => p.stage === latestCheck?.stage) ?? null;
  const markdown = renderReport({
    generatedAt: isoLocal(now),
    stats,
    latestCheck,
    plan,
    labels: {
      cause: title(catalogue.causes),
      routine: title(catalogue.routines),
      redFlag: (id) => catalogue.redFlags.find((f) => f.id === id)?.label,
      level: (level) => catalogue.safety.levels[level as keyof typeof catalogue.safety.levels]?.title,
      question: (id) => catalogue.questions.find((q) => q.id === id)?.text,
      answer: (id) => answerLabels.get(id),
    },
  });
  const output = typeof opts.output === 'string' ? opts.output : undefined;
  if (output) {
    writeUserFile(output, markdown, 'the report');
    if (ctx.global.json) printJson(io, { file: output, since: stats.since, until: stats.until });
    else note(ctx, `Wrote the report to ${output} (readable only by you).`);
  } else if (ctx.global.json) {
    printJson(io, { since: stats.since, until: stats.until, markdown });
  } else {
    io.stdout.write(markdown);
  }
  return 0;
}
