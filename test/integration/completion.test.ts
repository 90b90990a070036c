import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCommands } from '../../src/program.js';
import { BIN, runBin, runInProcess } from '../helpers/cli.js';

const commands = await loadCommands();

const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
/** zsh and fish are optional on a developer's machine (skipped, named); CI installs them, so there they must run. */
const lacks = (shell: string) => {
  if (has(shell) || process.env.CI === 'true') return false;
  console.log(`${shell} is not installed (apt-get install ${shell}): skipping its completion checks`);
  return true;
};
let dir: string;
const scripts: Record<string, string> = {};

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'neckcoach-completion-'));
  for (const shell of ['bash', 'zsh', 'fish']) {
    const r = await runInProcess(['completion', shell]);
    expect(r.code).toBe(0);
    scripts[shell] = path.join(dir, `neckcoach.${shell}`);
    writeFileSync(scripts[shell]!, r.stdout);
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A `neckcoach` on PATH (what the scripts run while completing) and a home with a routine of the person's own.
let userEnv: NodeJS.ProcessEnv = {};
beforeAll(() => {
  const bin = path.join(dir, 'bin');
  const home = path.join(dir, 'home');
  mkdirSync(bin);
  mkdirSync(path.join(home, 'config', 'routines'), { recursive: true });
  writeFileSync(path.join(bin, 'neckcoach'), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} "$@"\n`, {
    mode: 0o755,
  });
  writeFileSync(path.join(home, 'config', 'routines', 'mine.json'), JSON.stringify({ id: 'my-own-stretch', title: 'Mine' }));
  writeFileSync(path.join(home, 'config', 'routines', 'broken.json'), '{ not json');
  userEnv = { ...process.env, PATH: `${bin}:${process.env.PATH}`, NECKCOACH_HOME: home };
});

/** Sources the bash script, fills COMP_WORDS/COMP_CWORD as bash would, calls the function. */
function complete(...words: string[]): string[] {
  const quoted = words.map((w) => `'${w.replace(/'/g, `'\\''`)}'`).join(' ');
  const out = execFileSync(
    'bash',
    [
      '-c',
      `source "$1" && COMP_WORDS=(neckcoach ${quoted}) && COMP_CWORD=${words.length} && _neckcoach && printf '%s\\n' "\${COMPREPLY[@]}"`,
      'x',
      scripts.bash!,
    ],
    {
      encoding: 'utf8',
      cwd: dir,
      env: userEnv,
    },
  );
  return out.split('\n').filter(Boolean);
}

