// Settings writes (src/io/config.ts): a wrong-shaped file is moved aside rather than trusted,
// parallel writers keep every change, and a change that was not kept is never reported as saved.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runBin, runInProcess, tempHome } from '../helpers/cli.js';

let home: string;
let cleanup: () => void;
const NOW = Date.UTC(2026, 10, 25, 9, 30);
const run = (...argv: string[]) => runInProcess(argv, { env: { NECKCOACH_HOME: home }, now: NOW });
const configFile = () => path.join(home, 'config', 'config.json');
const stored = () => JSON.parse(readFileSync(configFile(), 'utf8'));
const writeRaw = (text: string) => {
  mkdirSync(path.dirname(configFile()), { recursive: true });
  writeFileSync(configFile(), text);
};
const quarantined = () => readdirSync(path.dirname(configFile())).filter((name) => name.includes('.corrupt-'));

beforeEach(() => ({ home, cleanup } = tempHome()));
afterEach(() => cleanup());

describe('a settings file of the wrong shape', () => {
  it.each([
    ['a group that is a list', '{"remind":[1,2,3]}', '"remind" holds a list'],
    ['a list', '[]', 'a list'],
    ['null', 'null', 'null'],
    ['a number', '42', 'a number'],
    ['a string', '"str"', 'a string'],
  ])('%s is moved aside with one warning, and `config set` then really saves', async (_, text, why) => {
    writeRaw(text);
    const r = await run('config', 'set', 'remind.workHours', '9-17');
    expect(r.code).toBe(0);
    const warnings = r.stderr.split('\n').filter((line) => line.startsWith('neckcoach: warning:'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(why);
    expect(stored()).toEqual({ remind: { workHours: '09:00-17:00' } });
    expect(quarantined()).toHaveLength(1);
    expect(readFileSync(path.join(home, 'config', quarantined()[0]!), 'utf8')).toBe(text);
  });

  it('readers move it aside too, and two damaged files in the same second keep both quarantines', async () => {
    writeRaw('{"remind":"x"}');
    expect((await run('config', 'get', 'remind.every')).stdout).toBe('45m\n');
    writeRaw('[');
    expect((await run('config', 'get', 'remind.every')).stdout).toBe('45m\n');
    const [first, second] = quarantined().sort();
    expect(second).toBe(`${first}-2`);
    expect([first, second].map((name) => readFileSync(path.join(home, 'config', name!), 'utf8'))).toEqual(['{"remind":"x"}', '[']);
  });

  it('a settings path that is a folder: reading commands warn naming it and go on; writes fail naming it', async () => {
    mkdirSync(configFile(), { recursive: true });
    const log = await run('log', '--pain', '3');
    expect(log.code).toBe(0);
    const stats = await runInProcess(['stats'], { env: { NECKCOACH_HOME: home, NO_COLOR: '' }, now: NOW });
    expect(stats.code).toBe(0);
    expect(stats.stderr).toContain(
      `cannot read the settings file ${configFile()}: ${configFile()} is a folder, not a file; using the defaults`,
    );
    const set = await run('config', 'set', 'color', 'never');
    expect(set).toMatchObject({ code: 1, stdout: '' });
    expect(set.stderr).toContain(`cannot save the settings to ${configFile()}`);
  });

  it('a setting value with escape sequences is shown escaped in the warning', async () => {
    writeRaw(JSON.stringify({ color: '\u001b[2Jboom' }));
    const r = await run('config', 'get', 'color');
    expect(r.stderr).not.toContain('\u001b');
  });
});

describe('parallel settings writers', () => {
  // Each writer owns a key; a lost update would put back another writer's old value.
  const KEYS: [string, (round: number) => string, (round: number) => unknown][] = [
    ['remind.every', (r) => `${30 + r}m`, (r) => `${30 + r}m`],
    ['remind.workHours', (r) => `9:${String(r).padStart(2, '0')}-17:00`, (r) => `09:${String(r).padStart(2, '0')}-17:00`],
    ['emergencyNumber', (r) => String(100 + r), (r) => String(100 + r)],
    ['routine.sound', (r) => String(r % 2 === 0), (r) => r % 2 === 0],
    ['routine.voice', (r) => String(r % 2 === 1), (r) => r % 2 === 1],
  ];

  it('5 writers × 20 rounds of `config set` on different keys keep every change', { timeout: 240_000 }, async () => {
    for (let round = 0; round < 20; round++) {
      const results = await Promise.all(
        KEYS.map(([key, value]) => runBin(['config', 'set', key, value(round)], { env: { NECKCOACH_HOME: home }, timeoutMs: 60_000 })),
      );
      for (const r of results) expect(r, r.stderr).toMatchObject({ code: 0 });
      const saved = stored();
      for (const [key, , expected] of KEYS)
        expect(
          key.split('.').reduce((node, part) => node?.[part], saved),
          `${key} in round ${round}`,
        ).toEqual(expected(round));
    }
    expect(existsSync(`${configFile()}.lock`)).toBe(false);
  });
});
