import { type AnyCommand, defineCommand, flag, isGroup, optionList } from '../command.js';
import { ANSWER_FLAGS, flagName } from '../core/answer-ids.js';
import { type CompletionCommand, completionScript, RUN, routineIds, SHELLS, type Shell } from '../core/completion.js';
import { SETTINGS } from '../core/settings.js';
import { didYouMean } from '../core/suggest.js';
import { usageError } from '../errors.js';
import { resolvePaths } from '../io/paths.js';
import { readRoutineFiles } from '../io/routine-files.js';

/** The scripts run this when completing a routine name, so the person's own routines are always current. */
const USER_ROUTINES = `${RUN}neckcoach completion --routines`;

/** The declarations as completion reads them. */
const completionTree = (command: AnyCommand): CompletionCommand => ({
  name: command.name,
  summary: command.summary,
  ...(isGroup(command)
    ? { subcommands: command.subcommands.map(completionTree) }
    : { args: command.args ?? [], options: optionList(command) }),
});

export default defineCommand({
  name: 'completion',
  args: ['[shell]'],
  summary: 'print a shell completion script (bash, zsh or fish)',
  options: { routines: flag('--routines', 'print the ids of your own routines, one a line (what the scripts run)') },
  examples: [
    ['source <(neckcoach completion bash)', 'bash, for this shell'],
    ['neckcoach completion zsh > "${fpath[1]}/_neckcoach"', 'zsh, for good'],
    ['neckcoach completion fish > ~/.config/fish/completions/neckcoach.fish', 'fish, for good'],
  ],
  async run({ args: [shell], options, io }) {
    if (options.routines) {
      // Read at completion time, without the catalogue or a schema: only the ids are wanted.
      const texts = readRoutineFiles(resolvePaths(io.env).routinesDir).files.flatMap((f) => ('text' in f ? [f.text] : []));
      for (const id of routineIds(texts)) io.stdout.write(`${id}\n`);
      return;
    }
    if (shell === undefined) throw usageError("missing required argument 'shell'", 'see `neckcoach completion --help` for how to use it');
    if (!(SHELLS as readonly string[]).includes(shell))
      throw usageError(`no completion for the shell "${shell}"`, didYouMean(shell, SHELLS));
    const [{ loadCommands, GLOBAL_OPTIONS }, { loadCatalogue }] = await Promise.all([
      import('../program.js'),
      import('../content/catalogue.js'),
    ]);
    const [commands, catalogue] = await Promise.all([loadCommands(), loadCatalogue()]);
    const ids = (list: readonly { id: string }[]) => list.map((x) => x.id);
    const answers = (question: string) => catalogue.questions.find((q) => q.id === question)?.answers?.map((a) => a.id) ?? [];
    const keys = SETTINGS.map((s) => s.key);
    const byArg: Record<string, readonly string[]> = {
      routine: [...ids(catalogue.routines), 'new', USER_ROUTINES],
      routines: ids(catalogue.routines),
      causes: ids(catalogue.causes),
      techniques: ids(catalogue.techniques),
      tips: ids(catalogue.tips),
      'config get': keys,
      'config set': keys,
      'config reset': keys,
      completion: SHELLS,
      help: commands.map((c) => c.name),
    };
    const byFlag: Record<string, readonly string[]> = {
      '--red-flag': ids(catalogue.redFlags),
      ...Object.fromEntries(
        ANSWER_FLAGS.map((flag) => [flagName(flag), answers(flag.question)] as const).filter(([, values]) => values.length > 0),
      ),
    };
    const script = completionScript(shell as Shell, {
      program: 'neckcoach',
      commands: [...commands.map(completionTree), { name: 'help', summary: 'show help for a command', args: ['[command]'] }],
      globalOptions: [{ flags: '-V, --version', description: 'print the version' }, ...GLOBAL_OPTIONS],
      // Only the first argument has a fixed vocabulary (an id, a key, a shell).
      argValues: (path, index) => (index === 0 ? (byArg[path] ?? []) : []),
      optionValues: (_path, flag) => byFlag[flag],
      // `config set <key> <value>`: the values that key accepts (a routine id for routine.default).
      secondArgValues: (path) =>
        path === 'config set'
          ? Object.fromEntries(
              SETTINGS.map((s) => [s.key, s.key === 'routine.default' ? [...ids(catalogue.routines), USER_ROUTINES] : (s.values ?? [])]),
            )
          : undefined,
    });
    io.stdout.write(script);
  },
});
