import { Command, CommanderError, Option } from 'commander';
import { type AnyCommand, isGroup, type OptionDecl } from './command.js';
import { type ColorSetting, type GlobalOptions, type Io, colorSettingMatters, wantsColor } from './context.js';
import { ExitCode, reportError } from './errors.js';

declare const NECKCOACH_VERSION: string;
const version = typeof NECKCOACH_VERSION === 'string' ? NECKCOACH_VERSION : '0.0.0-dev';

type Loader = () => Promise<{ default: AnyCommand }>;

/** Every command of the contract, in the order `--help` lists them; each file loads only when needed. */
const COMMANDS: Readonly<Record<string, Loader>> = {
  check: () => import('./commands/check.js'),
  plan: () => import('./commands/plan.js'),
  routine: () => import('./commands/routine.js'),
  programme: () => import('./commands/programme/index.js'),
  remind: () => import('./commands/remind/index.js'),
  causes: () => import('./commands/causes.js'),
  techniques: () => import('./commands/techniques.js'),
  routines: () => import('./commands/routines.js'),
  tips: () => import('./commands/tips.js'),
  questions: () => import('./commands/questions.js'),
  log: () => import('./commands/log.js'),
  history: () => import('./commands/history.js'),
  stats: () => import('./commands/stats.js'),
  report: () => import('./commands/report.js'),
  config: () => import('./commands/config/index.js'),
  completion: () => import('./commands/completion.js'),
};

export const COMMAND_NAMES = Object.keys(COMMANDS);

/** The declarations of `names` (all of them by default), in help order. */
export async function loadCommands(names: readonly string[] = COMMAND_NAMES): Promise<AnyCommand[]> {
  const modules = await Promise.all(names.map((name) => COMMANDS[name]!()));
  return modules.map((m) => m.default);
}

/** The global options every command accepts, declared once for commander, help and completions. */
export const GLOBAL_OPTIONS: readonly OptionDecl[] = [
  { flags: '--json', description: 'machine-readable output on stdout (NDJSON for routines)' },
  { flags: '--no-color', description: 'no colour (also NO_COLOR=1; FORCE_COLOR=1 forces it)' },
  { flags: '-q, --quiet', description: 'print only what was asked for' },
];

const SAFETY =
  'Safety: neckcoach is a self-care aid, not medical advice or a diagnosis. In an\n' +
  'emergency call your local emergency number. Check with a clinician first if you\n' +
  'have a health condition or a recent injury.';

const EXIT_CODES =
  'Exit codes: 0 ok, 1 failure, 2 usage error, 3 refused after a red flag,\n129 terminal closed, 130 interrupted, 143 terminated.';

export const HELP_WIDTH = 80;

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

function toOption(spec: OptionDecl): Option {
  const option = new Option(spec.flags, spec.description);
  if (spec.choices) option.choices(spec.choices);
  if (spec.repeatable) option.argParser(collect);
  if (spec.default !== undefined) option.default(spec.default);
  return option;
}

/** Examples with their descriptions in a column, or each under its command when a column would pass 80. */
function examplesText(examples: AnyCommand['examples']): string {
  if (!examples?.length) return '';
  const width = Math.max(...examples.map(([c]) => c.length));
  const aligned = examples.every(([, what]) => 4 + width + 2 + what.length <= HELP_WIDTH);
  const lines = examples.map(([c, what]) => (aligned ? `  $ ${c.padEnd(width)}  ${what}` : `  $ ${c}\n      ${what}`));
  return `\nExamples:\n${lines.join('\n')}\n`;
}

async function globalOptions(command: Command, io: Io): Promise<GlobalOptions> {
  const all = command.optsWithGlobals() as { json?: boolean; quiet?: boolean };
  const json = Boolean(all.json);
  // --no-color makes commander's `color` false; its default (true) means "not given".
  const flag = command.getOptionValueSourceWithGlobals('color') === 'cli' ? false : undefined;
  let setting: ColorSetting = 'auto';
  if (colorSettingMatters(io, flag, json)) {
    const [{ readSettings }, { resolvePaths }] = await Promise.all([import('./io/config.js'), import('./io/paths.js')]);
    setting = readSettings(resolvePaths(io.env), io).color;
  }
  return { json, color: wantsColor(io, flag, json, setting), quiet: Boolean(all.quiet) };
}

