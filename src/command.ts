import type { GlobalOptions, Io } from './context.js';

/**
 * One option, declared once: commander's parser, the help and the completions all come from it.
 * `T` is the type `run()` receives for it; the declaring helpers below fix it, so no command casts.
 */
export interface OptionDecl<T = unknown> {
  flags: string;
  description: string;
  default?: string;
  choices?: readonly string[];
  /** Collects every use into an array (`--symptom a --symptom b`). */
  repeatable?: boolean;
  /** Phantom field carrying the parsed type; never set. */
  readonly parsed?: T;
}

/** `--voice`, or `--no-save` (true unless given). */
export const flag = (flags: string, description: string): OptionDecl<boolean> => ({ flags, description });

/** `--since <span>`: the text as given, parsed by the command (core), so errors name the flag. */
export function text(flags: string, description: string): OptionDecl<string | undefined>;
export function text(flags: string, description: string, fallback: string): OptionDecl<string>;
export function text(flags: string, description: string, fallback?: string): OptionDecl<string | undefined> {
  return fallback === undefined ? { flags, description } : { flags, description, default: fallback };
}

/** `--stage <stage>` with the values commander accepts (and completions offer). */
export const oneOf = <const C extends readonly string[]>(
  flags: string,
  description: string,
  choices: C,
): OptionDecl<C[number] | undefined> => ({
  flags,
  description,
  choices,
});

/** `--symptom <id>` given any number of times. */
export const list = (flags: string, description: string): OptionDecl<string[] | undefined> => ({ flags, description, repeatable: true });

export type OptionDecls = Readonly<Record<string, OptionDecl>>;
export type OptionValues<O extends OptionDecls> = { [K in keyof O]: O[K] extends OptionDecl<infer T> ? T : never };

/** `<name>` is required, `[id]` optional, `<files...>` variadic. */
type ArgValue<S extends string> = S extends `${string}...${string}` ? string[] : S extends `<${string}>` ? string : string | undefined;
export type ArgValues<A extends readonly string[]> = { -readonly [I in keyof A]: ArgValue<A[I]> };

/** What a command's `run` may touch: its parsed input and the injected outside world. */
export interface RunContext<O extends OptionDecls = OptionDecls, A extends readonly string[] = readonly string[]> {
  args: ArgValues<A>;
  options: OptionValues<O>;
  global: GlobalOptions;
  io: Io;
}

interface Described {
  /** The word on the command line, e.g. `causes` or `start`. */
  name: string;
  summary: string;
  /** Longer help for `neckcoach <command> --help`; single line breaks are only for reading the source. */
  description?: string;
  examples?: readonly (readonly [command: string, what: string])[];
}

export interface CommandDef<O extends OptionDecls = OptionDecls, A extends readonly string[] = readonly string[]> extends Described {
  args?: A;
  options?: O;
  run(ctx: RunContext<O, A>): Promise<number | void>;
}

export interface GroupDef extends Described {
  subcommands: readonly AnyCommand[];
}

// `run` is called with the values commander parsed for this very declaration, so erasing its
// parameter types here (and only here) is sound.
// biome-ignore lint/suspicious/noExplicitAny: see above
type ErasedRun = { run(ctx: RunContext<any, any>): Promise<number | void> };

export type AnyCommand = (CommandDef<OptionDecls, readonly string[]> & ErasedRun) | GroupDef;

/** A command in one file: declaration, help, examples and handler; option types flow into `run`. */
export function defineCommand<const A extends readonly string[] = [], const O extends OptionDecls = Record<never, never>>(
  def: CommandDef<O, A>,
): CommandDef<O, A> {
  return def;
}

/** A command that only holds subcommands (`remind`, `config`). */
export const defineGroup = (def: GroupDef): GroupDef => def;

export const isGroup = (command: AnyCommand): command is GroupDef => 'subcommands' in command;

/** The options as a list, for commander and for completions. */
export const optionList = (command: AnyCommand): readonly (OptionDecl & { key: string })[] =>
  isGroup(command) ? [] : Object.entries(command.options ?? {}).map(([key, option]) => ({ ...option, key }));
