import type { Io } from '../context.js';

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
  /** Restores the terminal's mode; safe to call more than once. */
  close(): void;
}

export interface Screen extends Keys {
  /** Replaces the whole frame in place: no clear, so no flicker. */
  draw(lines: readonly string[]): void;
  size(): { columns: number; rows: number };
  onResize(listener: () => void): void;
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
    stdin.setRawMode?.(false);
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
  const restore = () => {
    if (closed) return;
    closed = true;
    keys.close();
    stdout.off('resize', onResize);
    stdout.write(`${ALT_OFF}${CURSOR_SHOW}`);
    process.off('exit', restore);
  };
  process.on('exit', restore);
  stdout.on('resize', onResize);
  stdout.write(`${ALT_ON}${CURSOR_HIDE}${ESC}[H${ESC}[2J`);

  return {
    draw(lines) {
      if (closed) return;
      stdout.write(`${ESC}[H${lines.map((line) => `${line}${ESC}[K`).join('\r\n')}${ESC}[J`);
    },
    size: () => terminalSize(stdout),
    onKey: keys.onKey,
    onResize: (listener) => void resizeListeners.push(listener),
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
      stdin.setRawMode?.(false);
      stdin.pause();
      resolve(key);
    };
    const onData = (data: Buffer | string) => done(decodeKeys(data.toString())[0] ?? null);
    const onEnd = () => done(null);
    stdin.setRawMode?.(true);
    stdin.setEncoding('utf8');
    stdin.on('data', onData);
    stdin.on('end', onEnd);
    stdin.resume();
  });
}

export type StopSignal = 'SIGINT' | 'SIGTERM' | 'SIGHUP';

/**
 * Routes Ctrl-C, SIGTERM and SIGHUP to one handler (instead of Node's immediate exit), so the
 * runner can end the routine, record it and restore the terminal. Returns the undo.
 */
export function onStopSignals(handler: (signal: StopSignal) => void): () => void {
  const signals: StopSignal[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const listeners = signals.map((signal) => {
    const listener = () => handler(signal);
    process.on(signal, listener);
    return [signal, listener] as const;
  });
  return () => {
    for (const [signal, listener] of listeners) process.off(signal, listener);
  };
}

/** The terminal bell: a cue that needs no eyes. */
export const BELL = '\u0007';
