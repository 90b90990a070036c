import type { Readable, Writable } from 'node:stream';
import type { Clock } from './core/clock.js';

/** A writable that may be a terminal. */
export type OutStream = Writable & { isTTY?: boolean; columns?: number };
export type InStream = Readable & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };

/** The outside world a command may touch, injected so integration tests run commands in-process. */
export interface Io {
  stdout: OutStream;
  stderr: OutStream;
  stdin: InStream;
  env: NodeJS.ProcessEnv;
  clock: Clock;
}

export interface GlobalOptions {
  json: boolean;
  color: boolean;
  quiet: boolean;
}

export function processIo(): Io {
  // stdin is a getter: touching process.stdin builds a stream, which --help never needs.
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    get stdin() {
      return process.stdin;
    },
    env: process.env,
    clock: { now: Date.now },
  };
}

export type ColorSetting = 'auto' | 'always' | 'never';

/**
 * Colour, in the order clig.dev gives: --no-color, then NO_COLOR, then FORCE_COLOR, then the
 * `color` setting, then whether stdout is a terminal. JSON is never coloured.
 */
export function wantsColor(io: Io, flag: boolean | undefined, json: boolean, setting: ColorSetting = 'auto'): boolean {
  if (json || flag === false) return false;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  if (setting !== 'auto') return setting === 'always';
  return Boolean(io.stdout.isTTY) && io.env.TERM !== 'dumb';
}

/** Whether the `color` setting could change `wantsColor`'s answer, so the settings file is worth reading. */
export function colorSettingMatters(io: Io, flag: boolean | undefined, json: boolean): boolean {
  return !json && flag !== false && (io.env.NO_COLOR ?? '') === '' && io.env.FORCE_COLOR === undefined;
}

/** Prompts need a person at a terminal on both ends. */
export function isInteractive(io: Io): boolean {
  return Boolean(io.stdin.isTTY && io.stdout.isTTY);
}
