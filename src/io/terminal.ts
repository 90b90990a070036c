import type { InStream, Io, OutStream } from '../context.js';
import type { StopReason } from '../core/session.js';

const ESC = '\u001b';
export const CURSOR_HIDE = `${ESC}[?25l`;
export const CURSOR_SHOW = `${ESC}[?25h`;
const ALT_ON = `${ESC}[?1049h`;
const ALT_OFF = `${ESC}[?1049l`;

const SEQUENCES: Record<string, string> = {
  [`${ESC}[C`]: 'right',
  [`${ESC}OC`]: 'right',
  [`${ESC}[D`]: 'left',
  [`${ESC}OD`]: 'left',
  [`${ESC}[A`]: 'up',
  [`${ESC}OA`]: 'up',
  [`${ESC}[B`]: 'down',
  [`${ESC}OB`]: 'down',
};

/** Raw terminal input → key names: `space`, `right`, `left`, `ctrl-c`, or the character (lower-cased). */
export function decodeKeys(chunk: string): string[] {
  const keys: string[] = [];
  for (let i = 0; i < chunk.length; ) {
    const sequence = Object.keys(SEQUENCES).find((s) => chunk.startsWith(s, i));
    if (sequence) {
      keys.push(SEQUENCES[sequence]!);
      i += sequence.length;
      continue;
    }
    if (chunk[i] === ESC) {
      // An unknown escape sequence: skip it whole rather than reading its letters as keys.
      const match = /^\u001b(\[[0-9;?]*[ -/]*[@-~]|O.|.?)/.exec(chunk.slice(i));
      i += match ? match[0].length : 1;
      keys.push('escape');
      continue;
    }
    const ch = chunk[i]!;
    i++;
    if (ch === '\u0003') keys.push('ctrl-c');
    else if (ch === '\u0004') keys.push('ctrl-d');
    else if (ch === ' ') keys.push('space');
    else if (ch === '\r' || ch === '\n') keys.push('enter');
    else keys.push(ch.toLowerCase());
  }
  return keys;
}

/** Keys from a terminal in raw mode. */
export interface Keys {
  onKey(listener: (key: string) => void): void;
  /** Restores the terminal's mode; safe to call more than once, and after the terminal has gone. */
  close(): void;
}

export interface Screen extends Keys {
  /** Replaces the whole frame in place: no clear, so no flicker. */
  draw(lines: readonly string[]): void;
  size(): { columns: number; rows: number };
  /** Calls `listener` on each resize; returns the undo. */
  onResize(listener: () => void): () => void;
  /** Leaves the alternate screen and shows the cursor; `lost`: the terminal has gone, write nothing. */
  close(lost?: boolean): void;
}

/** Back to line mode. A terminal that has hung up refuses (EIO), and has nothing left to restore. */
function cookedMode(stdin: Io['stdin']): void {
  try {
    stdin.setRawMode?.(false);
  } catch {
    // gone: nothing to restore
  }
}

/**
 * Reads keys in raw mode (Ctrl-C arrives as the key `ctrl-c`, not a signal). `close` restores the
 * mode, and so does process exit, so a crash never leaves the shell without echo.
 */
export function openKeys(stdin: Io['stdin']): Keys {
  const listeners: ((key: string) => void)[] = [];
  let closed = false;
  const onData = (data: Buffer | string) => {
    for (const key of decodeKeys(data.toString())) for (const listener of listeners) listener(key);
  };
  const close = () => {
    if (closed) return;
    closed = true;
    stdin.off('data', onData);
    cookedMode(stdin);
    stdin.pause();
    process.off('exit', close);
  };
  process.on('exit', close);
  stdin.setRawMode?.(true);
  stdin.setEncoding('utf8');
  stdin.on('data', onData);
  stdin.resume();
  return { onKey: (listener) => void listeners.push(listener), close };
}

/**
 * Takes over the terminal: raw-mode keys, hidden cursor, the alternate screen. `close` undoes all
 * of it, and so does process exit.
 */
export function openScreen(io: Pick<Io, 'stdin' | 'stdout'>): Screen {
  const { stdout } = io;
  const keys = openKeys(io.stdin);
  const resizeListeners: (() => void)[] = [];
  let closed = false;
  const onResize = () => {
    for (const listener of resizeListeners) listener();
  };
  const restore = (lost = false) => {
    if (closed) return;
    closed = true;
    keys.close();
    stdout.off('resize', onResize);
    if (!lost && !stdout.destroyed) stdout.write(`${ALT_OFF}${CURSOR_SHOW}`);
    process.off('exit', exitHook);
  };
  const exitHook = () => restore();
  process.on('exit', exitHook);
  stdout.on('resize', onResize);
  stdout.write(`${ALT_ON}${CURSOR_HIDE}${ESC}[H${ESC}[2J`);

  return {
    draw(lines) {
      if (closed || stdout.destroyed) return;
      stdout.write(`${ESC}[H${lines.map((line) => `${line}${ESC}[K`).join('\r\n')}${ESC}[J`);
    },
    size: () => terminalSize(stdout),
    onKey: keys.onKey,
    onResize(listener) {
      resizeListeners.push(listener);
      return () => {
        const i = resizeListeners.indexOf(listener);
        if (i >= 0) resizeListeners.splice(i, 1);
      };
    },
    close: restore,
  };
}

/** Columns and rows of a terminal stream (80×24 when it does not say). */
export function terminalSize(stdout: Pick<Io['stdout'], 'columns'>): { columns: number; rows: number } {
  return { columns: stdout.columns ?? 80, rows: (stdout as { rows?: number }).rows ?? 24 };
}

/**
 * Waits for one key in raw mode and gives back its name (as decodeKeys names it), or null when
 * input ends first. The terminal's mode is restored before it resolves.
 */
export function readKey(stdin: Io['stdin']): Promise<string | null> {
  return new Promise((resolve) => {
    const done = (key: string | null) => {
      stdin.off('data', onData);
      stdin.off('end', onEnd);
      stdin.off('error', onEnd);
      cookedMode(stdin);
      stdin.pause();
      resolve(key);
    };
    const onData = (data: Buffer | string) => done(decodeKeys(data.toString())[0] ?? null);
    // Input that ends, or a terminal that hangs up (EIO), is no key.
    const onEnd = () => done(null);
    stdin.setRawMode?.(true);
    stdin.setEncoding('utf8');
    stdin.on('data', onData);
    stdin.on('end', onEnd);
    stdin.on('error', onEnd);
    stdin.resume();
  });
}

const SIGNAL_REASONS = { SIGINT: 'interrupted', SIGTERM: 'terminated', SIGHUP: 'hangup' } as const satisfies Record<string, StopReason>;

/**
 * What ends a routine from outside, as its reason (design §6): Ctrl-C sent as a signal, SIGTERM,
 * SIGHUP; a terminal that has gone (writing to it or reading from it fails, EIO); a closed stdout
 * (EPIPE, `| head`). Listening replaces Node's own handling (exit at once on a signal, throw on a
 * stream error) so the runner can end the session, record it and restore what is left of the
 * terminal. `stdin` is watched only while keys are read from it. Returns a subscribe function;
 * each subscription returns its undo.
 */
export function stopSource(
  streams: { stdout: OutStream; stderr: OutStream; stdin?: InStream },
  signals: Pick<NodeJS.Process, 'on' | 'off'> = process,
): (listener: (reason: StopReason, outputLost: boolean) => void) => () => void {
  const { stdout, stderr, stdin } = streams;
  // A hang-up takes stdout with it only when stdout is that terminal (not `--json > file`).
  const hungUp = () => Boolean(stdout.isTTY);
  return (listener) => {
    const undo: (() => void)[] = [];
    const listen = (target: Pick<NodeJS.EventEmitter, 'on' | 'off'>, event: string, handler: () => void) => {
      target.on(event, handler);
      undo.push(() => target.off(event, handler));
    };
    for (const [signal, reason] of Object.entries(SIGNAL_REASONS))
      listen(signals, signal, () => listener(reason, reason === 'hangup' && hungUp()));
    // At a terminal any failure to write means it has gone; a pipe or file that fails is closed.
    listen(stdout, 'error', () => listener(stdout.isTTY ? 'hangup' : 'closed', true));
    // A closed stderr pipe only loses remarks; a terminal that fails there has gone.
    listen(stderr, 'error', () => {
      if (stderr.isTTY) listener('hangup', hungUp());
    });
    if (stdin) listen(stdin, 'error', () => listener('hangup', hungUp()));
    return () => {
      for (const off of undo) off();
    };
  };
}

/** The terminal bell: a cue that needs no eyes. */
export const BELL = '\u0007';
