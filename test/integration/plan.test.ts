import { appendFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ICAL from 'ical.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runInProcess, tempHome } from '../helpers/cli.js';

let home: string;
let cleanup: () => void;
beforeEach(() => ({ home, cleanup } = tempHome()));
afterEach(() => cleanup());

const NOW = Date.UTC(2026, 10, 25, 9, 30);
const run = (argv: string[], now = NOW) => runInProcess(argv, { env: { NECKCOACH_HOME: home, TZ: 'UTC' }, now });
const events = (file: string) => {
  const component = new ICAL.Component(ICAL.parse(readFileSync(file, 'utf8')));
  return component.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
};

describe('plan', () => {
  it('--stage shows the article table as general guidance with the evidence', async () => {
    const r = await run(['plan', '--stage', 'subacute']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/> subacute\s+1 a week for 6 weeks/);
    const text = r.stdout.replace(/\s+/g, ' ');
    expect(text).toContain('General guidance from the article');
    expect(text).toContain('What the evidence says:');
    expect(text).toContain('Sources:');
  });

  it('beside the table: the evidence for pain under 3 months, the 30-minute caveat, and which numbers are its own', async () => {
    const text = (await run(['plan', '--stage', 'chronic'])).stdout.replace(/\s+/g, ' ');
    expect(text).toMatch(/What helps pain under 3 months .*OPTIMa guideline \(2016\) advises against relaxation massage on its own/);
    expect(text).toMatch(/30-minute massages did no better than a wait list/);
    expect(text).toMatch(/Whose numbers these are .*neckcoach's own suggestions, not tested doses/);
    expect(text).toMatch(/Around 2026-12-10 \(2 weeks\) and 2027-01-07 \(6 weeks\): run neckcoach check/);
  });

  it('--evidence changes what the terminal shows: recent pain leads with what helps, and the calendar has no sessions', async () => {
    const file = path.join(home, 'e.ics');
    const r = await run(['plan', '--duration', '3 weeks', '--evidence', '--ics', file]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^What helps pain under 3 months \(acute, from a duration of 3 weeks\)/);
    expect(r.stdout.replace(/\s+/g, ' ')).toMatch(/Wrote no massage sessions, a daily desk-break routine and 2 re-checks/);
    expect(events(file).map((e) => e.summary)).toEqual([
      'Neck check-in: run neckcoach check',
      'Neck check-in: run neckcoach check',
      'Desk break (2 min 27 s)',
    ]);
  });

  it('--evidence for chronic pain leads with the studied dose', async () => {
    const r = await run(['plan', '--stage', 'chronic', '--evidence']);
    expect(r.stdout.split('\n')[0]).toMatch(/^The dose studied for long-lasting neck pain \(chronic/);
  });

  it('--duration picks the stage', async () => {
    const doc = JSON.parse((await run(['--json', 'plan', '--duration', '10w'])).stdout);
    expect(doc).toMatchObject({
      schemaVersion: 1,
      stage: 'subacute',
      basedOn: { kind: 'duration', duration: '10w', durationMs: 10 * 7 * 86_400_000 },
      calendar: null,
    });
    expect(doc.plan).toMatchObject({
      stage: 'subacute',
      guidance: expect.any(String),
      evidence: expect.any(String),
      calendar: { perWeek: 1, weeks: 6, minutes: 60 },
    });
  });

  it('chronic shows the studied dose beside the article', async () => {
    const doc = JSON.parse((await run(['--json', 'plan', '--stage', 'chronic'])).stdout);
    expect(doc.evidencePlan.calendar).toEqual({ perWeek: 3, weeks: 4, minutes: 60 });
  });

  it('without flags uses the latest check-in', async () => {
    await run(['check', '--no-red-flags', '--duration', '4mo', '--pain', '3', '--answer', 'assessed=assessed_yes']);
    const r = await run(['plan']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/chronic \(from your check-in of 2026-11-25\)/);
  });

  it('a recent check-in with a referral leads with a banner', async () => {
    await run(['check', '--red-flag', 'rf_radicular', '--duration', '1w', '--pain', '3']);
    const r = await run(['plan']);
    expect(r.stdout.replace(/\s+/g, ' ')).toMatch(
      /^Following your check-in of 2026-11-25 \(just now\), until 2026-12-09 or a newer check-in: Book a/,
    );
    expect(r.stdout.replace(/\s+/g, ' ')).toMatch(
      /First: book the check-up With a GP or a physiotherapist, .* Massage sessions wait until after it: the calendar starts them on 2026-12-10/,
    );
  });

  it('after a soon check-in the calendar books the check-up first and holds the sessions until after it', async () => {
    await run(['check', '--red-flag', 'rf_radicular', '--duration', '1w', '--pain', '3']);
    const file = path.join(home, 'soon.ics');
    expect((await run(['plan', '--ics', file])).code).toBe(0);
    const all = events(file);
    expect(all[0]!.summary).toMatch(/^Book your neck check-up/);
    const sessions = all.filter((e) => /Massage session/.test(e.summary));
    expect(sessions[0]!.startDate.toString()).toBe('2026-12-10');
  });

  it('--ics writes a calendar that parses: sessions for the stage plus a daily routine', async () => {
    const file = path.join(home, 'plan.ics');
    const r = await run(['plan', '--stage', 'acute', '--ics', file]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Wrote 6 sessions from 2026-11-26/);
    const all = events(file);
    expect(all).toHaveLength(9);
    const sessions = all.filter((e) => /Massage session/.test(e.summary));
    expect(sessions).toHaveLength(6);
    expect(sessions[0]!.startDate.toString()).toBe('2026-11-26');
    // Calendar files cannot run commands: the re-checks say what to run.
    const rechecks = all.filter((e) => /run neckcoach check/.test(e.summary));
    expect(rechecks.map((e) => e.startDate.toString())).toEqual(['2026-12-10', '2027-01-07']);
    const routine = all.at(-1)!;
    expect(routine.isRecurring()).toBe(true);
    expect(routine.description).toMatch(/neckcoach routine desk-break/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const stamp = readFileSync(file, 'utf8').match(/DTSTAMP:(\S+)/)![1];
    expect(stamp).toBe('20261125T093000Z');
  });

  it('--ics --evidence --start: the studied dose from that day', async () => {
    const file = path.join(home, 'dose.ics');
    const r = await run(['--json', 'plan', '--stage', 'chronic', '--ics', file, '--evidence', '--start', '2027-01-04']);
    expect(JSON.parse(r.stdout).calendar).toEqual({
      file,
      start: '2027-01-04',
      sessions: 12,
      routine: 'desk-break',
      evidence: true,
      rechecks: 2,
    });
    const all = events(file);
    expect(all).toHaveLength(15);
    expect(all.find((e) => /Massage session/.test(e.summary))!.startDate.toString()).toBe('2027-01-04');
  });

  it('--ics - prints the calendar only', async () => {
    const r = await run(['plan', '--stage', 'maintenance', '--ics', '-']);
    expect(r.stdout.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(r.stdout.trimEnd().endsWith('END:VCALENDAR')).toBe(true);
  });

  it('after a soon check-in the calendar routine is gentle', async () => {
    mkdirSync(path.join(home, 'config'), { recursive: true });
    writeFileSync(path.join(home, 'config', 'config.json'), JSON.stringify({ routine: { default: 'evening-release' } }));
    await run(['check', '--red-flag', 'rf_trauma_minor', '--duration', '3d', '--pain', '4']);
    const doc = JSON.parse((await run(['--json', 'plan', '--ics', path.join(home, 'p.ics')])).stdout);
    expect(doc.calendar.routine).not.toBe('evening-release');
  });
});

describe('plan --ics write failures (exit 1, naming the path)', () => {
  const fails = async (file: string, message: RegExp) => {
    const r = await run(['plan', '--stage', 'acute', '--ics', file]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  };
  it('a missing folder is an error, not created', async () => {
    await fails(path.join(home, 'nope', 'p.ics'), /cannot write the calendar to .*nope\/p\.ics: the folder .*nope does not exist/);
    expect(() => statSync(path.join(home, 'nope'))).toThrow();
  });
  it('under a regular file (root can write anywhere else)', () => {
    writeFileSync(path.join(home, 'file'), '');
    return fails(path.join(home, 'file', 'p.ics'), /cannot write the calendar to .*: .*file is a file, not a folder/);
  });
  it('onto a folder', () => fails(home, /cannot write the calendar to .*: .* is a folder, not a file/));
});

describe('plan after a check-in that said to get help', () => {
  const HOUR = 3_600_000;
  const serious = (flag = 'rf_cardiac') => run(['check', '--red-flag', flag, '--duration', '2d', '--pain', '6']);
  const lines = () =>
    readFileSync(path.join(home, 'data', 'history.jsonl'), 'utf8')
      .trim()
      .split('\n').length;
  const refused = (argv: string[]) => async () => {
    await serious();
    const r = await run(argv, NOW + HOUR);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /no massage plan for now: your check-in of 2026-11-25 \(1 h ago\) found reasons to get help first\. Get emergency help now/,
    );
    expect(r.stderr).toMatch(/--i-have-been-cleared/);
  };
  it('emergency: plan refuses', refused(['plan']));
  it('emergency: plan --json refuses', refused(['--json', 'plan', '--stage', 'acute']));
  it('emergency: plan --ics refuses and writes nothing', async () => {
    await refused(['plan', '--stage', 'acute', '--ics', path.join(home, 'p.ics')])();
    expect(() => statSync(path.join(home, 'p.ics'))).toThrow();
  });
  it('urgent refuses too, naming whom to see', async () => {
    await serious('rf_gca');
    const r = await run(['plan', '--stage', 'acute']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/See a doctor today/);
  });
  it('the refusal carries the configured emergency number', async () => {
    mkdirSync(path.join(home, 'config'), { recursive: true });
    writeFileSync(path.join(home, 'config', 'config.json'), JSON.stringify({ emergencyNumber: '112' }));
    await serious();
    expect((await run(['plan', '--stage', 'acute'])).stderr).toContain('112 (your emergency number)');
  });
  it('--i-have-been-cleared shows it, says why, and records the clearance, which ends the gate', async () => {
    await serious();
    const r = await run(['plan', '--stage', 'acute', '--i-have-been-cleared']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n\n')[0]!.replace(/\s+/g, ' ')).toMatch(
      /^Your check-in of 2026-11-25 \(just now\) suggested: get emergency help now\. Shown in full because you said a clinician has cleared you\.$/,
    );
    expect(lines()).toBe(2);
    expect((await run(['plan', '--stage', 'acute'], NOW + HOUR)).code).toBe(0);
  });
  it('the gate never forgets: a month later the plan is still refused', async () => {
    await serious();
    const r = await run(['plan', '--stage', 'acute'], NOW + 30 * 24 * HOUR);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/your check-in of 2026-11-25 \(4 weeks ago\)/);
  });
  it('a newer check-in without the flag ends it', async () => {
    await serious();
    await run(['check', '--no-red-flags', '--duration', '1w', '--pain', '2'], NOW + 2 * HOUR);
    expect((await run(['plan', '--stage', 'acute'], NOW + 3 * HOUR)).code).toBe(0);
  });
  it('a recorded clearance ends it', async () => {
    await serious();
    appendFileSync(
      path.join(home, 'data', 'history.jsonl'),
      `${JSON.stringify({ v: 1, type: 'clearance', at: '2026-11-25T10:30:00+00:00' })}\n`,
    );
    expect((await run(['plan', '--stage', 'acute'], NOW + 3 * HOUR)).code).toBe(0);
  });
  it('check --json at emergency has plan: null', async () => {
    const r = await run(['--json', 'check', '--red-flag', 'rf_cardiac', '--duration', '2d', '--pain', '6', '--no-save']);
    expect(JSON.parse(r.stdout).plan).toBeNull();
  });
});

describe('plan errors (exit 2)', () => {
  const fails = async (argv: string[], message: RegExp) => {
    const r = await run(argv);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  };
  it('no stage and no check-in: explains the flags', () =>
    fails(['plan'], /no stage to plan for[\s\S]*--stage acute\|subacute\|chronic\|maintenance or --duration 3w/));
  it('both --stage and --duration', () => fails(['plan', '--stage', 'acute', '--duration', '3w'], /both choose the stage/));
  it('an unknown stage: one line listing the stages', () =>
    fails(
      ['plan', '--stage', 'chronik'],
      /^neckcoach: .*'chronik' is invalid\. Allowed choices are acute, subacute, chronic, maintenance\.\n {2}see `neckcoach plan --help` for how to use it\n$/,
    ));
  it('a bad duration', () => fails(['plan', '--duration', '3m'], /--duration "3m" is ambiguous/));
  it('--start without --ics', () => fails(['plan', '--stage', 'acute', '--start', '2026-12-01'], /--start only applies with --ics/));
  it('a bad --start', () =>
    fails(['plan', '--stage', 'acute', '--ics', '-', '--start', '2026-13-01'], /--start "2026-13-01" is not a date/));
  it('--ics - with --json', () => fails(['--json', 'plan', '--stage', 'acute', '--ics', '-'], /both want standard output/));
});