describe('completion', () => {
  it('refuses an unknown shell with exit 2', async () => {
    const r = await runInProcess(['completion', 'tcsh']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^neckcoach: no completion for the shell "tcsh"/);
  });

  it('loads in bash from the built binary and registers the function', () => {
    const out = execFileSync(
      'bash',
      ['-c', `source <(${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} completion bash) && complete -p neckcoach`],
      { encoding: 'utf8' },
    );
    expect(out.trim()).toBe('complete -F _neckcoach neckcoach');
  });

  it('offers every top-level command from the spec table', () => {
    expect(complete('')).toEqual(expect.arrayContaining(commands.map((c) => c.name)));
    expect(complete('ro')).toEqual(['routine', 'routines']);
  });

  it('offers routine names, cause ids and setting keys', () => {
    expect(complete('routine', '')).toEqual(expect.arrayContaining(['desk-break', 'chin-tucks']));
    expect(complete('routine', 'desk')).toEqual(['desk-break']);
    expect(complete('causes', '')).toEqual(expect.arrayContaining(['poor-posture']));
    expect(complete('config', 'set', 'remind.')).toEqual([
      'remind.every',
      'remind.workHours',
      'remind.days',
      'remind.awayAfter',
      'remind.terminal',
      'remind.quiet',
      'remind.onReminder',
      'remind.onBreak',
    ]);
  });

  it('offers your own routines, read when completing (a new one shows without a new script)', async () => {
    expect(complete('routine', 'my')).toEqual(['my-own-stretch']);
    expect(complete('config', 'set', 'routine.default', 'my')).toEqual(['my-own-stretch']);
    const r = await runInProcess(['completion', '--routines'], { env: { NECKCOACH_HOME: userEnv.NECKCOACH_HOME } });
    expect(r).toMatchObject({ code: 0, stdout: 'my-own-stretch\n', stderr: '' });
  });

  it('offers the values each setting accepts after `config set <key>`', () => {
    expect(complete('config', 'set', 'color', '')).toEqual(['auto', 'always', 'never']);
    expect(complete('config', 'set', 'routine.sound', '')).toEqual(['true', 'false']);
    expect(complete('config', 'set', 'remind.every', '')).toEqual(['30m', '45m', '60m']);
    expect(complete('config', 'set', 'routine.default', 'desk')).toEqual(['desk-break']);
  });

  it('without a shell, the usage error has the hint line every usage error has', async () => {
    const r = await runInProcess(['completion']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("neckcoach: missing required argument 'shell'\n  see `neckcoach completion --help` for how to use it\n");
  });

  it('offers subcommands and each command’s flags', () => {
    expect(complete('remind', '')).toEqual(expect.arrayContaining(['start', 'stop', 'snooze', 'doctor']));
    expect(complete('remind', 'start', '--')).toEqual(expect.arrayContaining(['--every', '--work-hours', '--days', '--json']));
    expect(complete('history', '--t')).toEqual(['--to', '--type']);
  });

  it('offers values after a flag that takes them, and skips over flag values', () => {
    expect(complete('history', '--type', '')).toEqual(['check', 'routine', 'reminder', 'pain']);
    expect(complete('check', '--symptom', 'sym_st')).toEqual(['sym_stiff']);
    expect(complete('--json', 'log', '--pain', '1')).toEqual(['1', '10']);
    expect(complete('history', '--since', '7d', '--ty')).toEqual(['--type']);
  });

  it('completes file names for -o', () => {
    writeFileSync(path.join(dir, 'report-here.md'), '');
    expect(complete('report', '-o', 'report-h')).toEqual(['report-here.md']);
  });

  it.each(['zsh', 'fish'].filter((shell) => !lacks(shell)))('%s script passes the shell’s syntax check', async (shell) => {
    const r = spawnSync(shell, ['-n', scripts[shell]!], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it.skipIf(lacks('zsh'))('zsh: the completion function offers routines and setting keys (with compadd stubbed)', () => {
    const driver = [
      'compdef() { :; }',
      'compadd() { shift; print -r -- "$*"; }',
      `source ${JSON.stringify(scripts.zsh)}`,
      'words=(neckcoach routine ""); CURRENT=3; _neckcoach',
      'words=(neckcoach --json config set ""); CURRENT=5; _neckcoach',
    ].join('\n');
    const [routines, keys, values] = execFileSync(
      'zsh',
      ['-c', `${driver}\nwords=(neckcoach config set color ""); CURRENT=5; _neckcoach`],
      { encoding: 'utf8', env: userEnv },
    )
      .trim()
      .split('\n');
    expect(routines!.split(' ')).toEqual(expect.arrayContaining(['desk-break', 'my-own-stretch']));
    expect(keys!.split(' ')).toContain('remind.every');
    expect(values!.split(' ')).toEqual(['auto', 'always', 'never']);
  });

  it.skipIf(lacks('fish'))('fish: complete -C offers routines and config subcommands', () => {
    const out = execFileSync(
      'fish',
      [
        '-c',
        `source ${JSON.stringify(scripts.fish)}; complete -C'neckcoach routine desk'; complete -C'neckcoach config '; complete -C'neckcoach routine my'; complete -C'neckcoach config set color '`,
      ],
      { encoding: 'utf8', env: userEnv },
    );
    expect(out).toContain('desk-break');
    expect(out).toContain('my-own-stretch');
    expect(out).toMatch(/^always$/m);
    expect(out).toMatch(/^set\tchange a setting/m);
  });

  it('prints only the script on stdout, from the binary too', async () => {
    const r = await runBin(['completion', 'fish']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^# neckcoach completion for fish/);
  });
});
