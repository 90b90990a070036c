import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expandCommand, parseCommand, parseTerminalTemplate, splitWords } from '../../src/core/argv.js';
import { refused } from '../helpers/usage.js';

describe('splitWords: words as a shell splits them, nothing expanded', () => {
  const _ = (text: string, words: string[]) => () => expect(splitWords(text)).toEqual(words);
  it('spaces and tabs separate', _(' xterm\t-e  {cmd} ', ['xterm', '-e', '{cmd}']));
  it('single quotes keep everything', _(`a 'b "c" \\d $HOME'`, ['a', 'b "c" \\d $HOME']));
  it('double quotes keep spaces', _('a "b c"', ['a', 'b c']));
  it('a backslash in double quotes escapes only " \\ $ `', _('"a\\"b\\\\c\\d\\$"', ['a"b\\c\\d$']));
  it('a backslash outside quotes escapes the next character', _('a\\ b c', ['a b', 'c']));
  it('quotes join with the rest of a word', _(`--title='neck break'x`, ['--title=neck breakx']));
  it('an empty quoted word is a word', _(`a '' b`, ['a', '', 'b']));
  it('shell operators are plain words', _('a | b; c $(d)', ['a', '|', 'b;', 'c', '$(d)']));
  it('refuses an unclosed quote', refused(() => splitWords('a "b'), /unclosed double quote/));
  it('refuses a trailing backslash', refused(() => splitWords('a \\'), /backslash/));

  it('words quoted one by one split back to themselves', () => {
    const quote = (w: string) => `'${w.replace(/'/g, `'\\''`)}'`;
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1 }), (words) => {
        expect(splitWords(words.map(quote).join(' '))).toEqual(words);
      }),
    );
  });
});

describe('parseCommand', () => {
  it('reads a JSON array', () => expect(parseCommand('["a b", "c"]', 'x')).toEqual(['a b', 'c']));
  it('splits text', () => expect(parseCommand('a "b c"', 'x')).toEqual(['a', 'b c']));
  it('refuses bad JSON', refused(() => parseCommand('["a",', 'remind.quiet'), /remind.quiet .*not valid JSON/));
  it('refuses an empty command', refused(() => parseCommand('  ', 'remind.quiet'), /names no program/));
  it('refuses an empty program', refused(() => parseCommand('[""]', 'remind.quiet'), /names no program/));
});

describe('terminal templates', () => {
  const cmd = ['/usr/bin/node', '/opt/nc/dist/main.js', 'routine', 'desk-break'];
  it('{cmd} becomes the command’s words', () => expect(expandCommand(['xterm', '-e', '{cmd}'], cmd)).toEqual(['xterm', '-e', ...cmd]));
  it('without {cmd} the command goes last', () => expect(expandCommand(['kitty'], cmd)).toEqual(['kitty', ...cmd]));
  it('{cmd} inside a word is refused', refused(() => parseTerminalTemplate('foot sh -c {cmd};read'), /word of its own/));
});
