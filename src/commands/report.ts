import { defineCommand, text } from '../command.js';
import { latestCheck as latestOf } from '../core/checkin.js';
import { currentProgramme } from '../core/programme.js';
import { statsFold } from '../core/stats.js';
import { isoLocal } from '../core/time.js';
import { forEachRecord, gateRecords, historyWindow, recentRecords, warnDamaged } from '../io/history.js';
import { whileWaiting } from '../io/spinner.js';
import { writeUserFile } from '../io/store.js';
import { note, printJson } from '../render/output.js';
import { adherenceLine } from '../render/programme.js';
import { renderReport } from '../render/report.js';
import { sinceOption } from './window.js';

export default defineCommand({
  name: 'report',
  summary: 'a one-page summary to bring to a therapist or doctor',
  description:
    'A one-page Markdown summary of what you recorded: your latest check-in and its triage, your pain\n' +
    'trend, what you have tried and how often, the plan for your stage and your breaks. It is\n' +
    'self-reported and not a diagnosis. -o writes it to a private file (mode 0600); -o - is standard output.',
  options: { since: sinceOption('30d'), output: text('-o, --output <file>', 'write the Markdown report to a file') },
  examples: [['neckcoach report -o neck-report.md', 'write it to a file']],
  async run({ options, ...ctx }) {
    const { io } = ctx;
    const { paths, window, now } = historyWindow(io, options, '30d', { wholeDays: true });
    // A long history takes a moment to read: say what is happening at a terminal.
    const stats = await whileWaiting(ctx, 'Reading your history…', async () => {
      const fold = statsFold(window);
      warnDamaged(
        io,
        forEachRecord(paths, (record, ms) => fold.add(record, ms)),
      );
      return fold.finish();
    });
    // The latest check-in of the whole history, whatever the window; the full read just indexed it.
    const latestCheck = latestOf(gateRecords(paths))?.record ?? null;
    const { loadCatalogue } = await import('../content/catalogue.js');
    const catalogue = await loadCatalogue();
    const title = (list: readonly { id: string; title: string }[]) => (id: string) => list.find((x) => x.id === id)?.title;
    const answerLabels = new Map(catalogue.questions.flatMap((q) => (q.answers ?? []).map((a) => [a.id, a.label] as const)));
    const current = currentProgramme(recentRecords(paths, now), catalogue.programmes, now, { timeZone: window.timeZone });
    const markdown = renderReport({
      generatedAt: isoLocal(now),
      stats,
      programmeLine: current ? adherenceLine(current.summary, current.programme) : null,
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
    // `-` is standard output, as for every file option.
    if (options.output === undefined || options.output === '-') {
      if (ctx.global.json) printJson(io, { since, until, markdown });
      else io.stdout.write(markdown);
      return;
    }
    writeUserFile(options.output, markdown, 'the report');
    if (ctx.global.json) printJson(io, { file: options.output, since, until });
    else note(ctx, `Wrote the report to ${options.output} (readable only by you).`);
  },
});
