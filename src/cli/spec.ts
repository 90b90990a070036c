import type { CommandModule } from '../context.js';

/** One option, declared once: commander's parser, the help and the completions all come from it. */
export interface OptionSpec {
  flags: string;
  description: string;
  default?: string | boolean | number;
  /** Collects every use into an array (`--symptom a --symptom b`). */
  repeatable?: boolean;
  choices?: readonly string[];
}

export interface CommandSpec {
  name: string;
  args?: readonly string[];
  summary: string;
  /** Longer help text shown by `neckcoach <command> --help`. */
  description?: string;
  options?: readonly OptionSpec[];
  examples?: readonly (readonly [command: string, what: string])[];
  /** Loads the handler only when the command runs; absent = not built yet (exits 2, README roadmap). */
  load?: () => Promise<CommandModule>;
  subcommands?: readonly CommandSpec[];
}
