import type * as ChildProcess from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HEARTBEAT } from '../core/schedule.js';
import { callBus, replyBoolean, replyStrings } from './bus.js';
import { killGroup, type RunTool, runTool } from './exec.js';
import { findOnPath } from './paths.js';
import { builtFile, childProcess } from './process.js';

/** node-notifier has no timeout and notify-send can hang for over a minute: ours is this long. */
export const NOTIFY_TIMEOUT = 10_000;
/** How long a reminder without buttons stays on screen. */
const PLAIN_EXPIRE = 15_000;

export interface Reminder {
  title: string;
  message: string;
}

/** The notification text: it names the routine to run now, and with buttons, what Start does. */
export function reminderText(routine: string, actions = false): Reminder {
  return {
    title: 'neckcoach: time for a neck break',
    message: actions
      ? `Look away from the screen and loosen your shoulders. Start opens neckcoach routine ${routine} in a terminal.`
      : `Look away from the screen, loosen your shoulders and run: neckcoach routine ${routine}`,
  };
}

/** The buttons (design §7): Start is also the default action, a click on the notification. */
export type Answer = 'start' | 'snooze' | 'skip';
const ACTIONS: readonly (readonly [string, string, Answer])[] = [
  ['default', 'Start', 'start'],
  ['snooze', 'Snooze 10 min', 'snooze'],
  ['skip', 'Skip', 'skip'],
];

/** Shown (with the answer to come, where it has buttons), or why not. */
export type Delivery = { ok: true; answer?: Promise<Answer | null> } | { ok: false; error: string };

/** The daemon's Sender (src/run/reminders.ts), and `remind test`'s. */
export interface Notifier {
  /** Shows a reminder, with buttons where the server has them; resolves once it is shown (or failed). */
  remind(reminder: { routine: string }): Promise<Delivery>;
  /** One notification without buttons. */
  send(text: Reminder): Promise<Delivery>;
  warn(message: string): Promise<Delivery>;
  /** The notification server's do-not-disturb: dunst paused, GNOME banners off. False when it cannot tell. */
  serverPaused(): Promise<boolean>;
  /** Takes a reminder still on screen away and ends every sender under way, with its process group. */
  stop(): void;
}

export interface NotifierOptions {
  /** How long a reminder with buttons stays: until the next heartbeat. */
  expireMs?: number;
  platform?: NodeJS.Platform;
  run?: RunTool;
}

function timeoutFrom(env: NodeJS.ProcessEnv): number {
  // For tests only (README, testing): a hung notify-send costs the suite less time.
  const seconds = Number(env.NECKCOACH_NOTIFY_TIMEOUT);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : NOTIFY_TIMEOUT;
}

const lastLine = (text: string) => text.trim().split('\n').filter(Boolean).at(-1);

interface Waiting {
  proc: ChildProcess.ChildProcess;
  /** The server's id for the notification (notify-send prints it). */
  id: number | null;
  expiry: NodeJS.Timeout;
}

/**
 * Watches a sender until the notification is shown: notify-send printed its id (`shown`), or a
 * node-notifier child is still up after `settleMs` (it tells nothing until answered), or the
 * sender exited 0. A failure before that is the error; past the timeout its process group is
 * killed. With buttons (`answer`), the answer is read from its output when it exits.
 */
function watchSender(
  proc: ChildProcess.ChildProcess,
  options: { timeoutMs: number; settleMs?: number; shown?: (stdout: string) => boolean; answer?: (stdout: string) => Answer | null },
): Promise<Delivery> {
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let settled = false;
    let answered: (answer: Answer | null) => void = () => {};
    const answer = new Promise<Answer | null>((r) => (answered = r));
    const finish = (delivery: Delivery) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(delivery);
    };
    const show = () => finish(options.answer ? { ok: true, answer } : { ok: true });
    const timer = options.settleMs
      ? setTimeout(show, options.settleMs)
      : setTimeout(() => {
          killGroup(proc);
          finish({ ok: false, error: `the notification service did not answer within ${Math.round(options.timeoutMs / 1000)} s` });
        }, options.timeoutMs);
    proc.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (options.shown?.(stdout)) show();
    });
    proc.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    proc.on('error', (error) => finish({ ok: false, error: error.message }));
    proc.on('close', (code, signal) => {
      if (code === 0) show();
      else finish({ ok: false, error: lastLine(stderr) ?? `the notifier exited with ${signal ?? `code ${code}`}` });
      answered(code === 0 && options.answer ? options.answer(stdout) : null);
    });
  });
}

