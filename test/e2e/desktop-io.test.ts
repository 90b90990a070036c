// The desktop adapters against a real dunst on a private Xvfb + D-Bus session: notifications with
// buttons and their answers, the server's pause state, and X11 idle time.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createIdleReader, idleSources } from '../../src/io/idle.js';
import { createNotifier, type Notifier, reminderText } from '../../src/io/notify.js';
import { fullScreenFocused } from '../../src/io/quiet.js';
import { DESKTOP_TOOLS, type Desktop, requireTools, startDesktop } from '../helpers/desktop.js';

const run = promisify(execFile);

describe.skipIf(requireTools([...DESKTOP_TOOLS, 'dunstctl', 'stdbuf', 'xprintidle', 'xdotool', 'xprop']))(
  'desktop adapters against dunst',
  () => {
    let desktop: Desktop;
    let env: NodeJS.ProcessEnv;
    const notifiers: Notifier[] = [];
    const notifier = () => {
      const n = createNotifier(env, { expireMs: 60_000 });
      notifiers.push(n);
      return n;
    };
    const dunstctl = (...args: string[]) => run('dunstctl', args, { env });

    beforeAll(async () => {
      desktop = await startDesktop();
      env = { ...process.env, ...desktop.env };
    });
    afterEach(async () => {
      for (const n of notifiers.splice(0)) n.stop();
      await dunstctl('set-paused', 'false');
    });
    afterAll(async () => {
      await desktop?.stop();
    });

    it('a reminder has Start (the default), Snooze 10 min and Skip; a click answers start', async () => {
      const shown = await notifier().remind({ routine: 'desk-break' });
      expect(shown).toMatchObject({ ok: true, answer: expect.any(Promise) });
      const n = await desktop.waitForNotification('Start opens neckcoach routine desk-break');
      expect(n.actions).toEqual(['default', 'Start', 'snooze', 'Snooze 10 min', 'skip', 'Skip']);
      await dunstctl('action', '0');
      expect(await (shown as { answer: Promise<unknown> }).answer).toBe('start');
    });

    it('stop takes it off the screen, ends the waiting notify-send and answers nothing', async () => {
      const shown = await notifier().remind({ routine: 'desk-break' });
      if (!shown.ok) throw new Error(shown.error);
      const before = Number((await dunstctl('count', 'displayed')).stdout.trim());
      expect(before).toBeGreaterThan(0);
      notifiers[0]!.stop();
      expect(await shown.answer).toBeNull();
      await expect.poll(async () => Number((await dunstctl('count', 'displayed')).stdout.trim())).toBe(before - 1);
    });

    it('expiry answers nothing', async () => {
      const quick = createNotifier(env, { expireMs: 300 });
      notifiers.push(quick);
      const shown = await quick.remind({ routine: 'desk-break' });
      if (!shown.ok) throw new Error(shown.error);
      expect(await shown.answer).toBeNull();
    });

    it('without buttons, the text names the command and nothing waits', async () => {
      expect(await notifier().send(reminderText('gentle'))).toEqual({ ok: true });
      await desktop.waitForNotification('run: neckcoach routine gentle');
    });

    it('serverPaused follows dunstctl set-paused', async () => {
      const n = notifier();
      expect(await n.serverPaused()).toBe(false);
      await dunstctl('set-paused', 'true');
      expect(await n.serverPaused()).toBe(true);
    });

    it('idle: xprintidle is the source under Xvfb; input resets it', async () => {
      const reader = createIdleReader(idleSources(env, 'linux'));
      await run('xdotool', ['mousemove', '10', '10'], { env });
      await run('xdotool', ['mousemove', '20', '20'], { env });
      const reading = await reader.read();
      expect(reader.source()?.id).toBe('xprintidle');
      expect(reading!.idleMs).toBeLessThan(5000);
    });

    it('no window manager, no full-screen window', async () => {
      expect(await fullScreenFocused(env)).toBe(false);
    });
  },
);
