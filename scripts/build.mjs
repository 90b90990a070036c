// Bundles the CLI and the reminder daemon with esbuild: start-up then reads a few files instead of
// walking node_modules. Heavy modules stay behind dynamic imports, so they land in their own chunks.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));

// The catalogue is validated here, once, so the program never loads a schema library to browse it.
{
  const out = `${root}dist/.validate-data.mjs`;
  await build({
    entryPoints: [`${root}scripts/validate-data.ts`],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: out,
    logLevel: 'error',
  });
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

const shared = {
  absWorkingDir: root,
  outdir: 'dist',
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  // node-notifier reads __dirname at load time and ships helper binaries beside itself.
  external: ['node-notifier'],
  define: { NECKCOACH_VERSION: JSON.stringify(pkg.version) },
  banner: { js: "import { createRequire as __ncRequire } from 'node:module'; const require = __ncRequire(import.meta.url);" },
  plugins: [lazyChildProcess, jsonAsString],
  logLevel: 'warning',
  metafile: true,
};

rmSync(`${root}dist`, { recursive: true, force: true });
// The CLI: every command behind a dynamic import, so each loads only its own chunks.
const cli = await build({ ...shared, entryPoints: ['src/main.ts'], splitting: true, chunkNames: 'chunks/[name]-[hash]' });
// The resident reminder daemon and the short-lived child that sends one notification: each one
// self-contained and tree-shaken, and CommonJS, so the process that stays up carries neither a
// chunk it shares with the CLI nor the ESM loader (about 2 MB resident). The status-bar line
// (`remind status --short`, run every few seconds) is one such file too: one synchronous read and
// compile instead of a dozen shared ESM chunks.
const daemon = await build({
  ...shared,
  entryPoints: { daemon: 'src/daemon.ts', 'notify-child': 'src/notify-child.ts', 'status-line': 'src/commands/remind/status-line.ts' },
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
  banner: { js: "const __ncImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  define: { ...shared.define, 'import.meta.url': '__ncImportMetaUrl' },
});

// The top-level help, rendered once by commander itself, for main.ts's fast path.
const help = spawnSync(process.execPath, [`${root}dist/main.js`, '--help'], { env: { ...process.env, NO_COLOR: '1' }, encoding: 'utf8' });
if (help.status !== 0) throw new Error(`rendering the help failed: ${help.stderr}`);
writeFileSync(`${root}dist/help.txt`, help.stdout);
if (process.argv.includes('--analyze')) {
  const { analyzeMetafile } = await import('esbuild');
  for (const result of [cli, daemon]) console.log(await analyzeMetafile(result.metafile));
}
