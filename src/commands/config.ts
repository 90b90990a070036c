import type { CommandContext, CommandModule } from '../context.js';
import { CliError, usageError } from '../errors.js';
import { SETTINGS, type SettingSpec, type SettingValue, settingSpec } from '../core/settings.js';
import { didYouMean } from '../core/suggest.js';
import { openConfigStore, readSettings } from '../io/config.js';
import { type Paths, resolvePaths } from '../io/paths.js';
import { signalDaemon } from '../io/process.js';
import { fileError } from '../io/store.js';
import { paint } from '../render/paint.js';
import { note, printJson, say, warn } from '../render/output.js';
import { type SettingRow, settingsTable, showSetting } from '../render/config.js';

function specOf(key: unknown): SettingSpec {
  const text = String(key ?? '');
  const spec = settingSpec(text);
  if (!spec) throw usageError(`unknown setting "${text}"`, didYouMean(text, SETTINGS.map((s) => s.key)));
  return spec;
}

function rows(ctx: CommandContext, paths: Paths): SettingRow[] {
  const settings = readSettings(paths, ctx.io);
  return SETTINGS.map((s) => ({ key: s.key, value: settings[s.key] ?? null, default: s.default, description: s.description, accepts: s.accepts }));
}

/** Parses a value for `spec`; the error always says what is accepted. */
function parseValue(spec: SettingSpec, text: string, env: NodeJS.ProcessEnv): SettingValue {
  try {
    return spec.parse(text, env);
  } catch (error) {
    if (error instanceof CliError) {
      const message = error.message.startsWith(spec.key) ? error.message : `${spec.key}: ${error.message}`;
      throw usageError(message, `${spec.key} accepts ${spec.accepts}`);
    }
    throw error;
  }
}

/**
 * A routine default must name a routine that runs: a built-in one or a valid file of the person's,
 * by the id inside it (the file name may differ). Problems with their files are reported, not fatal.
 */
async function checkRoutine(ctx: CommandContext, paths: Paths, id: string): Promise<void> {
  const [{ loadRoutines }, { findById }] = await Promise.all([import('../content/routines.js'), import('../content/catalogue.js')]);
  const { routines, problems } = await loadRoutines(paths.routinesDir);
  for (const problem of problems) warn(ctx.io, problem);
  try {
    findById(routines, id, 'routine');
  } catch (error) {
    if (error instanceof CliError) throw usageError(`routine.default: ${error.message}`, error.hint);
    throw error;
  }
}

/** After a change, a running reminder daemon re-reads its settings (SIGHUP). */
function tellDaemon(ctx: CommandContext, paths: Paths): void {
  if (signalDaemon(paths)) note(ctx, 'The running reminder scheduler will use the new settings.');
}

async function openStore(ctx: CommandContext, paths: Paths) {
  // conf refuses a file it cannot parse: move a damaged one aside first (and say so), as every reader does.
  readSettings(paths, ctx.io);
  try {
    return await openConfigStore(paths);
  } catch (error) {
    throw fileError(error, 'cannot open the settings file', paths.configFile);
  }
}

const get: CommandModule = {
  async run(ctx) {
    const spec = specOf(ctx.args[0]);
    const paths = resolvePaths(ctx.io.env);
    const value = readSettings(paths, ctx.io)[spec.key] ?? null;
    if (ctx.global.json) printJson(ctx.io, { key: spec.key, value, default: spec.default });
    else say(ctx, showSetting(value));
    return 0;
  },
};

const set: CommandModule = {
  async run(ctx) {
    const spec = specOf(ctx.args[0]);
    const paths = resolvePaths(ctx.io.env);
    const value = parseValue(spec, String(ctx.args[1] ?? ''), ctx.io.env);
    if (spec.key === 'routine.default' && typeof value === 'string') await checkRoutine(ctx, paths, value);
    const store = await openStore(ctx, paths);
    store.set(spec.key, value);
    if (ctx.global.json) printJson(ctx.io, { key: spec.key, value });
    else if (!ctx.global.quiet) say(ctx, `${spec.key} = ${showSetting(value)}`);
    tellDaemon(ctx, paths);
    return 0;
  },
};

const list: CommandModule = {
  async run(ctx) {
    const paths = resolvePaths(ctx.io.env);
    const settings = rows(ctx, paths);
    if (ctx.global.json) printJson(ctx.io, { file: paths.configFile, settings });
    else say(ctx, settingsTable(settings, paint(ctx.global)));
    return 0;
  },
};

const where: CommandModule = {
  async run(ctx) {
    const paths = resolvePaths(ctx.io.env);
    if (ctx.global.json) printJson(ctx.io, { file: paths.configFile, routines: paths.routinesDir, history: paths.historyFile, state: paths.state });
    else say(ctx, paths.configFile);
    return 0;
  },
};

const reset: CommandModule = {
  async run(ctx) {
    const spec = ctx.args[0] === undefined ? undefined : specOf(ctx.args[0]);
    const paths = resolvePaths(ctx.io.env);
    const store = await openStore(ctx, paths);
    if (spec) store.delete(spec.key);
    else store.clear();
    if (ctx.global.json) printJson(ctx.io, { reset: spec ? [spec.key] : SETTINGS.map((s) => s.key) });
    else if (!ctx.global.quiet) say(ctx, spec ? `${spec.key} = ${showSetting(spec.default)} (default)` : 'Every setting is back to its default.');
    tellDaemon(ctx, paths);
    return 0;
  },
};

/** `neckcoach config get|set|list|path|reset`, one handler per subcommand (src/cli/tracking.ts). */
export const subcommands = { get, set, list, path: where, reset } as const;
