import { defineCommand } from '../../command.js';
import { CliError, usageError } from '../../errors.js';
import { updateSettings } from '../../io/settings-store.js';
import { type Paths, resolvePaths } from '../../io/paths.js';
import { showSetting } from '../../render/config.js';
import { warn } from '../../io/warn.js';
import { type OutputContext, output } from '../../render/output.js';
import { parseValue, specOf, tellDaemon } from './settings.js';

/**
 * A routine default must name a routine that runs: a built-in one or a valid file of the person's,
 * by the id inside it (the file name may differ). Problems with their files are reported, not fatal.
 */
async function checkRoutine(ctx: OutputContext, paths: Paths, id: string): Promise<void> {
  const [{ loadRoutines }, { findById }] = await Promise.all([import('../../content/routines.js'), import('../../content/catalogue.js')]);
  const { routines, problems } = await loadRoutines(paths.routinesDir);
  for (const problem of problems) warn(ctx.io, problem);
  try {
    findById(routines, id, 'routine');
  } catch (error) {
    if (error instanceof CliError) throw usageError(`routine.default: ${error.message}`, error.hint);
    throw error;
  }
}

export default defineCommand({
  name: 'set',
  args: ['<key>', '<value>'],
  summary: 'change a setting (validated)',
  async run({ args: [key, text], ...ctx }) {
    const spec = specOf(key);
    const paths = resolvePaths(ctx.io.env);
    const value = parseValue(spec, text, ctx.io.env);
    if (spec.key === 'routine.default' && typeof value === 'string') await checkRoutine(ctx, paths, value);
    await updateSettings(paths, ctx.io, (settings) => settings.set(spec.key, value));
    output(ctx, { key: spec.key, value }, () => `${spec.key} = ${showSetting(value)}`, { confirmation: true });
    tellDaemon(ctx, paths);
  },
});
