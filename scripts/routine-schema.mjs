// Generates schema/routine.schema.json (the JSON Schema for user routine files, shipped in the
// package) from the same valibot schema the loader validates with, so the two cannot drift.
// `node scripts/routine-schema.mjs` writes it; `--check` exits 1 when the committed file is stale.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}dist/.routine-schema.mjs`;
await build({
  stdin: {
    contents: "export { UserRoutineSchema } from './src/content/schema.ts'; export { toJsonSchema } from '@valibot/to-json-schema';",
    resolveDir: root,
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'esm',
  outfile: out,
  logLevel: 'error',
});
const { UserRoutineSchema, toJsonSchema } = await import(`${out}?${Date.now()}`);
rmSync(out);

// `trim` is a transformation JSON Schema cannot express; everything else converts.
const schema = toJsonSchema(UserRoutineSchema, { target: 'draft-07', errorMode: 'ignore', typeMode: 'input' });
const document = {
  $schema: schema.$schema,
  title: 'neckcoach user routine',
  description:
    'A routine of your own for `neckcoach routine <id>`: a move (steps) or a session (parts naming moves). ' +
    'Put the file in the folder `neckcoach routines --path` prints.',
  ...Object.fromEntries(Object.entries(schema).filter(([key]) => key !== '$schema')),
};
const text = `${JSON.stringify(document, null, 2)}\n`;
const file = `${root}schema/routine.schema.json`;

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(file, 'utf8');
  } catch {}
  if (current !== text) {
    console.error('schema/routine.schema.json is out of date: run node scripts/routine-schema.mjs');
    process.exit(1);
  }
} else {
  mkdirSync(`${root}schema`, { recursive: true });
  writeFileSync(file, text);
}
