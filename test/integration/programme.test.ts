import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { historyRecords, runBin, runInProcess, tempHome } from '../helpers/cli.js';

const DAY = 86_400_000;
let home: string;
let cleanup: () => void;
beforeEach(() => ({ home, cleanup } = tempHome()));
afterEach(() => cleanup());

const env = () => ({ NECKCOACH_HOME: home, NECKCOACH_TIME_SCALE: '0.005', TZ: 'UTC' });
const historyFile = () => path.join(home, 'data', 'history.jsonl');
const history = () => historyRecords(home) as Record<string, any>[];
function write(...records: Record<string, unknown>[]) {
  mkdirSync(path.dirname(historyFile()), { recursive: true });
  for (const r of records) appendFileSync(historyFile(), `${JSON.stringify({ v: 1, ...r })}\n`);
}
const iso = (ms: number) => new Date(ms).toISOString();
/** Midnight UTC of the Monday this week. */
const thisMonday = () => {
  const today = Math.floor(Date.now() / DAY) * DAY;
  return today - ((new Date(today).getUTCDay() + 6) % 7) * DAY;
};
const session = (at: number, extra: Record<string, unknown> = {}) => ({
  type: 'routine',
  at: iso(at),
  routine: 'strengthen',
  reason: 'done',
  completed: 7,
  skipped: 0,
  ...extra,
});
const ndjson = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));

describe('programme start, status, stop', () => {
  it('starts at level 1, says so once, and stops with its history kept', async () => {
    const start = await runInProcess(['programme', 'start', 'strengthen'], { env: env() });
    expect(start.code).toBe(0);
    expect(start.stdout).toMatch(/^Started Neck and shoulder strengthening: 4 levels of 2 weeks, 3 sessions a week\./);
    expect(start.stdout).toMatch(/neckcoach routine strengthen --rate \(about 6 min/);
    expect(history()).toEqual([expect.objectContaining({ type: 'programme', programme: 'strengthen', level: 1, event: 'started' })]);

    const again = await runInProcess(['programme', 'start'], { env: env() });
    expect(again.stdout).toMatch(/already running: level 1, week 1/);
    expect(history()).toHaveLength(1);

    const status = JSON.parse((await runInProcess(['programme', 'status', '--json'], { env: env() })).stdout);
    expect(status).toMatchObject({
      schemaVersion: 1,
      programme: { id: 'strengthen', status: 'running', level: 1, week: 1, sessionsThisWeek: 0, target: 3, needed: 5, adherence: null },
    });

    const stop = await runInProcess(['programme', 'stop'], { env: env() });
    expect(stop.stdout).toMatch(/^Stopped Neck and shoulder strengthening at level 1\./);
    expect(history().at(-1)).toMatchObject({ type: 'programme', event: 'stopped', level: 1 });
    expect((await runInProcess(['programme', 'status'], { env: env() })).stdout).toMatch(/stopped on .*, at level 1\./);
    expect((await runInProcess(['programme', 'stop'], { env: env() })).stdout).toMatch(/is not running/);
  });

  it('is not started while a check-in holds back non-gentle routines (exit 3)', async () => {
    write({ type: 'check', at: iso(Date.now() - 3_600_000), level: 'soon', flags: ['rf_radicular'], causes: [], stage: 'acute', pain: 5 });
    const r = await runInProcess(['programme', 'start'], { env: env() });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/not a gentle routine/);
    expect(history().filter((x) => x.type === 'programme')).toEqual([]);
  });

  it('an unknown programme is a usage error naming the known one', async () => {
    const r = await runInProcess(['programme', 'status', 'strenghten'], { env: env() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown programme "strenghten"\n\s+did you mean "strengthen"/);
  });
});

describe('routine strengthen while a programme runs', () => {
  it('goes up a level after two kept-up weeks: records the decision, runs the level, and says so', async () => {
    const start = thisMonday() - 21 * DAY;
    write(
      { type: 'programme', at: iso(start + 3_600_000), programme: 'strengthen', level: 1, event: 'started' },
      ...[0, 2, 4, 7, 9, 11].map((d) => session(start + d * DAY + 18 * 3_600_000)),
    );
    const r = await runBin(['routine', 'strengthen', '--json'], { env: env() });
    expect(r.code).toBe(0);
    expect(r.stderr.replace(/\s+/g, ' ')).toMatch(/Up to level 2 of 4 \(Longer holds, light band\): 6 of 6 sessions done\./);
    const nods = ndjson(r.stdout).filter((e) => e.type === 'step-start' && e.move === 'chin-nods' && e.kind === 'hold');
    expect(nods).toHaveLength(7);
    expect(nods[0]).toMatchObject({ ms: Math.round(7_000 * 0.005), reps: 7 });
    const records = history();
    expect(records.filter((x) => x.type === 'programme').map((x) => [x.event, x.level, x.at])).toEqual([
      ['started', 1, expect.any(String)],
      ['advanced', 2, iso(start + 14 * DAY).replace('.000Z', '+00:00')],
    ]);
    expect(records.at(-1)).toMatchObject({
      type: 'routine',
      routine: 'strengthen',
      reason: 'done',
      programme: 'strengthen',
      level: 2,
      steps: 7,
      completed: 7,
    });

    const listed = (await runInProcess(['history', '--since', '30d'], { env: env() })).stdout.replace(/\s+/g, ' ');
    expect(listed).toMatch(/strengthen advanced, level 2/);
    expect(listed).toMatch(/strengthen finished, 7 of 7 steps, .* · strengthen level 2/);

    // The decision is recorded once: the next session says where things stand instead.
    const next = await runBin(['routine', 'strengthen', '--json'], { env: env() });
    expect(next.stderr.replace(/\s+/g, ' ')).toMatch(
      /level 2 of 4 \(Longer holds, light band\), week \d\. Today's session is already counted: this one is extra\./,
    );
    expect(history().filter((x) => x.type === 'programme')).toHaveLength(2);
  });

  it('without a programme runs the session as it stands, recording no level', async () => {
    const r = await runBin(['routine', 'strengthen', '--json'], { env: env() });
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/level \d of 4/);
    expect(ndjson(r.stdout).filter((e) => e.type === 'step-start' && e.move === 'chin-nods' && e.kind === 'hold')).toHaveLength(5);
    expect(history().at(-1)).not.toHaveProperty('programme');
  });

  it('asks once for ratings when a session is run without them', async () => {
    write({ type: 'programme', at: iso(Date.now() - 60_000), programme: 'strengthen', level: 1, event: 'started' });
    const first = await runBin(['routine', 'strengthen'], { env: env() });
    expect(first.stderr).toMatch(/Add --rate to rate your pain before and after/);
    const second = await runBin(['routine', 'strengthen'], { env: env() });
    expect(second.stderr).not.toMatch(/Add --rate/);
  });
});

