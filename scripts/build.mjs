// Bundles the CLI and the reminder daemon with esbuild, as CommonJS: dist/main.cjs (the entry and its
// fast paths), dist/program.cjs (the CLI, loaded through V8's code cache: src/io/compile-cache.ts),
// dist/lib/*.cjs (libraries loaded on first use), dist/daemon.cjs and dist/notify-child.cjs.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const nodeRequire = createRequire(import.meta.url);
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));

/** Runs a TypeScript module of src/ or scripts/ here, bundled on the fly, and returns its exports. */
async function importTs(file) {
  const out = `${root}dist/.${file.replace(/\W/g, '-')}.mjs`;
  await build({ entryPoints: [`${root}${file}`], bundle: true, platform: 'node', format: 'esm', outfile: out, logLevel: 'error' });
  try {
    return await import(out);
  } finally {
    rmSync(out);
  }
}

// The catalogue is validated here, once, so the program never loads a schema library to browse it.
await importTs('scripts/validate-data.ts');
// schema/routine.schema.json, for editors checking user routine files, from UserRoutineSchema.
await import('./routine-schema.mjs');

/**
 * A module's exports as an object of getters that run `load` (a require) on first use, so loading
 * the module waits until something calls into it. The getters are made from a list of names at
 * run time: one function in the bundle, not one per export (each would be V8 work at every start).
 * `esModule` marks an ES module's namespace for esbuild's interop; a builtin is plain CommonJS.
 */
function lazyExports(load, names, { esModule }) {
  return [
    'let loaded;',
    `const load = () => (loaded ??= ${load});`,
    esModule ? "Object.defineProperty(exports, '__esModule', { value: true });" : '',
    `for (const key of ${JSON.stringify(names)}) Object.defineProperty(exports, key, { enumerable: true, get: () => load()[key] });`,
  ].join('\n');
}

// node:child_process brings net and streams with it, and only a few runs start a process (commander
// requires it at load just for executable subcommands, which neckcoach has none of).
const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/, namespace: 'file' }, () => ({ path: 'child_process', namespace: 'lazy-builtin' }));
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({
      contents: lazyExports(`require("node:${args.path}")`, Object.keys(nodeRequire(`node:${args.path}`)), { esModule: false }),
      loader: 'js',
    }));
  },
};

// V8 parses a JSON string much faster than the same data as a JavaScript object literal, which is
// what esbuild's JSON loader emits: ship the catalogue as strings handed to JSON.parse.
const jsonAsString = {
  name: 'json-as-string',
  setup(b) {
    b.onLoad({ filter: /[\\/]data[\\/][^\\/]+\.json$/, namespace: 'file' }, (args) => ({
      contents: `export default JSON.parse(${JSON.stringify(JSON.stringify(JSON.parse(readFileSync(args.path, 'utf8'))))});`,
      loader: 'js',
    }));
  },
};

// Libraries only some runs reach, each one CommonJS file under dist/lib/, loaded on the first use
// of one of its exports (not when a module importing it loads): a run that never uses a library
// never reads it, and V8 never deserializes its functions. chalk is one too: its colour detection
// loads the tty module (and net), which output without colour does not need; so is the
// catalogue's data, which half the commands never read. Packages that share code share a file.
const LIBS = {
  chalk: ['chalk'],
  inquirer: ['@inquirer/checkbox', '@inquirer/input', '@inquirer/number', '@inquirer/select'],
  ora: ['ora'],
  conf: ['conf'],
  valibot: ['valibot'],
  // The catalogue's data files, by their path from the root.
  data: readdirSync(`${root}data`)
    .filter((f) => f.endsWith('.json'))
    .map((f) => `./data/${f}`),
};
const libOf = new Map(Object.entries(LIBS).flatMap(([lib, packages]) => packages.map((name) => [name, lib])));

/** The names a package exports, as esbuild reads them. */
async function exportsOf(name) {
  const { metafile } = await build({
    entryPoints: [name],
    absWorkingDir: root,
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    metafile: true,
    outdir: 'x',
    logLevel: 'error',
  });
  return Object.values(metafile.outputs)[0].exports;
}
const libExports = new Map(
  await Promise.all([...libOf.keys()].map(async (name) => [name, name.startsWith('./data/') ? ['default'] : await exportsOf(name)])),
);

