import type { ChalkInstance } from 'chalk';
import type { GlobalOptions, Io } from '../context.js';
import { paint } from './paint.js';

/** Every JSON document neckcoach prints carries this version (design §6). */
export const SCHEMA_VERSION = 1;

export function printJson(io: Pick<Io, 'stdout'>, document: Record<string, unknown> | unknown[]): void {
  io.stdout.write(`${JSON.stringify(Array.isArray(document) ? document : { schemaVersion: SCHEMA_VERSION, ...document }, null, 2)}\n`);
}

/** Where a command's output goes and how: the injected streams and the global flags. */
export interface OutputContext {
  io: Io;
  global: GlobalOptions;
}

/**
 * The one way a command prints its result: the document as JSON with --json, otherwise the human
 * rendering, coloured or plain as decided once, wrapped to the terminal. A `confirmation` ("Logged
 * pain 4/10") is not what was asked for, so -q silences it; JSON is always printed.
 */
export function output(
  ctx: OutputContext,
  document: Record<string, unknown> | unknown[],
  human: (chalk: ChalkInstance, width: number) => string,
  { confirmation = false } = {},
): void {
  if (ctx.global.json) return printJson(ctx.io, document);
  if (confirmation && ctx.global.quiet) return;
  say(ctx, human(paint(ctx.global), textWidth(ctx.io)));
}

/** Human output goes to stdout; with --json nothing but JSON may, so callers check first. */
export function say(ctx: OutputContext, text: string): void {
  if (!ctx.global.json) ctx.io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** Progress and remarks go to stderr, and -q silences them. */
export function note(ctx: OutputContext, text: string): void {
  if (!ctx.global.quiet) ctx.io.stderr.write(`${text}\n`);
}

/** Width to wrap human text to: the terminal's, capped for readability; 80 when not a terminal. */
export function textWidth(io: Pick<Io, 'stdout'>): number {
  const columns = io.stdout.isTTY ? (io.stdout.columns ?? 80) : 80;
  return Math.max(40, Math.min(columns, 100));
}

/** A duration as people read it, the one format across neckcoach: "45 s", "2 min", "2 min 17 s". */
export function formatSeconds(seconds: number): string {
  const total = Math.round(seconds);
  if (total < 60) return `${total} s`;
  const min = Math.floor(total / 60);
  const s = total % 60;
  return s ? `${min} min ${s} s` : `${min} min`;
}

/** "1 rep", "5 reps". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
