// remind commands in-process with a temp NECKCOACH_HOME and a fake clock; services against fake
// systemctl / crontab on PATH that record their calls.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HOUR, MINUTE } from '../../src/core/clock.js';
import { EMPTY_STATE } from '../../src/core/schedule.js';
import { resolvePaths } from '../../src/io/paths.js';
import { acquireLock, daemonRecord, releaseLock, runningDaemon, signalDaemon } from '../../src/io/process.js';
import { markBreakTaken } from '../../src/io/breaks.js';
import { readRemindState, writeRemindState } from '../../src/io/remind-state.js';
import { renderCronLine, renderLaunchdPlist, renderSystemdUnit } from '../../src/io/service.js';
import { runBin, runInProcess, tempHome } from '../helpers/cli.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function setup(extra: NodeJS.ProcessEnv = {}) {
  const { home, cleanup } = tempHome();
  cleanups.push(cleanup);
  const env = { NECKCOACH_HOME: home, HOME: home, XDG_CONFIG_HOME: path.join(home, 'xdg'), PATH: process.env.PATH, ...extra };
  return { home, env, paths: resolvePaths(env) };
}

// Wednesday 2026-11-25 10:00 local.
const T0 = new Date(2026, 10, 25, 10, 0).getTime();
const until = async (done: () => boolean) => {
  for (let i = 0; i < 100 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
};
const history = (home: string) =>
  existsSync(path.join(home, 'data', 'history.jsonl'))
    ? readFileSync(path.join(home, 'data', 'history.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l))
    : [];

describe('remind state file', () => {
  it('round-trips ISO times with offset and is written 0600', () => {
    const { paths } = setup();
    writeRemindState(paths, { ...EMPTY_STATE, cycleStart: T0, pausedUntil: 'indefinite', lastError: { at: T0, message: 'x' } });
    const text = readFileSync(paths.stateFile, 'utf8');
    expect(text).toMatch(/"cycleStart": "2026-11-25T10:00:00[+-]\d\d:\d\d"/);
    expect(readFileSync(paths.stateFile).length).toBeGreaterThan(0);
    expect((execFileSync('stat', ['-c', '%a', paths.stateFile]) + '').trim()).toBe('600');
    expect(readRemindState(paths, { stderr: process.stderr })).toMatchObject({
      cycleStart: T0,
      pausedUntil: 'indefinite',
      lastError: { at: T0, message: 'x' },
    });
  });

  it('a corrupt state file is moved aside, the person told, and defaults used', async () => {
    const { env, paths } = setup();
    mkdirSync(paths.state, { recursive: true });
    writeFileSync(paths.stateFile, '{ not json');
    const r = await runInProcess(['remind', 'status'], { env, now: T0 });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/reminder state was damaged.*moved it to .*remind-state\.json\.corrupt-/);
    expect(readdirSync(paths.state).some((f) => f.startsWith('remind-state.json.corrupt-'))).toBe(true);
  });
});

describe('markBreakTaken (called by `routine`)', () => {
  it('takes a reminder sent within 10 minutes, once, and restarts the interval', () => {
    const { home, paths } = setup();
    writeRemindState(paths, { ...EMPTY_STATE, cycleStart: T0, lastSent: T0, lastDue: T0 });
    expect(markBreakTaken(paths, T0 + 4 * MINUTE, { routine: 'desk-break' })).toBe(true);
    expect(markBreakTaken(paths, T0 + 5 * MINUTE)).toBe(false);
    expect(readRemindState(paths, { stderr: process.stderr }).cycleStart).toBe(T0 + 5 * MINUTE);
    const taken = history(home).filter((r) => r.event === 'taken');
    expect(taken).toHaveLength(1);
    expect(taken[0]).toMatchObject({ v: 1, type: 'reminder', routine: 'desk-break', due: expect.stringMatching(/^2026-11-25T10:00:00/) });
  });

  it('a routine 11 minutes after a reminder is a break, not a taken reminder', () => {
    const { home, paths } = setup();
    writeRemindState(paths, { ...EMPTY_STATE, cycleStart: T0, lastSent: T0, lastDue: T0 });
    expect(markBreakTaken(paths, T0 + 11 * MINUTE)).toBe(false);
    expect(readRemindState(paths, { stderr: process.stderr }).cycleStart).toBe(T0 + 11 * MINUTE);
    expect(history(home)).toEqual([]);
  });

  it('does nothing for someone who never used reminders', () => {
    const { paths } = setup();
    expect(markBreakTaken(paths, T0)).toBe(false);
    expect(existsSync(paths.stateFile)).toBe(false);
  });
});

describe('lock and pid file', () => {
  it('one holder at a time; a stale lock (dead pid) is taken over', () => {
    const { paths } = setup();
    expect(acquireLock(paths, daemonRecord(process.pid, T0))).toEqual({ ok: true });
    // This test process counts as neckcoach only if its command line says so; a dead pid never does.
    mkdirSync(paths.state, { recursive: true });
    releaseLock(paths, process.pid);
    writeFileSync(paths.lockFile, '999999\n');
    writeFileSync(paths.pidFile, '999999\n');
    expect(runningDaemon(paths)).toBeNull();
    expect(existsSync(paths.pidFile)).toBe(false);
    expect(acquireLock(paths, daemonRecord(process.pid, T0))).toEqual({ ok: true });
    releaseLock(paths, process.pid);
    expect(existsSync(paths.lockFile)).toBe(false);
  });

  it('a pid file naming a live process that is not neckcoach is stale', () => {
    const { paths } = setup();
    mkdirSync(paths.state, { recursive: true });
    const other = execFileSync('sh', ['-c', 'sleep 30 >/dev/null 2>&1 & echo $!']).toString().trim();
    try {
      writeFileSync(paths.pidFile, `${other}\n`);
      expect(runningDaemon(paths)).toBeNull();
      expect(signalDaemon(paths)).toBe(false);
    } finally {
      process.kill(Number(other), 'SIGKILL');
    }
  });

  // `remind stop` once sent SIGTERM to an unrelated process whose pid was reused and whose command
  // line mentioned neckcoach. Here the process even carries the daemon's title; its start time differs.
  it('a reused pid, even with the daemon title, is never signalled: the start time differs', async () => {
    const { env, paths } = setup();
    mkdirSync(paths.state, { recursive: true });
    const other = spawn('bash', ['-c', 'exec -a neckcoach-remind sleep 30'], { stdio: 'ignore' });
    try {
      await until(
        () =>
          existsSync(`/proc/${other.pid}/cmdline`) && readFileSync(`/proc/${other.pid}/cmdline`, 'latin1').startsWith('neckcoach-remind'),
      );
      const recorded = JSON.parse(daemonRecord(other.pid!, T0));
      writeFileSync(paths.lockFile, `${JSON.stringify({ ...recorded, start: String(Number(recorded.start) - 1) })}\n`);
      writeFileSync(paths.pidFile, `${other.pid}\n`);
      expect(runningDaemon(paths)).toBeNull();
      const r = await runInProcess(['remind', 'stop'], { env, now: T0 });
      expect(r).toMatchObject({ code: 0, stdout: 'Reminders are not running.\n' });
      expect(other.exitCode).toBeNull();
      expect(other.signalCode).toBeNull();
      expect(existsSync(paths.lockFile)).toBe(false);
    } finally {
      other.kill('SIGKILL');
    }
  });

  it('the lock records pid and start time; the same process is recognised', () => {
    const { paths } = setup();
    const record = daemonRecord(process.pid, T0);
    expect(JSON.parse(record)).toEqual({
      pid: process.pid,
      start: readFileSync('/proc/self/stat', 'latin1').split(') ')[1]!.split(' ')[19],
      since: T0,
    });
    expect(acquireLock(paths, record)).toEqual({ ok: true });
    expect(readFileSync(paths.pidFile, 'utf8')).toBe(`${process.pid}\n`);
    expect(runningDaemon(paths)).toMatchObject({ pid: process.pid, since: T0, orphan: false });
    releaseLock(paths, process.pid);
  });
});

describe('remind commands in-process (no daemon running)', () => {
  it('status when nothing runs: exit 0, says so; --json has the design §6 shape', async () => {
    const { env } = setup();
    const human = await runInProcess(['remind', 'status'], { env, now: T0 });
    expect(human).toMatchObject({ code: 0 });
    expect(human.stdout).toMatch(/not running/);
    const json = JSON.parse((await runInProcess(['--json', 'remind', 'status'], { env, now: T0 })).stdout);
    expect(Object.keys(json).sort()).toEqual(
      [
        'schemaVersion',
        'running',
        'pid',
        'since',
        'recording',
        'lastWake',
        'orphan',
        'settings',
        'nextDue',
        'pausedUntil',
        'snoozedUntil',
        'lastSent',
        'lastError',
        'service',
      ].sort(),
    );
    expect(json).toMatchObject({
      running: false,
      pid: null,
      settings: { every: 45 * MINUTE, workHours: null, days: 'all' },
      service: { installed: false, kind: null },
    });
  });

  it('stop when nothing runs: exit 0 and says so', async () => {
    const { env } = setup();
    const r = await runInProcess(['remind', 'stop'], { env, now: T0 });
    expect(r).toMatchObject({ code: 0, stdout: 'Reminders are not running.\n' });
  });

  it('pause without a span is indefinite; with one, until then; resume ends it', async () => {
    const { env, paths } = setup();
    const p = await runInProcess(['remind', 'pause'], { env, now: T0 });
    expect(p.stdout).toMatch(/until `neckcoach remind resume`/);
    expect(p.stderr).toMatch(/not running/);
    expect(readRemindState(paths, { stderr: process.stderr }).pausedUntil).toBe('indefinite');
    await runInProcess(['remind', 'pause', '2h'], { env, now: T0 });
    expect(readRemindState(paths, { stderr: process.stderr }).pausedUntil).toBe(T0 + 2 * HOUR);
    const json = JSON.parse((await runInProcess(['--json', 'remind', 'status'], { env, now: T0 })).stdout);
    expect(json.pausedUntil).toMatch(/^2026-11-25T12:00:00/);
    await runInProcess(['remind', 'resume'], { env, now: T0 + MINUTE });
    expect(readRemindState(paths, { stderr: process.stderr })).toMatchObject({ pausedUntil: null, cycleStart: T0 + MINUTE });
  });

  it('snooze defaults to 10 minutes and is recorded; skip records a skipped break and restarts the interval', async () => {
    const { env, paths, home } = setup({});
    writeRemindState(paths, { ...EMPTY_STATE, cycleStart: T0, lastSent: T0, lastDue: T0 });
    await runInProcess(['remind', 'snooze'], { env, now: T0 + MINUTE });
    expect(readRemindState(paths, { stderr: process.stderr }).snoozedUntil).toBe(T0 + 11 * MINUTE);
    await runInProcess(['remind', 'skip'], { env, now: T0 + 2 * MINUTE });
    const s = readRemindState(paths, { stderr: process.stderr });
    expect(s).toMatchObject({ snoozedUntil: null, cycleStart: T0 + 2 * MINUTE });
    expect(history(home).map((r) => r.event)).toEqual(['snoozed', 'skipped']);
    expect(history(home)[0].due).toMatch(/^2026-11-25T10:00:00/);
  });

  it('times from now are shown to the second: "Snoozed until 10:11:30"', async () => {
    const { env, paths } = setup();
    writeRemindState(paths, { ...EMPTY_STATE, cycleStart: T0 });
    const r = await runInProcess(['remind', 'snooze'], { env, now: T0 + MINUTE + 30_000 });
    expect(r.stdout).toBe('Snoozed until 10:11:30.\n');
    expect((await runInProcess(['remind', 'pause', '90s'], { env, now: T0 + 15_000 })).stdout).toBe('Reminders paused until 10:01:45.\n');
  });

  it('snooze while paused says it stays paused and changes nothing', async () => {
    const { env, paths, home } = setup();
    writeRemindState(paths, { ...EMPTY_STATE, cycleStart: T0, pausedUntil: T0 + 2 * HOUR });
    const r = await runInProcess(['remind', 'snooze'], { env, now: T0 + MINUTE });
    expect(r).toMatchObject({ code: 0, stdout: 'Reminders are paused until 12:00 and stay paused; nothing to snooze.\n' });
    expect(readRemindState(paths, { stderr: process.stderr })).toMatchObject({ pausedUntil: T0 + 2 * HOUR, snoozedUntil: null });
    expect(history(home)).toEqual([]);
    writeRemindState(paths, { ...EMPTY_STATE, cycleStart: T0, pausedUntil: 'indefinite' });
    expect((await runInProcess(['remind', 'snooze'], { env, now: T0 })).stdout).toMatch(
      /paused until `neckcoach remind resume` and stay paused/,
    );
  });

  it('resume says what it ended, and says so when nothing was paused or snoozed', async () => {
    const { env, paths } = setup();
    writeRemindState(paths, { ...EMPTY_STATE, cycleStart: T0 });
    const nothing = await runInProcess(['remind', 'resume'], { env, now: T0 + MINUTE });
    expect(nothing.stdout).toBe('Nothing was paused or snoozed; the next reminder is due at 10:45.\n');
    expect(JSON.parse((await runInProcess(['--json', 'remind', 'resume'], { env, now: T0 + MINUTE })).stdout)).toMatchObject({
      resumed: false,
      ended: null,
    });
    writeRemindState(paths, { ...EMPTY_STATE, cycleStart: T0, snoozedUntil: T0 + 50 * MINUTE });
    expect((await runInProcess(['remind', 'resume'], { env, now: T0 + MINUTE })).stdout).toBe(
      'Snooze ended; the next reminder is due at 10:45.\n',
    );
    writeRemindState(paths, { ...EMPTY_STATE, cycleStart: T0, pausedUntil: 'indefinite' });
    expect((await runInProcess(['remind', 'resume'], { env, now: T0 + MINUTE })).stdout).toBe(
      'Reminders resumed; the next reminder is due at 10:46.\n',
    );
  });

  it.each([
    [['remind', 'snooze', 'soon'], /snooze "soon" is not a duration/],
    [['remind', 'pause', '10'], /needs a unit/],
    [['remind', 'start', '--every', '2h'], /outside the accepted range/],
    [['remind', 'start', '--every', '10m'], /outside the accepted range/],
    [['remind', 'start', '--work-hours', '25-3'], /not a time range/],
    [['remind', 'start', '--days', 'someday'], /not days of the week/],
    [['remind', 'start', '--days', 'mon fri'], /days "mon fri" are not days of the week/],
    [['remind', 'start', '--every', '45'], /interval "45" needs a unit/],
  ])('%j is a usage error: one line, exit 2', async (argv, message) => {
    const { env } = setup();
    const r = await runInProcess(argv as string[], { env, now: T0 });
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('doctor without a display or bus: exit 1, each failing check with a fix', async () => {
    const { env } = setup({ DISPLAY: '', DBUS_SESSION_BUS_ADDRESS: '', WAYLAND_DISPLAY: '' });
    const r = await runInProcess(['--json', 'remind', 'doctor'], { env, now: T0 });
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ schemaVersion: 1, ok: false });
    for (const check of doc.checks) expect(Object.keys(check).sort()).toEqual(['detail', 'fix', 'id', 'ok']);
    expect(doc.checks.filter((c: { ok: boolean }) => !c.ok).every((c: { fix: string | null }) => typeof c.fix === 'string')).toBe(true);
  });
});

describe('remind status --short / --format: one line for a status bar', () => {
  /** This test process stands in for a running daemon: the lock names it. */
  function running() {
    const s = setup();
    expect(acquireLock(s.paths, daemonRecord(process.pid, T0))).toEqual({ ok: true });
    cleanups.push(() => releaseLock(s.paths, process.pid));
    return s;
  }
  const line = async (env: NodeJS.ProcessEnv, now: number, ...args: string[]) => {
    const r = await runInProcess(['remind', 'status', ...(args.length ? args : ['--short'])], { env, now });
    expect(r.code).toBe(0);
    return r.stdout;
  };

  it('nothing running: an empty line, so the bar shows nothing', async () => {
    const { env } = setup();
    expect(await line(env, T0)).toBe('\n');
  });

  it('minutes to the next break within the hour, the time beyond it, ⏸ when paused', async () => {
    const { env, paths } = running();
    writeRemindState(paths, { ...EMPTY_STATE, cycleStart: T0 });
    expect(await line(env, T0 + 38 * MINUTE + 10_000)).toBe('☕ 7m\n');
    expect(await line(env, T0 + 44 * MINUTE + 30_000)).toBe('☕ 1m\n');
    writeRemindState(paths, { ...EMPTY_STATE, cycleStart: T0, pausedUntil: T0 + 2 * HOUR + 40 * MINUTE + 51_000 });
    expect(await line(env, T0)).toBe('⏸ 12:40\n'); // a bar has room for minutes
    writeRemindState(paths, { ...EMPTY_STATE, cycleStart: T0, pausedUntil: 'indefinite' });
    expect(await line(env, T0)).toBe('⏸\n');
    writeRemindState(paths, { ...EMPTY_STATE, cycleStart: T0, snoozedUntil: T0 + 2 * HOUR });
    expect(await line(env, T0, '--format', '{state}: {in} ({at})')).toBe('snoozed: 2h (12:00)\n');
  });

  it('an unknown {token} is a usage error naming the ones there are', async () => {
    const { env } = setup();
    const r = await runInProcess(['remind', 'status', '--format', '{eta}'], { env, now: T0 });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('neckcoach: --format has no {eta}\n  use {icon}, {next}, {in}, {at}, {state}\n');
  });

  it('the built binary answers the same on its fast path, without commander', async () => {
    const { env, paths } = running();
    writeRemindState(paths, { ...EMPTY_STATE, cycleStart: Date.now() - 5 * MINUTE });
    expect((await runBin(['remind', 'status', '--short'], { env })).stdout).toMatch(/^☕ 40m\n$/);
    expect((await runBin(['remind', 'status', '--format={state}'], { env })).stdout).toBe('running\n');
    const bad = await runBin(['remind', 'status', '--format', '{x}'], { env });
    expect(bad).toMatchObject({ code: 2, stderr: 'neckcoach: --format has no {x}\n  use {icon}, {next}, {in}, {at}, {state}\n' });
  });
});

// ---- services ------------------------------------------------------------------------------------

function fakeTools(dir: string, tools: Record<string, string>): string {
  const bin = path.join(dir, 'fakebin');
  mkdirSync(bin, { recursive: true });
  for (const [name, body] of Object.entries(tools)) {
    writeFileSync(path.join(bin, name), `#!/bin/sh\necho "${name} $*" >> "${path.join(dir, 'calls.log')}"\n${body}\n`);
    chmodSync(path.join(bin, name), 0o755);
  }
  return bin;
}
const calls = (dir: string) =>
  existsSync(path.join(dir, 'calls.log')) ? readFileSync(path.join(dir, 'calls.log'), 'utf8').trim().split('\n') : [];

describe('remind install/uninstall', () => {
  it('systemd (a user manager answers): writes the unit, reloads, enables --now; idempotent; uninstall removes only it', async () => {
    const { home, env } = setup();
    const bin = fakeTools(home, { systemctl: 'exit 0' });
    const e = { ...env, PATH: `${bin}:/usr/bin:/bin`, DISPLAY: ':42', DBUS_SESSION_BUS_ADDRESS: 'unix:path=/run/user/1/bus' };
    const dry = await runInProcess(['remind', 'install', '--dry-run'], { env: e, now: T0 });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/ExecStart=".*node.*" ".*dist\/daemon\.cjs"/);
    expect(calls(home)).toEqual(['systemctl --user show-environment']);
    const unit = path.join(home, 'xdg', 'systemd', 'user', 'neckcoach-remind.service');
    expect(existsSync(unit)).toBe(false);

    const r = await runInProcess(['remind', 'install'], { env: e, now: T0 });
    expect(r.code).toBe(0);
    const text = readFileSync(unit, 'utf8');
    expect(text).toContain('Environment="DISPLAY=:42"');
    expect(text).toContain('Environment="DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/1/bus"');
    expect(text).toContain(`Environment="NECKCOACH_HOME=${home}"`);
    expect(calls(home).slice(-2)).toEqual(['systemctl --user daemon-reload', 'systemctl --user enable --now neckcoach-remind.service']);

    await runInProcess(['remind', 'install'], { env: e, now: T0 });
    expect(readFileSync(unit, 'utf8')).toBe(text);
    const status = JSON.parse((await runInProcess(['--json', 'remind', 'status'], { env: e, now: T0 })).stdout);
    expect(status.service).toEqual({ installed: true, kind: 'systemd' });

    const un = await runInProcess(['remind', 'uninstall'], { env: e, now: T0 });
    expect(un.code).toBe(0);
    expect(existsSync(unit)).toBe(false);
    expect(calls(home)).toContain('systemctl --user disable --now neckcoach-remind.service');
  });

  it('uninstall leaves a unit it did not write', async () => {
    const { home, env } = setup();
    const unit = path.join(home, 'xdg', 'systemd', 'user', 'neckcoach-remind.service');
    mkdirSync(path.dirname(unit), { recursive: true });
    writeFileSync(unit, '[Service]\nExecStart=/bin/true\n');
    const r = await runInProcess(['remind', 'uninstall'], { env: { ...env, PATH: '/usr/bin:/bin' }, now: T0 });
    expect(r.stdout).toMatch(/Nothing to uninstall/);
    expect(existsSync(unit)).toBe(true);
  });

  it('cron when systemd has no user manager: adds one @reboot line, keeps the others, removes only its own', async () => {
    const { home, env } = setup();
    const table = path.join(home, 'crontab.txt');
    writeFileSync(table, '0 5 * * * backup.sh\n');
    const bin = fakeTools(home, {
      systemctl: 'echo "Failed to connect to bus" >&2; exit 1',
      crontab: `case "$1" in -l) cat "${table}";; -) cat > "${table}";; -r) rm -f "${table}";; esac`,
    });
    const e = { ...env, PATH: `${bin}:/usr/bin:/bin` };
    expect((await runInProcess(['remind', 'install'], { env: e, now: T0 })).code).toBe(0);
    await runInProcess(['remind', 'install'], { env: e, now: T0 });
    const lines = readFileSync(table, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('0 5 * * * backup.sh');
    expect(lines[1]).toMatch(/^@reboot NECKCOACH_HOME=\S+ \S*node \S+daemon\.cjs >> \S+remind\.log 2>&1 # neckcoach-remind$/);
    await runInProcess(['remind', 'uninstall'], { env: e, now: T0 });
    expect(readFileSync(table, 'utf8')).toBe('0 5 * * * backup.sh\n');
  });

  it('no way to start at login: a one-line error, exit 1', async () => {
    const { env } = setup();
    const r = await runInProcess(['remind', 'install'], { env: { ...env, PATH: '/nonexistent' }, now: T0 });
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe('neckcoach: found no way to start reminders at login');
  });

  const target = {
    node: '/usr/bin/node',
    daemon: '/opt/neck coach/dist/daemon.cjs',
    logFile: '/tmp/x 100%/remind.log',
    env: { DISPLAY: ':0', NECKCOACH_HOME: '/tmp/a"b' },
  };

  // A newline in the home once wrote an extra crontab line that uninstall then left behind.
  it.each(['/tmp/a\nb', '/tmp/a\tb', '/tmp/a\u001bb'])(
    'refuses a home path with a control character (%j): exit 2, nothing written',
    async (bad) => {
      const { home, env } = setup();
      const table = path.join(home, 'crontab.txt');
      writeFileSync(table, '0 5 * * * backup.sh\n');
      const bin = fakeTools(home, {
        systemctl: 'exit 1',
        crontab: `case "$1" in -l) cat "${table}";; -) cat > "${table}";; -r) rm -f "${table}";; esac`,
      });
      const r = await runInProcess(['remind', 'install'], { env: { ...env, PATH: `${bin}:/usr/bin:/bin`, NECKCOACH_HOME: bad }, now: T0 });
      expect(r.code).toBe(2);
      expect(r.stderr.split('\n')[0]).toMatch(/contains a control character, which a service file cannot hold/);
      expect(readFileSync(table, 'utf8')).toBe('0 5 * * * backup.sh\n');
      for (const render of [renderSystemdUnit, renderLaunchdPlist, renderCronLine]) {
        expect(() => render({ ...target, env: { NECKCOACH_HOME: bad } })).toThrow(/control character/);
      }
    },
  );

  it('escapes % in the cron line, so cron (which turns % into a newline) runs the command as written', () => {
    const { home } = setup();
    const seen = path.join(home, 'seen');
    const script = path.join(home, 'print-home.sh');
    writeFileSync(script, `printf '%s' "$NECKCOACH_HOME" > '${seen}'\n`);
    const line = renderCronLine({
      node: '/bin/sh',
      daemon: script,
      logFile: path.join(home, 'log'),
      env: { NECKCOACH_HOME: '/tmp/100% sure' },
    });
    expect(line).not.toMatch(/(^|[^\\])%/);
    // What cron does with the command part: an unescaped % ends it, and \% becomes %.
    const command = line
      .replace(/^@reboot /, '')
      .split(/(?<!\\)%/)[0]!
      .replace(/\\%/g, '%');
    execFileSync('sh', ['-c', command]);
    expect(readFileSync(seen, 'utf8')).toBe('/tmp/100% sure');
  });

  it('uninstall removes exactly the line install wrote, with a % in the home', async () => {
    const { home, env } = setup();
    const table = path.join(home, 'crontab.txt');
    writeFileSync(table, '0 5 * * * backup.sh # 50% of the time\n');
    const bin = fakeTools(home, {
      systemctl: 'exit 1',
      crontab: `case "$1" in -l) cat "${table}";; -) cat > "${table}";; -r) rm -f "${table}";; esac`,
    });
    const e = { ...env, PATH: `${bin}:/usr/bin:/bin`, NECKCOACH_HOME: path.join(home, '100% home') };
    expect((await runInProcess(['remind', 'install'], { env: e, now: T0 })).code).toBe(0);
    expect(readFileSync(table, 'utf8')).toMatch(/NECKCOACH_HOME='[^']*100\\% home'/);
    expect((await runInProcess(['remind', 'uninstall'], { env: e, now: T0 })).code).toBe(0);
    expect(readFileSync(table, 'utf8')).toBe('0 5 * * * backup.sh # 50% of the time\n');
  });

  it('renders units that quote spaces, quotes and % correctly', () => {
    const unit = renderSystemdUnit(target);
    expect(unit).toContain('ExecStart="/usr/bin/node" "/opt/neck coach/dist/daemon.cjs"');
    expect(unit).toContain('Environment="NECKCOACH_HOME=/tmp/a\\"b"');
    expect(renderLaunchdPlist(target)).toContain('<string>/opt/neck coach/dist/daemon.cjs</string>');
    expect(renderCronLine(target)).toContain("'/opt/neck coach/dist/daemon.cjs'");
  });

  const analyze = (() => {
    try {
      execFileSync('systemd-analyze', ['--version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  it.skipIf(!analyze)('the rendered unit passes systemd-analyze verify (which does flag a bad one)', () => {
    const { home } = setup();
    const file = path.join(home, 'neckcoach-remind.service');
    // System mode: --user needs a running user manager; the unit syntax checks are the same.
    const verify = () => spawnSync('systemd-analyze', ['verify', file], { encoding: 'utf8' }).stderr;
    const unit = renderSystemdUnit({
      node: process.execPath,
      daemon: process.execPath,
      logFile: '/tmp/l',
      env: { DISPLAY: ':0', NECKCOACH_HOME: home },
    });
    writeFileSync(file, unit.replace('Type=simple', 'Type=bogus'));
    expect(verify()).toMatch(/neckcoach-remind\.service:\d+:/);
    writeFileSync(file, unit);
    expect(verify()).not.toMatch(/neckcoach-remind\.service:\d+:/);
  });
});
