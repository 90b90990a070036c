// Proves the e2e harnesses themselves against the real tools, so a failing feature test points
// at the feature, not at tmux, Xvfb, D-Bus or dunst.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCommands } from '../../src/program.js';
import { BIN, ROOT } from '../helpers/cli.js';
import { DESKTOP_TOOLS, type Desktop, displayIsUp, requireTools, startDesktop } from '../helpers/desktop.js';
import { startTerminal } from '../helpers/tmux.js';

const commands = await loadCommands();

const run = promisify(execFile);
const neckcoach = `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)}`;

describe.skipIf(requireTools(['tmux']))('tmux terminal harness', () => {
  it('shows `neckcoach --help` on a terminal and reports exit 0', async () => {
    const term = await startTerminal(`${neckcoach} --help`, { cwd: ROOT, rows: 60 });
    const screen = await term.waitFor(/Safety:/);
    for (const { name } of commands) expect(screen).toMatch(new RegExp(`^\\s+${name}\\b`, 'm'));
    expect(await term.exitCode()).toBe(0);
  });

  it('types literal text, presses named keys and reads a non-zero exit status', async () => {
    const term = await startTerminal(`sh -c 'printf "name? "; read name; echo "hello <$name>"; exit 7'`);
    await term.waitFor('name?');
    // "Space" and "Enter" are key names, pressed; "neck" and "coach" are typed as they are.
    await term.send('neck', 'Space', 'coach', 'Enter');
    await term.waitFor('hello <neck coach>');
    expect(await term.exitCode()).toBe(7);
  });

  it('passes env to the program exactly, and can unset a variable', async () => {
    const term = await startTerminal(`sh -c 'echo "[$NC_PROBE][\${HOME_PROBE-unset}]"'`, {
      env: { NC_PROBE: 'a b', HOME_PROBE: undefined },
    });
    await term.waitFor('[a b][unset]');
    expect(await term.exitCode()).toBe(0);
  });

  it('drives the bare-TTY home menu: arrow keys move the choice, Ctrl-C exits 130 and restores the screen', async () => {
    const term = await startTerminal(neckcoach, { cwd: ROOT, env: { NECKCOACH_HOME: '/nonexistent-neckcoach-home' } });
    const first = await term.waitFor('What would you like to do?');
    expect(first).toMatch(/❯ Check in on my neck/);
    await term.send('Down');
    await term.waitFor(/❯ Do the desk break/);
    await term.send('C-c');
    expect(await term.exitCode()).toBe(130);
    expect(await term.screen()).not.toMatch(/at .+\.js:\d+/);
  });

  it('kill() takes the private tmux server down with it', async () => {
    const term = await startTerminal('sleep 300');
    await term.kill();
    await expect(term.screen()).rejects.toThrow();
  });
});

describe.skipIf(requireTools([...DESKTOP_TOOLS]))('desktop notification harness', () => {
  let desktop: Desktop;
  beforeAll(async () => {
    desktop = await startDesktop();
  });
  afterAll(async () => {
    await desktop?.stop();
  });

  it('sees a notify-send notification arrive on the private bus', async () => {
    await run('notify-send', ['-a', 'neckcoach-e2e', 'neckcoach test', 'body with "quotes"\nand a second line'], {
      env: { ...process.env, ...desktop.env },
    });
    const arrived = await desktop.waitForNotification('neckcoach test');
    expect(arrived).toEqual({
      appName: 'neckcoach-e2e',
      summary: 'neckcoach test',
      body: 'body with "quotes"\nand a second line',
      actions: [],
    });
    expect(await desktop.notifications()).toHaveLength(1);
  });

  it('fails, naming what it saw, when the expected notification never comes', async () => {
    await expect(desktop.waitForNotification('never sent', 300)).rejects.toThrow(/never sent.*seen: \[.*neckcoach test/s);
  });

  it('stop() takes the display down', async () => {
    const other = await startDesktop();
    expect(displayIsUp(other.env.DISPLAY)).toBe(true);
    await other.stop();
    expect(displayIsUp(other.env.DISPLAY)).toBe(false);
  });
});
