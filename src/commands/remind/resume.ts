import { defineCommand } from '../../command.js';
import { ExitCode } from '../../errors.js';
import { holds, resume } from '../../core/schedule.js';
import { isoLocal, when } from '../../core/time.js';
import { output } from '../../render/output.js';
import { changeState, remindPaths, snapshot } from './shared.js';

/** `remind resume`: ends a pause (fresh interval) or a snooze; says so when there was neither. */
export default defineCommand({
  name: 'resume',
  summary: 'end a pause or a snooze',
  async run(ctx) {
    const paths = remindPaths(ctx);
    const now = ctx.io.clock.now();
    const before = holds(snapshot(ctx, paths).decision, now);
    const ended = before.pausedUntil !== null ? 'pause' : before.snoozedUntil !== null ? 'snooze' : null;
    if (ended) changeState(ctx, paths, (s) => resume(s, now));
    const due = snapshot(ctx, paths).decision.nextDue;
    const next = due === null ? '' : `the next reminder is due at ${when(due, now)}`;
    output(
      ctx,
      { resumed: ended !== null, ended, nextDue: due === null ? null : isoLocal(due) },
      () =>
        ended === 'pause'
          ? `Reminders resumed${next && `; ${next}`}.`
          : ended === 'snooze'
            ? `Snooze ended${next && `; ${next}`}.`
            : `Nothing was paused or snoozed${next && `; ${next}`}.`,
      // -q: a confirmation either way, like every command's on success.
      { confirmation: true },
    );
    return ExitCode.Ok;
  },
});
