import { defineCommand, text } from '../command.js';
import { latestCheck as latestOf } from '../core/checkin.js';
import { computeStats } from '../core/stats.js';
import { isoLocal } from '../core/time.js';
import { loadHistoryWindow } from '../io/history.js';
import { whileWaiting } from '../io/spinner.js';
import { writeUserFile } from '../io/store.js';
import { note, printJson } from '../render/output.js';
import { renderReport } from '../render/report.js';
import { sinceOption } from './window.js';

export default defineCommand({
  name: 'report',
  summary: 'a one-page summary to bring to a therapist or doctor',
  description:
    'A one-page Markdown summary of what you recorded: your latest check-in and its triage, your pain\n' +
    'trend, what you have tried and how often, the plan for your stage and your breaks. It is\n' +
    'self-reported and not a diagnosis. -o writes it to a private file (mode 0600).',
  options: { since: sinceOption('30d'), output: text('-o, --output <file>', 'write the Markdown report to a file') },
  examples: [['neckcoach report -o neck-report.md', 'write it to a file']],
  async run({ options, ...ctx }) {
    const { io } = ctx;
    // A long history takes a moment to read: say what is happening at a terminal.
    const { records, window, now, stats } = await whileWaiting(ctx, 'Reading your history…', async () => {
      const loaded = loadHistoryWindow(io, options, '30d', { wholeDays: true });
      return { ...loaded, stats: computeStats(loaded.records, loaded.window) };
    });
    const latestCheck = latestOf(records)?.record ?? null;
    const { loadCatalogue } = await import('../content/catalogue.js');
    const catalogue = await loadCatalogue();
    const title = (list: readonly { id: string; title: string }[]) => (id: string) => list.find((x) => x.id === id)?.title;
    const answerLabels = new Map(catalogue.questions.flatMap((q) => (q.answers ?? []).map((a) => [a.id, a.label] as const)));
    const markdown = renderReport({
      generatedAt: isoLocal(now),
      stats,
      latestCheck,
      plan: catalogue.plans.find((p) => p.stage === latestCheck?.stage) ?? null,
      labels: {
        cause: title(catalogue.causes),
        routine: title(catalogue.routines),
        redFlag: (id) => catalogue.redFlags.find((f) => f.id === id)?.label,
        level: (level) => catalogue.safety.levels[level as keyof typeof catalogue.safety.levels]?.title,
        question: (id) => catalogue.questions.find((q) => q.id === id)?.text,
        answer: (id) => answerLabels.get(id),
      },
    });
    const { since, until } = stats;
    if (options.output === undefined) {
      if (ctx.global.json) printJson(io, { since, until, markdown });
      else io.stdout.write(markdown);
      return;
    }
    writeUserFile(options.output, markdown, 'the report');
    if (ctx.global.json) printJson(io, { file: options.output, since, until });
    else note(ctx, `Wrote the report to ${options.output} (readable only by you).`);
  },
});
