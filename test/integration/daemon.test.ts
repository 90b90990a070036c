// The built daemon as a process, against the faults that once confused it: a relative or deleted
// home, a lock taken over, a hung notifier at `stop`, a history it cannot write. No desktop: a fake
// notify-send on PATH records what would have been shown. NECKCOACH_HEARTBEAT=1 makes each wake
// (and so each check of the lock and home) come within a second.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runHook } from '../../src/io/hooks.js';
import { isAlive } from '../../src/io/process.js';
import { ROOT, runBin, tempHome } from '../helpers/cli.js';
import { daemonSweeper } from '../helpers/daemons.js';
import { until as poll } from '../helpers/poll.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
// These waits have 15 s unless they say otherwise.
const until = (what: string, check: () => boolean | Promise<boolean>, timeoutMs = 15_000) => poll(what, check, timeoutMs);
const lines = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : []);

const daemons = daemonSweeper();
const cleanups: (() => void)[] = [];
afterEach(async () => {
  await daemons.sweep();
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** A temp folder holding the home (or not, for a relative one), a fake notify-send and what it was asked to show. */
function setup(notifySend = 'exit 0', extra: NodeJS.ProcessEnv = {}) {
  const { home: dir, cleanup } = tempHome();
  cleanups.push(cleanup);
  const home = path.join(dir, 'home');
  const bin = path.join(dir, 'bin');
  mkdirSync(bin);
  const shown = path.join(dir, 'shown.log');
  writeFileSync(path.join(bin, 'notify-send'), `#!/bin/sh\nprintf '%s\\n' "$*" >> '${shown}'\n${notifySend}\n`);
  chmodSync(path.join(bin, 'notify-send'), 0o755);
  daemons.watch(home);
  const env: NodeJS.ProcessEnv = {
    NECKCOACH_HOME: home,
    NECKCOACH_MIN_INTERVAL: '2',
    NECKCOACH_HEARTBEAT: '1',
    NECKCOACH_NOTIFY_TIMEOUT: '2',
    PATH: `${bin}${path.delimiter}${process.env.PATH}`,
    DISPLAY: ':99',
    DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent',
    ...extra,
  };
  const remind = (...args: string[]) => runBin(['remind', ...args], { env, cwd: dir });
  const status = async () => JSON.parse((await remind('status', '--json')).stdout);
  const reminders = () => lines(shown).filter((l) => l.includes('neckcoach routine'));
  return { dir, home, env, shown, remind, status, reminders };
}
const start = (s: ReturnType<typeof setup>) => s.remind('start', '--every', '3s', '--work-hours', 'none', '--days', 'all');

describe('the daemon as a process', () => {
  it('a relative NECKCOACH_HOME is made absolute: start, status and stop all find the daemon', async () => {
    const s = setup('exit 0', { NECKCOACH_HOME: 'home' });
    const started = await start(s);
    expect(started.code).toBe(0);
    expect(started.stdout).toMatch(/Reminders started \(pid \d+\)/);
    const st = await s.status();
    expect(st).toMatchObject({ running: true, recording: true, orphan: false });
    expect(readFileSync(path.join(s.dir, 'home', 'state', 'remind.pid'), 'utf8').trim()).toBe(String(st.pid));
    expect((await s.remind('stop')).stdout).toMatch(`Reminders stopped (pid ${st.pid})`);
    expect(isAlive(st.pid)).toBe(false);
  });

  it('its home deleted: status and stop still find it', async () => {
    // The normal 3-minute heartbeat: the daemon will not notice on its own during this test.
    const s = setup('exit 0', { NECKCOACH_HEARTBEAT: '' });
    await s.remind('start', '--every', '45m', '--work-hours', 'none', '--days', 'all');
    const { pid } = await s.status();
    rmSync(s.home, { recursive: true, force: true });
    const st = await s.status();
    expect(st).toMatchObject({ running: false, orphan: true, pid });
    expect((await s.remind('status')).stdout).toMatch(
      `A reminder scheduler (pid ${pid}) is still running from this home, whose files were deleted`,
    );
    expect((await s.remind('stop')).stdout).toMatch(`Reminders stopped (pid ${pid})`);
    expect(isAlive(pid)).toBe(false);
  });

  it('its home deleted and left alone: it exits at its next wake without sending again', async () => {
    const s = setup();
    await start(s);
    const { pid } = await s.status();
    await until('a first reminder', () => s.reminders().length > 0);
    rmSync(s.home, { recursive: true, force: true });
    const sent = s.reminders().length;
    await until('the daemon exits', () => !isAlive(pid), 5000);
    await sleep(3500); // longer than an interval
    expect(s.reminders().length).toBeLessThanOrEqual(sent + 1); // one send may already have been under way
  });

  it('its lock taken over by another daemon: it stops at its next wake and says why', async () => {
    const s = setup();
    await start(s);
    const { pid } = await s.status();
    const log = path.join(s.home, 'state', 'remind.log');
    writeFileSync(path.join(s.home, 'state', 'remind.lock'), `${JSON.stringify({ pid: 1, start: '1', since: 0 })}\n`);
    await until('the daemon exits', () => !isAlive(pid), 5000);
    expect(readFileSync(log, 'utf8')).toMatch(/another reminder scheduler holds the lock; stopping without sending/);
  });

  it('stop ends a notification still being sent, with everything it started', async () => {
    const s = setup('echo $$ >> "$(dirname "$0")/hung.pids"\nexec sleep 300', { NECKCOACH_NOTIFY_TIMEOUT: '120' });
    await start(s);
    const pids = path.join(s.dir, 'bin', 'hung.pids');
    await until('notify-send hangs', () => lines(pids).length > 0);
    const hung = Number(lines(pids)[0]);
    expect((await s.remind('stop')).code).toBe(0);
    await until('the hung notify-send is gone', () => !isAlive(hung), 3000);
  });

  it('cannot save its history: reminders go on, one notification says so, status and doctor say it is not recording', async () => {
    const s = setup();
    mkdirSync(path.join(s.home, 'data', 'history.jsonl'), { recursive: true });
    await start(s);
    await until('three reminders', () => s.reminders().length >= 3, 20_000);
    expect(lines(s.shown).filter((l) => l.includes('cannot save'))).toHaveLength(1);
    await until('status says not recording', async () => (await s.status()).recording === false);
    const st = await s.status();
    expect(st).toMatchObject({ running: true, recording: false });
    expect((await s.remind('status')).stdout).toMatch(/running \(pid \d+\) but not recording/);
    const doctor = JSON.parse((await s.remind('doctor', '--json')).stdout);
    expect(doctor.checks.find((c: { id: string }) => c.id === 'scheduler')).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/not recording/),
    });
  });

  it('remind.onReminder runs with the reminder as JSON on stdin', async () => {
    const s = setup();
    const out = path.join(s.dir, 'hook.out');
    const hook = path.join(s.dir, 'bin', 'on-reminder');
    writeFileSync(hook, `#!/bin/sh\ncat >> '${out}'\n`);
    chmodSync(hook, 0o755);
    expect((await runBin(['config', 'set', 'remind.onReminder', hook], { env: s.env })).code).toBe(0);
    await start(s);
    await until('the hook ran', () => lines(out).length > 0);
    expect(JSON.parse(lines(out)[0]!)).toMatchObject({
      schemaVersion: 1,
      type: 'reminder',
      event: 'sent',
      routine: 'desk-break',
      due: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });
});

describe('the daemon cannot read its state at start', () => {
  it('logs why and exits 1, leaving no lock behind', async () => {
    const s = setup();
    mkdirSync(path.join(s.home, 'state', 'remind-state.json'), { recursive: true });
    const result = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'daemon.cjs')], {
      env: { ...process.env, ...s.env },
      encoding: 'utf8',
      timeout: 10_000,
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(
      /cannot start: cannot read the reminder state .*remind-state\.json: .*remind-state\.json is a folder, not a file/,
    );
    expect(existsSync(path.join(s.home, 'state', 'remind.lock'))).toBe(false);
  });
});

