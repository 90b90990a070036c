import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { didYouMean, distance, suggest } from '../../src/core/suggest.js';

const COMMANDS = [
  'check',
  'plan',
  'routine',
  'routines',
  'remind',
  'causes',
  'techniques',
  'tips',
  'questions',
  'log',
  'history',
  'stats',
  'report',
  'config',
  'completion',
];
const word = fc.string({ unit: fc.constantFrom(...'abcdefgh-'), maxLength: 10 });

describe('distance', () => {
  const _ = (a: string, b: string, d: number) => () => expect(distance(a, b)).toBe(d);
  it('identical', _('check', 'check', 0));
  it('one substitution', _('chuck', 'check', 1));
  it('one deletion', _('chek', 'check', 1));
  it('one insertion', _('checkk', 'check', 1));
  it('a swap costs two', _('chcek', 'check', 2));
  it('from empty', _('', 'tips', 4));

  it('is a metric: zero only for equal strings, symmetric, triangle inequality', () => {
    fc.assert(
      fc.property(word, word, word, (a, b, c) => {
        expect(distance(a, b) === 0).toBe(a === b);
        expect(distance(a, b)).toBe(distance(b, a));
        expect(distance(a, c)).toBeLessThanOrEqual(distance(a, b) + distance(b, c));
        expect(distance(a, b)).toBeLessThanOrEqual(Math.max(a.length, b.length));
      }),
    );
  });
});

describe('suggest', () => {
  const _ = (input: string, expected: string[]) => () => expect(suggest(input, COMMANDS)).toEqual(expected);
  it('a typo', _('chek', ['check']));
  it('a transposition', () => expect(suggest('stast', COMMANDS)[0]).toBe('stats'));
  it('a prefix ranks before an edit', _('rout', ['routine', 'routines']));
  it('ignores case', _('STATS', ['stats']));
  it('nothing close', _('zzzzzzzz', []));
  it('keeps at most the limit', () => expect(suggest('r', COMMANDS, 2)).toHaveLength(2));

  it('always offers an exact candidate first', () => {
    fc.assert(
      fc.property(fc.constantFrom(...COMMANDS), (name) => {
        expect(suggest(name, COMMANDS)[0]).toBe(name);
      }),
    );
  });
});

describe('didYouMean', () => {
  it('quotes the close candidates', () => expect(didYouMean('desk-brake', ['desk-break', 'morning'])).toBe('did you mean "desk-break"?'));
  it('joins several with "or"', () => expect(didYouMean('tip', ['tips', 'tipsy'])).toBe('did you mean "tips" or "tipsy"?'));
  it('lists what is valid when nothing is close', () =>
    expect(didYouMean('zzzzzz', ['bash', 'zsh', 'fish'])).toBe('valid: bash, zsh, fish'));
});
