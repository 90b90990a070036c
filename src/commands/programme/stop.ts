import { defineCommand } from '../../command.js';
import { appendHistory } from '../../io/history.js';
import { output } from '../../render/output.js';
import { loadProgramme } from './shared.js';

/** `programme stop`: recorded, so `routine strengthen` no longer counts or changes level. Nothing running is fine. */
export default defineCommand({
  name: 'stop',
  args: ['[name]'],
  summary: 'stop the programme (its history is kept; start again any time)',
  async run({ args: [name], ...ctx }) {
    const { programme, paths, state, now } = await loadProgramme(ctx, name);
    if (!state || state.stoppedAt !== null) {
      output(ctx, { programme: programme.id, stopped: false }, () => `${programme.title} is not running.`);
      return;
    }
    appendHistory(paths, 'programme', now, { programme: programme.id, level: state.level, event: 'stopped' });
    output(
      ctx,
      { programme: programme.id, stopped: true, level: state.level },
      () =>
        `Stopped ${programme.title} at level ${state.level}. Its history is kept; start again with: neckcoach programme start ${programme.id}`,
      { confirmation: true },
    );
  },
});
