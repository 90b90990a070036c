// What `npm install -g neckcoach` gives a person: the packed tarball, installed into a fresh
// prefix, runs from its bin link. Catches a `files` list or a bundle that only works in the repo,
// a runtime dependency that should have been bundled, and an install that warns.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const run = promisify(execFile);
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };

/** node-notifier@10 and its 9 dependencies bring neckcoach to exactly this (design §7 "Install"). */
const MAX_PACKAGES = 10;

// The install runs as a person's would: outside the repo (so the project's .npmrc and
// node_modules play no part) and without the npm_* variables `npm test` hands its children.
const personEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));

/** Every file under dir except node_modules, as paths relative to dir. */
const packageFiles = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .filter((file) => !file.split(path.sep).includes('node_modules'));

describe('npm pack → npm install -g', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'neckcoach-pack-'));
  const prefix = path.join(dir, 'prefix');
  const bin = path.join(prefix, 'bin', 'neckcoach');
  const installed = path.join(prefix, 'lib', 'node_modules', pkg.name);
  let packed: string[] = [];
  let install = { stdout: '', stderr: '' };

  beforeAll(async () => {
    // --ignore-scripts: pack the dist `npm test` just built, rather than rebuilding it (prepack)
    // under the feet of the other test files that run it.
    const out = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: ROOT, maxBuffer: 16 << 20 });
    const [{ filename, files }] = JSON.parse(out.stdout) as [{ filename: string; files: { path: string }[] }];
    packed = files.map((file) => file.path);
    install = await run(
      'npm',
      ['install', '--global', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', path.join(dir, filename)],
      {
        cwd: dir,
        env: { ...personEnv, npm_config_update_notifier: 'false' },
        maxBuffer: 16 << 20,
      },
    );
  }, 300_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`installs at most ${MAX_PACKAGES} packages and says nothing about it on stderr`, () => {
    const added = /added (\d+) packages?/.exec(install.stdout);
    expect(added, install.stdout).not.toBeNull();
    expect(Number(added?.[1])).toBeLessThanOrEqual(MAX_PACKAGES);
    expect(install.stderr).not.toMatch(/warn/i);
  });

  it('ships the licence and readme, and no tests or sources', () => {
    expect(packed).toEqual(
      expect.arrayContaining(['LICENSE', 'README.md', 'package.json', 'bin/neckcoach.js', 'dist/main.js', 'dist/daemon.cjs']),
    );
    expect(packed.filter((file) => /^(src|test|bench|scripts)\//.test(file))).toEqual([]);
    expect(readFileSync(path.join(installed, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
  });

  it('links to nothing outside the package', () => {
    const escaping = packageFiles(installed).filter((file) => readFileSync(path.join(installed, file), 'utf8').includes('../shared'));
    expect(escaping).toEqual([]);
    // Markdown links that climb out of the package folder lead nowhere once installed.
    expect(readFileSync(path.join(installed, 'README.md'), 'utf8')).not.toMatch(/\]\(\.\.\//);
  });

  it('installs a neckcoach command that prints the version', async () => {
    expect(existsSync(bin)).toBe(true);
    const { stdout } = await run(bin, ['--version'], { cwd: dir });
    expect(stdout).toBe(`${pkg.version}\n`);
  });

  it('runs a command from the installed copy, chunks and catalogue and all', async () => {
    const home = path.join(dir, 'home');
    const { stdout } = await run(bin, ['causes', '--json'], { cwd: dir, env: { ...personEnv, NECKCOACH_HOME: home, NO_COLOR: '1' } });
    const doc = JSON.parse(stdout) as { schemaVersion: number; causes: { id: string }[] };
    expect(doc.schemaVersion).toBe(1);
    expect(doc.causes.length).toBeGreaterThan(0);
  });
});