/** notify-send prints the id, then the chosen action's name; expiry and dismissal print nothing more. */
export function notifySendAnswer(stdout: string): Answer | null {
  const [, action] = stdout.trim().split('\n');
  return ACTIONS.find(([name]) => name === action?.trim())?.[2] ?? null;
}

/** node-notifier's answer (macOS: the button's label or "activate" for a click; Windows: the label). */
export function notifierAnswer(stdout: string): Answer | null {
  const text = stdout.trim().toLowerCase();
  if (!text) return null;
  if (text.includes('snooze')) return 'snooze';
  if (text.includes('skip')) return 'skip';
  return /start|activate|click/.test(text) ? 'start' : null;
}

const callNotifications = (env: NodeJS.ProcessEnv, run: RunTool, method: string, args?: string[]) =>
  callBus({ bus: 'session', dest: 'org.freedesktop.Notifications', path: '/org/freedesktop/Notifications', method, args }, env, run);

interface ServerInfo {
  /** The server's name: `dunst`, `gnome-shell`, `Plasma`… */
  name: string;
  /** Whether it shows buttons (the "actions" capability). */
  actions: boolean;
}

/** Which notification server answers and whether it has buttons; null when none answers. */
async function askServer(env: NodeJS.ProcessEnv, run: RunTool): Promise<ServerInfo | null> {
  const info = await callNotifications(env, run, 'org.freedesktop.Notifications.GetServerInformation');
  if (info === null) return null;
  const capabilities = replyStrings(await callNotifications(env, run, 'org.freedesktop.Notifications.GetCapabilities'));
  return { name: replyStrings(info)[0] ?? '', actions: capabilities.includes('actions') };
}

/**
 * Notifications for the daemon and `remind test`, each sender in its own process group, so on our
 * timeout or on `stop()` the whole group goes. Linux: notify-send spawned directly (a waiting
 * notify-send holds ~6 MB, a waiting Node child ~40 MB), with buttons and --wait where the server
 * lists "actions" among its capabilities (asked once per run). macOS and Windows: node-notifier's
 * actions, in a short-lived child.
 */
