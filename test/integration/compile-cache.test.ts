// The code cache that dist/main.cjs loads the CLI through (src/io/compile-cache.ts): entries are
// written once and then used, never used for a changed or damaged file, and never an error. Each
// load runs in a fresh Node process, as a start does: within one process V8 reuses what it has
// compiled and never looks at the cache.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { codeCacheDir } from '../../src/io/compile-cache.js';
import { ROOT, runBin, tempHome } from '../helpers/cli.js';

const bundle = tempHome();
const loader = path.join(bundle.home, 'compile-cache.cjs');
beforeAll(() =>
  build({
    entryPoints: [path.join(ROOT, 'src/io/compile-cache.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: loader,
    logLevel: 'error',
  }),
);
afterAll(() => bundle.cleanup());

let home: string;
let cleanup: () => void;
beforeEach(() => ({ home, cleanup } = tempHome()));
afterEach(() => cleanup());

const cacheDir = () => path.join(home, 'cache');
const entries = () => readdirSync(cacheDir()).sort();
const entryFile = () => path.join(cacheDir(), entries()[0]!);

function writeModule(name: string, body: string): string {
  const file = path.join(home, 'dist', name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, body);
  return file;
}

/** Loads `file` through the cache in a new process, saves, and returns its exports. */
function load(file: string, variant = ''): unknown {
  const script = `const { CodeCache } = require(${JSON.stringify(loader)});
    const cache = new CodeCache(${JSON.stringify(cacheDir())}, ${JSON.stringify(variant)} || undefined);
    const exports = cache.require(${JSON.stringify(file)});
    cache.save();
    process.stdout.write(JSON.stringify(exports));`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout);
}

describe('CodeCache', () => {
  it('writes an entry for a file it compiled, then uses it as it is', () => {
    const file = writeModule('program.cjs', 'exports.value = "one";');
    expect(load(file)).toEqual({ value: 'one' });
    expect(entries()).toEqual([expect.stringMatching(/^program-[0-9a-f]+\.v8cache$/)]);
    const written = readFileSync(entryFile());
    const { mtimeMs } = statSync(entryFile());
    expect(load(file)).toEqual({ value: 'one' });
    // Accepted, so not written again.
    expect(readFileSync(entryFile())).toEqual(written);
    expect(statSync(entryFile()).mtimeMs).toBe(mtimeMs);
  });

  it('never runs old bytecode for a changed file, even one of the same length', () => {
    const file = writeModule('program.cjs', 'exports.value = "one";');
    load(file);
    // Same length, so V8's own check passes; a new time, so the entry's key does not.
    writeFileSync(file, 'exports.value = "two";');
    const later = new Date(Date.now() + 5000);
    utimesSync(file, later, later);
    expect(load(file)).toEqual({ value: 'two' });
    expect(load(file)).toEqual({ value: 'two' });
  });

  it('compiles from source when the entry is damaged (V8 would abort on it), and replaces it', () => {
    const file = writeModule('program.cjs', 'exports.value = "one";');
    load(file);
    const damaged = readFileSync(entryFile());
    damaged[damaged.length - 5]! ^= 0xff;
    for (const bad of [damaged, Buffer.from('not a cache entry at all')]) {
      writeFileSync(entryFile(), bad);
      expect(load(file)).toEqual({ value: 'one' });
      const replaced = readFileSync(entryFile());
      expect(replaced.equals(bad)).toBe(false);
      // The new entry is whole: used as it is by the next run.
      expect(load(file)).toEqual({ value: 'one' });
      expect(readFileSync(entryFile())).toEqual(replaced);
    }
  });

  it('is never an error when the cache cannot be written', () => {
    writeFileSync(cacheDir(), 'a file where the cache folder should be');
    const file = writeModule('program.cjs', 'exports.value = "one";');
    expect(load(file)).toEqual({ value: 'one' });
    expect(readFileSync(cacheDir(), 'utf8')).toMatch(/^a file/);
  });

  it('loads ./lib/ files through the cache too, each once, with entries per variant', () => {
    writeModule('lib/extra.cjs', 'exports.answer = 42;');
    const file = writeModule(
      'program.cjs',
      'const a = require("./lib/extra.cjs"); exports.same = a === require("./lib/extra.cjs"); exports.answer = a.answer; exports.sep = require("node:path").sep;',
    );
    expect(load(file, 'causes')).toEqual({ same: true, answer: 42, sep: path.sep });
    expect(load(file, 'stats')).toEqual({ same: true, answer: 42, sep: path.sep });
    expect(entries().map((e) => e.replace(/-[0-9a-f]+\.v8cache$/, ''))).toEqual([
      'extra-causes',
      'extra-stats',
      'program-causes',
      'program-stats',
    ]);
  });

  it('lives in NECKCOACH_HOME/cache, or the system cache folder', () => {
    expect(codeCacheDir({ NECKCOACH_HOME: '/tmp/nc' })).toBe(path.join('/tmp/nc', 'cache'));
    const system = codeCacheDir({});
    expect([path.isAbsolute(system), path.basename(system)]).toEqual([true, 'neckcoach']);
  });
});

describe('the built CLI through the cache', () => {
  it('gives the same output on the first run (writing its entry) and the next (using it)', async () => {
    const env = { NECKCOACH_HOME: home };
    const first = await runBin(['causes', '--json'], { env });
    // The program and the catalogue's data (dist/lib/data.cjs), each for this command.
    expect(entries().map((e) => e.replace(/-[0-9a-f]+\.v8cache$/, ''))).toEqual(['data-causes', 'program-causes']);
    expect(await runBin(['causes', '--json'], { env })).toEqual(first);
    expect(first.code).toBe(0);
  });

  it('runs as usual, saying nothing, when the cache folder cannot be made', async () => {
    writeFileSync(cacheDir(), '');
    const r = await runBin(['causes', '--json'], { env: { NECKCOACH_HOME: home } });
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(JSON.parse(r.stdout).causes.length).toBeGreaterThan(0);
  });
});
