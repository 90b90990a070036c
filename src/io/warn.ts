import type { Io } from '../context.js';
import { printable } from '../core/printable.js';

/**
 * A warning on stderr: something was skipped or repaired, and the command goes on. Warnings quote
 * files (paths, damaged lines, settings values), so each line is made printable: nothing from a
 * file can drive the terminal.
 */
export function warn(io: Pick<Io, 'stderr'>, text: string): void {
  io.stderr.write(`neckcoach: warning: ${text.split('\n').map(printable).join('\n')}\n`);
}
