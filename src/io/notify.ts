import type * as ChildProcess from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findOnPath } from './paths.js';
import { builtFile, childProcess } from './process.js';

/** node-notifier has no timeout and notify-send can hang for over a minute: ours is this long. */
export const NOTIFY_TIMEOUT = 10_000;

export interface Reminder {
  title: string;
  message: string;
}

/** The notification text: it names the routine to run now. */
export function reminderText(routine: string): Reminder {
  return {
    title: 'neckcoach: time for a neck break',
    message: `Look away from the screen, loosen your shoulders and run: neckcoach routine ${routine}`,
  };
}

export type Delivery = { ok: true } | { ok: false; error: string };

function timeoutFrom(env: NodeJS.ProcessEnv): number {
  // For tests only (README, testing): a hung notify-send costs the suite less time.
  const seconds = Number(env.NECKCOACH_NOTIFY_TIMEOUT);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : NOTIFY_TIMEOUT;
}

/** Ends a detached child and everything it started (its own process group: sh, notify-send). */
function killGroup(proc: ChildProcess.ChildProcess): void {
  try {
    process.kill(-proc.pid!, 'SIGKILL');
  } catch {
    proc.kill('SIGKILL');
  }
}

/**
 * Notifications through the short-lived notify child, each in its own process group, so on our
 * timeout, or on `stop()` when the daemon ends, the whole group goes (node, sh, notify-send), not
 * just the child. The daemon's Sender (src/run/reminders.ts).
 */
export function createNotifier(env: NodeJS.ProcessEnv) {
  const running = new Set<ChildProcess.ChildProcess>();
  const send = (reminder: Reminder): Promise<Delivery> => {
    const child = builtFile('notify-child.cjs', fileURLToPath(import.meta.url));
    if (!child) return Promise.resolve({ ok: false, error: 'dist/notify-child.cjs is missing: run `npm run build`' });
    const timeoutMs = timeoutFrom(env);
    return new Promise((resolve) => {
      let stderr = '';
      let settled = false;
      const proc = childProcess().spawn(process.execPath, [child, JSON.stringify(reminder)], {
        detached: true,
        stdio: ['ignore', 'ignore', 'pipe'],
        env,
      });
      running.add(proc);
      const finish = (delivery: Delivery) => {
        running.delete(proc);
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(delivery);
      };
      const timer = setTimeout(() => {
        killGroup(proc);
        finish({ ok: false, error: `the notification service did not answer within ${Math.round(timeoutMs / 1000)} s` });
      }, timeoutMs);
      proc.stderr!.on('data', (chunk) => (stderr += chunk));
      proc.on('error', (error) => finish({ ok: false, error: error.message }));
      proc.on('close', (code, signal) => {
        if (code === 0) finish({ ok: true });
        else finish({ ok: false, error: stderr.trim().split('\n').at(-1) || `the notifier exited with ${signal ?? `code ${code}`}` });
      });
    });
  };
  return {
    send,
    remind: ({ routine }: { routine: string }) => send(reminderText(routine)),
    warn: (message: string) => send({ title: 'neckcoach', message }),
    stop: () => {
      for (const proc of running) killGroup(proc);
    },
  };
}

/** One notification now (`remind test`), through the same child the daemon uses. */
export const sendNotification = (reminder: Reminder, env: NodeJS.ProcessEnv): Promise<Delivery> => createNotifier(env).send(reminder);

/** Rings the bell on the controlling terminal, if the process has one (a detached daemon has none). */
export function ringBell(): boolean {
  try {
    const fd = fs.openSync('/dev/tty', 'w');
    try {
      fs.writeSync(fd, '\x07');
    } finally {
      fs.closeSync(fd);
    }
    return true;
  } catch {
    return false;
  }
}

// ---- doctor -------------------------------------------------------------------------------------

export interface Check {
  id: string;
  ok: boolean;
  detail: string;
  fix: string | null;
}

function run(file: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs = 3000): Promise<{ ok: boolean; out: string }> {
  return new Promise((resolve) => {
    childProcess().execFile(file, args, { env, timeout: timeoutMs, killSignal: 'SIGKILL' }, (error, stdout, stderr) =>
      resolve({ ok: !error, out: `${stdout}${stderr}`.trim() }),
    );
  });
}

