/** The parts of a command spec that completion reads (src/cli/spec.ts CommandSpec fits it). */
export interface CompletionCommand {
  name: string;
  summary?: string;
  args?: readonly string[];
  options?: readonly CompletionOption[];
  subcommands?: readonly CompletionCommand[];
}

export interface CompletionOption {
  flags: string;
  description?: string;
  choices?: readonly string[];
}

export interface CompletionInput {
  program: string;
  commands: readonly CompletionCommand[];
  /** Options every command accepts (--json, --no-color, …). */
  globalOptions: readonly CompletionOption[];
  /** Words for a positional argument: command path ("config get"), its index and its declaration. */
  argValues?: (path: string, index: number, arg: string) => readonly string[];
  /** Words for an option's value beyond its declared choices: command path and long flag. */
  optionValues?: (path: string, flag: string) => readonly string[] | undefined;
  /** Words for the second argument by the first (`config set <key> <value>`): command path → first word → words. */
  secondArgValues?: (path: string) => Readonly<Record<string, readonly string[]>> | undefined;
}

/**
 * A word that is a command to run when completing (`${RUN}neckcoach completion --routines`): its
 * output lines are offered, so lists that change (the person's own routines) stay current.
 */
export const RUN = '@run:';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

/** A value that is a file name: the shell's own file completion applies. */
const FILE = '@file';

interface Flag {
  names: string[];
  long?: string;
  short?: string;
  description: string;
  /** null: takes no value; [] a free value; [FILE] a file name; otherwise the words to offer. */
  values: readonly string[] | null;
}

interface Node {
  path: string;
  summary: string;
  subcommands: { name: string; summary: string }[];
  flags: Flag[];
  args: (readonly string[])[];
  /** The second argument's words by the first argument. */
  second: Readonly<Record<string, readonly string[]>>;
}

