import { defineCommand } from '../../command.js';
import { readSettings } from '../../io/config.js';
import { resolvePaths } from '../../io/paths.js';
import { showSetting } from '../../render/config.js';
import { output } from '../../render/output.js';
import { specOf } from './settings.js';

export default defineCommand({
  name: 'get',
  args: ['<key>'],
  summary: 'print one setting',
  async run({ args: [key], ...ctx }) {
    const spec = specOf(key);
    const settings: Record<string, unknown> = readSettings(resolvePaths(ctx.io.env), ctx.io, { required: true });
    const value = (settings[spec.key] ?? null) as typeof spec.default;
    output(ctx, { key: spec.key, value, default: spec.default }, () => showSetting(value));
  },
});
