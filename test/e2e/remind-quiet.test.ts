// Do not disturb end to end: with dunst paused a due reminder waits and is recorded as deferred;
// unpaused, it arrives within the re-check (a minute; NECKCOACH_HEARTBEAT shortens it here).
// This file pauses its dunst, so it has one of its own (design §8).
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runBin, tempHome } from '../helpers/cli.js';
import { daemonSweeper } from '../helpers/daemons.js';
import { DESKTOP_TOOLS, type Desktop, requireTools, startDesktop } from '../helpers/desktop.js';
import { until } from '../helpers/poll.js';

const run = promisify(execFile);

describe.skipIf(requireTools([...DESKTOP_TOOLS, 'dunstctl']))('do not disturb against dunst', () => {
  let desktop: Desktop;
  let h: { home: string; cleanup: () => void; env: NodeJS.ProcessEnv } | undefined;
  const dunstctl = (...args: string[]) => run('dunstctl', args, { env: { ...process.env, ...desktop.env } });

  beforeAll(async () => {
    desktop = await startDesktop();
  });
  afterAll(async () => {
    await desktop?.stop();
  });
  const daemons = daemonSweeper();
  afterEach(async () => {
    await daemons.sweep();
    h?.cleanup();
    h = undefined;
    await dunstctl('set-paused', 'false');
  });

  it('dunst paused: the reminder waits, recorded as deferred; unpaused, it is sent', async () => {
    const home = tempHome();
    daemons.watch(home.home);
    h = { ...home, env: { NECKCOACH_HOME: home.home, NECKCOACH_MIN_INTERVAL: '2', NECKCOACH_HEARTBEAT: '1', ...desktop.env } };
    const history = () => {
      const file = path.join(home.home, 'data', 'history.jsonl');
      return existsSync(file)
        ? readFileSync(file, 'utf8')
            .trim()
            .split('\n')
            .map((line) => JSON.parse(line))
        : [];
    };
    await dunstctl('set-paused', 'true');
    expect((await runBin(['remind', 'start', '--every', '3s', '--work-hours', 'none', '--days', 'all'], { env: h.env })).code).toBe(0);
    const deferred = await until('a deferral', () => history().find((e) => e.type === 'reminder' && e.event === 'deferred'));
    expect(deferred).toMatchObject({ reason: 'paused', routine: 'desk-break' });
    // Held, not sent: nothing reached the notification server (a paused dunst would queue it).
    expect(await desktop.notifications()).toEqual([]);
    expect(history().filter((e) => e.event === 'deferred')).toHaveLength(1);

    await dunstctl('set-paused', 'false');
    await desktop.waitForNotification('neckcoach routine desk-break', 15_000);
    const sent = await until('the reminder recorded as sent', () => history().find((e) => e.type === 'reminder' && e.event === 'sent'));
    expect(sent.due).toBe(deferred.due);
  });
});
