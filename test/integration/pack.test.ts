// What `npm install -g neckcoach` gives a person: the packed tarball, installed into a fresh
// prefix, runs from its bin link. Catches a `files` list or a bundle that only works in the repo.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const run = promisify(execFile);
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };

describe('npm pack → npm install -g', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'neckcoach-pack-'));
  const prefix = path.join(dir, 'prefix');
  const bin = path.join(prefix, 'bin', 'neckcoach');
  // Outside the repo, so the project's .npmrc and node_modules play no part in the install.
  const npm = (...args: string[]) => run('npm', args, { cwd: dir, env: { ...process.env, npm_config_update_notifier: 'false' }, maxBuffer: 16 << 20 });

  beforeAll(async () => {
    // --ignore-scripts: pack the dist `npm test` just built, rather than rebuilding it under the
    // feet of the other test files that run it.
    const packed = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: ROOT, maxBuffer: 16 << 20 });
    const [{ filename }] = JSON.parse(packed.stdout) as [{ filename: string }];
    await npm('install', '--global', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', path.join(dir, filename));
  }, 300_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('installs a neckcoach command that prints the version', async () => {
    expect(existsSync(bin)).toBe(true);
    const { stdout } = await run(bin, ['--version'], { cwd: dir });
    expect(stdout).toBe(`${pkg.version}\n`);
  });

  it('runs from the installed copy, the files it loads on demand and all', async () => {
    const { stdout } = await run(bin, ['--help'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
    expect(stdout).toMatch(/^Usage: neckcoach/);
    // The program itself, and chalk from dist/lib (colour forced), through the code cache.
    const home = path.join(dir, 'home');
    const env = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: '1', NECKCOACH_HOME: home };
    for (const round of ['compiles and writes the cache', 'runs from the cache']) {
      const { stdout: causes } = await run(bin, ['causes'], { cwd: dir, env });
      expect(causes, round).toMatch(/\u001b\[1mCommon contributors/);
    }
    expect(readdirSync(path.join(home, 'cache')).some((f) => f.startsWith('program-causes-'))).toBe(true);
    const installed = path.join(prefix, 'lib', 'node_modules', pkg.name);
    expect(existsSync(path.join(installed, 'dist', 'main.cjs'))).toBe(true);
    // Tests and sources stay out of the package.
    expect(existsSync(path.join(installed, 'src'))).toBe(false);
    expect(existsSync(path.join(installed, 'test'))).toBe(false);
  });
});