export function createNotifier(env: NodeJS.ProcessEnv, options: NotifierOptions = {}): Notifier {
  const platform = options.platform ?? process.platform;
  const run = options.run ?? runTool;
  const expireMs = options.expireMs ?? HEARTBEAT;
  const timeoutMs = timeoutFrom(env);
  const running = new Set<ChildProcess.ChildProcess>();
  let waiting: Waiting | null = null;
  const notifications = (method: string, args?: string[]) => callNotifications(env, run, method, args);
  let server: Promise<ServerInfo | null> | undefined;
  const serverInfo = () => {
    server ??= askServer(env, run);
    // Not answering now (no server yet) is asked again next time.
    void server.then((info) => {
      if (info === null) server = undefined;
    });
    return server;
  };

  const spawnSender = (file: string, args: readonly string[]) => {
    const proc = childProcess().spawn(file, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env });
    running.add(proc);
    proc.on('close', () => running.delete(proc));
    return proc;
  };

  const closeWaiting = () => {
    if (!waiting) return;
    const { proc, id, expiry } = waiting;
    waiting = null;
    clearTimeout(expiry);
    killGroup(proc, 'SIGTERM');
    if (id !== null) void notifications('org.freedesktop.Notifications.CloseNotification', [`uint32:${id}`]);
  };

  /** Keeps track of a reminder waiting for an answer, so a newer one, a natural break or stopping can close it. */
  const hold = (proc: ChildProcess.ChildProcess, delivery: Delivery, id: number | null) => {
    if (!delivery.ok || !delivery.answer) return;
    // A server that ignores the expire time (GNOME keeps notifications with buttons) is closed by us.
    const entry: Waiting = { proc, id, expiry: setTimeout(closeWaiting, expireMs + 5000) };
    entry.expiry.unref();
    waiting = entry;
    void delivery.answer.then(() => {
      if (waiting !== entry) return;
      clearTimeout(entry.expiry);
      waiting = null;
    });
  };

  const viaNotifySend = async (text: Reminder, actions: boolean): Promise<Delivery> => {
    const notifySend = findOnPath('notify-send', env);
    if (!notifySend) return { ok: false, error: 'notify-send is not installed (apt-get install libnotify-bin)' };
    const args = ['-a', 'neckcoach', '-u', 'normal'];
    if (actions) for (const [name, label] of ACTIONS) args.push('-A', `${name}=${label}`);
    args.push(...(actions ? ['--wait', '-p', '-t', String(expireMs)] : ['-t', String(PLAIN_EXPIRE)]), text.title, text.message);
    // notify-send prints the id only when its output is flushed: line-buffered, "shown" is known at once.
    const proc = actions ? spawnSender(findOnPath('stdbuf', env)!, ['-oL', notifySend, ...args]) : spawnSender(notifySend, args);
    let id: number | null = null;
    const delivery = await watchSender(proc, {
      timeoutMs,
      shown: (out) => {
        const printed = /^(\d+)\s*\n/.exec(out);
        if (printed) id = Number(printed[1]);
        return printed !== null;
      },
      ...(actions ? { answer: notifySendAnswer } : {}),
    });
    hold(proc, delivery, id);
    return delivery;
  };

  const viaChild = async (text: Reminder, actions: boolean): Promise<Delivery> => {
    const child = builtFile('notify-child.cjs', fileURLToPath(import.meta.url));
    if (!child) return { ok: false, error: 'dist/notify-child.cjs is missing: run `npm run build`' };
    const payload = {
      ...text,
      actions: actions ? ACTIONS.map(([, label]) => label) : [],
      timeout: Math.round((actions ? expireMs : PLAIN_EXPIRE) / 1000),
    };
    const proc = spawnSender(process.execPath, [child, JSON.stringify(payload)]);
    const delivery = await watchSender(proc, { timeoutMs, ...(actions ? { settleMs: 2000, answer: notifierAnswer } : {}) });
    hold(proc, delivery, null);
    return delivery;
  };

  const show = (text: Reminder, actions: boolean) => (platform === 'linux' ? viaNotifySend(text, actions) : viaChild(text, actions));

  return {
    async remind({ routine }) {
      closeWaiting();
      const actions = platform !== 'linux' || (findOnPath('stdbuf', env) !== null && (await serverInfo())?.actions === true);
      return show(reminderText(routine, actions), actions);
    },
    send: (text) => show(text, false),
    warn: (message) => show({ title: 'neckcoach', message }, false),
    async serverPaused() {
      if (platform !== 'linux') return false;
      const info = await serverInfo();
      if (info?.name === 'dunst') {
        return (
          replyBoolean(await notifications('org.freedesktop.DBus.Properties.Get', ['string:org.dunstproject.cmd0', 'string:paused'])) ===
          true
        );
      }
      const gsettings = info?.name === 'gnome-shell' ? findOnPath('gsettings', env) : null;
      if (gsettings)
        return (await run(gsettings, ['get', 'org.gnome.desktop.notifications', 'show-banners'], { env })).stdout.trim() === 'false';
      return false;
    },
    stop() {
      closeWaiting();
      for (const proc of running) killGroup(proc);
    },
  };
}

/** One notification now (`remind test`), sent as the daemon sends it, without buttons. */
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

async function run(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ ok: boolean; out: string }> {
  const result = await runTool(file, args, { env });
  return { ok: result.ok, out: `${result.stdout}${result.stderr}`.trim() };
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
  const server = bus ? await askServer(env, runTool) : null;
  if (server) {
    const stdbuf = findOnPath('stdbuf', env);
    checks.push({
      id: 'buttons',
      ok: true,
      detail: !server.actions
        ? `${server.name} shows no buttons: reminders name the command to run`
        : stdbuf
          ? `${server.name}: Start, Snooze 10 min and Skip`
          : 'stdbuf (coreutils) is missing: reminders name the command to run instead of showing buttons',
      fix: null,
    });
  }
  return checks;
}
