import { Chalk, type ChalkInstance, supportsColor } from 'chalk';
import type { GlobalOptions } from '../context.js';

/** A chalk bound to this run's colour decision (--no-color, NO_COLOR, FORCE_COLOR, TTY). */
export function paint(global: Pick<GlobalOptions, 'color'>): ChalkInstance {
  return new Chalk({ level: global.color ? Math.max(1, supportsColor ? supportsColor.level : 1) as 1 | 2 | 3 : 0 });
}
