import { spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isoLocal } from '../../src/core/time.js';
import { BIN, ROOT, runBin, runInProcess, tempHome } from '../helpers/cli.js';

const SCALE = '0.02';
const ISO_MS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/;

let home: string;
let cleanup: () => void;
beforeEach(() => ({ home, cleanup } = tempHome()));
afterEach(() => cleanup());

const env = () => ({ NECKCOACH_HOME: home, NECKCOACH_TIME_SCALE: SCALE });
const routinesDir = () => path.join(home, 'config', 'routines');
const history = () =>
  readFileSync(path.join(home, 'data', 'history.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
const ndjson = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));

function writeCheck(level: string, hoursAgo: number, flags: string[] = []) {
  mkdirSync(path.join(home, 'data'), { recursive: true });
  const at = isoLocal(Date.now() - hoursAgo * 3_600_000);
  writeFileSync(
    path.join(home, 'data', 'history.jsonl'),
    `${JSON.stringify({ v: 1, type: 'check', at, level, flags, causes: [], stage: 'acute', pain: 5 })}\n`,
  );
}

function writeRoutine(name: string, content: unknown) {
  mkdirSync(routinesDir(), { recursive: true });
  writeFileSync(path.join(routinesDir(), name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
}

const myMove = {
  id: 'my-move',
  title: 'My move',
  summary: 'Two quick holds.',
  kind: 'move',
  gentle: true,
  setup: ['Sit tall.'],
  cautions: [],
  steps: [{ id: 'hold', title: 'Hold it', kind: 'hold', seconds: 3, reps: 2, rest: 1, cue: 'Hold gently.' }],
};

describe('routine --json through the binary', () => {
  it('streams the design §6 events in order, with planned offsets that add up', async () => {
    const r = await runBin(['routine', 'desk-break', '--json'], { env: env() });
    expect(r.code).toBe(0);
    const events = ndjson(r.stdout);
    for (const e of events) {
      expect(e.routine).toBe('desk-break');
      expect(e.t).toMatch(ISO_MS);
    }
    const start = events[0];
    expect(start).toMatchObject({ type: 'routine-start', title: 'Desk break' });
    const end = events.at(-1);
    expect(end).toMatchObject({ type: 'routine-end', reason: 'done', skipped: 0, plannedTotal: start.plannedTotal });
    // Between the two: step-start, step-end pairs, one per segment, indexes in order.
    const middle = events.slice(1, -1);
    expect(middle).toHaveLength(start.segments * 2);
    let planned = 0;
    middle.forEach((e, i) => {
      const index = Math.floor(i / 2);
      expect(e.type).toBe(i % 2 === 0 ? 'step-start' : 'step-end');
      expect(e.index).toBe(index);
      if (e.type === 'step-start') {
        expect(Object.keys(e).sort()).toEqual([
          'index',
          'kind',
          'move',
          'ms',
          'planned',
          'rep',
          'reps',
          'routine',
          'set',
          'sets',
          'side',
          'step',
          'stepNumber',
          'steps',
          't',
          'type',
        ]);
        expect(e.steps).toBe(start.steps);
        expect(e.planned).toBe(planned);
        planned += e.ms;
      } else {
        expect(e.completed).toBe(true);
      }
    });
    expect(planned).toBe(start.plannedTotal);
    const work = middle.filter((e) => e.type === 'step-start' && e.kind !== 'rest');
    // Steps are counted alike in the start, each step-start and the end: three, all done.
    expect(start.steps).toBe(3);
    expect(end).toMatchObject({ completed: 3, steps: 3 });
    expect(new Set(work.map((e) => e.stepNumber))).toEqual(new Set([1, 2, 3]));
    expect(work.filter((e) => e.move === 'side-neck-stretch').map((e) => e.side)).toEqual(['left', 'right']);
    expect(work.filter((e) => e.move === 'chin-tucks').map((e) => e.rep)).toEqual([1, 2, 3, 4, 5]);
    // The stop rules go to stderr, so stdout stays pure NDJSON; the run is recorded.
    expect(r.stderr).toMatch(/when to stop/i);
    expect(history().at(-1)).toMatchObject({
      v: 1,
      type: 'routine',
      routine: 'desk-break',
      reason: 'done',
      completed: 3,
      skipped: 0,
      steps: 3,
      moves: ['chin-tucks', 'neck-rotations', 'side-neck-stretch'],
    });
  });

  it('repeats with --rounds', async () => {
    const one = ndjson((await runBin(['routine', 'chin-tucks', '--json'], { env: env() })).stdout)[0];
    const two = ndjson((await runBin(['routine', 'chin-tucks', '--json', '--rounds', '2'], { env: env() })).stdout)[0];
    expect(two.segments).toBe(one.segments * 2);
    expect(two.plannedTotal).toBe(one.plannedTotal * 2);
  });

  /** Starts `routine morning --json`; once the third step has started, does `act` to the child. */
  async function stopAtThirdStep(act: (child: ReturnType<typeof spawn>) => void) {
    const child = spawn(process.execPath, [BIN, 'routine', 'morning', '--json'], {
      env: { ...process.env, ...env(), NECKCOACH_TIME_SCALE: '0.2' },
    });
    let stdout = '';
    let stderr = '';
    let acted = false;
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (/"index":2,/.test(stdout) && !acted) {
        acted = true;
        act(child);
      }
    });
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
      child.on('close', (c, s) => resolve([c, s])),
    );
    return { code, signal, stdout, stderr };
  }

  it.each([
    ['SIGINT', 'interrupted', 130],
    ['SIGTERM', 'terminated', 143],
  ] as const)('%s ends as %s with exit %i, and the partial run is recorded once', async (name, reason, exitCode) => {
    const r = await stopAtThirdStep((child) => child.kill(name));
    expect(r.code).toBe(exitCode);
    expect(ndjson(r.stdout).at(-1)).toMatchObject({ type: 'routine-end', reason });
    expect(history().filter((e) => e.type === 'routine')).toMatchObject([{ routine: 'morning', reason, completed: expect.any(Number) }]);
    expect(r.stderr).not.toMatch(/\n\s+at |Error/);
  });

  it('SIGHUP ends as a hang-up: recorded once, and the process ends by the signal (a shell sees 129)', async () => {
    const r = await stopAtThirdStep((child) => child.kill('SIGHUP'));
    expect([r.code, r.signal]).toEqual([null, 'SIGHUP']);
    expect(history().filter((e) => e.type === 'routine')).toMatchObject([
      { routine: 'morning', reason: 'hangup', completed: expect.any(Number) },
    ]);
    expect(r.stderr).not.toMatch(/\n\s+at |Error/);
  });

  it('a closed stdout (| head) ends quietly with 0, recorded once as closed', async () => {
    const r = await stopAtThirdStep((child) => child.stdout?.destroy());
    expect(r.code).toBe(0);
    expect(history().filter((e) => e.type === 'routine')).toMatchObject([
      { routine: 'morning', reason: 'closed', completed: expect.any(Number) },
    ]);
    expect(r.stderr).not.toMatch(/\n\s+at |Error|EPIPE/);
  });
});

