import type { Io } from '../context.js';

/** A warning on stderr: something was skipped or repaired, and the command goes on. */
export function warn(io: Pick<Io, 'stderr'>, text: string): void {
  io.stderr.write(`neckcoach: warning: ${text}\n`);
}
