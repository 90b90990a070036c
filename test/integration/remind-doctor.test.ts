// `remind doctor` on what the notification buttons need: the terminal Start opens, the idle source.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { doctorText } from '../../src/render/remind.js';
import { runInProcess, tempHome } from '../helpers/cli.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function setup(programs: string[]) {
  const { home, cleanup } = tempHome();
  cleanups.push(cleanup);
  const bin = path.join(home, 'bin');
  mkdirSync(bin);
  for (const name of programs) {
    writeFileSync(path.join(bin, name), '#!/bin/sh\nexit 1\n');
    chmodSync(path.join(bin, name), 0o755);
  }
  // Only our fake programs: no real terminal, no bus client, no xprintidle.
  return { NECKCOACH_HOME: home, PATH: bin, DISPLAY: '', DBUS_SESSION_BUS_ADDRESS: '', WAYLAND_DISPLAY: '', TERMINAL: '' };
}
const doctor = async (env: NodeJS.ProcessEnv) => {
  const r = await runInProcess(['--json', 'remind', 'doctor'], { env });
  return { code: r.code, checks: JSON.parse(r.stdout).checks as { id: string; ok: boolean; detail: string; fix: string | null }[] };
};
const check = (checks: { id: string }[], id: string) => checks.find((c) => c.id === id);

describe('remind doctor: terminal and idle', () => {
  it('names the terminal found on PATH', async () => {
    const env = setup(['xterm']);
    expect(check((await doctor(env)).checks, 'terminal')).toMatchObject({
      ok: true,
      detail: `Start opens ${path.join(env.PATH, 'xterm')} -e {cmd} (found)`,
    });
  });

  it('names remind.terminal when set', async () => {
    const env = setup([]);
    expect((await runInProcess(['config', 'set', 'remind.terminal', 'my-term --hold {cmd}'], { env })).code).toBe(0);
    expect(check((await doctor(env)).checks, 'terminal')).toMatchObject({
      ok: true,
      detail: 'Start opens my-term --hold {cmd} (remind.terminal)',
    });
  });

  it('no terminal: a failing check with the setting to use', async () => {
    const env = setup([]);
    const { checks } = await doctor(env);
    expect(check(checks, 'terminal')).toMatchObject({ ok: false, fix: expect.stringMatching(/config set remind.terminal/) });
  });

  it('idle: says when time away will not count', async () => {
    const env = setup([]);
    expect(check((await doctor(env)).checks, 'idle')).toMatchObject({ ok: true, detail: expect.stringMatching(/no idle source answered/) });
  });

  it('the summary: notifications still arrive when only the terminal is missing', () => {
    const global = { json: false, color: false, quiet: false };
    const good = { id: 'notify-send', ok: true, detail: '/usr/bin/notify-send', fix: null };
    const terminal = { id: 'terminal', ok: false, detail: 'none', fix: 'set one' };
    expect(doctorText([good, terminal], global)).toMatch(/Notifications should arrive, but their Start button needs a terminal first\./);
    expect(doctorText([{ ...good, ok: false }, terminal], global)).toMatch(/Notifications will not arrive/);
  });
});
