import { defineCommand } from '../../command.js';
import { remindPaths, saveFlags, SCHEDULE_OPTIONS } from './shared.js';

/** `remind run`: the scheduler in the foreground (log lines on stdout; Ctrl-C or SIGTERM stops it). */
export default defineCommand({
  name: 'run',
  summary: 'run the scheduler in the foreground (what `start` and the service run)',
  options: SCHEDULE_OPTIONS,
  async run(ctx) {
    await saveFlags(ctx, remindPaths(ctx));
    const { runDaemon } = await import('../../daemon.js');
    return runDaemon({ env: ctx.io.env, out: ctx.io.stdout });
  },
});
