import fs from 'node:fs';
import path from 'node:path';
import { processIo } from './context.js';
import type * as StatusLine from './commands/remind/status-line.js';
import type * as Program from './program.js';

declare const NECKCOACH_VERSION: string;
/** The names of the commands, from the build (program.ts's COMMAND_NAMES). */
declare const NECKCOACH_COMMANDS: readonly string[];

// The built entry, dist/main.cjs. All of dist/ is CommonJS, so Node never starts its ESM loader,
// which cost more than everything else in a start. The fast paths touch as little as they can: no
// stream objects (fs.writeSync), and the tty module only where stdout could be a terminal.

/** Whether `fd` is a terminal; the fstat spares pipes and files the tty module (and with it net). */
const isTerminal = (fd: number): boolean =>
  fs.fstatSync(fd).isCharacterDevice() && (require('node:tty') as typeof import('node:tty')).isatty(fd);

/** A file the build rendered through the program, or undefined (not built yet: the build is rendering it). */
function rendered(name: string): string | undefined {
  try {
    return fs.readFileSync(path.join(__dirname, name), 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * `--version`, the top-level help and the completion scripts, without loading the program: the
 * build writes what the program prints for them to dist/. The help is commander's at its
 * 80-column width, so exact wherever the terminal is at least that wide (or not a terminal); a
 * shell with no completion has no file, and the program says so. Everything else goes through it.
 */
function precomputed(argv: readonly string[]): string | undefined {
  const [first, second, ...rest] = argv;
  if (first === 'completion' && second !== undefined && /^[a-z]+$/.test(second) && rest.length === 0)
    return rendered(`completion.${second}`);
  if (second !== undefined) return undefined;
  if (first === '-V' || first === '--version') return `${NECKCOACH_VERSION}\n`;
  const help = first === '-h' || first === '--help' || (first === undefined && !(isTerminal(0) && isTerminal(1)));
  if (!help || (isTerminal(1) && (process.stdout.columns ?? 0) < 80)) return undefined;
  return rendered('help.txt');
}

/** All of `text` to stdout; a closed pipe (`neckcoach --help | head`) or terminal ends it as for the program. */
function writeOut(text: string): void {
  const bytes = Buffer.from(text);
  for (let at = 0; at < bytes.length; ) {
    try {
      at += fs.writeSync(1, bytes, at);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') return;
      if (code === 'EIO') return hangUp();
      if (code !== 'EAGAIN') throw error; // EAGAIN: a full non-blocking pipe; try again
    }
  }
}

const HANGUP = 129;

/**
 * Ends as a hang-up does, by the signal itself (a shell sees 129): a normal exit would have Node 20
 * reset a terminal that is gone, which fails and aborts it (nodejs/node#58200).
 */
function hangUp(): void {
  process.exitCode = HANGUP;
  process.kill(process.pid, 'SIGHUP');
}

/**
 * A closed pipe (`neckcoach causes | head`) is the reader saying "enough", not an error; a terminal
 * that fails to take a write (EIO) has closed. A running routine listens too, and then it decides:
 * it ends the session, records it and returns its exit code. Node makes process.stdout and stderr
 * on first use (for a pipe that loads net), so the handler goes on as each is made, not before.
 */
function endQuietlyWhenClosed(name: 'stdout' | 'stderr'): void {
  const make = Object.getOwnPropertyDescriptor(process, name)?.get;
  if (!make) return;
  let made: NodeJS.WriteStream | undefined;
  Object.defineProperty(process, name, {
    configurable: true,
    enumerable: true,
    get() {
      if (made) return made;
      const stream = make.call(process) as NodeJS.WriteStream;
      stream.on('error', (error: NodeJS.ErrnoException) => {
        if (stream.listenerCount('error') > 1) return;
        if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
        if (error.code === 'EIO') return hangUp();
        throw error;
      });
      made = stream;
      return made;
    },
  });
}

/**
 * `remind status --short` and `--format <template>`, exactly so: a status bar runs them every few
 * seconds, so they skip commander (status.ts declares the same options for help and completions).
 * Null when the arguments are anything else; undefined means the short format.
 */
function statusLineArgs(argv: readonly string[]): { format?: string } | null {
  const [command, sub, option, value, ...rest] = argv;
  if (command !== 'remind' || sub !== 'status' || rest.length > 0) return null;
  if (option === '--short' && value === undefined) return {};
  if (option === '--format' && value !== undefined) return { format: value };
  if (option?.startsWith('--format=') && value === undefined) return { format: option.slice('--format='.length) };
  return null;
}

async function run(argv: readonly string[]): Promise<void> {
  endQuietlyWhenClosed('stdout');
  endQuietlyWhenClosed('stderr');
  const statusLine = statusLineArgs(argv);
  if (statusLine) {
    // dist/status-line.cjs, built on its own (scripts/build.mjs): the line without commander, and
    // small enough that compiling it costs less than the code cache's own start.
    const { printStatusLineFor } = require(path.join(__dirname, 'status-line.cjs')) as typeof StatusLine;
    process.exitCode = printStatusLineFor(statusLine.format);
    return;
  }
  const { CodeCache, codeCacheDir } = await import('./io/compile-cache.js');
  const command = argv.find((a) => !a.startsWith('-'));
  const cache = new CodeCache(
    codeCacheDir(process.env),
    NECKCOACH_COMMANDS.find((name) => name === command),
  );
  process.once('exit', () => cache.save());
  const { main } = cache.require(path.join(__dirname, 'program.cjs')) as typeof Program;
  const code = await main(argv, processIo());
  if (code === HANGUP) hangUp();
  else process.exitCode = code;
}

const argv = process.argv.slice(2);
const fast = precomputed(argv);
if (fast === undefined) void run(argv);
else writeOut(fast);