describe('routine --json at a terminal', () => {
  it('still takes keys: s skips, and stdout stays NDJSON', async () => {
    const r = await runInProcess(['routine', 'chin-tucks', '--json'], { env: env(), tty: true, stdin: 's' });
    expect(r.code).toBe(0);
    const events = ndjson(r.stdout);
    expect(events.find((e) => e.type === 'skip')).toMatchObject({ from: 0, to: 1 });
    expect(events.at(-1)).toMatchObject({ type: 'routine-end', reason: 'done' });
    expect(r.stdout).not.toMatch(/\u001b|\u0007/);
  });

  it('q quits, recorded as quit', async () => {
    const r = await runInProcess(['routine', 'chin-tucks', '--json'], { env: env(), tty: true, stdin: 'q' });
    expect(r.code).toBe(0);
    expect(ndjson(r.stdout).at(-1)).toMatchObject({ type: 'routine-end', reason: 'quit' });
    expect(history().at(-1)).toMatchObject({ type: 'routine', reason: 'quit' });
  });
});

describe('routine without a terminal', () => {
  it('prints the stop rules, then one plain line per event, with no escape codes', async () => {
    const r = await runBin(['routine', 'chin-tucks'], { env: env() });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/\u001b/);
    expect(r.stdout).toMatch(/when to stop/i);
    expect(r.stdout).toMatch(/^\[0:0\d\] step 1 of 1 · Chin tucks · Tuck and hold · hold 5 of 5/m);
    expect(r.stdout).toMatch(/Done: 1 of 1 step done/);
  });

  it('an unknown routine exits 2 with the closest names', async () => {
    const r = await runInProcess(['routine', 'chin-tuks'], { env: env() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown routine "chin-tuks"\n\s+did you mean "chin-tucks"/);
  });

  it.each(['0', '-1', '1.5', 'two'])('--rounds %s exits 2', async (rounds) => {
    const r = await runInProcess(['routine', 'chin-tucks', '--rounds', rounds], { env: env() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--rounds must be a positive whole number/);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(2);
  });

  it('--rounds past the caps exits 2, naming the limit and how many rounds fit', async () => {
    const r = await runInProcess(['routine', 'morning', '--rounds', '2'], { env: env() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--rounds 2 takes "morning" past the safe limits for one go:/);
    expect(r.stderr).toMatch(/- Side neck stretch: 2 min per side; at most 1 min/);
    expect(r.stderr).toMatch(/- Chin tucks: 20 in a row; at most 10/);
    expect(r.stderr).toMatch(/"morning" stays within them up to --rounds 1/);
    expect(r.stdout).toBe('');
  });

  it('a user session that makes a built-in move exceed its cap is refused at one round', async () => {
    writeRoutine('long.json', {
      id: 'long',
      title: 'Long',
      summary: 'Long holds.',
      kind: 'session',
      gentle: true,
      setup: [],
      cautions: [],
      parts: [{ routine: 'chin-tucks', seconds: 15 }],
    });
    const r = await runInProcess(['routine', 'long'], { env: env() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/"long" goes past the safe limits for one go:\n\s+- Chin tucks: holds of 15 s; at most 10 s each/);
    expect(r.stderr).toMatch(/shorten those steps/);
  });

  it('--rate without a terminal says it will not ask, and runs', async () => {
    const r = await runBin(['routine', 'chin-tucks', '--rate'], { env: env() });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/--rate asks only at a terminal/);
    expect(history().at(-1)).not.toHaveProperty('painBefore');
  });
});

describe('stop rules on a terminal too small for them', () => {
  it('shows them in full first and waits: q cancels with nothing recorded', async () => {
    const r = await runInProcess(['routine', 'chin-tucks'], { env: env(), tty: true, stdin: 'q', columns: 50 });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/when to stop[\s\S]*A headache that suddenly gets much worse[\s\S]*mild stretching feeling/i);
    expect(r.stdout).toMatch(/Press any key to start, or q to cancel\.\n[\s\S]*Not started; nothing recorded/);
    expect(r.stdout).not.toMatch(/steps done/);
    expect(() => history()).toThrow();
  });

  it('any other key starts the routine, with the rules left above it', async () => {
    const r = await runInProcess(['routine', 'chin-tucks'], { env: env(), tty: true, stdin: 'x', columns: 50 });
    expect(r.code).toBe(0);
    expect(r.stdout.indexOf('Press any key to start')).toBeLessThan(r.stdout.indexOf('Done: 1 of 1 step done'));
    expect(history().at(-1)).toMatchObject({ type: 'routine', reason: 'done' });
  });

  it('Ctrl-C at the prompt exits 130', async () => {
    const r = await runInProcess(['routine', 'chin-tucks'], { env: env(), tty: true, stdin: '\u0003', columns: 50 });
    expect(r.code).toBe(130);
  });
});

describe('routines and routine text fit the width', () => {
  const widest = (text: string) => Math.max(...text.split('\n').map((line) => line.length));

  it('routines <id> names its parts in the singular where one, and its sources by title, not id', async () => {
    const r = await runInProcess(['routines', 'desk-break'], { env: env() });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Side neck stretch \(side-neck-stretch\): 1 rep, 20 s/);
    expect(r.stdout).not.toMatch(/\b1 reps\b/);
    const move = await runInProcess(['routines', 'chin-tucks'], { env: env() });
    expect(move.stdout).toMatch(/Sources\n {2}- Therapeutic Massages for Neck Pain, Kaly\n/);
    expect(move.stdout).not.toContain('kaly-massage-neck-pain');
  });

  it('routines wraps its footer to a narrow terminal', async () => {
    const r = await runInProcess(['routines'], { env: env(), tty: true, columns: 50 });
    expect(r.stdout).toMatch(/Run one: neckcoach routine <id>/);
    expect(widest(r.stdout.split('Run one')[1]!)).toBeLessThanOrEqual(50);
  });

  it('the plain stop rules are wrapped to 80 columns, bullets hanging', async () => {
    const r = await runBin(['routine', 'chin-tucks'], { env: env() });
    const rules = r.stdout.slice(0, r.stdout.indexOf('Chin tucks:'));
    expect(rules).toMatch(/when to stop/i);
    expect(rules).toMatch(/^ {2}• A sharp or shooting pain$/m);
    expect(widest(rules)).toBeLessThanOrEqual(80);
  });

  it('a refusal is wrapped to the width', async () => {
    writeCheck('urgent', 2, ['rf_arm_weakness']);
    const r = await runInProcess(['routine', 'desk-break'], { env: env() });
    expect(r.code).toBe(3);
    expect(r.stderr.split('\n').length).toBeGreaterThan(3);
    expect(widest(r.stderr)).toBeLessThanOrEqual(80);
  });
});

