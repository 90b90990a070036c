import { describe, expect, it } from 'vitest';
import { parseRounds, parseTimeScale } from '../../src/core/run-options.js';

describe('parseRounds', () => {
  it.each([
    ['1', 1],
    [' 3 ', 3],
    [undefined, 1],
  ])('%s → %s', (text, rounds) => expect(parseRounds(text)).toBe(rounds));
  it.each(['0', '-1', '1.5', 'two', '', '9007199254740993'])('refuses "%s" as a usage error', (text) => {
    expect(() => parseRounds(text)).toThrow(expect.objectContaining({ exitCode: 2, message: expect.stringContaining('--rounds') }));
  });
});

describe('parseTimeScale', () => {
  it('is 1 when unset or empty, and the number otherwise', () => {
    expect(parseTimeScale(undefined)).toBe(1);
    expect(parseTimeScale('')).toBe(1);
    expect(parseTimeScale('0.05')).toBe(0.05);
  });
  it.each(['0', '-2', 'fast', 'Infinity'])('refuses "%s"', (text) => expect(() => parseTimeScale(text)).toThrow(/NECKCOACH_TIME_SCALE/));
});
