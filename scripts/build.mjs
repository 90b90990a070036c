// Bundles the CLI and the reminder daemon with esbuild: start-up then reads a few files instead of
// walking node_modules. Heavy modules stay behind dynamic imports, so they land in their own chunks.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));

// The catalogue is validated here, once, so the program never loads a schema library to browse it.
{
  const out = `${root}dist/.validate-data.mjs`;
  await build({ entryPoints: [`${root}scripts/validate-data.ts`], bundle: true, platform: 'node', format: 'esm', outfile: out, logLevel: 'error' });
  await import(out);
  rmSync(out);
}
// schema/routine.schema.json, for editors checking user routine files, from UserRoutineSchema.
await import('./routine-schema.mjs');

// Commander requires node:child_process (and with it net and streams) at load, only to run
// executable subcommands, which neckcoach has none of: defer it to first use.
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      /node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: 'lazy-child-process', namespace: 'lazy' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, () => ({
      contents: "module.exports = new Proxy({}, { get: (_, key) => require('node:child_process')[key] });",
      loader: 'js',
    }));
  },
};

// V8 parses a JSON string much faster than the same data as a JavaScript object literal, which is
// what esbuild's JSON loader emits: ship the catalogue as strings handed to JSON.parse.
const jsonAsString = {
  name: 'json-as-string',
  setup(b) {
    b.onLoad({ filter: /[\\/]data[\\/][^\\/]+\.json$/ }, (args) => ({
      contents: `export default JSON.parse(${JSON.stringify(JSON.stringify(JSON.parse(readFileSync(args.path, 'utf8'))))});`,
      loader: 'js',
    }));
  },
};

// Libraries only some runs reach, each one CommonJS file under dist/lib/, loaded on the first use
// of one of its exports (not when a module importing it loads): a run that never uses a library
// never reads or parses it. chalk is one too: its colour detection loads the tty module (and net),
// which output without colour does not need. Packages that share code share a file.
const LIBS = {
  chalk: ['chalk'],
  inquirer: ['@inquirer/checkbox', '@inquirer/input', '@inquirer/number', '@inquirer/select'],
  ora: ['ora'],
  conf: ['conf'],
  valibot: ['valibot'],
};
const libOf = new Map(Object.entries(LIBS).flatMap(([lib, packages]) => packages.map((name) => [name, lib])));

/** The names a package exports, as esbuild reads them. */
async function exportsOf(name) {
  const { metafile } = await build({ entryPoints: [name], absWorkingDir: root, bundle: true, format: 'esm', platform: 'node', write: false, metafile: true, outdir: 'x', logLevel: 'error' });
  return Object.values(metafile.outputs)[0].exports;
}
const libExports = new Map(await Promise.all([...libOf.keys()].map(async (name) => [name, await exportsOf(name)])));

// In the CLI bundle, `import … from '<package>'` becomes an object of getters that require the
// package's lib file on first use.
const requireLibs = {
  name: 'require-libs',
  setup(b) {
    b.onResolve({ filter: /^[@a-z]/ }, (args) => (libOf.has(args.path) ? { path: args.path, namespace: 'lib' } : undefined));
    b.onResolve({ filter: /^\.\/lib\//, namespace: 'lib' }, (args) => ({ path: args.path, external: true }));
    b.onLoad({ filter: /.*/, namespace: 'lib' }, (args) => {
      const load = `require(${JSON.stringify(`./lib/${libOf.get(args.path)}.cjs`)})[${JSON.stringify(args.path)}]`;
      const getters = libExports.get(args.path).map((key) => `${JSON.stringify(key)}: { enumerable: true, get: () => load()[${JSON.stringify(key)}] }`);
      return {
        contents: `let lib;\nconst load = () => (lib ??= ${load});\nObject.defineProperties(exports, { __esModule: { value: true }, ${getters.join(', ')} });`,
        loader: 'js',
      };
    });
  },
};

// A lib file exports each of its packages under the package's name, as an ES module namespace.
const libEntries = {
  name: 'lib-entries',
  setup(b) {
    b.onResolve({ filter: /^lib:/ }, (args) => ({ path: args.path.slice(4), namespace: 'lib-entry' }));
    b.onLoad({ filter: /.*/, namespace: 'lib-entry' }, (args) => ({
      contents: LIBS[args.path]
        .map((name, i) => `import * as m${i} from ${JSON.stringify(name)};\nconst p${i} = { __esModule: true, ...m${i} };\nexport { p${i} as ${JSON.stringify(name)} };`)
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
  minifyWhitespace: true,
  minifySyntax: true,
  minifyIdentifiers: !process.env.NC_NAMES,
  legalComments: 'none',
  // node-notifier reads __dirname at load time and ships helper binaries beside itself.
  external: ['node-notifier'],
  // import.meta.url, computed only where a module asks for it (a file URL costs more than it looks).
  define: { NECKCOACH_VERSION: JSON.stringify(pkg.version), 'import.meta.url': '__ncImportMeta.url' },
  banner: { js: "const __ncImportMeta = { get url() { return require('node:url').pathToFileURL(__filename).href; } };" },
  plugins: [lazyChildProcess, jsonAsString],
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
// The entry: the --help and --version fast paths, then the CLI through the code cache, which
// keeps one entry per command (so it needs their names).
const { COMMAND_NAMES } = createRequire(import.meta.url)(`${root}dist/program.cjs`);
const entry = await build({
  ...shared,
  entryPoints: ['src/main.ts'],
  banner: {},
  define: { ...shared.define, NECKCOACH_COMMANDS: JSON.stringify(COMMAND_NAMES) },
});
// The resident reminder daemon and the short-lived child that sends one notification: each one
// self-contained and tree-shaken, so the process that stays up carries only what it runs.
const daemon = await build({ ...shared, entryPoints: ['src/daemon.ts', 'src/notify-child.ts'] });
if ([entry, cli, libs].some((r) => Object.keys(r.metafile.outputs).some((out) => /\bimport\(/.test(readFileSync(`${root}${out}`, 'utf8'))))) {
  throw new Error('an import() survived in dist/: it would start the ESM loader (and fail under the code cache)');
}

// The top-level help, rendered once by commander itself, for main.ts's fast path.
const help = spawnSync(process.execPath, [`${root}dist/main.cjs`, '--help'], { env: { ...process.env, NO_COLOR: '1' }, encoding: 'utf8' });
if (help.status !== 0) throw new Error(`rendering the help failed: ${help.stderr}`);
writeFileSync(`${root}dist/help.txt`, help.stdout);
if (process.argv.includes('--analyze')) {
  const { analyzeMetafile } = await import('esbuild');
  for (const result of [entry, cli, libs, daemon]) console.log(await analyzeMetafile(result.metafile));
}
