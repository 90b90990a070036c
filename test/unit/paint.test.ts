import { Chalk } from 'chalk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { paint } from '../../src/render/paint.js';

const STYLES = ['bold', 'dim', 'italic', 'underline', 'red', 'green', 'yellow', 'blue', 'cyan', 'gray', 'bgRed', 'inverse'] as const;

describe('paint', () => {
  it('without colour, gives what chalk at level 0 gives, for any chain of styles and any arguments', () => {
    const plain = paint({ color: false });
    const chalk = new Chalk({ level: 0 });
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...STYLES), { maxLength: 4 }),
        fc.array(fc.oneof(fc.string(), fc.integer(), fc.constant(undefined)), { maxLength: 3 }),
        (chain, args) => {
          const styled = (c: typeof chalk) => chain.reduce<typeof chalk>((s, style) => s[style], c)(...args);
          expect(styled(plain)).toBe(styled(chalk));
        },
      ),
    );
    expect(plain.level).toBe(0);
  });

  it('with colour, styles the text', () => {
    expect(paint({ color: true }).bold('x')).toBe('\u001b[1mx\u001b[22m');
  });
});
