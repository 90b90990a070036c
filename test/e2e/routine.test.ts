// The guided routine on a real terminal (tmux): keys, the screen, and a sane terminal after any exit.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, ROOT, tempHome } from '../helpers/cli.js';
import { requireTools } from '../helpers/desktop.js';
import { startTerminal, type Terminal } from '../helpers/tmux.js';

const neckcoach = `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)}`;
/** Runs the command, then prints the terminal's line settings, keeping the command's exit status. */
const thenStty = (command: string) =>
  `${command}; code=$?; printf '\\nSTTY:'; stty -a | tr ' ;' '\\n\\n' | grep -E '^-?(icanon|echo|isig)$' | tr '\\n' ' '; exit $code`;

let home: string;
let cleanup: () => void;
beforeEach(() => ({ home, cleanup } = tempHome()));
afterEach(() => cleanup());

const history = () =>
  readFileSync(path.join(home, 'data', 'history.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));

async function screenWithout(term: Terminal, text: string, timeoutMs = 5_000): Promise<string> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const screen = await term.screen();
    if (!screen.includes(text)) return screen;
    if (performance.now() > deadline) throw new Error(`"${text}" stayed on screen:\n${screen}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Canonical mode, echo and signals are back on: the shell after us works normally. */
const sane = (screen: string) => {
  const stty = /STTY:(.*)/.exec(screen)?.[1] ?? '';
  expect(stty.split(/\s+/).filter(Boolean).sort()).toEqual(['echo', 'icanon', 'isig']);
};

describe.skipIf(requireTools(['tmux']))('routine on a terminal', () => {
  it('runs the desk break with space, s, b, ? and q, then leaves the terminal sane', async () => {
    const term = await startTerminal(thenStty(`${neckcoach} routine desk-break`), {
      cwd: ROOT,
      env: { NECKCOACH_HOME: home, NECKCOACH_TIME_SCALE: '0.5', NO_COLOR: '1' },
      rows: 40,
    });
    let screen = await term.waitFor(/Get ready: Chin tucks/);
    expect(screen).toMatch(/when to stop/i);
    expect(screen).toMatch(/space pause · s\/→ skip · b\/← back · q quit · \? help/);
    expect(screen).toMatch(/Desk break\s+step 1 of 3/);

    await term.send('Space');
    await term.waitFor(/PAUSED/);
    await term.send('Space');
    await screenWithout(term, 'PAUSED');

    await term.send('s');
    screen = await term.waitFor(/Chin tucks — Tuck and hold · hold 1 of 5/);
    expect(screen).toMatch(/^ [█░]{40}\s+\d s$/m);
    expect(screen).toMatch(/Slide your chin straight back/);
    expect(screen).toMatch(/Next: Rest 3 s/);
    await term.send('Right');
    await term.waitFor(/hold 2 of 5/);
    await term.send('b');
    await term.waitFor(/hold 1 of 5/);
    await term.send('?');
    await term.waitFor(/Keys: space pause or resume[\s\S]*when to stop/);

    await term.send('q');
    expect(await term.exitCode()).toBe(0);
    screen = await term.screen();
    expect(screen).toMatch(/Stopped: 0 of 3 steps done, 1 skipped/);
    sane(screen);
    expect(history().at(-1)).toMatchObject({ type: 'routine', routine: 'desk-break', reason: 'quit', completed: 0, skipped: 1 });
  });

  it('a short terminal gets the stop rules in full first and waits for a key; q cancels and leaves it sane', async () => {
    const start = () =>
      startTerminal(thenStty(`${neckcoach} routine chin-tucks`), {
        cwd: ROOT,
        env: { NECKCOACH_HOME: home, NECKCOACH_TIME_SCALE: '0.05', NO_COLOR: '1' },
        cols: 70,
        rows: 14,
      });
    let term = await start();
    let screen = await term.waitFor(/Press any key to start, or q to cancel/);
    expect(screen).toMatch(/A headache that suddenly gets much worse/);
    await term.send('q');
    expect(await term.exitCode()).toBe(0);
    screen = await term.screen();
    expect(screen).toMatch(/Not started; nothing recorded/);
    sane(screen);

    term = await start();
    await term.waitFor(/Press any key to start/);
    await term.send('Space');
    screen = await term.waitFor(/hold 1 of 5/, { timeoutMs: 10_000 });
    // The foot keeps the one-line stop rule, wrapped.
    expect(screen.replace(/\s+/g, ' ')).toContain('Stop if pain turns sharp, spreads to an arm, or you feel dizzy: ? for all');
    expect(await term.exitCode({ timeoutMs: 15_000 })).toBe(0);
    sane(await term.screen());
  });

  it('a second desk break the same day starts at once with one stop line; ? shows them all; 60×16 keeps step, countdown and cue', async () => {
    mkdirSync(path.join(home, 'data'), { recursive: true });
    const earlier = {
      v: 1,
      type: 'routine',
      at: new Date(Date.now() - 60_000).toISOString(),
      routine: 'desk-break',
      reason: 'done',
      completed: 3,
      skipped: 0,
      seconds: 147,
    };
    writeFileSync(path.join(home, 'data', 'history.jsonl'), `${JSON.stringify(earlier)}\n`);
    const term = await startTerminal(thenStty(`${neckcoach} routine desk-break`), {
      cwd: ROOT,
      env: { NECKCOACH_HOME: home, NECKCOACH_TIME_SCALE: '0.5', NO_COLOR: '1' },
      cols: 60,
      rows: 16,
    });
    let screen = await term.waitFor(/Chin tucks — Tuck and hold · hold 1 of 5/, { timeoutMs: 10_000 });
    expect(screen).not.toMatch(/Press any key|when to stop/i);
    expect(screen).toMatch(/step 1 of 3/);
    expect(screen).toMatch(/ \d+ s$/m);
    expect(screen).toMatch(/Slide your chin straight back/);
    expect(screen.replace(/\s+/g, ' ')).toContain('Stop if pain turns sharp, spreads to an arm, or you feel dizzy: ? for all');
    await term.send('?');
    screen = await term.waitFor(/Keys: space pause/);
    expect(screen).toMatch(/when to stop/i);
    await term.send('q');
    expect(await term.exitCode()).toBe(0);
    sane(await term.screen());
  });

  it('Ctrl-C in the middle of a hold exits 130, restores the terminal and records the part done', async () => {
    const term = await startTerminal(thenStty(`${neckcoach} routine chin-tucks`), {
      cwd: ROOT,
      env: { NECKCOACH_HOME: home, NECKCOACH_TIME_SCALE: '0.4', NO_COLOR: '1' },
    });
    await term.waitFor(/hold 2 of 5/, { timeoutMs: 15_000 });
    await term.send('C-c');
    expect(await term.exitCode()).toBe(130);
    const screen = await term.screen();
    expect(screen).toMatch(/Interrupted: 0 of 1 step done/);
    sane(screen);
    expect(history().at(-1)).toMatchObject({ type: 'routine', routine: 'chin-tucks', reason: 'interrupted', completed: 0, steps: 1 });
  });

  /** Runs chin tucks with --rate, answering `before` and `after`; the screen once it has exited 0. */
  async function rated(before: string, after: string): Promise<string> {
    const term = await startTerminal(thenStty(`${neckcoach} routine chin-tucks --rate`), {
      cwd: ROOT,
      env: { NECKCOACH_HOME: home, NECKCOACH_TIME_SCALE: '0.05', NO_COLOR: '1' },
    });
    await term.waitFor(/pain right now, 0 \(none\) to 10/);
    await term.send(before, 'Enter');
    await term.waitFor(/pain now, 0 to 10/, { timeoutMs: 15_000 });
    await term.send(after, 'Enter');
    expect(await term.exitCode()).toBe(0);
    return term.screen();
  }

  it('--rate asks for pain before and after, and records both', async () => {
    const screen = await rated('5', '3');
    sane(screen);
    expect(screen).not.toMatch(/stop here for today/);
    expect(history().at(-1)).toMatchObject({ type: 'routine', routine: 'chin-tucks', reason: 'done', painBefore: 5, painAfter: 3 });
  });

  it('--rate with pain up by 2 or more afterwards gives the stop-rule advice', async () => {
    const screen = (await rated('3', '6')).replace(/\n/g, ' ');
    expect(screen).toMatch(/pain went from 3 to 6 during the routine: stop here for today/);
    expect(screen).toMatch(/call\s+your\s+local\s+emergency\s+number/);
    expect(screen).toMatch(/leave\s+that\s+move\s+out\s+for\s+today/);
    expect(history().at(-1)).toMatchObject({ painBefore: 3, painAfter: 6 });
  });

  it('--json through a pipe writes NDJSON only, no escape codes', async () => {
    const out = path.join(home, 'events.ndjson');
    const term = await startTerminal(`${neckcoach} routine chin-tucks --json | cat > ${JSON.stringify(out)}`, {
      cwd: ROOT,
      env: { NECKCOACH_HOME: home, NECKCOACH_TIME_SCALE: '0.02' },
    });
    expect(await term.exitCode()).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).not.toMatch(/\u001b|\u0007/);
    const events = text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(events[0].type).toBe('routine-start');
    expect(events.at(-1)).toMatchObject({ type: 'routine-end', reason: 'done', completed: 1, steps: 1 });
  });

  it('--json at a terminal takes the keys: pause, resume, skip, back and quit are events; the terminal is restored', async () => {
    const out = path.join(home, 'events.ndjson');
    const term = await startTerminal(thenStty(`${neckcoach} routine chin-tucks --json > ${JSON.stringify(out)}`), {
      cwd: ROOT,
      env: { NECKCOACH_HOME: home, NECKCOACH_TIME_SCALE: '0.5' },
    });
    const events = () => {
      try {
        return readFileSync(out, 'utf8')
          .trim()
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line));
      } catch {
        return [];
      }
    };
    const waitForEvent = async (type: string) => {
      const deadline = performance.now() + 5_000;
      while (!events().some((e) => e.type === type)) {
        if (performance.now() > deadline) throw new Error(`no ${type} event in ${JSON.stringify(events())}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    await waitForEvent('routine-start');
    for (const [key, type] of [
      ['Space', 'pause'],
      ['Space', 'resume'],
      ['s', 'skip'],
      ['b', 'back'],
    ] as const) {
      await term.send(key);
      await waitForEvent(type);
    }
    await term.send('q');
    expect(await term.exitCode()).toBe(0);
    sane(await term.screen());
    expect(readFileSync(out, 'utf8')).not.toMatch(/\u001b|\u0007/);
    expect(events().at(-1)).toMatchObject({ type: 'routine-end', reason: 'quit' });
  });

  /** Polls until `check` holds (a record written, a process gone); throws with `what` after the deadline. */
  async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    while (!check()) {
      if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  const routineRecords = () => (existsSync(path.join(home, 'data', 'history.jsonl')) ? history().filter((e) => e.type === 'routine') : []);
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  /** The routine under a shell that notes its pid, with stderr kept in a file (it would vanish with the pane). */
  const tracked = (args: string) => {
    const pidFile = path.join(home, 'pid');
    const stderrFile = path.join(home, 'stderr.txt');
    const command = `sh -c 'echo $$ > ${JSON.stringify(pidFile)}; exec ${neckcoach.replace(/'/g, "'\\''")} ${args} 2>${JSON.stringify(stderrFile)}'`;
    return { command, pid: () => Number(readFileSync(pidFile, 'utf8')), stderr: () => readFileSync(stderrFile, 'utf8') };
  };
  const NO_CRASH = /Error|Assertion|\n\s+at |Native stack|Segmentation/;

  it('closing the terminal mid-routine records the run once as a hang-up, with no crash', async () => {
    const run = tracked('routine desk-break');
    const term = await startTerminal(run.command, { cwd: ROOT, env: { NECKCOACH_HOME: home, NECKCOACH_TIME_SCALE: '0.5', NO_COLOR: '1' } });
    await term.waitFor(/hold 1 of 5/, { timeoutMs: 15_000 });
    const pid = run.pid();
    await term.closePane();
    await until(() => !alive(pid), 'the routine to end after its terminal closed');
    expect(routineRecords()).toMatchObject([{ routine: 'desk-break', reason: 'hangup' }]);
    expect(run.stderr()).not.toMatch(NO_CRASH);
  });

  it('SIGHUP with the terminal still there: recorded as a hang-up, exit 129, terminal sane', async () => {
    const run = tracked('routine chin-tucks');
    const term = await startTerminal(thenStty(run.command), {
      cwd: ROOT,
      env: { NECKCOACH_HOME: home, NECKCOACH_TIME_SCALE: '0.5', NO_COLOR: '1' },
    });
    await term.waitFor(/hold 1 of 5/, { timeoutMs: 15_000 });
    process.kill(run.pid(), 'SIGHUP');
    expect(await term.exitCode()).toBe(129);
    sane(await term.screen());
    expect(routineRecords()).toMatchObject([{ routine: 'chin-tucks', reason: 'hangup' }]);
    expect(run.stderr()).not.toMatch(NO_CRASH);
  });

  it('SIGTERM: recorded as terminated, exit 143, the terminal restored', async () => {
    const run = tracked('routine chin-tucks');
    const term = await startTerminal(thenStty(run.command), {
      cwd: ROOT,
      env: { NECKCOACH_HOME: home, NECKCOACH_TIME_SCALE: '0.5', NO_COLOR: '1' },
    });
    await term.waitFor(/hold 1 of 5/, { timeoutMs: 15_000 });
    process.kill(run.pid(), 'SIGTERM');
    expect(await term.exitCode()).toBe(143);
    const screen = await term.screen();
    sane(screen);
    expect(screen).toMatch(/Interrupted: 0 of 1 step done/);
    expect(routineRecords()).toMatchObject([{ routine: 'chin-tucks', reason: 'terminated' }]);
    expect(run.stderr()).toMatch(/Stopped \(SIGTERM\); what you did is recorded/);
  });

  it('--json | head -1: one event out, the run recorded once as closed, exit 0', async () => {
    const out = path.join(home, 'first.ndjson');
    const status = path.join(home, 'status');
    const term = await startTerminal(
      `{ ${neckcoach} routine desk-break --json; echo $? > ${JSON.stringify(status)}; } | head -1 > ${JSON.stringify(out)}`,
      {
        cwd: ROOT,
        env: { NECKCOACH_HOME: home, NECKCOACH_TIME_SCALE: '0.1' },
      },
    );
    await term.exitCode({ timeoutMs: 15_000 });
    expect(
      readFileSync(out, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line).type),
    ).toEqual(['routine-start']);
    expect(readFileSync(status, 'utf8').trim()).toBe('0');
    expect(routineRecords()).toMatchObject([{ routine: 'desk-break', reason: 'closed' }]);
    expect(await term.screen()).not.toMatch(NO_CRASH);
  });

  it('in real time (no time scale): a short routine of your own runs to its end on the real clock and timers', async () => {
    mkdirSync(path.join(home, 'config', 'routines'), { recursive: true });
    const step = { id: 'hold', title: 'Hold it', kind: 'hold', seconds: 2, reps: 1, cue: 'Hold gently.' };
    const mine = {
      id: 'quick',
      title: 'Quick',
      summary: 'One short hold.',
      kind: 'move',
      gentle: true,
      setup: [],
      cautions: [],
      steps: [step],
    };
    writeFileSync(path.join(home, 'config', 'routines', 'quick.json'), JSON.stringify(mine));
    const out = path.join(home, 'events.ndjson');
    const term = await startTerminal(thenStty(`${neckcoach} routine quick --json > ${JSON.stringify(out)}`), {
      cwd: ROOT,
      env: { NECKCOACH_HOME: home, NECKCOACH_TIME_SCALE: undefined },
    });
    expect(await term.exitCode({ timeoutMs: 30_000 })).toBe(0);
    sane(await term.screen());
    const events = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(events.filter((e) => e.type === 'step-start').map((e) => [e.step, e.planned, e.ms])).toEqual([
      ['get-ready', 0, 5_000],
      ['hold', 5_000, 2_000],
    ]);
    expect(events.at(-1)).toMatchObject({ type: 'routine-end', reason: 'done', plannedTotal: 7_000 });
    expect(routineRecords()).toMatchObject([{ routine: 'quick', reason: 'done' }]);
  });

  it('a malformed user routine file is reported and the built-in routine still runs', async () => {
    mkdirSync(path.join(home, 'config', 'routines'), { recursive: true });
    writeFileSync(path.join(home, 'config', 'routines', 'oops.json'), '{ "id": "oops", }');
    const term = await startTerminal(thenStty(`${neckcoach} routine chin-tucks`), {
      cwd: ROOT,
      env: { NECKCOACH_HOME: home, NECKCOACH_TIME_SCALE: '0.05', NO_COLOR: '1' },
    });
    expect(await term.exitCode({ timeoutMs: 15_000 })).toBe(0);
    const screen = await term.screen();
    expect(screen).toMatch(/warning: .*oops\.json: not valid JSON/);
    expect(screen).toMatch(/Done: 1 of 1 step done/);
    sane(screen);
  });
});
