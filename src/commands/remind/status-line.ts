// The status-bar line, kept apart from status.ts so `remind status --short` can start without
// commander (main.ts's fast path): it imports only what reading three small files needs.
import { type Io, processIo } from '../../context.js';
import { ExitCode, reportError } from '../../errors.js';
import { heartbeatFrom, holds, reminderSettings, schedule, steady } from '../../core/schedule.js';
import { systemZone } from '../../core/time.js';
import { readSettings } from '../../io/config.js';
import { resolvePaths } from '../../io/paths.js';
import { runningDaemon } from '../../io/process.js';
import { readRemindState } from '../../io/remind-state.js';
import { checkFormat, SHORT_FORMAT, statusLine } from '../../render/status-line.js';

/** Prints one line from the settings, state and pid files; it never asks the daemon anything. */
export function printStatusLine(io: Io, template = SHORT_FORMAT): void {
  const format = checkFormat(template);
  const paths = resolvePaths(io.env);
  const zone = systemZone();
  const now = io.clock.now();
  const running = runningDaemon(paths) !== null;
  const reminder = reminderSettings(readSettings(paths, io), { zone, heartbeat: heartbeatFrom(io.env) });
  const decision = schedule(reminder, readRemindState(paths, io), now, steady(now));
  io.stdout.write(`${statusLine(format, { running, nextDue: decision.nextDue, ...holds(decision, now), now, zone })}\n`);
}

/** The whole of main.ts's fast path: the process's own streams, one error boundary, the exit code. */
export function printStatusLineFor(format?: string): number {
  const io = processIo();
  try {
    printStatusLine(io, format);
    return ExitCode.Ok;
  } catch (error) {
    return reportError(error, io);
  }
}