function addCommand(parent: Command, spec: AnyCommand, io: Io, setExit: (code: number) => void): void {
  // Declarations break lines for reading in source; commander re-wraps each paragraph to the help width.
  const description = (spec.description ?? spec.summary).replace(/(?<!\n)\n(?!\n)/g, ' ');
  const command = parent.command(spec.name).summary(spec.summary).description(description);
  const examples = examplesText(spec.examples);
  if (examples) command.addHelpText('after', examples);
  if (isGroup(spec)) {
    for (const sub of spec.subcommands) addCommand(command, sub, io, setExit);
    return;
  }
  for (const arg of spec.args ?? []) command.argument(arg);
  for (const option of Object.values(spec.options ?? {})) command.addOption(toOption(option));
  command.action(async (...received: unknown[]) => {
    const self = received.at(-1) as Command;
    const code = await spec.run({
      args: received.slice(0, -2) as string[],
      options: self.opts(),
      global: await globalOptions(self, io),
      io,
    });
    setExit(code ?? ExitCode.Ok);
  });
}

/**
 * The commander program. With `only`, just that command is loaded and registered (start-up reads
 * one command's code); without, every command is (help, completions, an unknown command).
 */
export async function createProgram(io: Io, setExit: (code: number) => void = () => {}, only?: string): Promise<Command> {
  const program = new Command('neckcoach')
    .description('A terminal self-care coach for neck pain: check in, run guided routines, take breaks.')
    .version(version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help for a command')
    .helpCommand('help [command]', 'show help for a command')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      // Help stays within 80 columns, a readable measure, so the build can precompute it (main.ts).
      getOutHelpWidth: () => Math.min(io.stdout.isTTY ? (io.stdout.columns ?? HELP_WIDTH) : HELP_WIDTH, HELP_WIDTH),
      getErrHelpWidth: () => Math.min(io.stderr.isTTY ? (io.stderr.columns ?? HELP_WIDTH) : HELP_WIDTH, HELP_WIDTH),
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // Commander's "error: …\n(Did you mean …?)" becomes one `neckcoach:` line.
      outputError: (text, write) => write(usageLines(text, 'neckcoach')),
    })
    .addHelpText(
      'after',
      examplesText([
        ['neckcoach check', 'a symptom check-in with a plan'],
        ['neckcoach routine desk-break', 'a guided two-minute break'],
        ['neckcoach remind start', 'break reminders every 45 minutes'],
        ['neckcoach stats', 'how you are doing'],
      ]) + `\n${EXIT_CODES}\n\n${SAFETY}\n`,
    );
  for (const option of GLOBAL_OPTIONS) program.addOption(toOption(option));
  const names = only !== undefined && only in COMMANDS ? [only] : COMMAND_NAMES;
  for (const spec of await loadCommands(names)) addCommand(program, spec, io, setExit);
  program.commands.forEach(function inherit(command: Command) {
    const path = commandPath(command);
    command
      .exitOverride()
      .configureOutput({ ...program.configureOutput(), outputError: (text, write) => write(usageLines(text, path)) })
      .showSuggestionAfterError(true);
    command.commands.forEach(inherit);
  });
  return program;
}

/** `neckcoach remind pause`: the words that run `command`. */
function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/**
 * Commander's "error: …\n(Did you mean …?)" as one `neckcoach:` line, then a hint line like every
 * other usage error's: where the usage of that very command is (a missing argument, an unknown
 * option or a value not among the choices all read the same way).
 */
function usageLines(text: string, path: string): string {
  return `neckcoach: ${text
    .replace(/^error: /, '')
    .replace(/\s*\n\s*/g, ' ')
    .trim()}\n  see \`${path} --help\` for how to use it\n`;
}

/** Bare `neckcoach`, perhaps with global flags, opens the home menu. */
const HOME_FLAGS = new Set(['--json', '--no-color', '-q', '--quiet']);

/** Runs one invocation and returns its exit code; the single error boundary of the program. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  let exitCode: number = ExitCode.Ok;
  try {
    const setExit = (code: number) => {
      exitCode = code;
    };
    if (argv.every((a) => HOME_FLAGS.has(a))) {
      const { home } = await import('./home.js');
      return await home(await createProgram(io, setExit), io, argv, main);
    }
    // Global options are all flags, so the first word that is not one names the command.
    const program = await createProgram(
      io,
      setExit,
      argv.find((a) => !a.startsWith('-')),
    );
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
    return reportError(error, io);
  }
}
