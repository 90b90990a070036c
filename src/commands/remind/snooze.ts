import { defineCommand } from '../../command.js';
import { ExitCode } from '../../errors.js';
import { holds, pendingReminder, SNOOZE_DEFAULT, snooze } from '../../core/schedule.js';
import { isoLocal, when } from '../../core/time.js';
import { appendHistory } from '../../io/history.js';
import { output } from '../../render/output.js';
import { changeState, remindPaths, snapshot, spanArg } from './shared.js';

/** `remind snooze [span]`: the next reminder comes `span` (default 10m) from now; recorded for stats. */
export default defineCommand({
  name: 'snooze',
  args: ['[span]'],
  summary: 'put off the next reminder (default 10m)',
  async run(ctx) {
    const span = spanArg(ctx.args[0], 'snooze') ?? SNOOZE_DEFAULT;
    const paths = remindPaths(ctx);
    const { state, decision, now } = snapshot(ctx, paths);
    const { pausedUntil } = holds(decision, now);
    if (pausedUntil !== null) {
      // A pause already holds every reminder, and its end starts a fresh interval: a snooze would change nothing.
      const until = pausedUntil === 'indefinite' ? '`neckcoach remind resume`' : when(pausedUntil, now);
      output(
        ctx,
        { snoozedUntil: null, pausedUntil: pausedUntil === 'indefinite' ? pausedUntil : isoLocal(pausedUntil) },
        () => `Reminders are paused until ${until} and stay paused; nothing to snooze.`,
        { confirmation: true },
      );
      return ExitCode.Ok;
    }
    const due = pendingReminder(state, now) ?? decision.nextDue ?? now;
    const next = changeState(ctx, paths, (s) => snooze(s, now, span));
    appendHistory(paths, 'reminder', now, { event: 'snoozed', due: isoLocal(due), until: isoLocal(next.snoozedUntil!) });
    output(
      ctx,
      { snoozedUntil: isoLocal(next.snoozedUntil!), pausedUntil: null },
      () => `Snoozed until ${when(next.snoozedUntil!, now)}.`,
      {
        confirmation: true,
      },
    );
    return ExitCode.Ok;
  },
});
