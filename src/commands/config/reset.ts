import { defineCommand } from '../../command.js';
import { SETTINGS } from '../../core/settings.js';
import { updateSettings } from '../../io/settings-store.js';
import { resolvePaths } from '../../io/paths.js';
import { showSetting } from '../../render/config.js';
import { output } from '../../render/output.js';
import { specOf, tellDaemon } from './settings.js';

export default defineCommand({
  name: 'reset',
  args: ['[key]'],
  summary: 'back to the default (one key, or all)',
  async run({ args: [key], ...ctx }) {
    const spec = key === undefined ? undefined : specOf(key);
    const paths = resolvePaths(ctx.io.env);
    await updateSettings(paths, ctx.io, (settings) => (spec ? settings.delete(spec.key) : settings.clear()));
    const human = () => (spec ? `${spec.key} = ${showSetting(spec.default)} (default)` : 'Every setting is back to its default.');
    output(ctx, { reset: spec ? [spec.key] : SETTINGS.map((s) => s.key) }, human, { confirmation: true });
    tellDaemon(ctx, paths);
  },
});
