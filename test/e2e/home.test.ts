// The bare-TTY home menu, driven by a person's keys in a real terminal.
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, ROOT, tempHome } from '../helpers/cli.js';
import { requireTools } from '../helpers/desktop.js';
import { startTerminal } from '../helpers/tmux.js';

const neckcoach = `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)}`;

describe.skipIf(requireTools(['tmux']))('home menu', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());
  const open = async () => {
    const home = tempHome();
    cleanup = home.cleanup;
    const term = await startTerminal(neckcoach, { cwd: ROOT, rows: 30, env: { NECKCOACH_HOME: home.home } });
    await term.waitFor('What would you like to do?');
    return term;
  };

  it('Escape leaves it with exit 0', async () => {
    const term = await open();
    await term.send('Escape');
    expect(await term.exitCode()).toBe(0);
  });

  it('runs any routine from its own menu', async () => {
    const term = await open();
    await term.send('Down', 'Down', 'Enter');
    await term.waitFor('Which routine?');
    await term.send('Down');
    const [, title] = /❯ (.+)/.exec(await term.waitFor(/❯ .+\n/))!;
    await term.send('Enter');
    // The routine picked starts under its own title, and q ends it as it would from the command line.
    await term.waitFor(new RegExp(`${title!.trim()}[\\s\\S]*(q quit|any key)`));
    await term.send('q');
    expect(await term.exitCode()).toBe(0);
  });

  it('Escape in a submenu goes back to the first menu', async () => {
    const term = await open();
    await term.send('Down', 'Down', 'Down', 'Enter');
    await term.waitFor('Break reminders');
    await term.send('Escape');
    await term.waitFor(/What would you like to do\?[\s\S]*❯ Check in on my neck/);
    await term.send('C-c');
    expect(await term.exitCode()).toBe(130);
  });

  it('shows reminder status from the reminders menu', async () => {
    const term = await open();
    await term.send('Down', 'Down', 'Down', 'Enter');
    await term.waitFor('Break reminders');
    await term.send('Enter');
    await term.waitFor(/not running/i);
    expect(await term.exitCode()).toBe(0);
  });
});
