import { Command, CommanderError, Option } from 'commander';
import { catalogueCommands } from './cli/catalogue.js';
import { checkCommands } from './cli/check.js';
import { remindCommand } from './cli/remind.js';
import { routineCommands } from './cli/routine.js';
import type { CommandSpec, OptionSpec } from './cli/spec.js';
import { trackingCommands } from './cli/tracking.js';
import { type ColorSetting, type CommandContext, type GlobalOptions, type Io, colorSettingMatters, wantsColor } from './context.js';
import { CliError, ExitCode, isPromptExit } from './errors.js';

declare const NECKCOACH_VERSION: string;
const version = typeof NECKCOACH_VERSION === 'string' ? NECKCOACH_VERSION : '0.0.0-dev';

/** Every command of the contract, in the order `--help` lists them. */
export const commands: readonly CommandSpec[] = [
  ...checkCommands,
  ...routineCommands,
  remindCommand,
  ...catalogueCommands,
  ...trackingCommands,
];

const SAFETY =
  'Safety: neckcoach is a self-care aid, not medical advice or a diagnosis. In an\n' +
  'emergency call your local emergency number. Check with a clinician first if you\n' +
  'have a health condition or a recent injury.';

const EXIT_CODES = 'Exit codes: 0 ok, 1 failure, 2 usage error, 3 refused after a red flag,\n130 interrupted.';

export const HELP_WIDTH = 80;

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

function toOption(spec: OptionSpec): Option {
  const option = new Option(spec.flags, spec.description);
  if (spec.choices) option.choices(spec.choices);
  if (spec.repeatable) option.argParser(collect);
  if (spec.default !== undefined) option.default(spec.default);
  return option;
}

/** Examples with their descriptions in a column, or each under its command when a column would pass 80. */
function examplesText(examples: CommandSpec['examples']): string {
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
    setting = readSettings(resolvePaths(io.env), io).color as ColorSetting;
  }
  return { json, color: wantsColor(io, flag, json, setting), quiet: Boolean(all.quiet) };
}

function addCommand(parent: Command, spec: CommandSpec, io: Io, setExit: (code: number) => void): void {
  // Specs break lines for reading in source; commander re-wraps each paragraph to the help width.
  const description = (spec.description ?? spec.summary).replace(/(?<!\n)\n(?!\n)/g, ' ');
  const command = parent.command(spec.name).summary(spec.summary).description(description);
  for (const arg of spec.args ?? []) command.argument(arg);
  for (const option of spec.options ?? []) command.addOption(toOption(option));
  const examples = examplesText(spec.examples);
  if (examples) command.addHelpText('after', examples);
  if (spec.subcommands) {
    for (const sub of spec.subcommands) addCommand(command, sub, io, setExit);
    return;
  }
  command.action(async (...received: unknown[]) => {
    const self = received.at(-1) as Command;
    const context: CommandContext = {
      args: received.slice(0, -2),
      opts: self.opts(),
      global: await globalOptions(self, io),
      io,
    };
    const { run } = await spec.load();
    setExit((await run(context)) ?? ExitCode.Ok);
  });
}

/** The commander program: built from the spec tables, parses without side effects until an action runs. */
export function createProgram(io: Io, setExit: (code: number) => void = () => {}): Command {
  const program = new Command('neckcoach')
    .description('A terminal self-care coach for neck pain: check in, run guided routines, take breaks.')
    .version(version, '-V, --version', 'print the version')
    .option('--json', 'machine-readable output on stdout (NDJSON for routines)')
    .option('--no-color', 'no colour (also NO_COLOR=1; FORCE_COLOR=1 forces it)')
    .option('-q, --quiet', 'print only what was asked for')
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
      outputError: (text, write) => write(`neckcoach: ${text.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ').trim()}\n`),
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
  for (const spec of commands) addCommand(program, spec, io, setExit);
  program.commands.forEach(function inherit(command: Command) {
    command.exitOverride().configureOutput(program.configureOutput()).showSuggestionAfterError(true);
    command.commands.forEach(inherit);
  });
  return program;
}

/** Prints an error the way people should see it: one line, a hint, a stack only when debugging. */
export function reportError(error: unknown, io: Io): number {
  if (error instanceof CliError) {
    io.stderr.write(`neckcoach: ${error.message}\n`);
    if (error.hint) io.stderr.write(`  ${error.hint}\n`);
    if (io.env.NECKCOACH_DEBUG === '1' && error.stack) io.stderr.write(`${error.stack}\n`);
    return error.exitCode;
  }
  if (isPromptExit(error)) return ExitCode.Interrupted;
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`neckcoach: ${message}\n`);
  if (io.env.NECKCOACH_DEBUG === '1' && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
  else io.stderr.write('  run again with NECKCOACH_DEBUG=1 for details\n');
  return ExitCode.Runtime;
}

/** Runs one invocation and returns its exit code; the single error boundary of the program. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  let exitCode: number = ExitCode.Ok;
  const program = createProgram(io, (code) => {
    exitCode = code;
  });
  try {
    if (argv.every((a) => HOME_FLAGS.has(a))) {
      const { home } = await import('./commands/home.js');
      return await home(program, io, argv, main);
    }
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
    }
    return reportError(error, io);
  }
}

/** Bare `neckcoach`, perhaps with global flags, opens the home menu. */
const HOME_FLAGS = new Set(['--json', '--no-color', '-q', '--quiet']);
