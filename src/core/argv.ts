import { usageError } from '../errors.js';

// Commands the person configures (`remind.terminal`, `remind.quiet`) become an argv and are run
// without a shell (design §7): no expansion, no pipes, nothing a stray `$` or `;` could start.

/** Splits text into words as a POSIX shell would (quotes and backslashes), expanding nothing. */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: "'" | '"' | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote === "'") {
      if (c === "'") quote = null;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = null;
      // Inside double quotes a backslash escapes only these, as in a shell.
      else if (c === '\\' && i + 1 < text.length && '"\\$`\n'.includes(text[i + 1]!)) word += text[++i];
      else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === '\\') {
      if (i + 1 >= text.length) throw usageError('a command cannot end with a backslash');
      word += text[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) throw usageError(`a command has an unclosed ${quote === '"' ? 'double' : 'single'} quote`);
  if (inWord) words.push(word);
  return words;
}

/**
 * A configured command as argv: a JSON array of strings, or text split into words as a shell would
 * split them. Never run through a shell.
 */
export function parseCommand(text: string, what: string): string[] {
  const trimmed = text.trim();
  let argv: unknown;
  if (trimmed.startsWith('[')) {
    try {
      argv = JSON.parse(trimmed);
    } catch {
      throw usageError(`${what} looks like a JSON array but is not valid JSON`, 'e.g. ["kitty", "--hold", "{cmd}"]');
    }
    if (!Array.isArray(argv) || !argv.every((word) => typeof word === 'string')) {
      throw usageError(`${what} must be a JSON array of strings`, 'e.g. ["kitty", "--hold", "{cmd}"]');
    }
  } else {
    argv = splitWords(trimmed);
  }
  const words = argv as string[];
  if (words.length === 0 || words[0] === '') throw usageError(`${what} names no program`);
  return words;
}

/** The placeholder a terminal template puts where the routine's command goes. */
export const CMD = '{cmd}';

/** A terminal template's argv with `{cmd}` replaced by the command's words, or the command appended when there is none. */
export function expandCommand(template: readonly string[], cmd: readonly string[]): string[] {
  if (!template.includes(CMD)) return [...template, ...cmd];
  return template.flatMap((word) => (word === CMD ? cmd : [word]));
}

/** Checks a terminal template: `{cmd}` may only stand as a word of its own, since it expands to several. */
export function parseTerminalTemplate(text: string, what = 'remind.terminal'): string[] {
  const argv = parseCommand(text, what);
  if (argv.some((word) => word !== CMD && word.includes(CMD))) {
    throw usageError(`${what}: {cmd} must be a word of its own (it becomes several arguments)`, 'e.g. xterm -e {cmd}');
  }
  return argv;
}
