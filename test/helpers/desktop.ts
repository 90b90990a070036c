// A private desktop for notification tests (design §8): Xvfb on a free display, a session bus of
// our own, dunst configured from a temp dir, and dbus-monitor recording every Notify call: dunst
// 1.9's `dunstctl history` lists only closed notifications, so the bus is where arrivals show.
import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The Debian package that provides each tool the e2e tests use. */
export const PACKAGE_OF: Readonly<Record<string, string>> = {
  tmux: 'tmux',
  Xvfb: 'xvfb',
  xdpyinfo: 'x11-utils',
  'dbus-daemon': 'dbus-daemon',
  'dbus-monitor': 'dbus-bin',
  'dbus-send': 'dbus-bin',
  'dbus-launch': 'dbus-x11',
  dunst: 'dunst',
  dunstctl: 'dunst',
  'notify-send': 'libnotify-bin',
  stdbuf: 'coreutils',
  xprintidle: 'xprintidle',
  xdotool: 'xdotool',
  xprop: 'x11-utils',
  'espeak-ng': 'espeak-ng',
};

export const DESKTOP_TOOLS = ['Xvfb', 'xdpyinfo', 'dbus-daemon', 'dbus-monitor', 'dbus-send', 'dunst', 'notify-send'] as const;

function onPath(tool: string): boolean {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  return dirs.some((dir) => existsSync(path.join(dir, tool)));
}

/**
 * For `describe.skipIf(requireTools([...]))`: undefined when every tool is on PATH, otherwise a
 * reason naming what to install (also printed). Under CI=true a missing tool throws instead: CI
 * must run every e2e test, never skip one.
 */
export function requireTools(names: readonly string[]): string | undefined {
  const missing = names.filter((name) => !onPath(name));
  if (missing.length === 0) return undefined;
  const packages = [...new Set(missing.map((name) => PACKAGE_OF[name] ?? name))];
  const reason = `install ${missing.join(', ')} (apt-get install ${packages.join(' ')})`;
  if (process.env.CI === 'true' || process.env.CI === '1') {
    throw new Error(`e2e tools missing under CI: ${reason}; .ci/run should have installed them`);
  }
  console.warn(`skipping e2e tests: ${reason}`);
  return reason;
}

export interface Notification {
  appName: string;
  summary: string;
  body: string;
  /** Action keys and labels, alternating, as sent: `["default", "Start", …]`. */
  actions: string[];
}

export interface Desktop {
  /** What a program needs to reach this desktop: pass it on top of its environment. */
  env: { DISPLAY: string; DBUS_SESSION_BUS_ADDRESS: string };
  /** Every Notify call seen on the bus so far, in order. */
  notifications(): Promise<Notification[]>;
  /** The first notification (so far or within `timeoutMs`) whose summary/body matches. */
  waitForNotification(match: RegExp | string | ((n: Notification) => boolean), timeoutMs?: number): Promise<Notification>;
  /** Stops everything it started and removes its temp dir; safe to call twice. */
  stop(): Promise<void>;
}

const DUNSTRC = `# Written by the test harness so the user's dunst config never applies.
[global]
    monitor = 0
    follow = none
    # Keep notifications on screen: tests read the bus, not the screen, but nothing should expire mid-test.
    idle_threshold = 0
    show_indicators = no
[urgency_low]
    timeout = 0
[urgency_normal]
    timeout = 0
[urgency_critical]
    timeout = 0
`;

// No <servicedir>: nothing is bus-activated, so a Notify without our dunst fails instead of
// starting some system-wide notification daemon. Root may own names and monitor (CI runs as root).
const busConfig = (dir: string) => `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir=${dir}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`;

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`desktop harness: ${what} did not happen within ${timeoutMs} ms`);
    await sleep(50);
  }
}

const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/** Starts Xvfb on the first free display from :90 up; resolves once it accepts connections. */
async function startXvfb(dir: string): Promise<{ display: string; xvfb: ChildProcess }> {
  for (let n = 90; n < 190; n++) {
    if (existsSync(`/tmp/.X11-unix/X${n}`) || existsSync(`/tmp/.X${n}-lock`)) continue;
    const display = `:${n}`;
    const xvfb = spawn('Xvfb', [display, '-nolisten', 'tcp', '-screen', '0', '1280x800x24'], {
      stdio: ['ignore', 'ignore', 'pipe'],
      cwd: dir,
    });
    let log = '';
    xvfb.stderr?.on('data', (chunk) => (log += chunk));
    const ready = async () => {
      if (exited(xvfb)) return true;
      try {
        await run('xdpyinfo', ['-display', display]);
        return true;
      } catch {
        return false;
      }
    };
    await until(`Xvfb ${display} accepting connections`, ready);
    if (!exited(xvfb)) return { display, xvfb };
    // Lost a race for this display to another process: try the next one.
    if (!/already active|server is already|Cannot establish/i.test(log)) {
      throw new Error(`Xvfb ${display} failed to start:\n${log}`);
    }
  }
  throw new Error('desktop harness: no free X display between :90 and :189');
}

