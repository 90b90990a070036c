import type { Command } from 'commander';
import { type Io, isInteractive } from '../context.js';
import { ExitCode } from '../errors.js';

type Main = (argv: readonly string[], io: Io) => Promise<number>;

const CHOICES: readonly { name: string; value: readonly string[]; description: string }[] = [
  { name: 'Check in on my neck', value: ['check'], description: 'a few questions, then causes, techniques and a plan' },
  { name: 'Do the 2-minute desk break', value: ['routine', 'desk-break'], description: 'a gentle guided routine' },
  { name: 'Browse routines', value: ['routines'], description: 'every guided routine, to pick one' },
  { name: 'Break reminders', value: ['remind', 'status'], description: 'whether reminders run, and when the next is due' },
  { name: 'History and progress', value: ['stats'], description: 'streaks, breaks and your pain trend' },
  { name: 'Help', value: ['--help'], description: 'every command and flag' },
];

/** Bare `neckcoach`: a short menu for a person at a terminal, the help for everyone else. */
export async function home(program: Command, io: Io, globalFlags: readonly string[], main: Main): Promise<number> {
  if (!isInteractive(io)) {
    program.outputHelp();
    return ExitCode.Ok;
  }
  const { default: select } = await import('@inquirer/select');
  const choice = await select(
    { message: 'What would you like to do?', choices: CHOICES.map((c) => ({ ...c, value: c.value })) },
    { input: io.stdin, output: io.stdout },
  );
  return main([...globalFlags, ...choice], io);
}
