import { defineCommand } from '../../command.js';
import { output } from '../../render/output.js';
import { programmeStatusJson, programmeStatusLines } from '../../render/programme.js';
import { wrap } from '../../core/wrap.js';
import { loadProgramme } from './shared.js';

export default defineCommand({
  name: 'status',
  args: ['[name]'],
  summary: 'level, sessions done this week, and what is next',
  async run({ args: [name], ...ctx }) {
    const { programme, state, timeZone } = await loadProgramme(ctx, name);
    output(ctx, programmeStatusJson(state, programme), (_chalk, width) =>
      programmeStatusLines(state, programme, { timeZone })
        .map((line) => wrap(line, width))
        .join('\n'),
    );
  },
});
