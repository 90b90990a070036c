import { expect } from 'vitest';
import { CliError } from '../../src/errors.js';

/** A test body: `run` must throw a usage error (exit 2) whose message or hint matches `pattern`. */
export const refused = (run: () => unknown, pattern: RegExp) => () => {
  try {
    run();
    expect.unreachable('should be refused');
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(2);
    expect(`${(error as CliError).message} ${(error as CliError).hint ?? ''}`).toMatch(pattern);
  }
};
