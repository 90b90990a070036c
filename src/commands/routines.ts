import { defineCommand, flag } from '../command.js';
import type { RoutineDefinitionWithMeta } from '../content/routines.js';
import { printableAll } from '../core/printable.js';
import { plannedSeconds } from '../core/timeline.js';
import { resolvePaths } from '../io/paths.js';
import { output } from '../render/output.js';
import { warn } from '../io/warn.js';
import { type RoutineListContext, routineFull, routineList } from '../render/routine.js';

export default defineCommand({
  name: 'routines',
  args: ['[id]'],
  summary: 'list guided routines, or show one in full',
  description:
    'Without an id, lists every routine in the catalogue with a one-line summary. With an id, shows it in full with its sources. Unknown ids suggest the closest ones.',
  options: { path: flag('--path', 'print the folder where your own routine files go') },
  examples: [
    ['neckcoach routines', 'every routine, one line each'],
    ['neckcoach routines desk-break', 'one in full'],
    ['neckcoach routines --json', 'the same as JSON'],
  ],
  async run({ args: [id], options, ...ctx }) {
    const paths = resolvePaths(ctx.io.env);
    if (options.path) return output(ctx, { path: paths.routinesDir }, () => paths.routinesDir);
    const { loadRoutines } = await import('../content/routines.js');
    const { catalogue, routines, problems } = await loadRoutines(paths.routinesDir);
    for (const problem of problems) warn(ctx.io, problem);
    const resolve = (routineId: string) => routines.find((r) => r.id === routineId);
    const seconds = (r: RoutineDefinitionWithMeta) => plannedSeconds(r, resolve);
    // Full records, as the other browse commands print them, plus the planned length and origin.
    const describe = ({ file, ...r }: RoutineDefinitionWithMeta) => ({
      ...r,
      seconds: seconds({ file, ...r }),
      source: file ? 'user' : 'built-in',
      ...(file ? { file } : {}),
    });
    // JSON keeps a person's own text as written; at a terminal it is made printable.
    const shown = printableAll(routines);
    const view = (paint: RoutineListContext['paint'], width: number): RoutineListContext => ({
      seconds,
      resolve: (routineId) => shown.find((r) => r.id === routineId),
      sources: catalogue.sources,
      paint,
      width,
      routinesDir: paths.routinesDir,
    });
    if (id === undefined) {
      return output(ctx, { routines: routines.map(describe) }, (paint, width) => routineList(shown, view(paint, width)).join('\n'));
    }
    const { findById } = await import('../content/catalogue.js');
    const routine = findById(routines, id, 'routine');
    output(ctx, { routine: describe(routine) }, (paint, width) => routineFull(printableAll(routine), view(paint, width)).join('\n'));
  },
});