describe('remind start outside the configured days', () => {
  it('says so in one line, with when the first reminder comes', async () => {
    const s = setup();
    const tomorrow = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'][(new Date().getDay() + 1) % 7]!;
    const r = await s.remind('start', '--every', '3s', '--work-hours', '9-17', '--days', tomorrow);
    expect(r.code).toBe(0);
    const day = tomorrow[0]!.toUpperCase() + tomorrow.slice(1);
    expect(r.stdout).toMatch(
      new RegExp(
        `^Reminders started \\(pid \\d+\\): every 3s, ${tomorrow} 09:00-17:00\\.\nOutside ${tomorrow} 09:00-17:00: the first reminder is ${day} 09:00:03\\.$`,
        'm',
      ),
    );
  });
});

describe('runHook', () => {
  it('passes argv as given, never through a shell, and the document on stdin', async () => {
    const { home: dir, cleanup } = tempHome();
    cleanups.push(cleanup);
    const args = path.join(dir, 'args');
    const stdin = path.join(dir, 'stdin');
    runHook(
      ['sh', '-c', `printf '%s\\n' "$@" > '${args}'; cat > '${stdin}'`, 'hook', 'a b', '$HOME', '; rm -rf /'],
      { type: 'break' },
      { env: process.env, log: () => {} },
    );
    await until('the hook ran', () => lines(stdin).length > 0, 5000);
    expect(lines(args)).toEqual(['a b', '$HOME', '; rm -rf /']);
    expect(JSON.parse(lines(stdin)[0]!)).toEqual({ type: 'break' });
  });

  it('a hook past its timeout is ended with what it started; a missing one is logged', async () => {
    const { home: dir, cleanup } = tempHome();
    cleanups.push(cleanup);
    const child = path.join(dir, 'child.pid');
    const log: string[] = [];
    runHook(['sh', '-c', `sleep 300 & echo $! > '${child}'; wait`], {}, { env: process.env, log: (l) => log.push(l), timeoutMs: 500 });
    await until('the hook started its child', () => lines(child).length > 0, 5000);
    const pid = Number(lines(child)[0]);
    await until('the child is gone', () => !isAlive(pid), 5000);
    expect(log).toEqual(['hook "sh" took longer than 1 s; ended it']);
    runHook(['/nonexistent/hook'], {}, { env: process.env, log: (l) => log.push(l) });
    await until('the failure logged', () => log.length > 1, 5000);
    expect(log[1]).toMatch(/^hook "\/nonexistent\/hook" could not start: .*ENOENT/);
  });
});
