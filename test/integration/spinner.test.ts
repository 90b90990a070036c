// ora shows only where a person waits at a terminal: never in a pipe, with --json or with -q.
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Io } from '../../src/context.js';
import { whileWaiting } from '../../src/io/spinner.js';

/** A stream with a terminal's cursor methods, as ora needs them; `terminal: false` leaves them out. */
function io(stderr: { isTTY: boolean; columns?: number }, terminal = stderr.isTTY): { io: Io; written: () => string } {
  let text = '';
  const err = new PassThrough();
  const cursor = (_: unknown, __?: unknown, done?: () => void) => (done?.(), true);
  if (terminal) Object.assign(err, { cursorTo: cursor, moveCursor: cursor, clearLine: cursor });
  err.on('data', (chunk) => (text += chunk));
  return {
    io: {
      stdout: new PassThrough(),
      stderr: Object.assign(err, stderr),
      stdin: Readable.from([]),
      env: {},
      clock: { now: () => 0 },
    },
    written: () => text,
  };
}

const global = { json: false, quiet: false, color: false };

describe('whileWaiting', () => {
  it('spins with its text on a terminal, and returns what the work returned', async () => {
    const { io: tty, written } = io({ isTTY: true, columns: 80 });
    await expect(whileWaiting({ io: tty, global }, 'Checking things…', async () => 42)).resolves.toBe(42);
    expect(written()).toContain('Checking things…');
  });

  it.each([
    ['a pipe', { isTTY: false }, global],
    ['a stream that says it is a terminal but cannot move the cursor', { isTTY: true, columns: 80, terminal: false }, global],
    ['a terminal that reports no width', { isTTY: true, columns: 0 }, global],
    ['--json', { isTTY: true, columns: 80 }, { ...global, json: true }],
    ['-q', { isTTY: true, columns: 80 }, { ...global, quiet: true }],
  ])('writes nothing to %s', async (_, stderr, options) => {
    const { io: target, written } = io(stderr, 'terminal' in stderr ? stderr.terminal : stderr.isTTY);
    await whileWaiting({ io: target, global: options }, 'Checking things…', async () => 1);
    expect(written()).toBe('');
  });

  it('stops the spinner when the work fails, and passes the error on', async () => {
    const { io: tty } = io({ isTTY: true, columns: 80 });
    await expect(whileWaiting({ io: tty, global }, 'Checking things…', async () => Promise.reject(new Error('no bus')))).rejects.toThrow(
      'no bus',
    );
  });
});