function flagOf(option: CompletionOption, path: string, input: CompletionInput): Flag {
  const [names = '', placeholder] = option.flags.split(/\s+(?=[<[])/);
  const list = names.split(/[,\s]+/).filter((n) => n.startsWith('-'));
  const long = list.find((n) => n.startsWith('--'));
  const short = list.find((n) => /^-[^-]$/.test(n));
  let values: readonly string[] | null = null;
  if (placeholder) {
    if (option.choices) values = option.choices;
    else if (/file/i.test(placeholder)) values = [FILE];
    else if (placeholder === '<0-10>') values = Array.from({ length: 11 }, (_, i) => String(i));
    else values = (long ? input.optionValues?.(path, long) : undefined) ?? [];
  }
  return { names: list, long, short, description: option.description ?? '', values };
}

/** Flattens the command tree into one node per command path ("" is the program itself). */
function nodes(input: CompletionInput): Node[] {
  const out: Node[] = [];
  const visit = (
    path: string,
    summary: string,
    commands: readonly CompletionCommand[],
    own: readonly CompletionOption[],
    args: readonly string[],
  ) => {
    out.push({
      path,
      summary,
      subcommands: commands.map((c) => ({ name: c.name, summary: c.summary ?? '' })),
      flags: own.map((o) => flagOf(o, path, input)),
      args: args.map((arg, i) => input.argValues?.(path, i, arg) ?? []),
      second: input.secondArgValues?.(path) ?? {},
    });
    for (const c of commands)
      visit(path ? `${path} ${c.name}` : c.name, c.summary ?? '', c.subcommands ?? [], c.options ?? [], c.args ?? []);
  };
  visit('', '', input.commands, input.globalOptions, []);
  return out;
}

const sq = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;
/** The words as one shell word for `echo`; RUN words become command substitutions, run when completing. */
const words = (list: readonly string[]) => {
  const fixed = list.filter((w) => !w.startsWith(RUN));
  const run = list.filter((w) => w.startsWith(RUN)).map((w) => ` "$(${w.slice(RUN.length)} 2>/dev/null)"`);
  return `${sq(fixed.join(' '))}${run.join('')}`;
};

/** Shell functions shared by bash and zsh: the command tree as `case` tables. */
function tables(input: CompletionInput, all: Node[]): string {
  const fn = input.program.replace(/[^A-Za-z0-9_]/g, '_');
  const subs = all.filter((n) => n.subcommands.length).map((n) => `    ${sq(n.path)}) echo ${words(n.subcommands.map((s) => s.name))} ;;`);
  const flags = all.filter((n) => n.flags.length).map((n) => `    ${sq(n.path)}) echo ${words(n.flags.flatMap((f) => f.names))} ;;`);
  const valued = all.flatMap((n) =>
    n.flags
      .filter((f) => f.values !== null)
      .map((f) => `    ${f.names.map((name) => sq(`${n.path}|${name}`)).join('|')}) echo ${words(f.values!)} ;;`),
  );
  // Keyed "path|index|first argument": a second argument's words may depend on the first.
  const second = all.flatMap((n) =>
    Object.entries(n.second).map(([first, values]) => `    ${sq(`${n.path}|1|${first}`)}) echo ${words(values)} ;;`),
  );
  const args = all
    .flatMap((n) => n.args.map((values, i) => (values.length ? `    ${sq(`${n.path}|${i}|`)}*) echo ${words(values)} ;;` : '')))
    .filter(Boolean);
  return [
    `_${fn}_subcommands() {`,
    '  case "$1" in',
    ...subs,
    '  esac',
    '}',
    `_${fn}_flags() {`,
    '  case "$1" in',
    ...flags,
    '  esac',
    '}',
    `# The words a flag takes (${FILE}: a file name); fails for a flag that takes no value.`,
    `_${fn}_flag_values() {`,
    '  case "$1|$2" in',
    ...valued,
    '    *) return 1 ;;',
    '  esac',
    '}',
    `_${fn}_args() {`,
    '  case "$1|$2|$3" in',
    ...second,
    ...args,
    '  esac',
    '}',
    // Walks the words before the cursor: subcommands extend the path, flags may eat a value.
    `_${fn}_walk() {`,
    '  local word i expect=""',
    '  cmdpath=""; npos=0; pending=""; firstarg=""',
    '  for ((i = $1; i < $2; i++)); do',
    '    word="${cmdwords[i]}"',
    '    if [[ -n $expect ]]; then expect=""; continue; fi',
    '    case "$word" in',
    '      --*=*) ;;',
    `      -*) if _${fn}_flag_values "$cmdpath" "$word" >/dev/null || _${fn}_flag_values "" "$word" >/dev/null; then expect=1; fi ;;`,
    '      *)',
    `        if [[ $npos -eq 0 && " $(_${fn}_subcommands "$cmdpath") " == *" $word "* ]]; then`,
    '          cmdpath="${cmdpath:+$cmdpath }$word"',
    '        else',
    '          if [[ $npos -eq 0 ]]; then firstarg="$word"; fi',
    '          npos=$((npos + 1))',
    '        fi ;;',
    '    esac',
    '  done',
    '  if [[ -n $expect ]]; then pending="${cmdwords[$2 - 1]}"; fi',
    '}',
    // What to offer at the cursor: a flag's values, flags, subcommands or positional values.
    `_${fn}_candidates() {`,
    '  local cur="$1"',
    '  if [[ -n $pending ]]; then',
    `    _${fn}_flag_values "$cmdpath" "$pending" || _${fn}_flag_values "" "$pending"`,
    '  elif [[ $cur == -* ]]; then',
    `    echo "$(_${fn}_flags "$cmdpath") $(_${fn}_flags "") -h --help"`,
    '  elif [[ $npos -eq 0 ]]; then',
    `    echo "$(_${fn}_subcommands "$cmdpath") $(_${fn}_args "$cmdpath" 0)"`,
    '  else',
    `    _${fn}_args "$cmdpath" "$npos" "$firstarg"`,
    '  fi',
    '}',
  ].join('\n');
}

function bash(input: CompletionInput, all: Node[]): string {
  const fn = input.program.replace(/[^A-Za-z0-9_]/g, '_');
  return `# ${input.program} completion for bash. Load it now:   source <(${input.program} completion bash)
# or for good:   ${input.program} completion bash > ~/.local/share/bash-completion/completions/${input.program}
${tables(input, all)}
_${fn}() {
  local cmdwords=("\${COMP_WORDS[@]}") cmdpath npos pending firstarg values
  local cur="\${COMP_WORDS[COMP_CWORD]}"
  _${fn}_walk 1 "$COMP_CWORD"
  values="$(_${fn}_candidates "$cur")"
  if [[ $values == ${FILE} ]]; then
    compopt -o filenames 2>/dev/null
    COMPREPLY=($(compgen -f -- "$cur"))
  else
    COMPREPLY=($(compgen -W "$values" -- "$cur"))
  fi
}
complete -F _${fn} ${input.program}
`;
}

function zsh(input: CompletionInput, all: Node[]): string {
  const fn = input.program.replace(/[^A-Za-z0-9_]/g, '_');
  return `#compdef ${input.program}
# ${input.program} completion for zsh. Load it now:   source <(${input.program} completion zsh)
# or for good: save it as _${input.program} in a directory on $fpath (before compinit runs).
${tables(input, all)}
_${fn}() {
  local -a cmdwords
  local cmdpath npos pending firstarg values
  cmdwords=("\${(@)words}")
  setopt localoptions ksharrays
  _${fn}_walk 1 "$((CURRENT - 1))"
  values="$(_${fn}_candidates "\${cmdwords[CURRENT - 1]}")"
  if [[ $values == ${FILE} ]]; then
    _files
  else
    compadd -- \${=values}
  fi
}
if [[ "\${funcstack[1]}" == "_${fn}" ]]; then
  _${fn} "$@"
else
  compdef _${fn} ${input.program}
fi
`;
}

function fishQuote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** Words for `-a`, which fish evaluates when completing: RUN words become command substitutions. */
function fishWords(list: readonly string[]): string {
  return fishQuote(list.map((w) => (w.startsWith(RUN) ? `(${w.slice(RUN.length)} 2>/dev/null)` : w)).join(' '));
}

function fish(input: CompletionInput, all: Node[]): string {
  const p = input.program;
  const lines = [`# ${p} completion for fish. Install: ${p} completion fish > ~/.config/fish/completions/${p}.fish`, `complete -c ${p} -f`];
  const condition = (path: string) => {
    if (path === '') return '__fish_use_subcommand';
    const parts = path.split(' ');
    const node = all.find((n) => n.path === path)!;
    const seen = parts.map((part) => `__fish_seen_subcommand_from ${part}`).join('; and ');
    const subs = node.subcommands.map((s) => s.name);
    return subs.length ? `${seen}; and not __fish_seen_subcommand_from ${subs.join(' ')}` : seen;
  };
  const flagLine = (f: Flag, cond: string | undefined) => {
    const parts = [`complete -c ${p}`];
    if (cond) parts.push(`-n ${fishQuote(cond)}`);
    if (f.short) parts.push(`-s ${f.short.slice(1)}`);
    if (f.long) parts.push(`-l ${f.long.slice(2)}`);
    if (f.values !== null) {
      if (f.values[0] === FILE) parts.push('-r -F');
      else parts.push('-x', ...(f.values.length ? [`-a ${fishQuote(f.values.join(' '))}`] : []));
    }
    if (f.description) parts.push(`-d ${fishQuote(f.description)}`);
    return parts.join(' ');
  };
  for (const node of all) {
    const cond =
      node.path === ''
        ? undefined
        : node.path
            .split(' ')
            .map((part) => `__fish_seen_subcommand_from ${part}`)
            .join('; and ');
    for (const sub of node.subcommands) {
      lines.push(`complete -c ${p} -n ${fishQuote(condition(node.path))} -a ${fishQuote(sub.name)} -d ${fishQuote(sub.summary)}`);
    }
    for (const f of node.flags) lines.push(flagLine(f, cond));
    const first = node.args[0];
    if (node.path !== '' && first?.length) lines.push(`complete -c ${p} -n ${fishQuote(condition(node.path))} -a ${fishWords(first)}`);
    for (const [key, values] of Object.entries(node.second)) {
      lines.push(`complete -c ${p} -n ${fishQuote(`${cond}; and __fish_seen_subcommand_from ${key}`)} -a ${fishWords(values)}`);
    }
  }
  lines.push(`complete -c ${p} -s h -l help -d 'show help for a command'`);
  return `${lines.join('\n')}\n`;
}

/** A completion script for `shell` derived from the command table and the catalogue's ids. */
export function completionScript(shell: Shell, input: CompletionInput): string {
  const all = nodes(input);
  if (shell === 'bash') return bash(input, all);
  if (shell === 'zsh') return zsh(input, all);
  return fish(input, all);
}

/** The ids inside the person's routine files (for completion: read, not validated, so it stays quick). */
export function routineIds(texts: readonly string[]): string[] {
  const ids: string[] = [];
  for (const text of texts) {
    try {
      const id = (JSON.parse(text) as { id?: unknown } | null)?.id;
      if (typeof id === 'string' && /^[a-z0-9][a-z0-9-]*$/.test(id)) ids.push(id);
    } catch {
      // A broken file has no id to offer; `neckcoach routines` reports it.
    }
  }
  return ids;
}
