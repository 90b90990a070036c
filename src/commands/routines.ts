import type { CommandContext } from '../context.js';
import type { RoutineDefinitionWithMeta } from '../content/routines.js';
import { plannedSeconds } from '../core/timeline.js';
import { ExitCode } from '../errors.js';
import { resolvePaths } from '../io/paths.js';
import { printJson, say, textWidth, warn } from '../render/output.js';
import { paint } from '../render/paint.js';
import { type RoutineListContext, routineFull, routineList } from '../render/routine.js';

/** `neckcoach routines [id] [--path]`: the built-in routines and the person's own, marked as such. */
export async function run(ctx: CommandContext): Promise<number> {
  const { io, global } = ctx;
  const paths = resolvePaths(io.env);
  if (ctx.opts.path) {
    if (global.json) printJson(io, { path: paths.routinesDir });
    else io.stdout.write(`${paths.routinesDir}\n`);
    return ExitCode.Ok;
  }
  const { loadRoutines } = await import('../content/routines.js');
  const { catalogue, routines, problems } = await loadRoutines(paths.routinesDir);
  for (const problem of problems) warn(io, problem);
  const resolve = (id: string) => routines.find((r) => r.id === id);
  const seconds = (r: RoutineDefinitionWithMeta) => plannedSeconds(r, resolve);
  // Full records, as the other browse commands print them, plus the planned length and origin.
  const describe = ({ file, ...r }: RoutineDefinitionWithMeta) => ({
    ...r,
    seconds: seconds({ file, ...r }),
    source: file ? 'user' : 'built-in',
    ...(file ? { file } : {}),
  });
  const view: RoutineListContext = { seconds, resolve, sources: catalogue.sources, paint: paint(global), width: textWidth(io), routinesDir: paths.routinesDir };
  const [id] = ctx.args as [string | undefined];
  if (id === undefined) {
    if (global.json) printJson(io, { routines: routines.map(describe) });
    else say(ctx, routineList(routines, view).join('\n'));
    return ExitCode.Ok;
  }
  const { findById } = await import('../content/catalogue.js');
  const routine = findById(routines, id, 'routine');
  if (global.json) printJson(io, { routine: describe(routine) });
  else say(ctx, routineFull(routine, view).join('\n'));
  return ExitCode.Ok;
}
