// The house rules of design §1 as `npm run lint` checks them: the project's own lint scripts and
// configs run on a small tree that breaks each rule once, beside edges every rule must allow. The
// exact list of breaks is compared, so a rule that stops biting and a rule that bites too widely
// both fail here.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const TREE: Record<string, string> = {
  // core: pure, and every way of not being pure
  'src/core/pure.ts': [
    "import type { Shape } from '../content/shape.js';",
    "import { helper } from './helper.js';",
    '',
    'export const day = (ms: number, shape: Shape) => helper(new Date(ms).getUTCDay(), shape);',
    '',
  ].join('\n'),
  'src/core/helper.ts': "import type { Shape } from '../content/shape.js';\n\nexport const helper = (n: number, _shape: Shape) => n;\n",
  'src/core/impure.ts': [
    "import chalk from 'chalk';",
    "import fs from 'node:fs';",
    "import { hostname } from 'node:os';",
    "import { readSettings } from '../io/settings.js';",
    "import { draw } from '../render/draw.js';",
    '',
    'export const now = () => Date.now();',
    'export const today = () => new Date();',
    'export const home = () => process.env.HOME;',
    'export const all = () => [chalk, fs, hostname, readSettings, draw];',
    '',
  ].join('\n'),
  // content: types and data only
  'src/content/shape.ts': 'export interface Shape {\n  id: string;\n}\n',
  'src/content/load.ts': "import { readFile } from 'node:fs/promises';\n\nexport const load = (file: string) => readFile(file, 'utf8');\n",
  // io: touches the world, returns data, never draws
  'src/io/settings.ts': [
    "import fs from 'node:fs';",
    "import { day } from '../core/pure.js';",
    '',
    "export const readSettings = (file: string) => [fs.readFileSync(file, 'utf8'), day(0, { id: 'x' })];",
    "export const writeSettings = async () => (await import('conf')).default;",
    '',
  ].join('\n'),
  'src/io/warn.ts': [
    "import { draw } from '../render/draw.js';",
    '',
    'export const warn = (text: string) => {',
    '  draw(text);',
    '  process.exit(1);',
    '};',
    '',
  ].join('\n'),
  'src/io/lean.ts': "import { day } from '../core/pure.js';\n\nexport const lean = () => day(0, { id: 'x' });\n",
  // render: draws, prints only through streams it is handed
  'src/render/draw.ts': "import chalk from 'chalk';\n\nexport const draw = (text: string) => console.log(chalk.bold(text));\n",
  'src/render/loose.ts': 'export const loose = (value: any) => value;\n',
  // run: effect runners may use core, io and render
  'src/run/routine.ts': [
    "import { day } from '../core/pure.js';",
    "import { readSettings } from '../io/settings.js';",
    "import { draw } from '../render/draw.js';",
    '',
    "export const runRoutine = () => draw(String([day(0, { id: 'x' }), readSettings('f')]));",
    '',
  ].join('\n'),
  'src/run/reminders.ts': [
    "import { setTimeout as sleep } from 'node:timers/promises';",
    "import { go } from '../commands/go.js';",
    '',
    'export const loop = async () => [await sleep(1), go()];',
    '',
  ].join('\n'),
  // commands wire: run, io, render, libraries; never files directly
  'src/commands/go.ts': [
    "import { spawnSync } from 'node:child_process';",
    "import { Command } from 'commander';",
    "import { runRoutine } from '../run/routine.js';",
    '',
    "export const go = () => [new Command('go'), runRoutine(), spawnSync('true')];",
    '',
  ].join('\n'),
  // entries: only they may end the process; the daemon bundles stay lean
  'src/main.ts': "import { go } from './commands/go.js';\n\ngo();\nprocess.exit(0);\n",
  'src/daemon.ts': "import { readSettings } from './io/settings.js';\n\nreadSettings('f');\nprocess.exit(0);\n",
  'src/notify-child.ts':
    "import notifier from 'node-notifier';\nimport { lean } from './io/lean.js';\n\nnotifier.notify(String(lean()));\n",
  // the formatter: double quotes and a line over 140 columns
  'src/unformatted.ts': `export const long = "${'x'.repeat(150)}";\n`,
};

const copied = ['package.json', '.gitignore', 'tsconfig.json', 'biome.json', '.dependency-cruiser.mjs', 'scripts/core-clock.grit'];

const npmRun = (cwd: string, ...args: string[]) =>
  new Promise<{ code: number; out: string }>((resolve) => {
    execFile('npm', ['run', '--silent', ...args], { cwd, maxBuffer: 16 << 20 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, out: `${stdout}${stderr}` }),
    );
  });

describe('npm run lint: the layer and code rules bite, and only where they should', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'neckcoach-lint-'));

  beforeAll(() => {
    for (const file of copied) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      copyFileSync(path.join(ROOT, file), path.join(dir, file));
    }
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    for (const [file, text] of Object.entries(TREE)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    }
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('dependency-cruiser reports every layer break and nothing else', async () => {
    const { code, out } = await npmRun(dir, 'lint:layers');
    const breaks = [...out.matchAll(/^\s*error (\S+): (\S+) → (\S+)$/gm)].map(
      ([, rule, from, to]) => `${rule}: ${from} → ${to?.replace(/^.*node_modules\/((@[^/]+\/)?[^/]+).*/, '$1')}`,
    );
    expect(breaks.sort()).toEqual(
      [
        'core-imports-an-edge: src/core/impure.ts → src/io/settings.ts',
        'core-imports-an-edge: src/core/impure.ts → src/render/draw.ts',
        'core-touches-the-world: src/core/impure.ts → fs',
        'core-touches-the-world: src/core/impure.ts → os',
        'core-uses-an-edge-library: src/core/impure.ts → chalk',
        'daemon-bundle-reaches-a-heavy-module: src/daemon.ts → conf',
        'fs-outside-io: src/commands/go.ts → child_process',
        'fs-outside-io: src/content/load.ts → fs/promises',
        'io-imports-render-or-above: src/io/warn.ts → src/render/draw.ts',
        'run-imports-commands: src/run/reminders.ts → src/commands/go.ts',
        'run-uses-real-timers: src/run/reminders.ts → timers/promises',
      ].sort(),
    );
    expect(code).not.toBe(0);
  });

  it('biome reports the ambient clock, process, console and any in their places, and the unformatted file', async () => {
    const { code, out } = await npmRun(dir, 'lint:code', '--', '--reporter=github', '--max-diagnostics=100');
    // ::error title=lint/style/noRestrictedGlobals,file=src/core/impure.ts,line=9,...::message
    const found = [...out.matchAll(/^::error title=([^,]+),file=([^,]+),line=(\d+)/gm)].map(
      ([, title, file, line]) => `${path.relative(dir, file ?? '')}:${line} ${title}`,
    );
    expect(found.sort()).toEqual(
      [
        'src/core/impure.ts:7 plugin',
        'src/core/impure.ts:8 plugin',
        'src/core/impure.ts:9 lint/style/noRestrictedGlobals',
        'src/io/warn.ts:5 lint/nursery/noProcessExit',
        'src/render/draw.ts:3 lint/suspicious/noConsole',
        'src/render/loose.ts:1 lint/suspicious/noExplicitAny',
        'src/unformatted.ts:1 format',
      ].sort(),
    );
    expect(out).toMatch(/Date\.now\(\) in src\/core/);
    expect(out).toMatch(/new Date\(\) in src\/core/);
    expect(code).not.toBe(0);
  });
});
