import { Chalk, type ChalkInstance, supportsColor } from 'chalk';
import type { GlobalOptions } from '../context.js';

/**
 * chalk at level 0, without loading chalk: every style, however chained, gives back its text.
 * chalk's colour detection loads the tty module (and net), which colourless output never needs.
 */
const styled: unknown = new Proxy(() => {}, {
  get: (_, key) => (key === 'level' ? 0 : styled),
  apply: (_, __, text: unknown[]) => (text.length === 1 ? `${text[0]}` : text.join(' ')), // as chalk's styles join
});
const plain = new Proxy(() => {}, {
  get: (_, key) => (key === 'level' ? 0 : styled),
  apply: (_, __, text: unknown[]) => text.join(' '), // as chalk itself joins
}) as unknown as ChalkInstance;

/** A chalk bound to this run's colour decision (--no-color, NO_COLOR, FORCE_COLOR, TTY). */
export function paint(global: Pick<GlobalOptions, 'color'>): ChalkInstance {
  if (!global.color) return plain;
  return new Chalk({ level: Math.max(1, supportsColor ? supportsColor.level : 1) as 1 | 2 | 3 });
}
