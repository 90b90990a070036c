// Break reminders end to end: the built binary, a detached daemon, a real dunst on a private
// Xvfb + D-Bus session, read from the bus. A short test interval (NECKCOACH_MIN_INTERVAL=2 → --every 3s).
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runBin, tempHome } from '../helpers/cli.js';
import { daemonSweeper } from '../helpers/daemons.js';
import { DESKTOP_TOOLS, type Desktop, requireTools, startDesktop } from '../helpers/desktop.js';
import { isAlive } from '../../src/io/process.js';
import { until as poll } from '../helpers/poll.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
// These waits have 15 s unless they say otherwise.
const until = (what: string, check: () => boolean | Promise<boolean>, timeoutMs = 15_000) => poll(what, check, timeoutMs);

describe.skipIf(requireTools([...DESKTOP_TOOLS]))('remind against a real notification daemon', () => {
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
    const env = { NECKCOACH_HOME: h.home, NECKCOACH_MIN_INTERVAL: '2', NECKCOACH_NOTIFY_TIMEOUT: '2', ...desktop.env, ...extra };
    const entry = { ...h, env };
    homes.push(entry);
    return entry;
  }
  const remind = (h: { env: NodeJS.ProcessEnv }, ...args: string[]) => runBin(['remind', ...args], { env: h.env });
  const status = async (h: { env: NodeJS.ProcessEnv }) => JSON.parse((await remind(h, 'status', '--json')).stdout);
  const count = async () => (await desktop.notifications()).filter((n) => n.body.includes('neckcoach routine')).length;

  it('start: the notification arrives naming the routine; status shows it; stop leaves no process', async () => {
    const h = home();
    const started = await remind(h, 'start', '--every', '3s', '--work-hours', 'none', '--days', 'all');
    expect(started.code).toBe(0);
    expect(started.stdout).toMatch(/Reminders started \(pid \d+\)/);
    expect(started.stdout).toMatch(/first reminder is due at/);
    expect(started.stderr).not.toMatch(/notifications may not arrive/);
    const n = await desktop.waitForNotification('neckcoach routine desk-break', 15_000);
    expect(n.summary).toMatch(/neck break/);
    const s = await status(h);
    expect(s).toMatchObject({ schemaVersion: 1, running: true, settings: { every: 3000, workHours: null, days: 'all' }, lastError: null });
    await until('lastSent recorded', async () => (await status(h)).lastSent !== null);
    const history = readFileSync(path.join(h.home, 'data', 'history.jsonl'), 'utf8');
    expect(history).toMatch(/"type":"reminder".*"event":"sent".*"routine":"desk-break"/);

    const stopped = await remind(h, 'stop');
    expect(stopped.code).toBe(0);
    expect(isAlive(s.pid)).toBe(false);
    expect(existsSync(path.join(h.home, 'state', 'remind.pid'))).toBe(false);
    const again = await remind(h, 'stop');
    expect(again).toMatchObject({ code: 0 });
    expect(again.stdout).toMatch(/not running/);
    expect((await remind(h, 'status')).stdout).toMatch(/not running/);
  });

  it('a second start says so and keeps the one scheduler', async () => {
    const h = home();
    await remind(h, 'start', '--every', '3s', '--work-hours', 'none', '--days', 'all');
    const first = (await status(h)).pid;
    const second = await remind(h, 'start');
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(new RegExp(`already running \\(pid ${first}\\)`));
    expect((await status(h)).pid).toBe(first);
  });

  it('kill -9, then start: the stale pid file is cleaned and a new scheduler runs', async () => {
    const h = home();
    await remind(h, 'start', '--every', '3s', '--work-hours', 'none', '--days', 'all');
    const old = (await status(h)).pid;
    process.kill(old, 'SIGKILL');
    await until('the killed daemon is gone', () => !isAlive(old));
    expect((await status(h)).running).toBe(false);
    const started = await remind(h, 'start');
    expect(started.code).toBe(0);
    const now = await status(h);
    expect(now.running).toBe(true);
    expect(now.pid).not.toBe(old);
  });

  it('pause stops what arrives, resume brings it back; snooze puts it off', async () => {
    const h = home();
    await remind(h, 'start', '--every', '3s', '--work-hours', 'none', '--days', 'all');
    await desktop.waitForNotification('neckcoach routine', 15_000);
    expect((await remind(h, 'pause')).stdout).toMatch(/paused until `neckcoach remind resume`/);
    expect((await status(h)).pausedUntil).toBe('indefinite');
    await sleep(500); // a send already under way may still land
    const paused = await count();
    await sleep(7000); // more than two intervals
    expect(await count()).toBe(paused);

    expect((await remind(h, 'resume')).code).toBe(0);
    await until('a reminder after resume', async () => (await count()) > paused);

    const snoozed = await remind(h, 'snooze', '1m');
    expect(snoozed.stdout).toMatch(/Snoozed/);
    expect((await status(h)).snoozedUntil).not.toBeNull();
    await sleep(500);
    const atSnooze = await count();
    await sleep(7000);
    expect(await count()).toBe(atSnooze);
    const history = readFileSync(path.join(h.home, 'data', 'history.jsonl'), 'utf8');
    expect(history).toMatch(/"event":"snoozed"/);
  });

  it('a notify-send that fails: the daemon keeps running and status shows the error', async () => {
    const bin = path.join(tempHome().home, 'bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(path.join(bin, 'notify-send'), '#!/bin/sh\necho "GDBus.Error: fake notification failure" >&2\nexit 1\n');
    chmodSync(path.join(bin, 'notify-send'), 0o755);
    const h = home({ PATH: `${bin}${path.delimiter}${process.env.PATH}` });
    await remind(h, 'start', '--every', '3s', '--work-hours', 'none', '--days', 'all');
    await until('a failure recorded', async () => (await status(h)).lastError !== null);
    const s = await status(h);
    expect(s.running).toBe(true);
    expect(s.lastError.message).toMatch(/fake notification failure|Command failed/);
    expect(isAlive(s.pid)).toBe(true);
    expect((await remind(h, 'status')).stdout).toMatch(/last error/);
    expect(readFileSync(path.join(h.home, 'state', 'remind.log'), 'utf8')).toMatch(/reminder failed/);
    const test = await remind(h, 'test');
    expect(test.code).toBe(1);
    expect(test.stderr).toMatch(/^neckcoach: the test notification was not delivered/);
  });

  it('a notify-send that hangs is killed at our timeout; the daemon keeps running', async () => {
    const dir = tempHome().home;
    const bin = path.join(dir, 'bin');
    mkdirSync(bin, { recursive: true });
    const pids = path.join(dir, 'hung.pids');
    writeFileSync(path.join(bin, 'notify-send'), `#!/bin/sh\necho $$ >> ${pids}\nexec sleep 300\n`);
    chmodSync(path.join(bin, 'notify-send'), 0o755);
    const h = home({ PATH: `${bin}${path.delimiter}${process.env.PATH}` });
    await remind(h, 'start', '--every', '3s', '--work-hours', 'none', '--days', 'all');
    await until('a timeout recorded', async () => (await status(h)).lastError !== null, 20_000);
    const s = await status(h);
    expect(s.lastError.message).toMatch(/did not answer within 2 s/);
    expect(s.running).toBe(true);
    // The hung notify-send was killed with its process group, not left behind.
    const hung = readFileSync(pids, 'utf8').trim().split('\n').map(Number);
    await until('hung notify-send killed', () => !isAlive(hung[0]!), 5000);
  });

  it('remind test delivers one notification now', async () => {
    const h = home();
    const before = await count();
    const test = await remind(h, 'test');
    expect(test.code).toBe(0);
    await until('the test notification', async () => (await count()) > before);
  });

  it('doctor: all good on the desktop; names the missing display and bus without them', async () => {
    const h = home();
    const good = await remind(h, 'doctor', '--json');
    const doc = JSON.parse(good.stdout);
    expect(doc.checks.find((c: { id: string }) => c.id === 'notification-daemon')).toMatchObject({ ok: true });
    expect(good.code).toBe(doc.ok ? 0 : 1);

    const bare = home({ DISPLAY: '', DBUS_SESSION_BUS_ADDRESS: '', WAYLAND_DISPLAY: '', XDG_RUNTIME_DIR: '' });
    const bad = await remind(bare, 'doctor', '--json');
    expect(bad.code).toBe(1);
    const checks = JSON.parse(bad.stdout).checks as { id: string; ok: boolean; fix: string | null }[];
    expect(checks.find((c) => c.id === 'display')).toMatchObject({ ok: false });
    expect(checks.find((c) => c.id === 'display')!.fix).toMatch(/DISPLAY/);
    expect(checks.find((c) => c.id === 'dbus')).toMatchObject({ ok: false });
    const human = await remind(bare, 'doctor');
    expect(human.stdout).toMatch(/✗ display/);
    expect(human.stdout).toMatch(/fix:/);
    const test = await remind(bare, 'test');
    expect(test.code).toBe(1);
    expect(test.stderr.split('\n')[0]).toMatch(/^neckcoach: the test notification was not delivered: .+/);

    // start still starts (the desktop may come later), but says now that nothing would show.
    const started = await remind(bare, 'start', '--every', '3s', '--work-hours', 'none', '--days', 'all');
    expect(started.code).toBe(0);
    expect(started.stderr).toMatch(/^neckcoach: warning: notifications may not arrive: .*DISPLAY/m);
    expect(started.stderr).toMatch(/remind doctor/);
  });
});
