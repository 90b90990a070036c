import { appendFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runInProcess, tempHome } from '../helpers/cli.js';

const NOW = Date.parse('2026-11-25T18:00:00+01:00');
let home: string;
let cleanup: () => void;
const run = (argv: string[], now = NOW) => runInProcess(argv, { env: { NECKCOACH_HOME: home, TZ: 'Europe/Berlin' }, now });
const historyFile = () => path.join(home, 'data', 'history.jsonl');
const write = (lines: unknown[]) => {
  mkdirSync(path.dirname(historyFile()), { recursive: true });
  writeFileSync(historyFile(), lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n', { mode: 0o600 });
};

const pain = (at: string, value: number) => ({ v: 1, type: 'pain', at, pain: value });

beforeEach(() => ({ home, cleanup } = tempHome()));
afterEach(() => cleanup());

describe('log', () => {
  it('appends a pain rating to a private history file', async () => {
    const r = await run(['log', '--pain', '4', '--note', 'long meeting day']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const [line] = readFileSync(historyFile(), 'utf8').trim().split('\n');
    expect(JSON.parse(line!)).toEqual({
      v: 1,
      type: 'pain',
      at: expect.stringMatching(/^2026-11-25T\d\d:00:00[+-]\d\d:\d\d$/),
      pain: 4,
      note: 'long meeting day',
    });
    expect(statSync(historyFile()).mode & 0o777).toBe(0o600);
  });

  it.each([['11'], ['-1'], ['4.5'], ['four'], ['']])('rejects --pain %j with exit 2 naming the flag', async (value) => {
    const r = await run(['log', '--pain', value]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^neckcoach: --pain must be a whole number from 0 to 10/);
    expect(existsSync(historyFile())).toBe(false);
  });

  it('needs --pain', async () => {
    const r = await run(['log', '--note', 'x']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--pain is required');
  });

  it('accepts a past --at and refuses a future one or a bare date', async () => {
    expect((await run(['log', '--pain', '3', '--at', '2026-11-24T18:00'])).code).toBe(0);
    const future = await run(['log', '--pain', '3', '--at', '2026-11-26T09:00']);
    expect(future.code).toBe(2);
    expect(future.stderr).toContain('in the future');
    expect((await run(['log', '--pain', '3', '--at', 'yesterday'])).code).toBe(2);
    expect((await run(['log', '--pain', '3', '--at', '2026-11-24'])).code).toBe(2);
  });

  it.each([
    ['2026-02-30T10:00', 'not a date and time'],
    ['0099-06-01T10:00', 'not a date and time'],
    ['1969-12-31T10:00', 'not a date and time'],
    ['2026-11-24T24:00', 'not a date and time'],
  ])('refuses --at %s with exit 2, writing nothing (no rolling over into another day)', async (at, message) => {
    const r = await run(['log', '--pain', '3', '--at', at]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain('a real day between 1970 and 2100');
    expect(existsSync(historyFile())).toBe(false);
  });

  it('reads --at as local time and keeps it: 18:00 in Berlin is written as 18:00+01:00', async () => {
    await run(['log', '--pain', '3', '--at', '2026-11-24T18:00']);
    expect(JSON.parse(readFileSync(historyFile(), 'utf8')).at).toMatch(/^2026-11-24T\d\d:00:00[+-]\d\d:\d\d$/);
    expect(Date.parse(JSON.parse(readFileSync(historyFile(), 'utf8')).at)).toBe(Date.parse('2026-11-24T18:00:00+01:00'));
  });

  it('-q prints nothing on success; errors still reach stderr', async () => {
    expect(await run(['-q', 'log', '--pain', '2'])).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect((await run(['-q', 'log', '--pain', '12'])).stderr).toContain('--pain must be a whole number');
  });

  it('prints the record with --json', async () => {
    const r = await run(['log', '--pain', '2', '--json']);
    expect(JSON.parse(r.stdout)).toMatchObject({ schemaVersion: 1, record: { v: 1, type: 'pain', pain: 2 } });
  });
});

const records = [
  {
    v: 1,
    type: 'check',
    at: '2026-11-20T09:00:00+01:00',
    level: 'self-care',
    flags: ['none'],
    causes: ['poor-posture'],
    stage: 'subacute',
    pain: 6,
  },
  {
    v: 1,
    type: 'routine',
    at: '2026-11-21T10:00:00+01:00',
    routine: 'desk-break',
    reason: 'done',
    completed: 6,
    skipped: 0,
    seconds: 120,
    painBefore: 6,
    painAfter: 4,
  },
  { v: 1, type: 'reminder', at: '2026-11-22T10:45:00+01:00', event: 'sent', due: '2026-11-22T10:45:00+01:00', routine: 'desk-break' },
  { v: 1, type: 'pain', at: '2026-11-23T20:00:00+01:00', pain: 5, note: 'sat, "badly", all day' },
  { v: 1, type: 'routine', at: '2026-11-24T10:00:00+01:00', routine: 'chin-tucks', reason: 'quit', completed: 2, skipped: 0, seconds: 40 },
];

describe('history', () => {
  it('keeps every good line around a corrupt one in the middle, warning with the line number', async () => {
    write([records[0], records[1], '{"v":1,"type":"pain","at":"2026-11-2', records[2], records[3], records[4]]);
    const r = await run(['history', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(records);
    expect(r.stderr).toMatch(/warning: skipped damaged line 3 of .*history\.jsonl/);
    const human = await run(['history']);
    expect(human.stdout.split('\n').filter((line) => /^2026-/.test(line))).toHaveLength(5);
    expect(human.stderr).toContain('line 3');
  });

  it('--check lists damaged lines, exits 1, and leaves the file byte for byte', async () => {
    write([records[0], 'not json', records[1], JSON.stringify({ hello: 'world' })]);
    const before = readFileSync(historyFile());
    const r = await run(['history', '--check']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('line 2');
    expect(r.stdout).toContain('line 4: not a neckcoach history record');
    expect(readFileSync(historyFile())).toEqual(before);
    const json = await run(['history', '--check', '--json']);
    expect(JSON.parse(json.stdout).damaged.map((b: { line: number }) => b.line)).toEqual([2, 4]);
  });

  it('--check exits 0 on a clean file and on no file', async () => {
    expect((await run(['history', '--check'])).code).toBe(0);
    write(records);
    const r = await run(['history', '--check']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('no damaged lines');
  });

  it('filters by --type and --since, oldest first', async () => {
    write([...records].reverse());
    const r = await run(['history', '--type', 'routine', '--since', '3d', '--json']);
    expect(JSON.parse(r.stdout).map((x: { at: string }) => x.at)).toEqual(['2026-11-24T10:00:00+01:00']);
    const all = await run(['history', '--type', 'routine', '--json']);
    expect(JSON.parse(all.stdout).map((x: { routine: string }) => x.routine)).toEqual(['desk-break', 'chin-tucks']);
  });

  it('filters by --from/--to as whole local days', async () => {
    write(records);
    const r = await run(['history', '--from', '2026-11-21', '--to', '2026-11-23', '--json']);
    expect(JSON.parse(r.stdout).map((x: { type: string }) => x.type)).toEqual(['routine', 'reminder', 'pain']);
  });

  it.each([
    [['--since', '7d', '--from', '2026-11-01'], 'either --since or --from/--to'],
    [['--from', '2026-13-01'], '--from "2026-13-01" is not a date'],
    [['--from', '2026-11-20', '--to', '2026-11-01'], 'before --from'],
    [['--since', 'fortnight'], '--since "fortnight"'],
    [['--type', 'meals'], 'meals'],
    [['--csv', '--json'], 'either --json or --csv'],
  ])('refuses %j with exit 2', async (flags, message) => {
    const r = await run(['history', ...flags]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('keeps escape sequences in notes and names away from the terminal, but in the JSON', async () => {
    const note = 'ok\u001b[2J\u001b]0;pwned\u0007\nnext line\u202e';
    write([
      { v: 1, type: 'pain', at: '2026-11-23T20:00:00+01:00', pain: 5, note },
      { ...records[1], routine: 'evil\u001b[31m' },
    ]);
    const human = await run(['history']);
    expect(human.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(human.stdout).toContain('ok\\x1b[2J\\x1b]0;pwned\\x07 next line\\u202e');
    expect(human.stdout).toContain('evil\\x1b[31m finished');
    const stats = await run(['stats']);
    expect(stats.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(stats.stdout).toContain('evil\\x1b[31m');
    expect(JSON.parse((await run(['history', '--json'])).stdout)[1].note).toBe(note);
  });

  it('shows times on the current wall clock, while the record keeps its own offset', async () => {
    write([{ ...records[3], at: '2026-11-23T20:00:00+05:30' }]);
    const r = await runInProcess(['history', '--since', 'all'], { env: { NECKCOACH_HOME: home, TZ: 'America/New_York' }, now: NOW });
    expect(r.stdout).toMatch(/^2026-11-23 09:30 {2}pain/);
    expect(JSON.parse((await run(['history', '--since', 'all', '--json'])).stdout)[0].at).toBe('2026-11-23T20:00:00+05:30');
  });

  it('wraps a long note under itself at the terminal width', async () => {
    const note = 'a long day of meetings, then a drive home in traffic, and the neck was stiff all evening';
    write([{ ...records[3], note }]);
    const r = await runInProcess(['history'], { env: { NECKCOACH_HOME: home, TZ: 'Europe/Berlin' }, now: NOW, tty: true, columns: 60 });
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(60);
    expect(lines[1]).toMatch(/^ {29}\S/);
    expect(lines.map((l) => l.trim()).join(' ')).toContain(note);
  });

  it('--from a future date lists nothing, exit 0', async () => {
    write(records);
    const r = await run(['history', '--from', '2027-01-01']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain('Nothing recorded in this period');
    expect(JSON.parse((await run(['history', '--from', '2027-01-01', '--json'])).stdout)).toEqual([]);
  });

  it('--csv quotes commas and quotes and has one row a record', async () => {
    write(records);
    const r = await run(['history', '--csv']);
    const rows = r.stdout.trimEnd().split('\r\n');
    expect(rows[0]).toBe('type,at,pain,painBefore,painAfter,routine,reason,event,level,note,summary');
    expect(rows).toHaveLength(6);
    expect(rows[4]).toContain('"sat, ""badly"", all day"');
    expect(rows[2]).toMatch(/^routine,2026-11-21T10:00:00\+01:00,,6,4,desk-break,done,/);
  });

  it('--csv makes cells inert: no formula a spreadsheet would run, no raw control characters', async () => {
    write([
      { v: 1, type: 'pain', at: '2026-11-20T09:00:00+01:00', pain: 3, note: '=HYPERLINK("http://x")' },
      { v: 1, type: 'pain', at: '2026-11-20T10:00:00+01:00', pain: 3, note: '+1' },
      { v: 1, type: 'pain', at: '2026-11-20T11:00:00+01:00', pain: 3, note: '-2+3' },
      { v: 1, type: 'pain', at: '2026-11-20T12:00:00+01:00', pain: 3, note: '@SUM(A1)' },
      { v: 1, type: 'pain', at: '2026-11-20T13:00:00+01:00', pain: 3, note: '\t=cmd' },
      { v: 1, type: 'pain', at: '2026-11-20T14:00:00+01:00', pain: 3, note: '\r=cmd' },
      { v: 1, type: 'pain', at: '2026-11-20T15:00:00+01:00', pain: 3, note: 'red \u001b[31m text\u0007' },
    ]);
    const rows = (await run(['history', '--csv', '--type', 'pain'])).stdout.trimEnd().split('\r\n').slice(1);
    const notes = rows.map((row) => row.split(',').at(-2));
    expect(notes.slice(0, 4)).toEqual([`"'=HYPERLINK(""http://x"")"`, "'+1", "'-2+3", "'@SUM(A1)"]);
    expect(rows[4]).toContain("' =cmd");
    expect(rows[5]).toContain("' =cmd");
    expect(rows[6]).toContain('red \\x1b[31m text\\x07');
    expect(rows.join('')).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    // Numbers stay numbers: a pain of 3 is not text.
    expect(rows[0]!.split(',')[2]).toBe('3');
  });

  it('a --since window finds a backdated record written after newer ones', async () => {
    write([pain('2026-11-24T10:00:00+01:00', 1), pain('2026-11-10T10:00:00+01:00', 9), pain('2026-11-23T10:00:00+01:00', 2)]);
    const r = await run(['history', '--since', '7d', '--json']);
    expect(JSON.parse(r.stdout).map((e: { pain: number }) => e.pain)).toEqual([2, 1]);
    const all = await run(['history', '--since', '30d', '--json']);
    expect(JSON.parse(all.stdout).map((e: { pain: number }) => e.pain)).toEqual([9, 2, 1]);
  });

  it('--check names a record whose date cannot be read (years outside 1970-2100, impossible days)', async () => {
    write([pain('2026-11-24T10:00:00+01:00', 1), pain('99-06-01T10:00:00+00:53', 2), pain('2026-02-30T10:00:00+01:00', 3)]);
    const r = await run(['history', '--check']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('2 damaged of 3 lines');
    expect(r.stdout).toContain('line 2: unreadable date "99-06-01T10:00:00+00:53"');
    expect(r.stdout).toContain('line 3: unreadable date "2026-02-30T10:00:00+01:00"');
    const history = await run(['history', '--since', 'all']);
    expect(history.stderr).toContain('skipped damaged line 2');
  });

  it('says so when there is no history', async () => {
    const r = await run(['history']);
    expect(r).toMatchObject({ code: 0 });
    expect(r.stdout).toContain('No history yet');
  });
});

describe('a history file that cannot be read', () => {
  it.each([['history'], ['stats'], ['report'], ['history', '--check']])('%s says which file and why, exit 1, no stack', async (...argv) => {
    mkdirSync(historyFile(), { recursive: true });
    const r = await run(argv);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`neckcoach: cannot read the history file ${historyFile()}: ${historyFile()} is a folder, not a file\n`);
  });

  it('a NECKCOACH_HOME that is a file is named, for reading and for writing', async () => {
    const file = path.join(home, 'not-a-folder');
    writeFileSync(file, '');
    const env = { NECKCOACH_HOME: file, TZ: 'Europe/Berlin' };
    const read = await runInProcess(['history'], { env, now: NOW });
    expect(read.code).toBe(1);
    expect(read.stderr).toBe(
      `neckcoach: cannot read the history file ${path.join(file, 'data', 'history.jsonl')}: ${file} is a file, not a folder\n`,
    );
    const write = await runInProcess(['log', '--pain', '3'], { env, now: NOW });
    expect(write.code).toBe(1);
    expect(write.stderr).toBe(
      `neckcoach: cannot save to the history file ${path.join(file, 'data', 'history.jsonl')}: ${file} is a file, not a folder\n`,
    );
  });
});

describe('stats', () => {
  it('gives the design §6 shape with --json', async () => {
    write(records);
    const r = await run(['stats', '--since', '7d', '--json']);
    expect(r.code).toBe(0);
    const stats = JSON.parse(r.stdout);
    expect(stats).toMatchObject({ schemaVersion: 1, since: '2026-11-19', until: '2026-11-25', streak: { current: 0, longest: 1 } });
    expect(stats.days).toHaveLength(7);
    expect(stats.days[2]).toEqual({
      date: '2026-11-21',
      routines: 1,
      reminders: { sent: 0, taken: 0, snoozed: 0, skipped: 0, natural: 0, deferred: 0 },
      pain: null,
    });
    expect(stats.pain).toMatchObject({ firstWeek: 6, lastWeek: 5, change: -1, meaningful: false });
    expect(stats.routineEffect).toEqual([{ routine: 'desk-break', n: 1, meanBefore: 6, meanAfter: 4 }]);
  });

  it('prints a human summary with a sparkline', async () => {
    write(records);
    const r = await run(['stats']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('1 routine finished');
    expect(r.stdout).toMatch(/Pain\s+·*[▁▂▃▄▅▆▇█]/);
    expect(r.stdout).toContain('desk-break');
  });

  it('wraps long lines to the terminal width', async () => {
    write([
      ...records,
      { v: 1, type: 'reminder', at: '2026-11-24T11:00:00+01:00', event: 'failed', due: '2026-11-24T11:00:00+01:00', error: 'no daemon' },
    ]);
    const r = await runInProcess(['stats', '--since', '7d'], {
      env: { NECKCOACH_HOME: home, TZ: 'Europe/Berlin' },
      now: NOW,
      tty: true,
      columns: 50,
    });
    expect(r.code).toBe(0);
    const long = r.stdout.split('\n').filter((line) => line.length > 50);
    expect(long).toEqual([]);
    expect(r.stdout).toMatch(/Breaks {4}1 reminder sent · 0 taken \(0%\) · 0\n {10}snoozed · 0 skipped · 1 failed to send/);
    expect(r.stdout).toContain('not yet a meaningful change');
  });

  it('works on an empty history and skips a corrupt line with a warning', async () => {
    expect((await run(['stats'])).code).toBe(0);
    write([records[1], '{"torn', records[3]]);
    const r = await run(['stats', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).totals.routines).toBe(1);
    expect(r.stderr).toContain('line 2');
  });
});

describe('report', () => {
  it('prints a one-page Markdown summary with the disclaimer', async () => {
    write(records);
    const r = await run(['report']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# Neck pain summary/);
    expect(r.stdout).toContain('## Latest check-in (2026-11-20 09:00)');
    expect(r.stdout).toContain('not a diagnosis');
    expect(r.stdout).toMatch(/## Plan: /);
  });

  it('writes a 0600 file with -o, atomically, and nothing on stdout', async () => {
    write(records);
    const file = path.join(home, 'neck-report.md');
    const r = await run(['report', '-o', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(readFileSync(file, 'utf8')).toContain('# Neck pain summary');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('fails with one line naming the file in the way', async () => {
    appendFileSync(path.join(home, 'plain-file'), 'x');
    const r = await run(['report', '-o', path.join(home, 'plain-file', 'report.md')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `neckcoach: cannot write the report to ${path.join(home, 'plain-file', 'report.md')}: ${path.join(home, 'plain-file')} is a file, not a folder\n`,
    );
  });

  it('-o - is standard output, as for every file option (no file named "-")', async () => {
    write(records);
    const r = await run(['report', '-o', '-']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# Neck pain summary/);
    expect(existsSync('-')).toBe(false);
    expect(existsSync(path.join(home, '-'))).toBe(false);
  });

  it('does not create a missing folder for -o: a typo leaves nothing behind', async () => {
    const file = path.join(home, 'typo', 'report.md');
    const r = await run(['report', '-o', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`neckcoach: cannot write the report to ${file}: the folder ${path.join(home, 'typo')} does not exist\n`);
    expect(existsSync(path.join(home, 'typo'))).toBe(false);
  });

  it('a folder given to -o is refused in words', async () => {
    const r = await run(['report', '-o', home]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`neckcoach: cannot write the report to ${home}: ${home} is a folder, not a file\n`);
  });
});

describe('-q means the same for every command: only what was asked for', () => {
  it.each([
    [['log', '--pain', '3']],
    [['config', 'set', 'color', 'never']],
    [['config', 'reset', 'color']],
    [['remind', 'pause', '1h']],
    [['remind', 'resume']],
    [['remind', 'snooze']],
    [['remind', 'skip']],
    [['remind', 'stop']],
    [['routine', 'new', 'my-quiet-one']],
    [['report', '-o', 'REPORT']],
  ])('%j prints nothing on success', async (argv) => {
    const r = await run(['-q', ...argv.map((a) => (a === 'REPORT' ? path.join(home, 'r.md') : a))]);
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });

  it('and still prints what was asked for, and errors', async () => {
    expect((await run(['-q', 'config', 'get', 'remind.every'])).stdout).toBe('45m\n');
    expect((await run(['-q', 'report', '-o', '-'])).stdout).toMatch(/^# Neck pain summary/);
    const bad = await run(['-q', 'remind', 'pause', 'soon']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^neckcoach: /);
  });
});