// In the CLI bundle, a package in a lib is an ES module re-exporting, by name, from an object of
// getters that requires the lib file on first use. The ES layer keeps `import()` of a package
// giving its default export (esbuild imports CommonJS the way Node does: default = the whole
// exports object); the getters keep a static `import { Chalk } from 'chalk'` from loading chalk.
const requireLibs = {
  name: 'require-libs',
  setup(b) {
    b.onResolve({ filter: /^[@a-z]/, namespace: 'file' }, (args) =>
      libOf.has(args.path) ? { path: args.path, namespace: 'lib' } : undefined,
    );
    b.onResolve({ filter: /[\\/]data[\\/][^\\/]+\.json$/, namespace: 'file' }, (args) => {
      const name = `./${path.relative(root, path.resolve(args.resolveDir, args.path)).split(path.sep).join('/')}`;
      return libOf.has(name) ? { path: name, namespace: 'lib' } : undefined;
    });
    b.onLoad({ filter: /.*/, namespace: 'lib' }, (args) => {
      const from = JSON.stringify(`lazy-lib:${args.path}`);
      return {
        contents: `export * from ${from};${libExports.get(args.path).includes('default') ? ` export { default } from ${from};` : ''}`,
        loader: 'js',
      };
    });
    b.onResolve({ filter: /^lazy-lib:/ }, (args) => ({ path: args.path.slice('lazy-lib:'.length), namespace: 'lazy-lib' }));
    b.onResolve({ filter: /^\.\/lib\//, namespace: 'lazy-lib' }, (args) => ({ path: args.path, external: true }));
    b.onLoad({ filter: /.*/, namespace: 'lazy-lib' }, (args) => ({
      contents: lazyExports(
        `require(${JSON.stringify(`./lib/${libOf.get(args.path)}.cjs`)})[${JSON.stringify(args.path)}]`,
        libExports.get(args.path),
        { esModule: true },
      ),
      loader: 'js',
    }));
  },
};

// A lib file exports each of its packages' namespace under the package's name.
const libEntries = {
  name: 'lib-entries',
  setup(b) {
    b.onResolve({ filter: /^lib:/ }, (args) => ({ path: args.path.slice(4), namespace: 'lib-entry' }));
    b.onLoad({ filter: /.*/, namespace: 'lib-entry' }, (args) => ({
      contents: LIBS[args.path]
        .map((name, i) => `import * as m${i} from ${JSON.stringify(name)};\nexport { m${i} as ${JSON.stringify(name)} };`)
        .join('\n'),
      loader: 'js',
      resolveDir: root,
    }));
  },
};

const shared = {
  absWorkingDir: root,
  outdir: 'dist',
  bundle: true,
  // CommonJS throughout: Node's ESM loader (package scopes, async reads, linking) costs more at
  // start-up than everything else neckcoach loads, and CommonJS never starts it.
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
  platform: 'node',
  target: 'node20',
  // import() of a bundled module becomes a require() in a promise, so no ESM loader either.
  supported: { 'dynamic-import': false },
  minify: true,
  legalComments: 'none',
  // node-notifier reads __dirname at load time and ships helper binaries beside itself.
  external: ['node-notifier'],
  // import.meta.url, computed only where a module asks for it (a file URL costs more than it looks).
  define: { NECKCOACH_VERSION: JSON.stringify(pkg.version), 'import.meta.url': '__ncImportMeta.url' },
  banner: { js: "const __ncImportMeta = { get url() { return require('node:url').pathToFileURL(__filename).href; } };" },
  plugins: [lazyBuiltins, jsonAsString],
  logLevel: 'warning',
  metafile: true,
};

rmSync(`${root}dist`, { recursive: true, force: true });
// The CLI: commander, every command, core and render in one file (each command's modules run
// only when it is chosen), and the libraries beside it.
const cli = await build({ ...shared, entryPoints: ['src/program.ts'], plugins: [...shared.plugins, requireLibs] });
const libs = await build({
  ...shared,
  entryPoints: Object.fromEntries(Object.keys(LIBS).map((lib) => [`lib/${lib}`, `lib:${lib}`])),
  plugins: [...shared.plugins, libEntries],
});
// The entry: the fast paths, then the CLI through the code cache, which keeps one entry per
// command (so it needs their names).
const { COMMAND_NAMES } = nodeRequire(`${root}dist/program.cjs`);
const entry = await build({
  ...shared,
  entryPoints: ['src/main.ts'],
  banner: {},
  define: { ...shared.define, NECKCOACH_COMMANDS: JSON.stringify(COMMAND_NAMES) },
});
// The resident reminder daemon and the short-lived child that sends one notification: each one
// self-contained and tree-shaken, so the process that stays up carries only what it runs. The
// status-bar line (`remind status --short`, run every few seconds) is one such file too, loaded by
// main.cjs without commander; it shares the libraries in dist/lib.
const daemon = await build({
  ...shared,
  entryPoints: { daemon: 'src/daemon.ts', 'notify-child': 'src/notify-child.ts', 'status-line': 'src/commands/remind/status-line.ts' },
  plugins: [...shared.plugins, requireLibs],
});
if (
  [entry, cli, libs].some((r) => Object.keys(r.metafile.outputs).some((out) => /\bimport\(/.test(readFileSync(`${root}${out}`, 'utf8'))))
) {
  throw new Error('an import() survived in dist/: it would start the ESM loader (and fail under the code cache)');
}

// What main.ts prints without loading the program, rendered here by the program itself: the
// top-level help, and the completion scripts (the same for everyone: commands and built-in ids).
// A home of its own, so the code cache of these runs never lands in the builder's cache folder.
const { SHELLS } = await importTs('src/core/completion.ts');
const home = mkdtempSync(path.join(tmpdir(), 'neckcoach-build-'));
try {
  for (const [args, file] of [[['--help'], 'help.txt'], ...SHELLS.map((shell) => [['completion', shell], `completion.${shell}`])]) {
    const env = { ...process.env, NO_COLOR: '1', NECKCOACH_HOME: home };
    const rendered = spawnSync(process.execPath, [`${root}dist/main.cjs`, ...args], { env, encoding: 'utf8' });
    if (rendered.status !== 0) throw new Error(`rendering \`${args.join(' ')}\` failed: ${rendered.stderr}`);
    writeFileSync(`${root}dist/${file}`, rendered.stdout);
  }
} finally {
  rmSync(home, { recursive: true, force: true });
}
if (process.argv.includes('--analyze')) {
  const { analyzeMetafile } = await import('esbuild');
  for (const result of [entry, cli, libs, daemon]) console.log(await analyzeMetafile(result.metafile));
}
