/** Exit codes are part of the command-line contract (README, design §3). */
export const ExitCode = {
  Ok: 0,
  Runtime: 1,
  Usage: 2,
  Refused: 3,
  /** SIGHUP, or the terminal closed under us (128 + 1). */
  Hangup: 129,
  /** Ctrl-C (128 + 2). */
  Interrupted: 130,
  /** SIGTERM (128 + 15). */
  Terminated: 143,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** The one error type commands throw: a message for people and the exit code it maps to. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode = ExitCode.Runtime,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export const usageError = (message: string, hint?: string) => new CliError(message, ExitCode.Usage, hint);

/** Thrown when the person presses Ctrl-C inside a prompt or routine. */
export class Interrupted extends CliError {
  constructor(message = 'interrupted') {
    super(message, ExitCode.Interrupted);
  }
}

/** An @inquirer prompt ended by Ctrl-C (or aborted): the person interrupted, nothing failed. */
export const isPromptExit = (error: unknown): boolean => ['ExitPromptError', 'AbortPromptError'].includes((error as { name?: string } | undefined)?.name ?? '');
