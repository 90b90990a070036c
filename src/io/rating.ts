import type { Io } from '../context.js';

/**
 * Asks for a 0-10 pain rating at the terminal. With --json the prompt goes to stderr so stdout
 * stays NDJSON. (Close to the number question of prompts.ts, which asks inside the check-in's
 * shared prompt context; this one stands alone.)
 */
export async function askPain(
  io: Pick<Io, 'stdin' | 'stdout' | 'stderr'>,
  message: string,
  json: boolean,
  signal?: AbortSignal,
): Promise<number> {
  const { default: number } = await import('@inquirer/number');
  return number(
    { message, min: 0, max: 10, step: 1, required: true },
    { input: io.stdin, output: json ? io.stderr : io.stdout, ...(signal ? { signal } : {}) },
  );
}
