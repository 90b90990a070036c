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

interface SpecBase {
  name: string;
  args?: readonly string[];
  summary: string;
  /** Longer help text shown by `neckcoach <command> --help`. */
  description?: string;
  options?: readonly OptionSpec[];
  examples?: readonly (readonly [command: string, what: string])[];
}

/** A command runs a handler, loaded only when it runs; a group (`remind`, `config`) only holds commands. */
export type CommandSpec = SpecBase &
  ({ load: () => Promise<CommandModule>; subcommands?: never } | { subcommands: readonly CommandSpec[]; load?: never });