describe('the red-flag gate', () => {
  it.each(['emergency', 'urgent'])('a %s check-in within 24 h refuses with exit 3 and whom to see', async (level) => {
    writeCheck(level, 2, ['rf_arm_weakness']);
    const r = await runInProcess(['routine', 'desk-break'], { env: env() });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/not running "desk-break"/);
    expect(r.stderr.replace(/\s+/g, ' ')).toMatch(level === 'emergency' ? /Emergency services/ : /GP/);
    expect(r.stderr).toMatch(/--i-have-been-cleared/);
    expect(r.stdout).toBe('');
  });

  it('a refusal gives the emergency number from config', async () => {
    writeCheck('emergency', 2, ['rf_arm_weakness']);
    mkdirSync(path.join(home, 'config'), { recursive: true });
    writeFileSync(path.join(home, 'config', 'config.json'), JSON.stringify({ emergencyNumber: '112' }));
    const r = await runInProcess(['routine', 'desk-break'], { env: env() });
    expect(r.code).toBe(3);
    expect(r.stderr.replace(/\s+/g, ' ')).toContain('call 112 (your emergency number)');
  });

  it('--i-have-been-cleared runs anyway and is recorded', async () => {
    writeCheck('urgent', 2, ['rf_arm_weakness']);
    const r = await runBin(['routine', 'chin-tucks', '--i-have-been-cleared', '--json'], { env: env() });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/cleared you; this is recorded/);
    expect(history().at(-1)).toMatchObject({ type: 'routine', routine: 'chin-tucks', cleared: true });
  });

  it('the clearance is kept: later routines run without the flag until a newer check-in finds a flag', async () => {
    writeCheck('urgent', 2, ['rf_arm_weakness']);
    expect((await runBin(['routine', 'chin-tucks', '--i-have-been-cleared', '--json'], { env: env() })).code).toBe(0);
    expect(history().filter((r) => r.type === 'clearance')).toHaveLength(1);
    expect((await runBin(['routine', 'chin-tucks', '--json'], { env: env() })).code).toBe(0);
    // A second after the cleared run ended (it counts as a clearance too): times are kept to the
    // second, and a tie goes to the clearance.
    const clearedAt = Date.parse(history().at(-1)!.at as string);
    const newer = {
      v: 1,
      type: 'check',
      at: isoLocal(clearedAt + 1000),
      level: 'urgent',
      flags: ['rf_arm_weakness'],
      causes: [],
      stage: 'acute',
      pain: 5,
    };
    appendFileSync(path.join(home, 'data', 'history.jsonl'), `${JSON.stringify(newer)}\n`);
    expect((await runInProcess(['routine', 'chin-tucks'], { env: env(), now: clearedAt + 2000 })).code).toBe(3);
  });

  it('--i-have-been-cleared with nothing to override records no clearance', async () => {
    expect((await runBin(['routine', 'chin-tucks', '--i-have-been-cleared', '--json'], { env: env() })).code).toBe(0);
    expect(history().filter((r) => r.type === 'clearance')).toHaveLength(0);
  });

  it('a soon check-in refuses a routine that is not gentle, naming the gentle ones', async () => {
    writeCheck('soon', 3, ['rf_radicular']);
    const r = await runInProcess(['routine', 'tennis-ball-release'], { env: env() });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/not a gentle routine/);
    expect(r.stderr).toMatch(/gentle routines you can run now:[\s\S]*desk-break/);
  });

  it('a soon check-in lets a gentle routine run under a referral banner', async () => {
    writeCheck('soon', 3, ['rf_radicular']);
    const r = await runBin(['routine', 'chin-tucks'], { env: env() });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/Book a check-up soon/);
  });

  it('a damaged history line does not hide the latest check-in', async () => {
    writeCheck('urgent', 2, ['rf_arm_weakness']);
    writeFileSync(
      path.join(home, 'data', 'history.jsonl'),
      `{"v":1,"type":"check","at":"2026-\n${readFileSync(path.join(home, 'data', 'history.jsonl'), 'utf8')}`,
    );
    const r = await runInProcess(['routine', 'desk-break'], { env: env() });
    expect(r.code).toBe(3);
  });

  it('a check-in whose flag the catalogue does not know shows it with its control characters made visible', async () => {
    writeCheck('urgent', 2, ['rf_\u001b]0;owned\u0007']);
    const r = await runInProcess(['routine', 'desk-break'], { env: env() });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('rf_\\x1b]0;owned\\x07');
    expect(r.stderr).not.toMatch(/\u001b|\u0007/);
  });

  it('an emergency check-in still gates days later (design §7: no 24 h expiry)', async () => {
    writeCheck('emergency', 72);
    const r = await runBin(['routine', 'chin-tucks', '--json'], { env: env() });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/your check-in of \d{4}-\d{2}-\d{2} \(3 days ago\)/);
  });

  it('a "soon" check-in older than 14 days no longer gates', async () => {
    writeCheck('soon', 15 * 24);
    const r = await runBin(['routine', 'tennis-ball-release', '--json'], { env: env() });
    expect(r.code).toBe(0);
  });
});

