import { defineCommand } from '../../command.js';
import { CliError, ExitCode } from '../../errors.js';
import { formatSpan } from '../../core/duration.js';
import { isoLocal } from '../../core/time.js';
import { diagnose } from '../../io/notify.js';
import { homeEnv } from '../../io/paths.js';
import { isAlive, spawnDetached, waitUntil } from '../../io/process.js';
import { output, printJson, say } from '../../render/output.js';
import { warn } from '../../io/warn.js';
import { when } from '../../render/remind.js';
import { daemonEntry, remindPaths, runningDaemon, saveFlags, SCHEDULE_OPTIONS, snapshot } from './shared.js';

/** `remind start`: save the flags, spawn the lean daemon detached, return once it holds the lock. */
export default defineCommand({
  name: 'start',
  summary: 'start the background scheduler (returns at once)',
  options: SCHEDULE_OPTIONS,
  examples: [['neckcoach remind start --every 30m --days mon-fri', 'every half hour on weekdays']],
  async run(ctx) {
    const paths = remindPaths(ctx);
    const changed = await saveFlags(ctx, paths);
    const running = runningDaemon(paths);
    if (running) {
      if (changed) process.kill(running.pid, 'SIGHUP');
      const { decision } = snapshot(ctx, paths);
      output(ctx, { running: true, started: false, pid: running.pid, nextDue: decision.nextDue === null ? null : isoLocal(decision.nextDue) }, () => `Reminders are already running (pid ${running.pid})${changed ? '; it will use the new settings' : ''}.`);
      return ExitCode.Ok;
    }
    const pid = spawnDetached(process.execPath, [daemonEntry()], { logFile: paths.logFile, env: homeEnv(paths, ctx.io.env) });
    const up = await waitUntil(() => runningDaemon(paths)?.pid === pid || !isAlive(pid), 5000);
    if (!up || runningDaemon(paths)?.pid !== pid) {
      const other = runningDaemon(paths);
      if (other) {
        say(ctx, `Reminders are already running (pid ${other.pid}).`);
        return ExitCode.Ok;
      }
      throw new CliError('the reminder scheduler did not start', ExitCode.Runtime, `see ${paths.logFile}`);
    }
    const { reminder, decision, now } = snapshot(ctx, paths);
    const due = decision.nextDue;
    if (ctx.global.json) {
      printJson(ctx.io, { running: true, started: true, pid, nextDue: due === null ? null : isoLocal(due) });
    } else {
      const window = `${reminder.workHours ? `, ${String(ctx.options.workHours ?? '')}`.replace(/, $/, '') : ''}`;
      say(ctx, `Reminders started (pid ${pid}): every ${formatSpan(reminder.every)}${window}.`);
      say(ctx, due === null ? 'No reminder is scheduled (paused, or no work window).' : `The first reminder is due at ${when(due, now)}.`);
      if (!ctx.global.quiet) say(ctx, 'You can close this terminal. `neckcoach remind status` shows what it is doing.');
    }
    // Starting works without a desktop, but then nothing will show: say so now, not at the first reminder.
    // A check skipped because an earlier one failed ("not checked: …") adds nothing here.
    const failing = (await diagnose(ctx.io.env)).filter((check) => !check.ok && !check.detail.startsWith('not checked'));
    if (failing.length > 0) {
      warn(ctx.io, `notifications may not arrive: ${failing.map((check) => check.detail).join('; ')}.`);
      ctx.io.stderr.write('  `neckcoach remind doctor` says how to fix it\n');
    }
    return ExitCode.Ok;
  },
});
