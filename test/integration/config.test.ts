import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { starterRoutine } from '../../src/content/starter-routine.js';
import { SETTINGS } from '../../src/core/settings.js';
import { daemonRecord } from '../../src/io/process.js';
import { runInProcess, tempHome } from '../helpers/cli.js';

let home: string;
let cleanup: () => void;
const run = (...argv: string[]) => runInProcess(argv, { env: { NECKCOACH_HOME: home } });
const configFile = () => path.join(home, 'config', 'config.json');
const stored = () => JSON.parse(readFileSync(configFile(), 'utf8'));

beforeEach(() => ({ home, cleanup } = tempHome()));
afterEach(() => cleanup());

describe('config', () => {
  it('lists every setting with value, default and description', async () => {
    const r = await run('--json', 'config', 'list');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.settings.map((s: { key: string }) => s.key)).toEqual(SETTINGS.map((s) => s.key));
    expect(doc.settings[0]).toEqual({
      key: 'remind.every',
      value: '45m',
      default: '45m',
      description: expect.any(String),
      accepts: '30m to 60m',
    });
    const human = await run('config', 'list');
    for (const s of SETTINGS) expect(human.stdout).toContain(s.key);
  });

  it.each([
    ['remind.every', '30m', '30m'],
    ['remind.every', '1h', '1h'],
    ['remind.workHours', '9-17:30', '09:00-17:30'],
    ['remind.workHours', 'none', null],
    ['remind.days', 'mon,wed,fri', 'mon,wed,fri'],
    ['routine.sound', 'off', false],
    ['routine.voice', 'yes', true],
    ['routine.default', 'chin-tucks', 'chin-tucks'],
    ['color', 'never', 'never'],
    ['emergencyNumber', '112', '112'],
  ])('sets %s to %j', async (key, value, expected) => {
    const r = await run('config', 'set', key, value);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const get = await run('--json', 'config', 'get', key);
    expect(JSON.parse(get.stdout).value).toEqual(expected);
    expect(statSync(configFile()).mode & 0o777).toBe(0o600);
  });

  it.each([
    ['remind.every', '2h', /30m to 60m/],
    ['remind.every', '45', /30m to 60m/],
    ['remind.workHours', '25-26', /remind.workHours accepts/],
    ['remind.days', 'someday', /remind.days accepts/],
    ['routine.sound', 'loud', /true or false/],
    ['routine.default', 'desk-brake', /did you mean "desk-break"/],
    ['color', 'purple', /auto, always or never/],
    ['emergencyNumber', '1', /digits/],
  ])('refuses %s = %j with exit 2 and the accepted values', async (key, value, accepted) => {
    const r = await run('config', 'set', key, value);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^neckcoach: /);
    expect(r.stderr).toMatch(accepted);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(configFile())).toBe(false);
  });

  it('routine.default knows a routine of your own by its id, not its file name', async () => {
    const dir = path.join(home, 'config', 'routines');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'stretches.json'), JSON.stringify(starterRoutine('my-stretch', undefined)));
    expect(await run('config', 'set', 'routine.default', 'my-stretch')).toMatchObject({ code: 0, stderr: '' });
    expect(stored()).toEqual({ routine: { default: 'my-stretch' } });
    const byFile = await run('config', 'set', 'routine.default', 'stretches');
    expect(byFile.code).toBe(2);
    expect(byFile.stderr).toMatch(/^neckcoach: routine.default: unknown routine "stretches"/);
  });

  it('routine.default refuses a file that does not load, saying why', async () => {
    const dir = path.join(home, 'config', 'routines');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'broken.json'), '{"id": "broken"');
    const r = await run('config', 'set', 'routine.default', 'broken');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('warning: ');
    expect(r.stderr).toContain('broken.json');
    expect(existsSync(configFile())).toBe(false);
  });

  it('names the closest keys for an unknown one', async () => {
    for (const args of [
      ['get', 'remind.evry'],
      ['set', 'colour', 'never'],
      ['reset', 'routine.sond'],
    ]) {
      const r = await run('config', ...args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/unknown setting .*\n\s+did you mean "(remind.every|color|routine.sound)"/);
    }
  });

  it('resets one key or all of them', async () => {
    await run('config', 'set', 'color', 'never');
    await run('config', 'set', 'remind.every', '30m');
    expect((await run('config', 'reset', 'color')).code).toBe(0);
    expect(stored()).toEqual({ remind: { every: '30m' } });
    expect((await run('config', 'reset')).code).toBe(0);
    expect((await run('config', 'get', 'remind.every')).stdout).toBe('45m\n');
  });

  it('every folder it creates is private (0700): NECKCOACH_HOME itself, config/, data/', async () => {
    const fresh = path.join(home, 'fresh');
    const at = (...argv: string[]) => runInProcess(argv, { env: { NECKCOACH_HOME: fresh } });
    const mode = (p: string) => (statSync(p).mode & 0o777).toString(8);
    expect((await at('config', 'set', 'color', 'never')).code).toBe(0);
    expect([mode(fresh), mode(path.join(fresh, 'config'))]).toEqual(['700', '700']);
    expect((await at('log', '--pain', '3')).code).toBe(0);
    expect(mode(path.join(fresh, 'data'))).toBe('700');
    expect((await at('report', '-o', path.join(fresh, 'report.md'))).code).toBe(0);
    expect(readdirSync(fresh).sort()).toEqual(['config', 'data', 'report.md']);
    expect(mode(path.join(fresh, 'report.md'))).toBe('600');
  });

  it('prints where the file lives; --json names it `file`, as config list --json does', async () => {
    expect((await run('config', 'path')).stdout).toBe(`${configFile()}\n`);
    expect(JSON.parse((await run('--json', 'config', 'path')).stdout)).toMatchObject({ schemaVersion: 1, file: configFile() });
    expect(JSON.parse((await run('--json', 'config', 'list')).stdout).file).toBe(configFile());
  });

  describe('a config file with invalid JSON', () => {
    beforeEach(() => {
      mkdirSync(path.dirname(configFile()), { recursive: true });
      writeFileSync(configFile(), '{"remind": {"every": "30m",');
    });
    const aside = () => readdirSync(path.dirname(configFile())).filter((f) => f.startsWith('config.json.corrupt-'));

    it('is moved aside on read, the user told, and defaults used', async () => {
      const r = await run('config', 'get', 'remind.every');
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('45m\n');
      expect(r.stderr).toMatch(/warning: the settings file was damaged .* moved it to .*config\.json\.corrupt-/);
      expect(aside()).toHaveLength(1);
      expect(readFileSync(path.join(path.dirname(configFile()), aside()[0]!), 'utf8')).toBe('{"remind": {"every": "30m",');
    });

    it('is moved aside before `set` writes, never overwritten silently', async () => {
      const r = await run('config', 'set', 'color', 'never');
      expect(r.code).toBe(0);
      expect(r.stderr).toContain('moved it to');
      expect(aside()).toHaveLength(1);
      expect(stored()).toEqual({ color: 'never' });
    });
  });

  it('a folder where config.json should be: one line naming it, exit 1', async () => {
    mkdirSync(configFile(), { recursive: true });
    for (const args of [['get', 'color'], ['list']]) {
      const r = await run('config', ...args);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(`neckcoach: cannot read the settings file ${configFile()}: ${configFile()} is a folder, not a file\n`);
    }
    const set = await run('config', 'set', 'color', 'never');
    expect(set.code).toBe(1);
    expect(set.stdout).toBe('');
    expect(set.stderr).toBe(`neckcoach: cannot save the settings to ${configFile()}: ${configFile()} is a folder, not a file\n`);
  });

  it('a NECKCOACH_HOME that is a file is named', async () => {
    const file = path.join(home, 'not-a-folder');
    writeFileSync(file, '');
    const r = await runInProcess(['config', 'get', 'color'], { env: { NECKCOACH_HOME: file } });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `neckcoach: cannot read the settings file ${path.join(file, 'config', 'config.json')}: ${file} is a file, not a folder\n`,
    );
  });

  it('ignores an invalid stored value with a warning', async () => {
    mkdirSync(path.dirname(configFile()), { recursive: true });
    writeFileSync(configFile(), JSON.stringify({ remind: { every: '5h' } }));
    const r = await run('config', 'get', 'remind.every');
    expect(r.stdout).toBe('45m\n');
    expect(r.stderr).toContain('ignoring the invalid setting remind.every');
  });

  it('tells a running reminder daemon to re-read its settings after set and reset (SIGHUP)', async () => {
    const stateDir = path.join(home, 'state');
    mkdirSync(stateDir, { recursive: true });
    const marker = path.join(home, 'hup');
    // A stand-in daemon, named by its pid and start time in the pid file, that records each SIGHUP.
    const script = `let n = 0; process.on('SIGHUP', () => require('fs').writeFileSync(${JSON.stringify(marker)}, String(++n))); require('fs').writeFileSync(${JSON.stringify(marker)}, '0'); setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['-e', script, 'neckcoach-remind'], { stdio: 'ignore' });
    try {
      const waitFor = async (text: string) => {
        for (let i = 0; i < 400 && (!existsSync(marker) || readFileSync(marker, 'utf8') !== text); i++)
          await new Promise((r) => setTimeout(r, 25));
        return existsSync(marker) ? readFileSync(marker, 'utf8') : '';
      };
      expect(await waitFor('0')).toBe('0');
      writeFileSync(path.join(stateDir, 'remind.pid'), daemonRecord(child.pid!, Date.now()));
      expect((await run('config', 'set', 'remind.every', '30m')).code).toBe(0);
      expect(await waitFor('1')).toBe('1');
      expect((await run('config', 'reset', 'remind.every')).code).toBe(0);
      expect(await waitFor('2')).toBe('2');
    } finally {
      child.kill();
    }
  });
});
