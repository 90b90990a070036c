import { defineCommand } from '../../command.js';
import { ExitCode } from '../../errors.js';
import { pendingReminder, schedule, skip, steady } from '../../core/schedule.js';
import { isoLocal, when } from '../../core/time.js';
import { appendHistory } from '../../io/history.js';
import { output } from '../../render/output.js';
import { changeState, remindPaths, snapshot } from './shared.js';

/** `remind skip`: this break is skipped (recorded), a fresh interval starts now. */
export default defineCommand({
  name: 'skip',
  summary: 'skip this break and start a fresh interval',
  async run(ctx) {
    const paths = remindPaths(ctx);
    const { state, reminder, decision, now } = snapshot(ctx, paths);
    const due = pendingReminder(state, now) ?? decision.nextDue ?? now;
    const next = changeState(ctx, paths, (s) => skip(s, now));
    appendHistory(paths, 'reminder', now, { event: 'skipped', due: isoLocal(due) });
    const nextDue = schedule(reminder, next, now, steady(now)).nextDue;
    output(
      ctx,
      { skipped: isoLocal(due), nextDue: nextDue === null ? null : isoLocal(nextDue) },
      () => `Skipped this break${nextDue === null ? '.' : `; the next reminder is due at ${when(nextDue, now)}.`}`,
      { confirmation: true },
    );
    return ExitCode.Ok;
  },
});
