import type { CommandContext, Io } from '../context.js';

/** Every JSON document neckcoach prints carries this version (design §6). */
export const SCHEMA_VERSION = 1;

export function printJson(io: Pick<Io, 'stdout'>, document: Record<string, unknown> | unknown[]): void {
  io.stdout.write(`${JSON.stringify(Array.isArray(document) ? document : { schemaVersion: SCHEMA_VERSION, ...document }, null, 2)}\n`);
}

/** Human output goes to stdout; with --json nothing but JSON may, so callers check first. */
export function say(ctx: Pick<CommandContext, 'io' | 'global'>, text: string): void {
  if (!ctx.global.json) ctx.io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** Progress and remarks go to stderr, and -q silences them. */
export function note(ctx: Pick<CommandContext, 'io' | 'global'>, text: string): void {
  if (!ctx.global.quiet) ctx.io.stderr.write(`${text}\n`);
}

export function warn(io: Pick<Io, 'stderr'>, text: string): void {
  io.stderr.write(`neckcoach: warning: ${text}\n`);
}

/** Width to wrap human text to: the terminal's, capped for readability; 80 when not a terminal. */
export function textWidth(io: Pick<Io, 'stdout'>): number {
  const columns = io.stdout.isTTY ? io.stdout.columns ?? 80 : 80;
  return Math.max(40, Math.min(columns, 100));
}

/**
 * Greedy word wrap; `indent` prefixes every line. A word is never split across lines: one longer
 * than the line is left whole, or with `clip` (a screen that must not overflow) cut short with "…".
 */
export function wrap(text: string, width: number, indent = '', options: { clip?: boolean } = {}): string {
  const room = Math.max(1, width - indent.length);
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const whole of paragraph.split(/\s+/).filter(Boolean)) {
      const word = options.clip && whole.length > room ? `${whole.slice(0, room - 1)}…` : whole;
      if (line && line.length + 1 + word.length > room) {
        lines.push(indent + line);
        line = word;
      } else {
        line = line ? `${line} ${word}` : word;
      }
    }
    lines.push(indent + line);
  }
  return lines.join('\n');
}

/** One line of at most `width` characters, cut at a word boundary with "…" when it is longer. */
export function clipWords(text: string, width: number): string {
  if (text.length <= width) return text;
  const first = wrap(text, width - 1, '', { clip: true }).split('\n')[0]!;
  return `${first.replace(/[\s·—,:;-]+$/, '')}…`;
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
