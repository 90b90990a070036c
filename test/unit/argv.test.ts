import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expandCommand, parseCommandLine, parseTerminalTemplate } from '../../src/core/argv.js';
import { refused as usage } from '../helpers/usage.js';

const _ = (text: string, argv: string[]) => () => expect(parseCommandLine(text, 'remind.onBreak')).toEqual(argv);
const refused = (text: string, message: RegExp) => () => {
  expect(() => parseCommandLine(text, 'remind.onBreak')).toThrow(message);
  try {
    parseCommandLine(text, 'remind.onBreak');
  } catch (error) {
    expect(error).toMatchObject({ exitCode: 2 });
  }
};

describe('parseCommandLine: a configured command as argv, never through a shell', () => {
  it('words', _('notify.sh --quiet  now', ['notify.sh', '--quiet', 'now']));
  it('a JSON array, as written', _('["/opt/my tools/hook", "a b", ""]', ['/opt/my tools/hook', 'a b', '']));
  it('single quotes are literal', _("say 'it''s \\ $HOME'", ['say', 'its \\ $HOME']));
  it('double quotes escape only " \\ $ and `', _('say "a \\"b\\" \\$x \\n"', ['say', 'a "b" $x \\n']));
  it('a backslash outside quotes escapes a space', _('/opt/my\\ tools/hook', ['/opt/my tools/hook']));
  it('quoted text joins the word around it', _('--name="A B"c', ['--name=A Bc']));
  it('empty quotes are an empty word', _("cmd ''", ['cmd', '']));
  it('a dollar or pipe inside quotes is only a character', _("sh -c 'echo $1 | wc'", ['sh', '-c', 'echo $1 | wc']));
  it('empty', refused('  ', /is empty/));
  it('an empty JSON array', refused('[]', /is empty/));
  it('an unclosed quote', refused('say "hello', /unclosed " quote/));
  it('a JSON array of numbers', refused('[1, 2]', /array of strings/));
  it('broken JSON', refused('["a",', /not one/));
  it.each(['notify.sh | tee log', 'a; b', 'a && b', 'echo $HOME', 'a > out', 'echo `date`'])('%j would need a shell: refused', (text) =>
    refused(text, /needs a shell/)(),
  );
});

describe('parseCommandLine: any words, each quoted, split back to themselves', () => {
  it('holds for every word list', () => {
    const quote = (w: string) => `'${w.replace(/'/g, `'\\''`)}'`;
    fc.assert(
      fc.property(
        fc.array(fc.string(), { minLength: 1 }).filter((words) => words[0] !== ''),
        (words) => {
          expect(parseCommandLine(words.map(quote).join(' '), 'remind.quiet')).toEqual(words);
        },
      ),
    );
  });
});

describe('terminal templates (remind.terminal)', () => {
  const cmd = ['/usr/bin/node', '/opt/nc/dist/main.cjs', 'routine', 'desk-break', '--hold'];
  it('{cmd} becomes the command’s words', () => expect(expandCommand(['xterm', '-e', '{cmd}'], cmd)).toEqual(['xterm', '-e', ...cmd]));
  it('without {cmd} the command goes last', () => expect(expandCommand(['kitty'], cmd)).toEqual(['kitty', ...cmd]));
  it('{cmd} as a word of its own is accepted', () =>
    expect(parseTerminalTemplate(`xterm -T 'neck break' -e {cmd}`)).toEqual(['xterm', '-T', 'neck break', '-e', '{cmd}']));
  it(
    '{cmd} inside a word is refused',
    usage(() => parseTerminalTemplate("foot sh -c '{cmd}; read'"), /word of its own/),
  );
});
