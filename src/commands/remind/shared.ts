import { fileURLToPath } from 'node:url';
import { text } from '../../command.js';
import { CliError, ExitCode, usageError } from '../../errors.js';
import { parseSpan } from '../../core/duration.js';
import { type Decision, heartbeatFrom, reminderSettings, type RemindState, schedule, steady } from '../../core/schedule.js';
import { type SettingValue, settingSpec } from '../../core/settings.js';
import { systemZone } from '../../core/time.js';
import { readSettings } from '../../io/config.js';
import { updateSettings } from '../../io/settings-store.js';
import { type Paths, resolvePaths } from '../../io/paths.js';
import { builtFile, runningDaemon, signalDaemon } from '../../io/process.js';
import { readRemindState, updateRemindState } from '../../io/remind-state.js';
import { note, type OutputContext } from '../../render/output.js';

/** `start` and `run` take the same schedule, saved to the config either way. */
export const SCHEDULE_OPTIONS = {
  every: text('--every <span>', 'time between breaks, 30m to 60m (default 45m); saved to the config'),
  workHours: text('--work-hours <range>', 'only remind between these times, e.g. 9-17, 9:00-17:30, or none; saved'),
  days: text('--days <days>', 'only on these days: mon-fri, mon,wed,fri or all; saved'),
};

export function remindPaths(ctx: OutputContext): Paths {
  return resolvePaths(ctx.io.env);
}

const FLAG_KEYS = [
  ['every', 'remind.every'],
  ['workHours', 'remind.workHours'],
  ['days', 'remind.days'],
] as const;

/** `start`/`run` flags are validated, then saved to the config (design §7), so the daemon and status agree. */
export async function saveFlags(
  ctx: OutputContext & { options: { [K in keyof typeof SCHEDULE_OPTIONS]: string | undefined } },
  paths: Paths,
): Promise<boolean> {
  const values: [string, SettingValue][] = [];
  for (const [flag, key] of FLAG_KEYS) {
    const given = ctx.options[flag];
    if (given === undefined) continue;
    values.push([key, settingSpec(key)!.parse(given, ctx.io.env)]);
  }
  if (values.length === 0) return false;
  await updateSettings(paths, ctx.io, (settings) => {
    for (const [key, value] of values) settings.set(key, value);
  });
  return true;
}

/** A span argument (`pause 2h`, `snooze 15m`) in ms. */
export function spanArg(text: unknown, what: string): number | null {
  if (text === undefined || text === null || text === '') return null;
  try {
    return parseSpan(String(text), what);
  } catch (error) {
    if (error instanceof CliError) throw usageError(error.message, 'use e.g. 10m, 1h30m or 2h');
    throw error;
  }
}

/** The settings, state and what the scheduler would do now (status and the state-changing commands). */
export function snapshot(ctx: OutputContext, paths: Paths) {
  const settings = readSettings(paths, ctx.io);
  const reminder = reminderSettings(settings, { zone: systemZone(), heartbeat: heartbeatFrom(ctx.io.env) });
  const state = readRemindState(paths, ctx.io);
  const now = ctx.io.clock.now();
  const decision: Decision = schedule(reminder, state, now, steady(now));
  return { settings, reminder, state, now, decision };
}

/** Changes the state file, then lets a running daemon know (SIGHUP); notes when none runs. */
export function changeState(ctx: OutputContext, paths: Paths, change: (state: RemindState) => RemindState): RemindState {
  const next = updateRemindState(paths, ctx.io, change);
  if (!signalDaemon(paths)) note(ctx, 'The reminder scheduler is not running; `neckcoach remind start` starts it.');
  return next;
}

/** dist/daemon.cjs beside the running bundle (or built from source). */
export function daemonEntry(): string {
  const file = builtFile('daemon.cjs', fileURLToPath(import.meta.url));
  if (!file) throw new CliError('dist/daemon.cjs is missing', ExitCode.Runtime, 'run `npm run build` first');
  return file;
}

/**
 * The daemon running from this home, one whose files were deleted too (`orphan`), and since when it
 * has been silent: a daemon that cannot save stops marking its wakes (design §7), so two heartbeats
 * without a mark mean "running but not recording".
 */
export function daemonHealth(ctx: OutputContext, paths: Paths) {
  const daemon = runningDaemon(paths, { orphans: true });
  const lastWake = daemon?.lastWake ?? null;
  const silentSince =
    daemon && !daemon.orphan && lastWake !== null && ctx.io.clock.now() - lastWake > 2 * heartbeatFrom(ctx.io.env) ? lastWake : null;
  return { daemon, silentSince };
}

export { runningDaemon };
