// Eyes-closed cues: the bell on a terminal, spoken cues through whatever voice tool exists, and a
// routine counting as the break a reminder asked for.
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isoLocal } from '../../src/core/time.js';
import { runBin, runInProcess, tempHome } from '../helpers/cli.js';

let home: string;
let cleanup: () => void;
beforeEach(() => ({ home, cleanup } = tempHome()));
afterEach(() => cleanup());

const env = (extra: NodeJS.ProcessEnv = {}) => ({ NECKCOACH_HOME: home, NECKCOACH_TIME_SCALE: '0.01', ...extra });
const BELL = '\u0007';

/**
 * A fake voice tool on an otherwise empty PATH that records each line it is asked to say (the
 * last argument, or its input after `--stdin`) and, apart, the options it was given.
 */
function fakeVoice(name: string, exitCode = 0, stderr = ''): { PATH: string; said: () => string[]; options: () => string[] } {
  const bin = path.join(home, 'bin');
  const log = path.join(home, 'said.log');
  const options = path.join(home, 'options.log');
  mkdirSync(bin, { recursive: true });
  const script = [
    '#!/bin/sh',
    'last=""; for a in "$@"; do last="$a"; done',
    `if [ "$last" = "--stdin" ]; then IFS= read -r text; printf '%s\\n' "$*" >> '${options}'; else text="$last"; fi`,
    `printf '%s\\n' "$text" >> '${log}'`,
    stderr ? `printf '%s\\n' ${JSON.stringify(stderr)} >&2` : '',
    `exit ${exitCode}`,
  ];
  writeFileSync(path.join(bin, name), `${script.join('\n')}\n`);
  chmodSync(path.join(bin, name), 0o755);
  const lines = (file: string) => {
    try {
      return readFileSync(file, 'utf8').trim().split('\n');
    } catch {
      return [];
    }
  };
  // Only the fake: a real espeak-ng elsewhere on PATH would be preferred to it.
  return { PATH: bin, said: () => lines(log), options: () => lines(options) };
}

describe('bell', () => {
  // A 50-column terminal shows the stop rules first and waits for a key (any key starts it).
  it('rings at each step on a terminal', async () => {
    const r = await runInProcess(['routine', 'chin-tucks'], { env: env(), tty: true, stdin: 'x', columns: 50 });
    expect(r.code).toBe(0);
    // One per segment: the lead-in, five holds and four rests.
    expect(r.stdout.split(BELL)).toHaveLength(11);
    expect(r.stdout).toMatch(/Done: 1 of 1 step done/);
  });

  it('--no-sound silences it, and so does routine.sound=false', async () => {
    const quiet = await runInProcess(['routine', 'chin-tucks', '--no-sound'], { env: env(), tty: true, stdin: 'x', columns: 50 });
    expect(quiet.stdout).toMatch(/Done: 1 of 1 step done/);
    expect(quiet.stdout).not.toContain(BELL);
    mkdirSync(path.join(home, 'config'), { recursive: true });
    writeFileSync(path.join(home, 'config', 'config.json'), JSON.stringify({ routine: { sound: false } }));
    const off = await runInProcess(['routine', 'chin-tucks'], { env: env(), tty: true, stdin: 'x', columns: 50 });
    expect(off.stdout).toMatch(/Done: 1 of 1 step done/);
    expect(off.stdout).not.toContain(BELL);
  });

  it('never rings into a pipe', async () => {
    const r = await runBin(['routine', 'chin-tucks'], { env: env() });
    expect(r.stdout + r.stderr).not.toContain(BELL);
  });
});

