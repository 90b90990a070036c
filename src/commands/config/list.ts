import { defineCommand } from '../../command.js';
import { SETTINGS } from '../../core/settings.js';
import { readSettings } from '../../io/config.js';
import { resolvePaths } from '../../io/paths.js';
import { settingsTable } from '../../render/config.js';
import { output } from '../../render/output.js';

export default defineCommand({
  name: 'list',
  summary: 'every setting with its value, default and meaning',
  async run(ctx) {
    const paths = resolvePaths(ctx.io.env);
    const values: Record<string, unknown> = readSettings(paths, ctx.io, { required: true });
    const settings = SETTINGS.map((s) => ({
      key: s.key,
      value: (values[s.key] ?? null) as typeof s.default,
      default: s.default,
      description: s.description,
      accepts: s.accepts,
    }));
    output(ctx, { file: paths.configFile, settings }, (paint) => settingsTable(settings, paint));
  },
});
