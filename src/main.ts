import { readFileSync } from 'node:fs';
import module, { createRequire } from 'node:module';
import { isatty } from 'node:tty';

declare const NECKCOACH_VERSION: string;

const HANGUP = 129;

/**
 * Ends as a hang-up does, by the signal itself (a shell sees 129): a normal exit would have Node 20
 * reset a terminal that is gone, which fails and aborts it (nodejs/node#58200).
 */
function hangUp(): void {
  process.exitCode = HANGUP;
  process.kill(process.pid, 'SIGHUP');
}

// A closed pipe (`neckcoach --help | head`) is the reader saying "enough", not an error; a terminal
// that fails to take a write (EIO) has closed. A running routine listens too, and then it decides:
// it ends the session, records it and returns its exit code.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (stream.listenerCount('error') > 1) return;
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    if (error.code === 'EIO') return hangUp();
    throw error;
  });
}

/**
 * `--version`, and the top-level help, without loading commander: the build writes the help that
 * commander renders at its 80-column width to dist/help.txt, so it is exact wherever the terminal
 * is at least that wide (or not a terminal). Everything else goes through the program.
 */
function precomputed(argv: readonly string[]): string | undefined {
  const [only, ...rest] = argv;
  if (rest.length > 0) return undefined;
  if (only === '-V' || only === '--version') return `${NECKCOACH_VERSION}\n`;
  const help = only === '-h' || only === '--help' || (only === undefined && !(isatty(0) && isatty(1)));
  if (!help || (isatty(1) && (process.stdout.columns ?? 0) < 80)) return undefined;
  try {
    return readFileSync(new URL('help.txt', import.meta.url), 'utf8');
  } catch {
    return undefined; // not built yet: the build itself renders the help through commander
  }
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

const argv = process.argv.slice(2);
const fast = precomputed(argv);
const statusLine = fast === undefined ? statusLineArgs(argv) : null;
// Node 22.1+ caches compiled code between runs, most of the start-up cost left; Node 20 lacks the API.
if (fast === undefined) (module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
if (fast !== undefined) {
  process.stdout.write(fast);
} else if (statusLine) {
  // Built as dist/status-line.cjs on its own (scripts/build.mjs): one synchronous load.
  const { printStatusLineFor } = createRequire(import.meta.url)('./status-line.cjs') as typeof import('./commands/remind/status-line.js');
  process.exitCode = printStatusLineFor(statusLine.format);
} else {
  const [{ main }, { processIo }] = await Promise.all([import('./program.js'), import('./context.js')]);
  const code = await main(argv, processIo());
  if (code === HANGUP) hangUp();
  else process.exitCode = code;
}
