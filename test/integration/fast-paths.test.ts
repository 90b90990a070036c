// What dist/main.cjs prints without loading the program (files the build rendered through it)
// must be what the program prints.
import { describe, expect, it } from 'vitest';
import { SHELLS } from '../../src/core/completion.js';
import { runBin, runInProcess, tempHome } from '../helpers/cli.js';

describe('the fast paths of the built entry', () => {
  it.each([['--help'], ['-h'], ...SHELLS.map((shell) => ['completion', shell])])('%s %s: what the program prints', async (...argv) => {
    const [fast, program] = await Promise.all([runBin(argv), runInProcess(argv)]);
    expect(fast).toEqual(program);
    expect(fast.stdout.length).toBeGreaterThan(500);
  });

  it('a shell with no completion goes through the program, which names the choices', async () => {
    const { home, cleanup } = tempHome();
    const r = await runBin(['completion', 'tcsh'], { env: { NECKCOACH_HOME: home } }).finally(cleanup);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toMatch(/no completion for the shell "tcsh"/);
  });
});