describe('user routine files', () => {
  it('a valid file runs by its id and is listed as yours', async () => {
    writeRoutine('my-move.json', myMove);
    const r = await runBin(['routine', 'my-move', '--json'], { env: env() });
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/warning/);
    expect(ndjson(r.stdout).filter((e) => e.type === 'step-start' && e.kind === 'hold')).toHaveLength(2);
    const list = await runInProcess(['routines'], { env: env() });
    expect(list.stdout).toMatch(/^my-move \(yours\)\s+My move/m);
    const json = JSON.parse((await runInProcess(['routines', '--json'], { env: env() })).stdout);
    expect(json.routines.find((x: { id: string }) => x.id === 'my-move')).toMatchObject({
      source: 'user',
      file: path.join(routinesDir(), 'my-move.json'),
    });
    expect(json.routines.find((x: { id: string }) => x.id === 'desk-break')).toMatchObject({ source: 'built-in', seconds: 147 });
  });

  it('a user session can use built-in moves', async () => {
    writeRoutine('combo.json', {
      ...myMove,
      id: 'combo',
      kind: 'session',
      steps: undefined,
      parts: [{ routine: 'chin-tucks', reps: 2 }, { routine: 'my-move' }],
    });
    writeRoutine('my-move.json', myMove);
    const r = await runBin(['routine', 'combo', '--json'], { env: env() });
    expect(r.code).toBe(0);
    expect(
      new Set(
        ndjson(r.stdout)
          .filter((e) => e.type === 'step-start')
          .map((e) => e.move),
      ),
    ).toEqual(new Set(['chin-tucks', 'my-move']));
  });

  it('malformed JSON is reported with the file and where, and the built-ins still run', async () => {
    writeRoutine('broken.json', '{ "id": "broken",\n  "title": }');
    const r = await runBin(['routine', 'chin-tucks', '--json'], { env: env() });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      new RegExp(`warning: ${path.join(routinesDir(), 'broken.json').replace(/[.]/g, '\\.')}: not valid JSON: .*line 2`),
    );
    expect(ndjson(r.stdout).at(-1)).toMatchObject({ type: 'routine-end', reason: 'done' });
  });

  it('a schema error names the file and the field', async () => {
    writeRoutine('bad.json', { ...myMove, id: 'bad', steps: [{ ...myMove.steps[0], seconds: '3' }] });
    const r = await runInProcess(['routines'], { env: env() });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/bad\.json: steps\[0\]\.seconds: .*number/);
    expect(r.stdout).toMatch(/^desk-break/m);
    expect(r.stdout).not.toMatch(/^bad/m);
  });

  it('a structural error (session without parts) names the field', async () => {
    writeRoutine('odd.json', { ...myMove, id: 'odd', kind: 'session' });
    const r = await runInProcess(['routines'], { env: env() });
    expect(r.stderr).toMatch(/odd\.json: parts: a session needs parts/);
  });

  it('a user routine with a built-in id is reported and skipped; the built-in runs', async () => {
    writeRoutine('clash.json', { ...myMove, id: 'chin-tucks' });
    const r = await runBin(['routine', 'chin-tucks', '--json'], { env: env() });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/clash\.json: id: "chin-tucks" is the id of a built-in routine/);
    expect(ndjson(r.stdout)[0]).toMatchObject({ title: 'Chin tucks' });
  });

  it('running a broken file by name says what is wrong with it, not "unknown routine"', async () => {
    const { seconds: _, ...noSeconds } = myMove.steps[0]!;
    writeRoutine('mine.json', { ...myMove, id: 'mine', extra: 1, steps: [noSeconds, { ...myMove.steps[0], id: 'two', kind: 'hld' }] });
    writeRoutine('other.json', '{ "id": ');
    const r = await runInProcess(['routine', 'mine'], { env: env() });
    expect(r.code).toBe(2);
    const file = path.join(routinesDir(), 'mine.json');
    expect(r.stderr).toContain(`routine "mine" in ${file} has problems:`);
    expect(r.stderr).toMatch(/- steps\[0\]\.seconds: missing/);
    expect(r.stderr).toMatch(/- extra: not allowed here \(allowed: \$schema, id, title, .*steps/);
    expect(r.stderr).toMatch(/- steps\[1\]\.kind: must be one of "hold", "reps", "timed" \(not "hld"\)/);
    expect(r.stderr).not.toMatch(/unknown routine|warning: .*mine\.json/);
    // Other broken files are still reported as warnings.
    expect(r.stderr).toMatch(/warning: .*other\.json: not valid JSON/);
  });

  it('a file that is not even JSON is found by its file name', async () => {
    writeRoutine('mine.json', '{ "id": "mine", }');
    const r = await runInProcess(['routine', 'mine'], { env: env() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/routine "mine" in .*mine\.json has problems:\n\s+- not valid JSON/);
  });

  it.each([
    ['seconds', 900, 'steps[0].seconds: must be a whole number from 1 to 600'],
    ['seconds', 2.5, 'steps[0].seconds: must be a whole number from 1 to 600'],
    ['reps', 60, 'steps[0].reps: must be a whole number from 1 to 50'],
    ['rest', 1000, 'steps[0].rest: must be a whole number from 0 to 300'],
  ])('a step with %s %s is refused: %s', async (field, value, message) => {
    writeRoutine('mine.json', { ...myMove, id: 'mine', steps: [{ ...myMove.steps[0], [field]: value }] });
    const r = await runInProcess(['routine', 'mine'], { env: env() });
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').filter((line) => line.includes(message))).toHaveLength(1);
  });

  it('a session part beyond the bounds is refused too', async () => {
    writeRoutine('combo.json', {
      ...myMove,
      id: 'combo',
      kind: 'session',
      steps: undefined,
      parts: [{ routine: 'chin-tucks', reps: 500 }],
    });
    const r = await runInProcess(['routine', 'combo'], { env: env() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('parts[0].reps: must be a whole number from 1 to 50');
  });

  describe('text from the file cannot drive the terminal', () => {
    // A title that would retitle the window and clear the screen; a cue that rings and recolours.
    const evil = {
      ...myMove,
      title: 'Evil\u001b]0;owned\u0007\u001b[2J',
      steps: [{ ...myMove.steps[0], cue: 'Hold\u0007\u001b[31m red' }],
    };
    const raw = /\u001b\]0;|\u001b\[2J|\u001b\[31m|\u0007/;

    it('in the routines list and the full view; JSON keeps it as written', async () => {
      writeRoutine('my-move.json', evil);
      for (const argv of [['routines'], ['routines', 'my-move']]) {
        const r = await runInProcess(argv, { env: env(), tty: true });
        expect(r.stdout).not.toMatch(raw);
        expect(r.stdout).toContain('Evil\\x1b]0;owned\\x07\\x1b[2J');
      }
      const json = JSON.parse((await runInProcess(['routines', 'my-move', '--json'], { env: env() })).stdout);
      expect(json.routine.title).toBe(evil.title);
    });

    it('on the routine screen and in plain lines', async () => {
      writeRoutine('my-move.json', evil);
      const screen = await runInProcess(['routine', 'my-move', '--no-sound'], { env: env(), tty: true, stdin: 'x' });
      expect(screen.code).toBe(0);
      // The screen clears itself (ESC [2J) on opening; nothing else of the kind gets through.
      expect(screen.stdout).not.toMatch(/\u001b\]0;|\u001b\[31m|\u0007/);
      expect(screen.stdout).toContain('Hold\\x07\\x1b[31m red');
      const plain = await runBin(['routine', 'my-move'], { env: env() });
      expect(plain.stdout).not.toMatch(raw);
      expect(plain.stdout).toContain('Evil\\x1b]0;owned');
    });

    it('in warnings about the file', async () => {
      writeRoutine('bad.json', { ...evil, id: 'bad', steps: [{ ...evil.steps[0], kind: 'hld\u001b[2J' }] });
      const r = await runInProcess(['routines'], { env: env() });
      expect(r.stderr).toMatch(/bad\.json: steps\[0\]\.kind: .*hld\\x1b\[2J/);
      expect(r.stderr).not.toMatch(raw);
    });
  });

  it('routines --path prints the folder', async () => {
    const r = await runInProcess(['routines', '--path'], { env: env() });
    expect(r.stdout).toBe(`${routinesDir()}\n`);
  });
});

describe('routine new', () => {
  it('writes a starter file that validates, lists and runs', async () => {
    const r = await runInProcess(['routine', 'new', 'my-stretch'], { env: env() });
    expect(r.code).toBe(0);
    const file = path.join(routinesDir(), 'my-stretch.json');
    expect(r.stdout).toContain(file);
    const starter = JSON.parse(readFileSync(file, 'utf8'));
    expect(starter.$schema).toMatch(/^file:.*schema\/routine\.schema\.json$/);
    const list = await runInProcess(['routines', 'my-stretch'], { env: env() });
    expect(list.stderr).toBe('');
    expect(list.stdout).toMatch(/My stretch \(my-stretch\) · yours/);
    const run = await runBin(['routine', 'my-stretch', '--json'], { env: env() });
    expect(run.code).toBe(0);
    expect(ndjson(run.stdout).at(-1)).toMatchObject({ reason: 'done' });
  });

  it.each([
    [['routine', 'new'], /name the new routine/],
    [['routine', 'new', 'My_Stretch'], /not a valid routine id/],
    [['routine', 'new', 'desk-break'], /already a built-in routine/],
  ])('%j exits 2', async (argv, message) => {
    const r = await runInProcess(argv, { env: env() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('refuses to overwrite an existing file', async () => {
    await runInProcess(['routine', 'new', 'mine'], { env: env() });
    const again = await runInProcess(['routine', 'new', 'mine'], { env: env() });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists/);
  });
});

describe('schema/routine.schema.json', () => {
  it('is generated from the current UserRoutineSchema', async () => {
    const { execFileSync } = await import('node:child_process');
    expect(() =>
      execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'routine-schema.mjs'), '--check'], { stdio: 'pipe' }),
    ).not.toThrow();
  });
});
