// A reminder's buttons and natural breaks end to end: the built daemon, a real dunst on a private
// Xvfb + D-Bus session, Start through a fake terminal that records its arguments and runs them,
// X11 idle time through xprintidle with input simulated by xdotool.
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runBin, tempHome } from '../helpers/cli.js';
import { daemonSweeper } from '../helpers/daemons.js';
import { DESKTOP_TOOLS, type Desktop, requireTools, startDesktop } from '../helpers/desktop.js';
import { until } from '../helpers/poll.js';

const run = promisify(execFile);

describe.skipIf(requireTools([...DESKTOP_TOOLS, 'dunstctl', 'stdbuf', 'xprintidle', 'xdotool']))(
  'reminder buttons and natural breaks against dunst',
  () => {
    let desktop: Desktop;
    const homes: { home: string; cleanup: () => void; env: NodeJS.ProcessEnv }[] = [];

    beforeAll(async () => {
      desktop = await startDesktop();
    });
    afterAll(async () => {
      await desktop?.stop();
    });
    const daemons = daemonSweeper();
    afterEach(async () => {
      await daemons.sweep();
      for (const h of homes.splice(0)) h.cleanup();
    });

    function home(extra: NodeJS.ProcessEnv = {}) {
      const h = tempHome();
      daemons.watch(h.home);
      const env = {
        NECKCOACH_HOME: h.home,
        NECKCOACH_MIN_INTERVAL: '2',
        NECKCOACH_HEARTBEAT: '1',
        NECKCOACH_TIME_SCALE: '0.02',
        ...desktop.env,
        ...extra,
      };
      const entry = { ...h, env };
      homes.push(entry);
      return entry;
    }
    const neckcoach = (h: { env: NodeJS.ProcessEnv }, ...args: string[]) => runBin(args, { env: h.env });
    const history = (h: { home: string }) => {
      const file = path.join(h.home, 'data', 'history.jsonl');
      return existsSync(file)
        ? readFileSync(file, 'utf8')
            .trim()
            .split('\n')
            .map((line) => JSON.parse(line))
        : [];
    };
    const reminders = async () => (await desktop.notifications()).filter((n) => n.body.includes('neckcoach routine'));
    /** Input now: X counts idle time from here. */
    const touch = () => run('xdotool', ['mousemove_relative', '--', '1', '1'], { env: { ...process.env, ...desktop.env } });

    it('Start (a click) runs the routine through remind.terminal in a session of its own; the break is taken', async () => {
      await touch();
      const h = home();
      const bin = path.join(h.home, 'bin');
      mkdirSync(bin);
      const argvFile = path.join(h.home, 'terminal-argv');
      const sidFile = path.join(h.home, 'terminal-sid');
      const outFile = path.join(h.home, 'terminal-output');
      // A terminal that takes `--title <text>` and runs the rest, recording what it was given and its session.
      writeFileSync(
        path.join(bin, 'fake-term'),
        `#!/bin/sh\nprintf '%s\\n' "$@" > '${argvFile}'\nps -o sid= -p $$ > '${sidFile}'\nshift 2\nexec "$@" > '${outFile}' 2>&1\n`,
      );
      chmodSync(path.join(bin, 'fake-term'), 0o755);
      expect(
        (await neckcoach(h, 'config', 'set', 'remind.terminal', `${path.join(bin, 'fake-term')} --title 'neck break' {cmd}`)).code,
      ).toBe(0);

      const before = (await reminders()).length;
      expect((await neckcoach(h, 'remind', 'start', '--every', '8s', '--work-hours', 'none', '--days', 'all')).code).toBe(0);
      const daemon = JSON.parse((await neckcoach(h, 'remind', 'status', '--json')).stdout).pid as number;
      const n = await until('the reminder', async () => (await reminders())[before], 45_000);
      expect(n.actions).toEqual(['default', 'Start', 'snooze', 'Snooze 10 min', 'skip', 'Skip']);
      await until('the daemon recording it as sent', () => history(h).some((e) => e.type === 'reminder' && e.event === 'sent'));

      await run('dunstctl', ['action', '0'], { env: { ...process.env, ...desktop.env } });
      await until('the routine recorded', () => history(h).some((e) => e.type === 'routine')).catch((error) => {
        const show = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8') : '(none)');
        throw new Error(
          `${(error as Error).message}\nlog:\n${show(path.join(h.home, 'state', 'remind.log'))}\nterminal output:\n${show(outFile)}`,
        );
      });
      expect(readFileSync(argvFile, 'utf8').trim().split('\n')).toEqual([
        '--title',
        'neck break',
        process.execPath,
        expect.stringMatching(/[\\/]dist[\\/]main\.cjs$/),
        'routine',
        'desk-break',
        '--hold',
      ]);
      const ownSession = readFileSync(sidFile, 'utf8').trim();
      const daemonSession = (await run('ps', ['-o', 'sid=', '-p', String(daemon)])).stdout.trim();
      expect(ownSession).not.toBe(daemonSession);
      expect(history(h).find((e) => e.type === 'reminder' && e.event === 'taken')).toMatchObject({ routine: 'desk-break' });
    });

    it('away longer than remind.awayAfter: no reminder, a natural break; with input every second, it is sent', async () => {
      const h = home();
      expect((await neckcoach(h, 'config', 'set', 'remind.awayAfter', '3s')).code).toBe(0);
      await touch();
      const started = Date.now();
      const before = (await reminders()).length;
      expect((await neckcoach(h, 'remind', 'start', '--every', '6s', '--work-hours', 'none', '--days', 'all')).code).toBe(0);
      const natural = await until('a natural break', () => history(h).find((e) => e.type === 'reminder' && e.event === 'natural'));
      expect(natural.away).toBeGreaterThanOrEqual(3000);
      // The cycle keeps restarting while away: wait until the next reminder is pushed past two intervals.
      await until('the due time moving on', async () => {
        const status = JSON.parse((await neckcoach(h, 'remind', 'status', '--json')).stdout);
        return status.nextDue !== null && Date.parse(status.nextDue) > started + 12_000;
      });
      expect((await reminders()).length).toBe(before);

      const typing = setInterval(() => void touch(), 1000);
      try {
        await until('a reminder while someone is at the keyboard', async () => (await reminders()).length > before, 30_000);
      } finally {
        clearInterval(typing);
      }
    });
  },
);
