// Commands the person configures (`remind.onBreak`, `remind.onReminder`, `remind.quiet`, `remind.terminal`; design §7's terminal
// template rules) become an argv that is run directly, never handed to a shell: a JSON array of
// words, or a line split into words the way a shell would split it, without anything else a shell does.
import { usageError } from '../errors.js';

const HINT = 'write a JSON array such as ["notify.sh", "--quiet"], or words as a shell would split them';
/** Characters a shell would give a meaning to: unquoted, they mean the person expected one. */
const SHELL_ONLY = /[|&;<>()`$]/;

/** `text` as argv; throws a usage error naming `what` for anything that is not a plain command. */
export function parseCommandLine(text: string, what: string): string[] {
  const line = text.trim();
  const words = line.startsWith('[') ? jsonWords(line, what) : splitWords(line, what);
  if (words.length === 0 || words[0] === '') throw usageError(`${what} is empty`, HINT);
  return words;
}

function jsonWords(line: string, what: string): string[] {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw usageError(`${what} starts like a JSON array but is not one`, HINT);
  }
  if (!Array.isArray(value) || !value.every((w) => typeof w === 'string')) throw usageError(`${what} must be an array of strings`, HINT);
  return value;
}

/** POSIX word splitting: whitespace separates; 'single' quotes are literal; "double" quotes and a backslash outside quotes escape. */
function splitWords(line: string, what: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (/\s/.test(c)) {
      if (word !== null) words.push(word);
      word = null;
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw usageError(`${what} has an unclosed ' quote`, HINT);
      word = (word ?? '') + line.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      word ??= '';
      for (i++; i < line.length && line[i] !== '"'; i++) {
        // Inside double quotes a backslash escapes only what a shell lets it escape there.
        if (line[i] === '\\' && '"\\$`'.includes(line[i + 1] ?? '')) i++;
        word += line[i];
      }
      if (i >= line.length) throw usageError(`${what} has an unclosed " quote`, HINT);
    } else if (c === '\\') {
      if (i + 1 >= line.length) throw usageError(`${what} ends with a lone backslash`, HINT);
      word = (word ?? '') + line[++i];
    } else if (SHELL_ONLY.test(c)) {
      throw usageError(
        `${what} uses \`${c}\`, which needs a shell, and neckcoach runs commands without one`,
        'put it in a script and name the script, or write ["sh", "-c", "…"] yourself',
      );
    } else {
      word = (word ?? '') + c;
    }
  }
  if (word !== null) words.push(word);
  return words;
}

/** The placeholder a terminal template (`remind.terminal`) puts where the routine's command goes. */
export const CMD = '{cmd}';

/** A terminal template's argv with `{cmd}` replaced by the command's words, or the command appended when there is none. */
export function expandCommand(template: readonly string[], cmd: readonly string[]): string[] {
  if (!template.includes(CMD)) return [...template, ...cmd];
  return template.flatMap((word) => (word === CMD ? cmd : [word]));
}

/** A terminal template as argv: `{cmd}` may only stand as a word of its own, since it expands to several. */
export function parseTerminalTemplate(text: string, what = 'remind.terminal'): string[] {
  const argv = parseCommandLine(text, what);
  if (argv.some((word) => word !== CMD && word.includes(CMD))) {
    throw usageError(`${what}: {cmd} must be a word of its own (it becomes several arguments)`, 'e.g. xterm -e {cmd}');
  }
  return argv;
}
