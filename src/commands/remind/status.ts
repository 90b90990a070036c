import { defineCommand, flag, text } from '../../command.js';
import { ExitCode } from '../../errors.js';
import { holds } from '../../core/schedule.js';
import { isoLocal } from '../../core/time.js';
import { formatClock, parseWorkHours } from '../../core/workhours.js';
import { serviceStatus } from '../../io/service.js';
import { output } from '../../render/output.js';
import { statusText } from '../../render/remind.js';
import { SHORT_FORMAT } from '../../render/status-line.js';
import { daemonHealth, remindPaths, snapshot } from './shared.js';
import { printStatusLine } from './status-line.js';

const iso = (ms: number | null) => (ms === null ? null : isoLocal(ms));

/** `remind status [--json | --short | --format f]`: the design §6 shape; not running is a state, not an error. */
export default defineCommand({
  name: 'status',
  summary: 'whether it runs, its settings, the next reminder and the last error',
  options: {
    short: flag('--short', `one line for a status bar, e.g. "☕ 7m" or "⏸ 12:40" (the same as --format '${SHORT_FORMAT}')`),
    format: text('--format <template>', 'one line from {icon}, {next}, {in}, {at} and {state}'),
  },
  examples: [
    ['neckcoach remind status --short', 'for tmux: set -g status-right "#(neckcoach remind status --short)"'],
    ["neckcoach remind status --format '{state} {at}'", 'e.g. "running 14:30"'],
  ],
  async run(ctx) {
    if (ctx.options.format !== undefined || ctx.options.short) {
      printStatusLine(ctx.io, ctx.options.format ?? SHORT_FORMAT);
      return ExitCode.Ok;
    }
    const paths = remindPaths(ctx);
    const { daemon, silentSince } = daemonHealth(ctx, paths);
    const { settings, reminder, state, decision, now } = snapshot(ctx, paths);
    const service = await serviceStatus(ctx.io.env);
    const workHours = settings['remind.workHours'];
    const running = daemon !== null && !daemon.orphan;
    const nextDue = running ? decision.nextDue : null;
    const { pausedUntil, snoozedUntil } = holds(decision, now);
    const hours = workHours === null ? null : parseWorkHours(workHours);
    const document = {
      running,
      pid: daemon?.pid ?? null,
      since: running ? iso(daemon.since) : null,
      recording: running ? silentSince === null : null,
      lastWake: running ? iso(daemon.lastWake) : null,
      orphan: daemon?.orphan ?? false,
      settings: {
        every: reminder.every,
        workHours: hours && { start: formatClock(hours.start), end: formatClock(hours.end) },
        days: settings['remind.days'],
      },
      nextDue: iso(nextDue),
      pausedUntil: pausedUntil === 'indefinite' ? 'indefinite' : iso(pausedUntil),
      snoozedUntil: iso(snoozedUntil),
      lastSent: iso(state.lastSent),
      lastError: state.lastError ? { at: isoLocal(state.lastError.at), message: state.lastError.message } : null,
      service,
    };
    output(ctx, document, () =>
      statusText(
        {
          running,
          pid: daemon?.pid ?? null,
          since: running ? daemon.since : null,
          orphan: daemon?.orphan ?? false,
          silentSince,
          logFile: paths.logFile,
          every: reminder.every,
          workHours,
          days: settings['remind.days'],
          routine: reminder.routine,
          nextDue,
          pausedUntil,
          snoozedUntil,
          lastSent: state.lastSent,
          lastError: state.lastError,
          service,
          now,
        },
        ctx.global,
      ),
    );
    return ExitCode.Ok;
  },
});