describe('--voice', () => {
  it('speaks each cue through espeak-ng', async () => {
    const voice = fakeVoice('espeak-ng');
    const r = await runBin(['routine', 'chin-tucks', '--voice', '--json'], {
      env: env({ PATH: voice.PATH, NECKCOACH_TIME_SCALE: '0.05' }),
    });
    expect(r.code).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const said = voice.said();
    expect(said[0]).toMatch(/^Get ready for Chin tucks/);
    expect(said).toContain('Hold again, 2 of 5.');
    expect(said.at(-1)).toMatch(/Well done/);
  });

  it('a cue from a routine file that starts with "-" reaches espeak-ng as text on its input, never as an option', async () => {
    const voice = fakeVoice('espeak-ng');
    mkdirSync(path.join(home, 'config', 'routines'), { recursive: true });
    const step = { id: 'hold', title: 'Hold', kind: 'hold', seconds: 2, reps: 1, cue: '--version -w /tmp/x' };
    const mine = { id: 'mine', title: 'Mine', summary: 'One hold.', kind: 'move', gentle: true, setup: [], cautions: [], steps: [step] };
    writeFileSync(path.join(home, 'config', 'routines', 'mine.json'), JSON.stringify(mine));
    const r = await runBin(['routine', 'mine', '--voice', '--json'], { env: env({ PATH: voice.PATH, NECKCOACH_TIME_SCALE: '0.05' }) });
    expect(r.code).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(voice.said().some((line) => line.includes('--version -w /tmp/x'))).toBe(true);
    expect(voice.options().length).toBeGreaterThan(0);
    for (const options of voice.options()) expect(options).toBe('-s 150 --stdin');
  });

  it('spd-say gets the text after --', async () => {
    const bin = path.join(home, 'bin');
    mkdirSync(bin, { recursive: true });
    const log = path.join(home, 'argv.log');
    writeFileSync(path.join(bin, 'spd-say'), `#!/bin/sh\nprintf '%s|' "$@" >> '${log}'\necho >> '${log}'\n`);
    chmodSync(path.join(bin, 'spd-say'), 0o755);
    const r = await runBin(['routine', 'chin-tucks', '--voice', '--json'], { env: env({ PATH: bin, NECKCOACH_TIME_SCALE: '0.05' }) });
    expect(r.code).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const calls = readFileSync(log, 'utf8').trim().split('\n');
    expect(calls[0]).toMatch(/^--wait\|--\|Get ready for Chin tucks/);
  });

  it('with no voice tool says so in one line and still runs', async () => {
    const r = await runBin(['routine', 'chin-tucks', '--voice', '--json'], { env: env({ PATH: path.join(home, 'nothing') }) });
    expect(r.code).toBe(0);
    expect(r.stderr.match(/no voice tool found/g)).toHaveLength(1);
  });

  it('a voice tool that fails (no audio device) gives one note and the routine goes on', async () => {
    const voice = fakeVoice('spd-say', 1);
    const r = await runBin(['routine', 'chin-tucks', '--voice', '--json'], {
      env: env({ PATH: voice.PATH, NECKCOACH_TIME_SCALE: '0.05' }),
    });
    expect(r.code).toBe(0);
    expect(r.stderr.match(/voice: spd-say failed/g)).toHaveLength(1);
    expect(r.stdout.trim().split('\n').at(-1)).toMatch(/"reason":"done"/);
  });
});

describe('--voice without an audio device', () => {
  it('at a terminal, the note comes once, after the screen is gone, so it can be read', async () => {
    const voice = fakeVoice('espeak-ng', 1);
    // 50 columns: the stop rules are shown first and any key starts the routine.
    const r = await runInProcess(['routine', 'chin-tucks', '--voice'], {
      env: env({ PATH: voice.PATH, NECKCOACH_TIME_SCALE: '0.05' }),
      tty: true,
      stdin: 'x',
      columns: 50,
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Done: 1 of 1 step done/);
    expect(r.stderr.match(/voice: espeak-ng failed/g)).toHaveLength(1);
    // The bell goes on.
    expect(r.stdout.split(BELL)).toHaveLength(11);
  });

  it('espeak-ng that exits 0 but reports no sound device gives one note, and the routine goes on', async () => {
    const voice = fakeVoice('espeak-ng', 0, 'ALSA lib pcm.c:2666:(snd_pcm_open_noupdate) Unknown PCM default');
    const r = await runBin(['routine', 'chin-tucks', '--voice', '--json'], {
      env: env({ PATH: voice.PATH, NECKCOACH_TIME_SCALE: '0.05' }),
    });
    expect(r.code).toBe(0);
    expect(r.stderr.match(/voice: espeak-ng found no audio device/g)).toHaveLength(1);
    expect(r.stdout.trim().split('\n').at(-1)).toMatch(/"reason":"done"/);
  });
});

describe('reminders', () => {
  it('a routine started soon after a reminder records the reminder as taken', async () => {
    const now = Date.now();
    mkdirSync(path.join(home, 'state'), { recursive: true });
    writeFileSync(
      path.join(home, 'state', 'remind-state.json'),
      JSON.stringify({
        v: 1,
        cycleStart: isoLocal(now - 50 * 60_000),
        lastSent: isoLocal(now - 2 * 60_000),
        lastDue: isoLocal(now - 2 * 60_000),
      }),
    );
    const r = await runBin(['routine', 'chin-tucks', '--json'], { env: env() });
    expect(r.code).toBe(0);
    const records = readFileSync(path.join(home, 'data', 'history.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(records.map((x) => [x.type, x.event ?? x.reason])).toEqual([
      ['reminder', 'taken'],
      ['routine', 'done'],
    ]);
  });
});
