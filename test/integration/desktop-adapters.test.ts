// The desktop adapters with canned helper replies and fake programs on PATH: no desktop needed.
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { replyBoolean, replyNumber, replyStrings } from '../../src/io/bus.js';
import type { RunTool, ToolResult } from '../../src/io/exec.js';
import { createIdleReader, type IdleSource, idleSources, sessionPath } from '../../src/io/idle.js';
import { notifierAnswer, notifySendAnswer } from '../../src/io/notify.js';
import { chooseTerminal, describeTerminal, launchDetached, terminalArgv } from '../../src/io/open-terminal.js';
import { quietReason } from '../../src/io/quiet.js';
import { tempHome } from '../helpers/cli.js';

const homes: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of homes.splice(0)) cleanup();
});

/** A folder of fake programs (each `#!/bin/sh` + body) to put on PATH. */
function fakeBin(programs: Record<string, string>): string {
  const { home, cleanup } = tempHome();
  homes.push(cleanup);
  const bin = path.join(home, 'bin');
  mkdirSync(bin);
  for (const [name, body] of Object.entries(programs)) {
    writeFileSync(path.join(bin, name), `#!/bin/sh\n${body}\n`);
    chmodSync(path.join(bin, name), 0o755);
  }
  return bin;
}

/** A RunTool answering from a table keyed by the program's base name and its first argument. */
function canned(replies: Record<string, Partial<ToolResult>>): { run: RunTool; calls: string[][] } {
  const calls: string[][] = [];
  const run: RunTool = async (file, args) => {
    calls.push([path.basename(file), ...args]);
    const reply = replies[`${path.basename(file)} ${args[0] ?? ''}`.trim()] ?? replies[path.basename(file)];
    return { ok: reply?.ok ?? reply !== undefined, code: reply ? 0 : 1, stdout: reply?.stdout ?? '', stderr: reply?.stderr ?? '' };
  };
  return { run, calls };
}

describe('D-Bus replies from dbus-send and gdbus', () => {
  it('booleans', () => {
    expect(replyBoolean('method return time=1 sender=:1.0\n   variant       boolean true\n')).toBe(true);
    expect(replyBoolean('(<false>,)')).toBe(false);
    expect(replyBoolean(null)).toBeNull();
  });
  it('numbers', () => {
    expect(replyNumber('   uint64 48213\n')).toBe(48213);
    expect(replyNumber('(uint32 7,)')).toBe(7);
    expect(replyNumber('nothing')).toBeNull();
  });
  it('strings', () => {
    expect(replyStrings('   array [\n      string "actions"\n      string "body \\"x\\""\n   ]\n')).toEqual(['actions', 'body "x"']);
    expect(replyStrings("(['actions', 'body'],)")).toEqual(['actions', 'body']);
  });
});

describe('answers from the notification', () => {
  it('notify-send: the id, then the action; expiry prints the id only', () => {
    expect(notifySendAnswer('4\ndefault\n')).toBe('start');
    expect(notifySendAnswer('4\nsnooze\n')).toBe('snooze');
    expect(notifySendAnswer('4\nskip\n')).toBe('skip');
    expect(notifySendAnswer('4\n')).toBeNull();
    expect(notifySendAnswer('4\nsomething-else\n')).toBeNull();
  });
  it('node-notifier: labels and clicks; timeout and closing are no answer', () => {
    expect(notifierAnswer('Snooze 10 min\n')).toBe('snooze');
    expect(notifierAnswer('Skip')).toBe('skip');
    expect(notifierAnswer('activate')).toBe('start');
    expect(notifierAnswer('timeout')).toBeNull();
    expect(notifierAnswer('closed')).toBeNull();
  });
});

