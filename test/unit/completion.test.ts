import { describe, expect, it } from 'vitest';
import { type CompletionInput, completionScript, RUN, routineIds } from '../../src/core/completion.js';

const input: CompletionInput = {
  program: 'nc',
  commands: [
    {
      name: 'routine',
      summary: 'run one',
      args: ['<name>'],
      options: [{ flags: '--rounds <n>' }, { flags: '--voice', description: 'speak' }],
    },
    { name: 'report', options: [{ flags: '-o, --output <file>' }, { flags: '--kind <k>', choices: ['short', 'long'] }] },
    { name: 'log', options: [{ flags: '--pain <0-10>' }] },
    { name: 'config', subcommands: [{ name: 'get', args: ['<key>'] }, { name: 'list' }] },
  ],
  globalOptions: [{ flags: '--json', description: 'machine output' }, { flags: '-q, --quiet' }],
  argValues: (path, index) => (path === 'routine' && index === 0 ? ['desk-break', "it's-odd"] : path === 'config get' ? ['color'] : []),
};

describe('completionScript', () => {
  const bash = completionScript('bash', input);
  it('lists subcommands per command path', () => {
    expect(bash).toContain(`'') echo 'routine report log config'`);
    expect(bash).toContain(`'config') echo 'get list'`);
  });
  it('lists flags per command and globals', () => {
    expect(bash).toContain(`'report') echo '-o --output --kind'`);
    expect(bash).toContain(`'') echo '--json -q --quiet'`);
  });
  it('knows which flags take values: choices, files, the pain scale', () => {
    expect(bash).toContain(`'report|-o'|'report|--output') echo '@file'`);
    expect(bash).toContain(`'report|--kind') echo 'short long'`);
    expect(bash).toContain(`'log|--pain') echo '0 1 2 3 4 5 6 7 8 9 10'`);
    expect(bash).toContain(`'routine|--rounds') echo ''`);
    expect(bash).not.toContain(`'routine|--voice'`);
  });
  it('quotes ids safely for the shell', () => expect(bash).toContain(`'routine|0|'*) echo 'desk-break it'\\''s-odd'`));
  it('registers the function', () => expect(bash).toMatch(/complete -F _nc nc\n$/));

  it('makes a zsh script that registers itself', () => {
    const zsh = completionScript('zsh', input);
    expect(zsh.startsWith('#compdef nc\n')).toBe(true);
    expect(zsh).toContain('compdef _nc nc');
    expect(zsh).not.toMatch(/local [^\n]*\bpath\b/);
  });

  it('makes fish completions with descriptions and conditions', () => {
    const fish = completionScript('fish', input);
    expect(fish).toContain("complete -c nc -n '__fish_use_subcommand' -a 'routine' -d 'run one'");
    expect(fish).toContain("complete -c nc -n '__fish_seen_subcommand_from config; and not __fish_seen_subcommand_from get list' -a 'get'");
    expect(fish).toContain("complete -c nc -n '__fish_seen_subcommand_from report' -s o -l output -r -F");
    expect(fish).toContain("complete -c nc -n '__fish_seen_subcommand_from routine' -a 'desk-break it\\'s-odd'");
    expect(fish).toContain("complete -c nc -l json -d 'machine output'");
  });
});

describe('values that change, and values by the first argument', () => {
  const input = {
    program: 'nc',
    commands: [
      { name: 'routine', args: ['<name>'] },
      { name: 'config', subcommands: [{ name: 'set', args: ['<key>', '<value>'] }] },
    ],
    globalOptions: [],
    argValues: (path: string, index: number) => (path === 'routine' && index === 0 ? ['desk-break', `${RUN}nc completion --routines`] : []),
    secondArgValues: (path: string) => (path === 'config set' ? { color: ['auto', 'never'] } : undefined),
  };
  it('bash and zsh run the command when completing, and key a second argument by the first', () => {
    const script = completionScript('bash', input);
    expect(script).toContain(`'routine|0|'*) echo 'desk-break' "$(nc completion --routines 2>/dev/null)" ;;`);
    expect(script).toContain(`'config set|1|color') echo 'auto never' ;;`);
  });
  it('fish evaluates the words when completing', () => {
    const script = completionScript('fish', input);
    expect(script).toContain(`-a 'desk-break (nc completion --routines 2>/dev/null)'`);
    expect(script).toContain(`__fish_seen_subcommand_from color' -a 'auto never'`);
  });
  it('reads the ids of routine files without validating them; a broken file gives none', () => {
    expect(routineIds(['{"id":"mine"}', '{ broken', '{"id":"Not An Id"}', '[]', 'null'])).toEqual(['mine']);
  });
});