/** Splits dbus-monitor's text into messages and reads the arguments of each Notify call. */
export function parseNotifyCalls(monitorOutput: string): Notification[] {
  const calls: Notification[] = [];
  // A message starts with its kind and time ("method call time=…"); its arguments are indented
  // below it, though a string argument's own lines (a multi-line body) may start at column 0.
  const messages = monitorOutput.split(/\n(?=(?:method call|method return|signal|error) time=)/);
  for (const message of messages) {
    const [header = '', ...rest] = message.split('\n');
    if (!/^method call .*member=Notify\b/.test(header)) continue;
    // Top-level arguments are indented by exactly three spaces; a string may run over lines.
    const args = rest
      .join('\n')
      .split(/\n(?= {3}\S)/)
      .map((arg) => arg.replace(/^ {3}/, ''));
    const strings = args.map((arg) => /^string "([\s\S]*)"\s*$/.exec(arg)?.[1]);
    // Notify(app_name, replaces_id, app_icon, summary, body, actions, hints, expire_timeout)
    const actions = [...(args[5] ?? '').matchAll(/string "([^"]*)"/g)].map((m) => m[1]!);
    calls.push({ appName: strings[0] ?? '', summary: strings[3] ?? '', body: strings[4] ?? '', actions });
  }
  return calls;
}

export async function startDesktop(): Promise<Desktop> {
  const dir = mkdtempSync(path.join(tmpdir(), 'nc-desktop-'));
  const children: ChildProcess[] = [];
  let busPid: number | undefined;
  let stopped = false;

  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.off('exit', stopSync);
    for (const child of children.reverse()) {
      if (exited(child)) continue;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([gone, sleep(2000)]);
      if (!exited(child)) child.kill('SIGKILL');
    }
    if (busPid) {
      try {
        process.kill(busPid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  // Backstop for a worker that exits without running its cleanup hooks.
  function stopSync() {
    for (const child of children) if (!exited(child)) child.kill('SIGKILL');
    if (busPid) {
      try {
        process.kill(busPid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
  process.once('exit', stopSync);

  try {
    const { display, xvfb } = await startXvfb(dir);
    children.push(xvfb);

    writeFileSync(path.join(dir, 'bus.conf'), busConfig(dir));
    const forked = await run('dbus-daemon', [
      `--config-file=${path.join(dir, 'bus.conf')}`,
      '--fork',
      '--print-address=1',
      '--print-pid=1',
    ]);
    const [address = '', pid = ''] = forked.stdout.trim().split('\n');
    busPid = Number(pid);
    if (!address.startsWith('unix:') || !Number.isInteger(busPid)) throw new Error(`dbus-daemon printed no address/pid: ${forked.stdout}`);

    const env = { DISPLAY: display, DBUS_SESSION_BUS_ADDRESS: address };
    const childEnv = { ...process.env, ...env, HOME: dir, XDG_CONFIG_HOME: dir, XDG_RUNTIME_DIR: dir };

    // The monitor first, so not even dunst's start-up is missed; it is live once it has
    // received its NameLost (the bus turned the connection into a monitor).
    let monitorText = '';
    const monitor = spawn('dbus-monitor', ['--address', address, "interface='org.freedesktop.Notifications',member='Notify'"], {
      env: childEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(monitor);
    monitor.stdout?.setEncoding('utf8').on('data', (chunk: string) => (monitorText += chunk));
    await until('dbus-monitor becoming a monitor', () => /member=NameLost/.test(monitorText) || exited(monitor));
    if (exited(monitor)) throw new Error('dbus-monitor exited at start');

    writeFileSync(path.join(dir, 'dunstrc'), DUNSTRC);
    const dunst = spawn('dunst', ['-config', path.join(dir, 'dunstrc')], { env: childEnv, stdio: ['ignore', 'ignore', 'pipe'] });
    let dunstLog = '';
    dunst.stderr?.setEncoding('utf8').on('data', (chunk: string) => (dunstLog += chunk));
    children.push(dunst);
    const owned = async () => {
      if (exited(dunst)) throw new Error(`dunst exited at start:\n${dunstLog}`);
      const reply = await run(
        'dbus-send',
        [
          '--session',
          '--print-reply',
          '--dest=org.freedesktop.DBus',
          '/org/freedesktop/DBus',
          'org.freedesktop.DBus.NameHasOwner',
          'string:org.freedesktop.Notifications',
        ],
        { env: childEnv },
      ).catch(() => ({ stdout: '' }));
      return /boolean true/.test(reply.stdout);
    };
    await until('dunst owning org.freedesktop.Notifications', owned);

    const notifications = async () => parseNotifyCalls(monitorText);
    const waitForNotification: Desktop['waitForNotification'] = async (match, timeoutMs = 10_000) => {
      const test =
        typeof match === 'function'
          ? match
          : (n: Notification) =>
              typeof match === 'string' ? n.summary.includes(match) || n.body.includes(match) : match.test(n.summary) || match.test(n.body);
      let found: Notification | undefined;
      try {
        await until(
          `a notification matching ${String(match)}`,
          () => Boolean((found = parseNotifyCalls(monitorText).find(test))),
          timeoutMs,
        );
      } catch (error) {
        const seen = parseNotifyCalls(monitorText);
        throw new Error(`${(error as Error).message}; seen: ${JSON.stringify(seen)}`);
      }
      return found!;
    };

    return { env, notifications, waitForNotification, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Whether an X display accepts connections: lets a harness test prove `stop()` left nothing behind. */
export function displayIsUp(display: string): boolean {
  try {
    execFileSync('xdpyinfo', ['-display', display], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