describe('idle sources', () => {
  it('logind session paths are escaped as sd-bus does', () => {
    expect(sessionPath('2')).toBe('/org/freedesktop/login1/session/_32');
    expect(sessionPath('c1')).toBe('/org/freedesktop/login1/session/c1');
    expect(sessionPath(undefined)).toBe('/org/freedesktop/login1/session/auto');
  });

  it('Linux tries Mutter, then the ScreenSaver interface, then xprintidle, then logind', async () => {
    const bin = fakeBin({ 'dbus-send': 'exit 1', xprintidle: 'echo 4321' });
    const env = { PATH: bin, DISPLAY: ':5' };
    const { run, calls } = canned({ 'dbus-send --session': { ok: false }, xprintidle: { stdout: '4321\n' } });
    const sources = idleSources(env, 'linux', run);
    expect(sources.map((s) => s.id)).toEqual(['mutter', 'screensaver', 'xprintidle', 'logind']);
    const reader = createIdleReader(sources);
    expect(await reader.read()).toEqual({ idleMs: 4321, locked: null });
    expect(reader.source()?.id).toBe('xprintidle');
    expect(calls.map((c) => c[0])).toEqual(['dbus-send', 'dbus-send', 'xprintidle']);
    expect(calls[0]).toContain('org.gnome.Mutter.IdleMonitor.GetIdletime');
    // Once found, one helper per reading.
    await reader.read();
    expect(calls).toHaveLength(4);
  });

  it('under Wayland there is no xprintidle: XWayland never sees the compositor’s input', () => {
    const bin = fakeBin({ xprintidle: 'echo 1' });
    expect(idleSources({ PATH: bin, DISPLAY: ':0', WAYLAND_DISPLAY: 'wayland-0' }, 'linux').map((s) => s.id)).toEqual([
      'mutter',
      'screensaver',
      'logind',
    ]);
  });

  it('without a display there is no xprintidle; logind answers for a locked screen', async () => {
    const bin = fakeBin({ 'dbus-send': 'exit 1', xprintidle: 'echo 1' });
    const { run } = canned({ 'dbus-send --system': { stdout: '   variant       boolean true\n' } });
    const sources = idleSources({ PATH: bin, XDG_SESSION_ID: '3' }, 'linux', run);
    expect(sources.map((s) => s.id)).toEqual(['mutter', 'screensaver', 'logind']);
    expect(await createIdleReader(sources).read()).toEqual({ idleMs: null, locked: true });
  });

  it('macOS reads HIDIdleTime (nanoseconds)', async () => {
    const { run } = canned({ ioreg: { stdout: '    |   "HIDIdleTime" = 2500000000\n' } });
    expect(await idleSources({}, 'darwin', run)[0]!.read()).toEqual({ idleMs: 2500, locked: null });
  });

  it('a source that stops answering is replaced once; when none answers, reading stops', async () => {
    const up: Record<string, boolean> = { a: true, b: true };
    let reads = 0;
    const source = (id: string, idleMs: number): IdleSource => ({
      id,
      detail: id,
      read: async () => {
        reads++;
        return up[id] ? { idleMs, locked: null } : null;
      },
    });
    const reader = createIdleReader([source('a', 1), source('b', 2)]);
    expect(await reader.read()).toEqual({ idleMs: 1, locked: null });
    up.a = false;
    expect(await reader.read()).toEqual({ idleMs: 2, locked: null });
    expect(reader.source()?.id).toBe('b');
    up.b = false;
    expect(await reader.read()).toBeNull();
    expect(reader.source()).toBeNull();
    const before = reads;
    up.a = true;
    expect(await reader.read()).toBeNull();
    expect(reads).toBe(before);
  });
});

describe('do not disturb', () => {
  const notPaused = async () => false;
  it('the server paused comes first', async () => {
    expect(await quietReason({ serverPaused: async () => true, env: {}, quietCommand: null, platform: 'linux' })).toBe('paused');
  });
  it('a focused full-screen window (X11)', async () => {
    const bin = fakeBin({ xprop: 'exit 0' });
    const { run } = canned({
      'xprop -root': { stdout: '_NET_ACTIVE_WINDOW(WINDOW): window id # 0x1a00003\n' },
      'xprop -id': { stdout: '_NET_WM_STATE(ATOM) = _NET_WM_STATE_FOCUSED, _NET_WM_STATE_FULLSCREEN\n' },
    });
    expect(
      await quietReason({ serverPaused: notPaused, env: { PATH: bin, DISPLAY: ':5' }, quietCommand: null, platform: 'linux', run }),
    ).toBe('fullscreen');
  });
  it('under Wayland, X windows are not asked about', async () => {
    const bin = fakeBin({ xprop: 'exit 0' });
    const { run, calls } = canned({ xprop: { stdout: 'window id # 0x1a00003 _NET_WM_STATE_FULLSCREEN\n' } });
    expect(
      await quietReason({
        serverPaused: notPaused,
        env: { PATH: bin, DISPLAY: ':0', WAYLAND_DISPLAY: 'wayland-0' },
        quietCommand: null,
        platform: 'linux',
        run,
      }),
    ).toBeNull();
    expect(calls).toEqual([]);
  });
  it('a window that is not full screen, or none focused, is not a reason', async () => {
    const bin = fakeBin({ xprop: 'exit 0' });
    const env = { PATH: bin, DISPLAY: ':5' };
    const windowed = canned({
      'xprop -root': { stdout: 'window id # 0x1a00003\n' },
      'xprop -id': { stdout: '_NET_WM_STATE(ATOM) = _NET_WM_STATE_MAXIMIZED_VERT\n' },
    });
    expect(await quietReason({ serverPaused: notPaused, env, quietCommand: null, platform: 'linux', run: windowed.run })).toBeNull();
    const none = canned({ 'xprop -root': { stdout: '_NET_ACTIVE_WINDOW(WINDOW): window id # 0x0\n' } });
    expect(await quietReason({ serverPaused: notPaused, env, quietCommand: null, platform: 'linux', run: none.run })).toBeNull();
    expect(none.calls).toHaveLength(1);
  });
  it('remind.quiet: exit 0 is "not now", run without a shell', async () => {
    const record = path.join(fakeBin({}), 'args');
    const bin = fakeBin({ 'in-meeting': `printf '%s\\n' "$@" > ${record}\nexit 0`, 'not-meeting': 'exit 1' });
    const env = { PATH: bin };
    expect(await quietReason({ serverPaused: notPaused, env, quietCommand: ['in-meeting', '$HOME', 'a b'], platform: 'linux' })).toBe(
      'quiet',
    );
    expect(readFileSync(record, 'utf8')).toBe('$HOME\na b\n');
    expect(await quietReason({ serverPaused: notPaused, env, quietCommand: ['not-meeting'], platform: 'linux' })).toBeNull();
    expect(await quietReason({ serverPaused: notPaused, env, quietCommand: ['no-such-program'], platform: 'linux' })).toBeNull();
  });
});

