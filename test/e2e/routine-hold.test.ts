// `routine --hold`, what a reminder's Start runs in a new terminal window: the window stays until a
// key, after the routine and after an error alike.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, ROOT, tempHome } from '../helpers/cli.js';
import { requireTools } from '../helpers/desktop.js';
import { startTerminal, type Terminal } from '../helpers/tmux.js';

const neckcoach = `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)}`;

describe.skipIf(requireTools(['tmux']))('routine --hold', () => {
  let home: string;
  let cleanup: () => void;
  let term: Terminal | undefined;
  beforeEach(() => ({ home, cleanup } = tempHome()));
  afterEach(async () => {
    await term?.kill();
    cleanup();
  });
  const open = async (args: string) => {
    term = await startTerminal(`${neckcoach} ${args}`, {
      cwd: ROOT,
      env: { NECKCOACH_HOME: home, NECKCOACH_TIME_SCALE: '0.05', NO_COLOR: '1' },
      rows: 40,
    });
    return term;
  };

  it('after the routine ends, waits for a key, then exits with the routine’s code', async () => {
    const t = await open('routine desk-break --hold');
    await t.waitFor(/Desk break/);
    await t.send('q');
    const screen = await t.waitFor(/Press any key to close\./);
    expect(screen).toMatch(/Stopped: 0 of \d+ steps done/);
    await t.send('x');
    expect(await t.exitCode()).toBe(0);
  });

  it('an error is shown first and stays readable until a key', async () => {
    const t = await open('routine desk-brake --hold');
    const screen = await t.waitFor(/Press any key to close\./);
    expect(screen).toMatch(/^neckcoach: unknown routine "desk-brake"/m);
    await t.send('Enter');
    expect(await t.exitCode()).toBe(2);
  });
});
