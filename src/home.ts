import type { Command } from 'commander';
import { type Io, isInteractive } from './context.js';
import { ExitCode, usageError } from './errors.js';

type Main = (argv: readonly string[], io: Io) => Promise<number>;

const CHOICES: readonly { name: string; value: readonly string[]; description: string }[] = [
  { name: 'Check in on my neck', value: ['check'], description: 'a few questions, then causes, techniques and a plan' },
  { name: 'Do the desk break', value: ['routine', 'desk-break'], description: 'a gentle guided routine, about 2 minutes' },
  { name: 'Browse routines', value: ['routines'], description: 'every guided routine, to pick one' },
  { name: 'Break reminders', value: ['remind', 'status'], description: 'whether reminders run, and when the next is due' },
  { name: 'History and progress', value: ['stats'], description: 'streaks, breaks and your pain trend' },
  { name: 'Help', value: ['--help'], description: 'every command and flag' },
  { name: 'Quit', value: [], description: 'leave neckcoach' },
];

/** Bare `neckcoach`: a short menu for a person at a terminal, the help for everyone else. */
export async function home(program: Command, io: Io, globalFlags: readonly string[], main: Main): Promise<number> {
  if (globalFlags.includes('--json')) {
    throw usageError('--json needs a command', 'for example: neckcoach causes --json (see neckcoach --help)');
  }
  if (!isInteractive(io)) {
    program.outputHelp();
    return ExitCode.Ok;
  }
  const { default: select } = await import('@inquirer/select');
  const choice = await select(
    { message: 'What would you like to do?', choices: CHOICES },
    { input: io.stdin, output: io.stdout },
  );
  return choice.length === 0 ? ExitCode.Ok : main([...globalFlags, ...choice], io);
}