describe('the version of a move that suits the person', () => {
  it('after a check-in with arm tingling, the side stretch in `gentle` is done with the hands in the lap', async () => {
    write({
      type: 'check',
      at: iso(Date.now() - 3_600_000),
      level: 'soon',
      flags: [],
      symptoms: ['sym_stiff', 'sym_tingling'],
      causes: [],
      stage: 'acute',
      pain: 4,
    });
    const r = await runBin(['routine', 'gentle'], { env: env() });
    expect(r.code).toBe(0);
    expect(r.stdout.replace(/\s+/g, ' ')).toMatch(
      /With symptoms in an arm at your latest check-in, the side stretch is done with your hands in your lap/,
    );
    expect(r.stdout).toMatch(
      /Get ready: Side neck stretch \(\d+ s\): Sit tall with both hands resting loosely in your lap; leave the chair seat alone\./,
    );
    expect(r.stdout).not.toMatch(/hold the seat of your chair/);
  });

  it('without arm symptoms it keeps the usual set-up', async () => {
    const r = await runBin(['routine', 'gentle'], { env: env() });
    expect(r.stdout).toMatch(/Get ready: Side neck stretch \(\d+ s\): Sit tall, and hold the seat of your chair/);
    expect(r.stdout).not.toMatch(/hands in your lap/);
  });
});

describe('stats and report', () => {
  it('stats --json has the programme (design §6), null without one; the report has an adherence line', async () => {
    const none = JSON.parse((await runInProcess(['stats', '--json'], { env: env() })).stdout);
    expect(none.programme).toBeNull();
    const start = thisMonday() - 7 * DAY;
    write(
      { type: 'programme', at: iso(start + 3_600_000), programme: 'strengthen', level: 1, event: 'started' },
      ...[0, 2].map((d) => session(start + d * DAY + 18 * 3_600_000)),
    );
    const stats = JSON.parse((await runInProcess(['stats', '--json'], { env: env() })).stdout);
    expect(stats.programme).toEqual({ id: 'strengthen', level: 1, sessionsThisWeek: 0, target: 3, adherence: 0.67 });
    expect((await runInProcess(['stats'], { env: env() })).stdout.replace(/\s+/g, ' ')).toMatch(
      /Programme Neck and shoulder strengthening: level 1 of 4, 0 of 3 sessions this week, 67% of sessions due kept up\./,
    );
    expect((await runInProcess(['report'], { env: env() })).stdout).toMatch(
      /\*\*Programme:\*\* Neck and shoulder strengthening: level 1 of 4/,
    );
  });
});
