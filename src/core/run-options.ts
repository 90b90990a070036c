import { usageError } from '../errors.js';

/** `--rounds`: a positive whole number. */
export function parseRounds(value: unknown): number {
  const text = String(value ?? '1').trim();
  const n = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw usageError(`--rounds must be a positive whole number, not "${text}"`, 'e.g. --rounds 2');
  return n;
}

/** `NECKCOACH_TIME_SCALE` speeds routines up for tests (README, testing). */
export function parseTimeScale(value: string | undefined): number {
  if (value === undefined || value === '') return 1;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw usageError(`NECKCOACH_TIME_SCALE must be a positive number such as 0.05, not "${value}"`);
  return n;
}
