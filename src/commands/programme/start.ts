import { defineCommand } from '../../command.js';
import { latestCheck } from '../../core/checkin.js';
import { gate } from '../../core/gate.js';
import { plannedSeconds } from '../../core/timeline.js';
import { wrap } from '../../core/wrap.js';
import { CliError, ExitCode } from '../../errors.js';
import { readSettings } from '../../io/config.js';
import { appendHistory } from '../../io/history.js';
import { formatSeconds, output, textWidth } from '../../render/output.js';
import { RATINGS_ASK } from '../../render/programme.js';
import { loadProgramme } from './shared.js';

/**
 * `programme start`: records the start at level 1. Its sessions are not gentle, so a check-in that
 * holds back non-gentle routines holds back the start too (exit 3), exactly as `routine` would.
 */
export default defineCommand({
  name: 'start',
  args: ['[name]'],
  summary: 'start the strengthening programme at level 1',
  async run({ args: [name], ...ctx }) {
    const { catalogue, programme, paths, records, now, state } = await loadProgramme(ctx, name);
    if (state?.active) {
      output(
        ctx,
        { programme: programme.id, started: false, level: state.level },
        () => `${programme.title} is already running: level ${state.level}, week ${state.week}. See: neckcoach programme status`,
      );
      return;
    }
    const resolve = (id: string) => catalogue.routines.find((r) => r.id === id);
    const session = resolve(programme.routine)!;
    const decision = gate({
      emergencyNumber: readSettings(paths, ctx.io).emergencyNumber,
      latest: latestCheck(records),
      now,
      routine: session,
      gentle: catalogue.routines.filter((r) => r.gentle),
      cleared: false,
      levels: catalogue.safety.levels,
      flagLabel: (id) => catalogue.redFlags.find((f) => f.id === id)?.label,
    });
    if (decision.kind === 'refuse') {
      const hang = (text: string, prefix: number) => wrap(text, textWidth(ctx.io) - prefix, '  ').trimStart();
      throw new CliError(hang(decision.message, 'neckcoach: '.length), ExitCode.Refused, hang(decision.hint, 2));
    }
    appendHistory(paths, 'programme', now, { programme: programme.id, level: 1, event: 'started' });
    const first = programme.levels[0]!;
    output(ctx, { programme: programme.id, started: true, level: 1 }, (_chalk, width) =>
      [
        `Started ${programme.title}: ${programme.levels.length} levels of ${programme.weeksPerLevel} weeks, ${programme.perWeek} sessions a week.`,
        `Level 1 (${first.title}): ${first.changes} ${first.band}`,
        `Each session: neckcoach routine ${programme.routine} --rate (about ${formatSeconds(plannedSeconds(session, resolve))}). ${RATINGS_ASK}`,
      ]
        .map((line) => wrap(line, width))
        .join('\n'),
    );
  },
});
