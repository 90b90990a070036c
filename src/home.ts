import type { Command } from 'commander';
import { type Io, isInteractive } from './context.js';
import { ExitCode, usageError } from './errors.js';

type Main = (argv: readonly string[], io: Io) => Promise<number>;

/** A menu entry: the command line it runs, or another menu to open. */
interface Entry {
  name: string;
  description: string;
  run?: readonly string[];
  open?: 'routines' | 'reminders';
}

const HOME: readonly Entry[] = [
  { name: 'Check in on my neck', run: ['check'], description: 'a few questions, then causes, techniques and a plan' },
  { name: 'Do the desk break', run: ['routine', 'desk-break'], description: 'a gentle guided routine, about 2 minutes' },
  { name: 'Run a routine…', open: 'routines', description: 'pick any guided routine, yours included' },
  { name: 'Break reminders…', open: 'reminders', description: 'start, pause, resume or stop them, or see when the next is due' },
  { name: 'History and progress', run: ['stats'], description: 'streaks, breaks and your pain trend' },
  { name: 'Help', run: ['--help'], description: 'every command and flag' },
  { name: 'Quit', run: [], description: 'leave neckcoach (Esc does too)' },
];

const REMINDERS: readonly Entry[] = [
  { name: 'Status', run: ['remind', 'status'], description: 'whether reminders run, and when the next is due' },
  { name: 'Start', run: ['remind', 'start'], description: 'reminders in the background, every 45 minutes unless you set otherwise' },
  { name: 'Pause', run: ['remind', 'pause'], description: 'no reminders until you resume' },
  { name: 'Resume', run: ['remind', 'resume'], description: 'end a pause or a snooze' },
  { name: 'Stop', run: ['remind', 'stop'], description: 'stop the background scheduler' },
];

const BACK: Entry = { name: 'Back', description: 'to the first menu (Esc does too)' };

/**
 * One menu. Escape resolves to null (go back, or leave from the first menu); Ctrl-C still ends
 * the program with 130 through the prompt's own error.
 */
async function choose(io: Io, message: string, entries: readonly Entry[]): Promise<Entry | null> {
  const { default: select } = await import('@inquirer/select');
  const escape = new AbortController();
  const onKey = (_: unknown, key?: { name?: string }) => {
    if (key?.name === 'escape') escape.abort();
  };
  const prompt = select(
    { message, choices: entries.map((entry) => ({ name: entry.name, value: entry, description: entry.description })) },
    {
      input: io.stdin,
      output: io.stdout,
      signal: escape.signal,
    },
  );
  // The prompt's readline emits keypress events on its input; Escape arrives as one of them.
  io.stdin.on('keypress', onKey);
  try {
    return await prompt;
  } catch (error) {
    if (escape.signal.aborted) return null;
    throw error;
  } finally {
    io.stdin.off('keypress', onKey);
  }
}

async function routineEntries(io: Io): Promise<Entry[]> {
  const [{ loadRoutines }, { resolvePaths }, { printable }] = await Promise.all([
    import('./content/routines.js'),
    import('./io/paths.js'),
    import('./core/printable.js'),
  ]);
  const { routines } = await loadRoutines(resolvePaths(io.env).routinesDir);
  // A person's own titles and summaries are file text: made printable before the menu shows them.
  return routines.map((r) => ({
    name: printable(r.title),
    run: ['routine', r.id],
    description: printable(`${r.summary}${r.file ? ' (yours)' : ''}`),
  }));
}

/** Bare `neckcoach`: a short menu for a person at a terminal, the help for everyone else. */
export async function home(program: Command, io: Io, globalFlags: readonly string[], main: Main): Promise<number> {
  if (globalFlags.includes('--json')) {
    throw usageError('--json needs a command', 'for example: neckcoach causes --json (see neckcoach --help)');
  }
  if (!isInteractive(io)) {
    program.outputHelp();
    return ExitCode.Ok;
  }
  for (;;) {
    const picked = await choose(io, 'What would you like to do?', HOME);
    if (picked === null || picked.run?.length === 0) return ExitCode.Ok;
    let entry: Entry | null = picked;
    if (picked.open) {
      const entries = picked.open === 'routines' ? await routineEntries(io) : REMINDERS;
      entry = await choose(io, picked.open === 'routines' ? 'Which routine?' : 'Break reminders', [...entries, BACK]);
      if (entry === null || entry === BACK) continue;
    }
    return main([...globalFlags, ...(entry.run ?? [])], io);
  }
}