describe('the terminal Start opens', () => {
  const cmd = ['/usr/bin/node', '/opt/nc/dist/main.cjs', 'routine', 'desk-break', '--hold'];
  it('remind.terminal wins, {cmd} expanding to separate words', () => {
    const choice = chooseTerminal(`my-term --title 'neck break' {cmd}`, { TERMINAL: 'kitty' }, 'linux')!;
    expect(choice.from).toBe('remind.terminal');
    expect(terminalArgv(choice, cmd, 'linux')).toEqual(['my-term', '--title', 'neck break', ...cmd]);
  });
  it('then $TERMINAL, with the flag a known terminal needs, else -e', () => {
    expect(terminalArgv(chooseTerminal(null, { TERMINAL: 'gnome-terminal' }, 'linux')!, cmd, 'linux')).toEqual([
      'gnome-terminal',
      '--',
      ...cmd,
    ]);
    expect(terminalArgv(chooseTerminal(null, { TERMINAL: '/opt/st/st' }, 'linux')!, cmd, 'linux')).toEqual(['/opt/st/st', '-e', ...cmd]);
  });
  it('then the first usual one on PATH', () => {
    const bin = fakeBin({ foot: 'exit 0', xterm: 'exit 0' });
    const choice = chooseTerminal(null, { PATH: bin }, 'linux')!;
    expect(choice).toEqual({ template: [path.join(bin, 'foot'), '{cmd}'], from: 'found' });
    expect(describeTerminal(choice)).toBe(`${path.join(bin, 'foot')} {cmd} (found)`);
    expect(chooseTerminal(null, { PATH: fakeBin({ wezterm: 'exit 0' }) }, 'linux')!.template.slice(1)).toEqual(['start', '--', '{cmd}']);
  });
  it('none: null', () => expect(chooseTerminal(null, { PATH: fakeBin({}) }, 'linux')).toBeNull());
  it('macOS: Terminal, the command quoted for its shell and passed as an argument', () => {
    const argv = terminalArgv(
      chooseTerminal(null, {}, 'darwin')!,
      ['/usr/local/bin/node', '/Users/a b/nc/main.js', 'routine', 'desk-break'],
      'darwin',
    );
    expect(argv[0]).toBe('/usr/bin/osascript');
    expect(argv.at(-1)).toBe("/usr/local/bin/node '/Users/a b/nc/main.js' routine desk-break");
  });
  it('Windows: Windows Terminal when present, else a console of its own', () => {
    expect(terminalArgv(chooseTerminal(null, { PATH: fakeBin({}) }, 'win32')!, cmd, 'win32')).toEqual(cmd);
  });

  it('launches detached, in a session of its own', async () => {
    const out = path.join(fakeBin({}), 'sid');
    const launched = await launchDetached(['/bin/sh', '-c', `ps -o sid= -p $$ > ${out}.tmp; mv ${out}.tmp ${out}`], process.env);
    expect(launched).toMatchObject({ ok: true });
    const pid = (launched as { pid: number }).pid;
    await expect.poll(() => readFileSync(out, 'utf8').trim(), { timeout: 5000 }).toBe(String(pid));
  });
  it('a missing terminal is a clear error', async () => {
    expect(await launchDetached(['/nonexistent/term', '-e', 'x'], process.env)).toEqual({
      ok: false,
      error: '/nonexistent/term was not found',
    });
  });
});