/** Is something serving org.freedesktop.Notifications on the session bus? */
async function notificationDaemon(env: NodeJS.ProcessEnv): Promise<Check> {
  const id = 'notification-daemon';
  const fix = 'start a notification daemon for your desktop (e.g. `dunst &`, or log in to a desktop session)';
  const dbusSend = findOnPath('dbus-send', env);
  const gdbus = findOnPath('gdbus', env);
  let result: { ok: boolean; out: string } | undefined;
  if (dbusSend) {
    result = await run(
      dbusSend,
      [
        '--session',
        '--print-reply',
        '--dest=org.freedesktop.DBus',
        '/org/freedesktop/DBus',
        'org.freedesktop.DBus.NameHasOwner',
        'string:org.freedesktop.Notifications',
      ],
      env,
    );
  } else if (gdbus) {
    result = await run(
      gdbus,
      [
        'call',
        '--session',
        '--dest',
        'org.freedesktop.DBus',
        '--object-path',
        '/org/freedesktop/DBus',
        '--method',
        'org.freedesktop.DBus.NameHasOwner',
        'org.freedesktop.Notifications',
      ],
      env,
    );
  }
  if (!result)
    return {
      id,
      ok: false,
      detail: 'cannot ask the session bus: neither dbus-send nor gdbus is installed',
      fix: 'apt-get install dbus-bin (or libglib2.0-bin for gdbus)',
    };
  if (!result.ok) return { id, ok: false, detail: `the session bus did not answer (${result.out.split('\n')[0] || 'no reply'})`, fix };
  const owned = /boolean true|\(true,\)/.test(result.out);
  return owned
    ? { id, ok: true, detail: 'a notification daemon owns org.freedesktop.Notifications', fix: null }
    : { id, ok: false, detail: 'nothing serves org.freedesktop.Notifications on the session bus', fix };
}

/** What a notification needs on this system, each with the exact fix (`remind doctor`). */
export async function diagnose(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): Promise<Check[]> {
  if (platform === 'darwin') {
    const tn = findOnPath('terminal-notifier', env);
    return [
      {
        id: 'notifier',
        ok: true,
        detail: tn ? `terminal-notifier: ${tn}` : 'macOS Notification Center (node-notifier ships terminal-notifier)',
        fix: null,
      },
    ];
  }
  if (platform === 'win32') {
    return [{ id: 'notifier', ok: true, detail: 'Windows toast notifications (node-notifier ships SnoreToast)', fix: null }];
  }
  const checks: Check[] = [];
  const display = env.DISPLAY || env.WAYLAND_DISPLAY;
  checks.push(
    display
      ? {
          id: 'display',
          ok: true,
          detail: env.WAYLAND_DISPLAY ? `WAYLAND_DISPLAY=${env.WAYLAND_DISPLAY}` : `DISPLAY=${env.DISPLAY}`,
          fix: null,
        }
      : {
          id: 'display',
          ok: false,
          detail: 'no DISPLAY or WAYLAND_DISPLAY: this shell is not attached to a desktop',
          fix: 'run from a terminal inside your desktop session, or `export DISPLAY=:0`',
        },
  );
  const bus = env.DBUS_SESSION_BUS_ADDRESS;
  const runtimeBus = env.XDG_RUNTIME_DIR ? path.join(env.XDG_RUNTIME_DIR, 'bus') : null;
  checks.push(
    bus
      ? { id: 'dbus', ok: true, detail: `DBUS_SESSION_BUS_ADDRESS=${bus}`, fix: null }
      : {
          id: 'dbus',
          ok: false,
          detail: 'no DBUS_SESSION_BUS_ADDRESS: notify-send cannot reach the session bus',
          fix:
            runtimeBus && fs.existsSync(runtimeBus)
              ? `export DBUS_SESSION_BUS_ADDRESS=unix:path=${runtimeBus}`
              : 'log in to a desktop session, or start one with `dbus-launch`',
        },
  );
  const notifySend = findOnPath('notify-send', env);
  checks.push(
    notifySend
      ? { id: 'notify-send', ok: true, detail: notifySend, fix: null }
      : {
          id: 'notify-send',
          ok: false,
          detail: 'notify-send is not installed',
          fix: 'apt-get install libnotify-bin (Fedora: dnf install libnotify)',
        },
  );
  if (bus) checks.push(await notificationDaemon(env));
  else checks.push({ id: 'notification-daemon', ok: false, detail: 'not checked: no session bus', fix: 'fix the D-Bus session first' });
  return checks;
}
