// The command-line contract every command shares (design §3): help, version, usage errors, colour,
// and a closed pipe; in-process for speed and through the built binary for what only it does.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Option } from 'commander';
import { type AnyCommand, isGroup, optionList } from '../../src/command.js';
import { loadCommands } from '../../src/program.js';
import { BIN, ROOT, runBin, runInProcess, tempHome } from '../helpers/cli.js';

const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { version: string };
const STACK = /^\s+at .+[:(]\d+/m;
const ESC = '\x1b';

/** Every command that runs a handler, with its path: `[['check'], ['remind', 'start'], …]`. */
const leaves = (specs: readonly AnyCommand[], prefix: string[] = []): [string[], AnyCommand][] =>
  specs.flatMap((spec) => (isGroup(spec) ? leaves(spec.subcommands, [...prefix, spec.name]) : [[[...prefix, spec.name], spec]]));
const commands = await loadCommands();

/** One `neckcoach:` line, then the hint every usage error has: where that command's usage is. */
const expectOneUsageLine = (stderr: string, command = 'neckcoach') => {
  const lines = stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(2);
  expect(lines[0]).toMatch(/^neckcoach: /);
  expect(lines[1]).toBe(`  see \`${command} --help\` for how to use it`);
  expect(stderr).not.toMatch(STACK);
};

describe('--version', () => {
  it('prints the package version from the binary', async () => {
    const { code, stdout, stderr } = await runBin(['--version']);
    expect({ code, stdout, stderr }).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it('-V prints one version line in process', async () => {
    const { code, stdout } = await runInProcess(['-V']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\d+\.\d+\.\d+\S*\n$/);
  });
});

describe('--help', () => {
  it('lists every command of the contract, the exit codes and the safety line', async () => {
    const { code, stdout, stderr } = await runInProcess(['--help']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    for (const { name } of commands) expect(stdout).toMatch(new RegExp(`^  ${name}\\b`, 'm'));
    expect(stdout).toMatch(/Exit codes: 0 ok/);
    expect(stdout).toMatch(/^Safety: neckcoach is a self-care aid, not medical advice/m);
  });

  it('fits 80 columns, on a wide terminal too', async () => {
    const { stdout } = await runInProcess(['--help'], { tty: true, columns: 200 });
    for (const line of stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  it("every command's help fits 80 columns, its description re-wrapped as paragraphs", async () => {
    const paths = commands.flatMap((spec) => [[spec.name], ...(isGroup(spec) ? spec.subcommands : []).map((sub) => [spec.name, sub.name])]);
    for (const path of paths) {
      const { code, stdout } = await runInProcess([...path, '--help']);
      expect(code).toBe(0);
      for (const line of stdout.split('\n')) expect(line.length, `${path.join(' ')}: ${line}`).toBeLessThanOrEqual(80);
    }
  });

  it('bare `neckcoach --json` is a usage error, not help on stdout', async () => {
    const { code, stdout, stderr } = await runInProcess(['--json']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^neckcoach: --json needs a command/);
  });

  it('is the same from the binary, whose help the build precomputes', async () => {
    const [inProcess, bin] = await Promise.all([runInProcess(['--help']), runBin(['--help'])]);
    expect(bin.code).toBe(0);
    expect(bin.stdout).toBe(inProcess.stdout);
  });

  it('help <command> shows that command', async () => {
    const { code, stdout } = await runInProcess(['help', 'remind']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: neckcoach remind/m);
  });

  it('bare `neckcoach` without a terminal prints the help and exits 0', async () => {
    const [inProcess, bin] = await Promise.all([runInProcess([]), runBin([])]);
    expect(inProcess.code).toBe(0);
    expect(inProcess.stdout).toMatch(/^Usage: neckcoach/);
    expect(bin.code).toBe(0);
    expect(bin.stdout).toBe(inProcess.stdout);
  });
});

describe('usage errors: exit 2, one `neckcoach:` line, no stack', () => {
  it('an unknown command suggests the nearest', async () => {
    const { code, stdout, stderr } = await runInProcess(['chek']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expectOneUsageLine(stderr);
    expect(stderr).toMatch(/unknown command 'chek'.*Did you mean check\?/);
  });

  it('an unknown flag suggests the nearest', async () => {
    const { code, stderr } = await runInProcess(['--jsn']);
    expect(code).toBe(2);
    expectOneUsageLine(stderr);
    expect(stderr).toMatch(/unknown option '--jsn'.*Did you mean --json\?/);
  });

  it('an unknown flag on a subcommand too, from the binary', async () => {
    const { code, stdout, stderr } = await runBin(['remind', 'start', '--evry', '45m']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expectOneUsageLine(stderr, 'neckcoach remind start');
    expect(stderr).toMatch(/--evry.*Did you mean --every\?/);
  });

  it.each([
    [['config', 'set', 'color'], 'neckcoach config set', /missing required argument 'value'/],
    [['routine'], 'neckcoach routine', /missing required argument 'name'/],
    [['completion'], 'neckcoach completion', /missing required argument 'shell'/],
    [['history', '--since'], 'neckcoach history', /option '--since <span>' argument missing/],
    [['history', '--type', 'x'], 'neckcoach history', /argument 'x' is invalid/],
  ])('a missing or bad argument (%j) has the same hint line as every usage error', async (argv, command, message) => {
    const { code, stdout, stderr } = await runInProcess(argv as string[]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expectOneUsageLine(stderr, command);
    expect(stderr).toMatch(message);
  });

  it.each(leaves(commands).map(([path, spec]) => [path.join(' '), spec] as const))(
    '"%s" has a handler and declares its options once',
    (_, spec) => {
      expect(!isGroup(spec) && typeof spec.run).toBe('function');
      // The key run() reads an option by must be the attribute commander stores it under.
      for (const option of optionList(spec)) expect(new Option(option.flags, option.description).attributeName()).toBe(option.key);
    },
  );
});

describe('colour', () => {
  it.each([
    ['never', { tty: true, env: { NO_COLOR: undefined } }, false],
    ['always', { tty: false, env: { NO_COLOR: undefined } }, true],
    ['auto', { tty: true, env: { NO_COLOR: undefined } }, true],
    ['auto', { tty: false, env: { NO_COLOR: undefined } }, false],
  ] as const)('the color setting %s, on a terminal: %o, gives colour: %s', async (setting, options, coloured) => {
    const { home, cleanup } = tempHome();
    try {
      const env = { ...options.env, NECKCOACH_HOME: home };
      expect((await runInProcess(['config', 'set', 'color', setting], { env })).code).toBe(0);
      const { stdout } = await runInProcess(['causes'], { ...options, env });
      expect(stdout.includes(ESC)).toBe(coloured);
    } finally {
      cleanup();
    }
  });

  it('--no-color and NO_COLOR win over color=always; --json is never coloured', async () => {
    const { home, cleanup } = tempHome();
    try {
      const env = { NO_COLOR: undefined, NECKCOACH_HOME: home };
      await runInProcess(['config', 'set', 'color', 'always'], { env });
      expect((await runInProcess(['causes', '--no-color'], { env })).stdout).not.toContain(ESC);
      expect((await runInProcess(['causes'], { env: { ...env, NO_COLOR: '1' } })).stdout).not.toContain(ESC);
      expect((await runInProcess(['causes', '--json'], { env })).stdout).not.toContain(ESC);
    } finally {
      cleanup();
    }
  });

  it('NO_COLOR leaves no escape bytes in help or errors, even with FORCE_COLOR unset on a pipe', async () => {
    for (const argv of [['--help'], ['chek'], ['causes', '--help']]) {
      const { stdout, stderr } = await runBin(argv, { env: { NO_COLOR: '1' } });
      expect(stdout + stderr).not.toContain(ESC);
    }
  });

  it('--no-color wins over FORCE_COLOR', async () => {
    const { stdout, stderr } = await runBin(['--no-color', '--help'], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(stdout + stderr).not.toContain(ESC);
  });
});

describe('a closed pipe (`neckcoach --help | head -1`)', () => {
  const spawnHelp = () =>
    spawn(process.execPath, [BIN, '--help'], { env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });

  const finish = (child: ReturnType<typeof spawnHelp>) =>
    new Promise<{ code: number | null; signal: string | null; stderr: string }>((resolve) => {
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.on('close', (code, signal) => resolve({ code, signal, stderr }));
    });

  it('is not an error when the reader stops after the first line', async () => {
    const child = spawnHelp();
    const done = finish(child);
    const first = await new Promise<string>((resolve) => {
      let text = '';
      child.stdout.on('data', (chunk) => {
        text += chunk;
        if (text.includes('\n')) {
          child.stdout.destroy();
          resolve(text.split('\n')[0]!);
        }
      });
    });
    expect(first).toMatch(/^Usage: neckcoach/);
    expect(await done).toEqual({ code: 0, signal: null, stderr: '' });
  });

  it('is not an error when the reader is gone before anything is written (EPIPE)', async () => {
    const child = spawnHelp();
    // Closing our end at once makes the program's first write fail with EPIPE.
    child.stdout.destroy();
    const { code, signal, stderr } = await finish(child);
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(stderr).not.toMatch(STACK);
    expect(stderr).not.toMatch(/EPIPE/);
  });
});
