import type { Io } from '../context.js';
import { printable } from '../core/printable.js';

/**
 * A warning on stderr: something was skipped or repaired, and the command goes on. Warnings quote
 * files (names, ids, values), so their text is made printable.
 */
export function warn(io: Pick<Io, 'stderr'>, text: string): void {
  io.stderr.write(`neckcoach: warning: ${printable(text)}\n`);
}
