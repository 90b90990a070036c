import { defineCommand } from '../../command.js';
import { ExitCode } from '../../errors.js';
import { pause } from '../../core/schedule.js';
import { isoLocal, when } from '../../core/time.js';
import { output } from '../../render/output.js';
import { changeState, remindPaths, spanArg } from './shared.js';

/** `remind pause [span]`: for a while, or until `resume`. */
export default defineCommand({
  name: 'pause',
  args: ['[span]'],
  summary: 'pause reminders for a while (e.g. 2h), or until `resume`',
  async run(ctx) {
    const span = spanArg(ctx.args[0], 'pause');
    const paths = remindPaths(ctx);
    const now = ctx.io.clock.now();
    const state = changeState(ctx, paths, (s) => pause(s, now, span));
    const until = state.pausedUntil;
    output(
      ctx,
      { pausedUntil: until === 'indefinite' || until === null ? until : isoLocal(until) },
      () =>
        until === 'indefinite' || until === null
          ? 'Reminders paused until `neckcoach remind resume`.'
          : `Reminders paused until ${when(until, now)}.`,
      { confirmation: true },
    );
    return ExitCode.Ok;
  },
});
