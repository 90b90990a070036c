import { defineCommand } from '../../command.js';
import { resolvePaths } from '../../io/paths.js';
import { output } from '../../render/output.js';

export default defineCommand({
  name: 'path',
  summary: 'where the settings file lives',
  async run(ctx) {
    const paths = resolvePaths(ctx.io.env);
    output(
      ctx,
      { file: paths.configFile, routines: paths.routinesDir, history: paths.historyFile, state: paths.state },
      () => paths.configFile,
    );
  },
});
