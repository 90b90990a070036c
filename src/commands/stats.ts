import { defineCommand } from '../command.js';
import { currentProgramme } from '../core/programme.js';
import { statsFold } from '../core/stats.js';
import { wrap } from '../core/wrap.js';
import { forEachRecord, historyWindow, recentRecords, warnDamaged } from '../io/history.js';
import { output } from '../render/output.js';
import { adherenceLine } from '../render/programme.js';
import { statsText, wantsAscii } from '../render/tracking.js';
import { sinceOption } from './window.js';

export default defineCommand({
  name: 'stats',
  summary: 'streaks, breaks taken and your pain trend',
  description:
    'Routines finished per day and your streak (days in a row with at least one finished routine),\n' +
    'reminders sent, taken, snoozed and skipped, a sparkline of your daily pain and the change from the\n' +
    'first to the last week (meaningful when it is 2 points or 30% or more), and which routines were\n' +
    'followed by lower pain when you rated it before and after (`routine --rate`).',
  options: { since: sinceOption('30d') },
  examples: [['neckcoach stats --since 2w', 'the last fortnight']],
  async run({ options, ...ctx }) {
    const { paths, window, now } = historyWindow(ctx.io, options, '30d', { wholeDays: true });
    // A full read even for a short window: the streak counts the whole history.
    const fold = statsFold(window);
    warnDamaged(
      ctx.io,
      forEachRecord(paths, (record, ms) => fold.add(record, ms)),
    );
    const stats = fold.finish();
    const { loadCatalogue } = await import('../content/catalogue.js');
    const current = currentProgramme(recentRecords(paths, now), (await loadCatalogue()).programmes, now, { timeZone: window.timeZone });
    output(ctx, { ...stats, programme: current?.summary ?? null }, (paint, width) =>
      [
        statsText(stats, paint, { ascii: wantsAscii(ctx.io.env), width }),
        ...(current ? [`Programme ${wrap(adherenceLine(current.summary, current.programme), width, ' '.repeat(10)).trimStart()}`] : []),
      ].join('\n'),
    );
  },
});
