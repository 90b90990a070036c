import type { CommandContext } from '../context.js';
import { latestCheck as latestOf } from '../core/checkin.js';
import { computeStats } from '../core/stats.js';
import { isoLocal } from '../core/time.js';
import { loadHistoryWindow } from '../io/history.js';
import { writeUserFile } from '../io/store.js';
import { renderReport } from '../render/report.js';
import { note, printJson } from '../render/output.js';

/** `neckcoach report [-o file.md]`: the one-page Markdown summary, to stdout or a private file. */
export async function run(ctx: CommandContext): Promise<number> {
  const { io, opts } = ctx;
  const { records, window, now } = loadHistoryWindow(io, { since: opts.since as string | undefined }, '30d', { wholeDays: true });
  const stats = computeStats(records, window);
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
