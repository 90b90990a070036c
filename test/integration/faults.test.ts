// Fault injection with a real file system: NECKCOACH_HOME on a tiny tmpfs that is filled up, or
// remounted read-only. Every command that writes must fail (exit 1) naming the file and the
// reason, claim no success, and leave what was there as it was. Mounting needs root (CI runs as
// root); elsewhere the suite skips with a message, never under CI=true. The same failures are
// injected without a mount in store.test.ts and history-read.test.ts (an fs shim).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runBin, runInProcess } from '../helpers/cli.js';

const PAGE = 4096;
let mountPoint = '';
let home = '';

function tryMount(): string | undefined {
  const dir = fs.mkdtempSync(path.join(tmpdir(), 'neckcoach-tmpfs-'));
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=256k,mode=0700', 'tmpfs', dir], { encoding: 'utf8' });
  if (r.status === 0) return dir;
  fs.rmdirSync(dir);
  const why = `cannot mount a tmpfs here (${(r.stderr || r.error?.message || 'no mount').trim()}); run as root`;
  if (process.env.CI === 'true') throw new Error(why);
  console.log(`${why}: skipping the fault-injection suite`);
  return undefined;
}

const mounted = tryMount();
const env = () => ({ NECKCOACH_HOME: home, TZ: 'UTC' });
const run = (...argv: string[]) => runInProcess(argv, { env: env() });
const file = (...parts: string[]) => path.join(home, ...parts);
const HISTORY = () => file('data', 'history.jsonl');
const SETTINGS = () => file('config', 'config.json');
const STATE = () => file('state', 'remind-state.json');

/** Every file under the home with its bytes, to show nothing changed and nothing was left behind. */
function snapshot(): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else out[path.relative(home, p)] = fs.readFileSync(p, 'latin1');
    }
  };
  walk(home);
  return out;
}

/** Pads the history with one record so it ends `short` bytes before a page boundary. */
function padHistory(short: number): void {
  const size = fs.statSync(HISTORY()).size;
  const pad = (Math.floor(size / PAGE) + 2) * PAGE - short - size;
  const record = (note: string) => JSON.stringify({ v: 1, type: 'pain', at: '2026-01-01T10:00:00+00:00', pain: 1, note });
  fs.appendFileSync(HISTORY(), `${record('x'.repeat(pad - 1 - record('').length))}\n`);
  expect(fs.statSync(HISTORY()).size % PAGE).toBe((PAGE - short) % PAGE);
}

/** Fills the file system to the last page; the history's last page too, so no record fits. */
function fill(): void {
  padHistory(0);
  fillPages();
}

function fillPages(): void {
  const fd = fs.openSync(path.join(mountPoint, 'filler'), 'a');
  const page = Buffer.alloc(PAGE, 120);
  try {
    for (;;) fs.writeSync(fd, page);
  } catch (error) {
    expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
  } finally {
    fs.closeSync(fd);
  }
}

describe.skipIf(!mounted)('faults on a real file system (tmpfs)', () => {
  beforeAll(() => {
    mountPoint = mounted!;
  });
  afterAll(() => {
    spawnSync('umount', [mountPoint]);
    fs.rmdirSync(mountPoint);
  });
  beforeEach(async () => {
    spawnSync('mount', ['-o', 'remount,rw', mountPoint]);
    for (const name of fs.readdirSync(mountPoint)) fs.rmSync(path.join(mountPoint, name), { recursive: true, force: true });
    home = path.join(mountPoint, 'home');
    // Something in each file first, to show it is left as it was.
    expect((await run('log', '--pain', '2')).code).toBe(0);
    expect((await run('config', 'set', 'color', 'never')).code).toBe(0);
    // A state file that holds no pause: a snooze while paused would rightly change nothing.
    expect((await run('remind', 'pause', '1h')).code).toBe(0);
    expect((await run('remind', 'resume')).code).toBe(0);
  });
  afterEach(() => {
    spawnSync('mount', ['-o', 'remount,rw', mountPoint]);
  });

  const cases: [string, string[], () => string, RegExp][] = [
    ['log', ['log', '--pain', '5', '--note', 'a long day'], HISTORY, /^neckcoach: cannot save to the history file /],
    [
      'check',
      ['check', '--no-red-flags', '--duration', '3w', '--pain', '4', '--symptom', 'stiff'],
      HISTORY,
      /^neckcoach: cannot save to the history file /m,
    ],
    ['config set', ['config', 'set', 'remind.every', '30m'], SETTINGS, /^neckcoach: cannot save the settings to /],
    ['remind pause', ['remind', 'pause', '2h'], STATE, /^neckcoach: cannot save /],
    ['remind snooze', ['remind', 'snooze', '15m'], STATE, /^neckcoach: cannot save /],
    ['report -o', ['report', '-o', 'REPORT'], () => file('report.md'), /^neckcoach: cannot write the report to /],
  ];

  describe.each([
    ['the disk is full', fill, 'the disk is full'],
    ['the home is read-only', () => execFileSync('mount', ['-o', 'remount,ro', mountPoint]), 'the file system is read-only'],
  ] as const)('when %s', (_, fault, reason) => {
    it.each(cases)('%s fails naming the file and why, claims nothing, changes nothing', async (_name, argv, target, message) => {
      fault();
      const before = snapshot();
      const r = await run(...argv.map((a) => (a === 'REPORT' ? file('report.md') : a)));
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toContain(`${target()}: ${reason}`);
      expect(r.stdout).not.toMatch(/Logged|= |paused|Snoozed|Wrote/);
      expect(snapshot()).toEqual(before);
    });

    it('routine: the run is not recorded, and it says so and exits 1', async () => {
      fault();
      const before = snapshot();
      const r = await runBin(['routine', 'desk-break'], { env: { ...env(), NECKCOACH_TIME_SCALE: '0.002' }, timeoutMs: 60_000 });
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toContain(`cannot save to the history file ${HISTORY()}: ${reason}`);
      expect(snapshot()).toEqual(before);
    });
  });

  it('a record cut short by the last free bytes is cut back off: no torn line, exit 1', async () => {
    // A history that ends 40 bytes before a page boundary, and no free page after it.
    padHistory(40);
    fillPages();
    const before = fs.readFileSync(HISTORY());
    const r = await run('log', '--pain', '5', '--note', 'this record is longer than the forty bytes left');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`cannot save to the history file ${HISTORY()}: only part of it could be written (is the disk full?)`);
    expect(fs.readFileSync(HISTORY()).equals(before)).toBe(true);
    expect((await run('history', '--check')).code).toBe(0);
  });

  it('a home that cannot be created on a read-only disk says read-only, not a missing folder', async () => {
    execFileSync('mount', ['-o', 'remount,ro', mountPoint]);
    home = path.join(mountPoint, 'new-home');
    const r = await run('log', '--pain', '3');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`neckcoach: cannot save to the history file ${HISTORY()}: the file system is read-only\n`);
  });

  it('reading still works on a full or read-only disk (the side index is only a cache)', async () => {
    fs.rmSync(file('data', 'history.index.json'), { force: true });
    execFileSync('mount', ['-o', 'remount,ro', mountPoint]);
    const r = await run('history', '--json', '--since', 'all');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toHaveLength(1);
  });
});
