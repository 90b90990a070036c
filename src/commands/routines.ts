import type { CommandContext } from '../context.js';
import { plannedSeconds } from '../core/timeline.js';
import { ExitCode } from '../errors.js';
import { resolvePaths } from '../io/paths.js';
import { printJson, say, textWidth, wrap } from '../render/output.js';
import { paint } from '../render/paint.js';
import { formatSeconds } from '../render/routine.js';
import { loadRoutines, type RoutineDefinitionWithMeta } from './routine.js';

const stepLine = (step: NonNullable<RoutineDefinitionWithMeta['steps']>[number]): string => {
  const sides = step.sides ? ', each side' : '';
  const rest = step.rest ? `, ${step.rest} s rest between` : '';
  if (step.kind === 'timed') return `${step.title}: ${step.seconds} s${sides}`;
  const what = step.kind === 'hold' ? 'hold' : 'rep';
  return `${step.title}: ${step.reps ?? 1} × ${step.seconds} s ${what}${sides}${rest}`;
};

/** `neckcoach routines [id] [--path]`: the built-in routines and the person's own, marked as such. */
export async function run(ctx: CommandContext): Promise<number> {
  const { io, global } = ctx;
  const paths = resolvePaths(io.env);
  if (ctx.opts.path) {
    if (global.json) printJson(io, { path: paths.routinesDir });
    else io.stdout.write(`${paths.routinesDir}\n`);
    return ExitCode.Ok;
  }
  const { routines } = await loadRoutines(io, paths);
  const resolve = (id: string) => routines.find((r) => r.id === id);
  const seconds = (r: RoutineDefinitionWithMeta) => plannedSeconds(r, resolve);
  // Full records, as the other browse commands print them, plus the planned length and origin.
  const describe = ({ file, ...r }: RoutineDefinitionWithMeta) => ({
    ...r,
    seconds: seconds({ file, ...r }),
    source: file ? 'user' : 'built-in',
    ...(file ? { file } : {}),
  });
  const [id] = ctx.args as [string | undefined];
  const c = paint(global);
  const width = textWidth(io);

  if (id === undefined) {
    if (global.json) {
      printJson(io, { routines: routines.map(describe) });
      return ExitCode.Ok;
    }
    const idWidth = Math.max(...routines.map((r) => r.id.length + (r.file ? 7 : 0)));
    for (const r of routines) {
      const name = `${r.id}${r.file ? ' (yours)' : ''}`.padEnd(idWidth + 1);
      const facts = `${r.kind} · ${formatSeconds(seconds(r) * 1000)}${r.gentle ? ' · gentle' : ''}`;
      say(ctx, `${c.bold(name)}  ${r.title} ${c.dim(`(${facts})`)}`);
      say(ctx, c.dim(wrap(r.summary, width, ' '.repeat(idWidth + 3))));
    }
    say(ctx, c.dim(`\nRun one: neckcoach routine <id>. Your own go in ${paths.routinesDir} (neckcoach routine new <id>).`));
    return ExitCode.Ok;
  }

  const { findById } = await import('../content/catalogue.js');
  const routine = findById(routines, id, 'routine');
  if (global.json) {
    printJson(io, { routine: describe(routine) });
    return ExitCode.Ok;
  }
  const lines: string[] = [];
  lines.push(c.bold(`${routine.title} (${routine.id})`) + (routine.file ? c.dim(' · yours') : ''));
  lines.push(c.dim(`${routine.kind} · about ${formatSeconds(seconds(routine) * 1000)} · ${routine.gentle ? 'gentle' : 'not gentle: pressure or deep kneading'}`));
  lines.push('', wrap(routine.summary, width));
  if (routine.setup.length) lines.push('', c.bold('Setup'), ...routine.setup.map((s) => wrap(s, width, '  ')));
  if (routine.steps?.length) lines.push('', c.bold('Steps'), ...routine.steps.map((s) => wrap(stepLine(s), width, '  ')));
  if (routine.parts?.length) {
    lines.push('', c.bold('Parts'));
    for (const part of routine.parts) {
      const move = resolve(part.routine);
      const overrides = [part.reps ? `${part.reps} reps` : '', part.seconds ? `${part.seconds} s` : ''].filter(Boolean).join(', ');
      lines.push(`  ${move?.title ?? part.routine} (${part.routine})${overrides ? `: ${overrides}` : ''}`);
    }
  }
  if (routine.cautions.length) lines.push('', c.bold('Cautions'), ...routine.cautions.map((s) => wrap(s, width, '  ')));
  if (routine.file) lines.push('', c.dim(`From ${routine.file}`));
  else if ('sources' in routine && Array.isArray(routine.sources)) lines.push('', c.dim(`Sources: ${routine.sources.join(', ')}`));
  lines.push('', c.dim(`Run it: neckcoach routine ${routine.id}`));
  say(ctx, lines.join('\n'));
  return ExitCode.Ok;
}
