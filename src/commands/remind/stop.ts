import { defineCommand } from '../../command.js';
import { CliError, ExitCode } from '../../errors.js';
import { isAlive, releaseLock, waitUntil } from '../../io/process.js';
import { output } from '../../render/output.js';
import { remindPaths, runningDaemon } from './shared.js';

/**
 * `remind stop`: SIGTERM, wait until it has gone; SIGKILL if it will not. Nothing running is fine.
 * On SIGTERM the daemon ends any notification still being sent with its whole process group.
 */
export default defineCommand({
  name: 'stop',
  summary: 'stop the scheduler and wait until it has gone (nothing running is fine)',
  async run(ctx) {
    const paths = remindPaths(ctx);
    // Also one whose home was deleted: it would stop at its next wake, but `stop` means now.
    const daemon = runningDaemon(paths, { orphans: true });
    if (!daemon) {
      output(ctx, { running: false, stopped: false }, () => 'Reminders are not running.', { confirmation: true });
      return ExitCode.Ok;
    }
    process.kill(daemon.pid, 'SIGTERM');
    let gone = await waitUntil(() => !isAlive(daemon.pid), 5000);
    if (!gone) {
      process.kill(daemon.pid, 'SIGKILL');
      gone = await waitUntil(() => !isAlive(daemon.pid), 2000);
      releaseLock(paths, daemon.pid);
    }
    if (!gone) throw new CliError(`the reminder scheduler (pid ${daemon.pid}) would not stop`, ExitCode.Runtime);
    output(ctx, { running: false, stopped: true, pid: daemon.pid }, () => `Reminders stopped (pid ${daemon.pid}).`, { confirmation: true });
    return ExitCode.Ok;
  },
});
