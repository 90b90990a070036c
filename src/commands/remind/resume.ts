import { defineCommand } from '../../command.js';
import { ExitCode } from '../../errors.js';
import { resume } from '../../core/schedule.js';
import { isoLocal } from '../../core/time.js';
import { output } from '../../render/output.js';
import { when } from '../../render/remind.js';
import { changeState, remindPaths, snapshot } from './shared.js';

/** `remind resume`: ends a pause (fresh interval) or a snooze. */
export default defineCommand({
  name: 'resume',
  summary: 'end a pause or a snooze',
  async run(ctx) {
    const paths = remindPaths(ctx);
    const now = ctx.io.clock.now();
    changeState(ctx, paths, (s) => resume(s, now));
    const { decision } = snapshot(ctx, paths);
    const due = decision.nextDue;
    output(ctx, { resumed: true, nextDue: due === null ? null : isoLocal(due) }, () => `Reminders resumed${due === null ? '.' : `; the next is due at ${when(due, now)}.`}`, { confirmation: true });
    return ExitCode.Ok;
  },
});
