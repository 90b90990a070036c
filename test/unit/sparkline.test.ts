import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sparkline } from '../../src/core/sparkline.js';

describe('sparkline', () => {
  it('draws the pain scale from lowest to highest bar', () => expect(sparkline([0, 5, 10], { min: 0, max: 10 })).toBe('▁▅█'));
  it('leaves gaps for days without a value', () => expect(sparkline([2, null, 8], { min: 0, max: 10, gap: '·' })).toBe('▂·▇'));
  it('draws a flat series in the middle', () => expect(sparkline([4, 4, 4])).toBe('▄▄▄'));
  it('is empty for no values', () => expect(sparkline([])).toBe(''));
  it('has an ASCII form', () => expect(sparkline([0, 10], { min: 0, max: 10, ascii: true })).toBe('_@'));
  it('draws one character per value, and higher values never lower', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }), { maxLength: 60 }), (values) => {
        const line = [...sparkline(values, { min: 0, max: 10 })];
        expect(line).toHaveLength(values.length);
        const bars = '▁▂▃▄▅▆▇█';
        values.forEach((a, i) =>
          values.forEach((b, j) => {
            if (a !== null && b !== null && a <= b) expect(bars.indexOf(line[i]!)).toBeLessThanOrEqual(bars.indexOf(line[j]!));
          }),
        );
      }),
    );
  });
});
