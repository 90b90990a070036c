import { ANSWER_FLAGS, flagName } from '../core/answer-ids.js';
import type { CommandContext } from '../context.js';
import { usageError } from '../errors.js';
import { completionScript, SHELLS, type Shell } from '../core/completion.js';
import { SETTINGS } from '../core/settings.js';
import { didYouMean } from '../core/suggest.js';

/** `neckcoach completion bash|zsh|fish`: a script derived from the command table and the catalogue ids. */
export async function run(ctx: CommandContext): Promise<number> {
  const shell = String(ctx.args[0] ?? '');
  if (!(SHELLS as readonly string[]).includes(shell)) throw usageError(`no completion for the shell "${shell}"`, didYouMean(shell, SHELLS));
  const [{ commands, createProgram }, { loadCatalogue }] = await Promise.all([import('../cli.js'), import('../content/catalogue.js')]);
  const catalogue = await loadCatalogue();
  const ids = (list: readonly { id: string }[]) => list.map((x) => x.id);
  const answers = (question: string) => catalogue.questions.find((q) => q.id === question)?.answers?.map((a) => a.id) ?? [];
  const byArg: Record<string, readonly string[]> = {
    routine: [...ids(catalogue.routines), 'new'],
    routines: ids(catalogue.routines),
    causes: ids(catalogue.causes),
    techniques: ids(catalogue.techniques),
    tips: ids(catalogue.tips),
    'config get': SETTINGS.map((s) => s.key),
    'config set': SETTINGS.map((s) => s.key),
    'config reset': SETTINGS.map((s) => s.key),
    completion: SHELLS,
    help: commands.map((c) => c.name),
  };
  const byFlag: Record<string, readonly string[]> = {
    '--red-flag': ids(catalogue.redFlags),
    ...Object.fromEntries(ANSWER_FLAGS.map((flag) => [flagName(flag), answers(flag.question)] as const).filter(([, values]) => values.length > 0)),
  };
  const program = createProgram(ctx.io);
  const script = completionScript(shell as Shell, {
    program: 'neckcoach',
    commands: [...commands, { name: 'help', summary: 'show help for a command', args: ['[command]'] }],
    globalOptions: program.options.map((o) => ({ flags: o.flags, description: o.description })),
    // Only the first argument has a fixed vocabulary (an id, a key, a shell).
    argValues: (path, index) => (index === 0 ? byArg[path] ?? [] : []),
    optionValues: (_path, flag) => byFlag[flag],
  });
  ctx.io.stdout.write(script);
  return 0;
}
