import { defineCommand } from '../../command.js';
import { CliError, ExitCode } from '../../errors.js';
import { formatSpan } from '../../core/duration.js';
import { isoLocal, when } from '../../core/time.js';
import { diagnose } from '../../io/notify.js';
import { homeEnv } from '../../io/paths.js';
import { isAlive, spawnDetached, waitUntil } from '../../io/process.js';
import { output, say } from '../../render/output.js';
import { windowText } from '../../render/remind.js';
import { warn } from '../../io/warn.js';
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
      output(
        ctx,
        { running: true, started: false, pid: running.pid, nextDue: decision.nextDue === null ? null : isoLocal(decision.nextDue) },
        () => `Reminders are already running (pid ${running.pid})${changed ? '; it will use the new settings' : ''}.`,
      );
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
    const { settings, reminder, decision, now } = snapshot(ctx, paths);
    const due = decision.nextDue;
    const window = windowText(settings['remind.days'], settings['remind.workHours']);
    // -q: these lines are confirmations, not what was asked for.
    const document = { running: true, started: true, pid, nextDue: due === null ? null : isoLocal(due) };
    output(
      ctx,
      document,
      () => {
        const first =
          decision.reason === 'paused'
            ? due === null
              ? 'Reminders are paused; `neckcoach remind resume` ends the pause.'
              : `Reminders are paused until ${when(decision.state.pausedUntil as number, now)}; the first reminder is ${when(due, now)}.`
            : due === null
              ? 'No reminder is scheduled: no day is set.'
              : decision.reason === 'outside-hours'
                ? `Outside ${window}: the first reminder is ${when(due, now)}.`
                : `The first reminder is due at ${when(due, now)}.`;
        return `Reminders started (pid ${pid}): every ${formatSpan(reminder.every)}, ${window}.\n${first}\nYou can close this terminal. \`neckcoach remind status\` shows what it is doing.\n`;
      },
      { confirmation: true },
    );
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
