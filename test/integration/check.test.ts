import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runInProcess, tempHome } from '../helpers/cli.js';

let home: string;
let cleanup: () => void;
beforeEach(() => ({ home, cleanup } = tempHome()));
afterEach(() => cleanup());

const NOW = Date.UTC(2026, 10, 25, 9, 30);
const run = (argv: string[], options: { stdin?: string; tty?: boolean } = {}) =>
  runInProcess(argv, { env: { NECKCOACH_HOME: home, TZ: 'UTC' }, now: NOW, ...options });
const history = () =>
  readFileSync(path.join(home, 'data', 'history.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
const writeAnswers = (value: unknown, name = 'answers.json') => {
  const file = path.join(home, name);
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
};
const MINIMUM = ['--no-red-flags', '--duration', '3w', '--pain', '4'];

describe('check from flags', () => {
  it('prints the sections in order and exits 0', async () => {
    const r = await run(['check', ...MINIMUM, '--trigger', 'trig_desk', '--symptom', 'sym_stiff']);
    expect(r.code).toBe(0);
    const order = [
      'Self-care looks reasonable',
      'Common contributors',
      'Techniques that may help',
      'A routine to start now',
      'Your stage is acute: new neck pain',
      'Everyday changes',
      'Sources:',
      'not medical advice',
      'Self-care looks reasonable. Who:',
    ];
    const at = order.map((s) => r.stdout.indexOf(s));
    expect(
      at.every((i) => i >= 0),
      JSON.stringify(at),
    ).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(r.stderr).toBe('');
  });

  it('ends with the verdict again, so a short terminal still shows it', async () => {
    const r = await run(['check', '--red-flag', 'rf_cardiac', '--duration', '2d', '--pain', '6']);
    expect(r.stdout.trimEnd().split('\n\n').at(-1)!.replace(/\s+/g, ' ')).toBe(
      '!! Get emergency help now. Who: Emergency services. When: Now.',
    );
  });

  it('routine lengths read "2 min 27 s"', async () =>
    expect((await run(['check', ...MINIMUM, '--trigger', 'desk'])).stdout).toContain('Desk break (2 min 27 s, gentle)'));

  it('--json prints the design §6 shape', async () => {
    const r = await run(['--json', 'check', ...MINIMUM, '--trigger', 'desk']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc)).toEqual([
      'schemaVersion',
      'at',
      'answers',
      'triage',
      'causes',
      'fit',
      'techniques',
      'routine',
      'plan',
      'tips',
      'programme',
      'followUp',
      'previous',
      'sources',
      'disclaimer',
    ]);
    expect(doc.schemaVersion).toBe(1);
    expect(doc.at).toBe('2026-11-25T09:30:00+00:00');
    expect(doc.answers).toEqual({ red_flags: ['none'], duration: '3w', triggers: ['trig_desk'], pain: 4 });
    expect(doc.triage).toMatchObject({
      level: 'self-care',
      reasons: [],
      notes: [],
      advice: { whom: expect.any(String), when: expect.any(String), text: expect.any(String), next: expect.any(String) },
    });
    expect(doc.followUp).toEqual([
      { weeks: 2, date: '2026-12-09' },
      { weeks: 6, date: '2027-01-06' },
    ]);
    expect(doc.previous).toBeNull();
    expect(doc.programme).toBeNull();
    expect(doc.causes[0]).toMatchObject({
      id: 'poor-posture',
      title: expect.any(String),
      score: expect.any(Number),
      why: [expect.stringMatching(/desk/)],
    });
    expect(doc.routine).toMatchObject({
      id: expect.any(String),
      title: expect.any(String),
      seconds: expect.any(Number),
      gentle: expect.any(Boolean),
    });
    expect(doc.plan).toMatchObject({
      stage: 'acute',
      guidance: expect.any(String),
      evidence: expect.any(String),
      calendar: { perWeek: expect.any(Number) },
    });
    for (const t of doc.techniques) expect(t).toMatchObject({ id: expect.any(String), title: expect.any(String), why: expect.any(String) });
    for (const t of doc.tips) expect(t).toMatchObject({ id: expect.any(String), title: expect.any(String), why: expect.any(String) });
    expect(doc.disclaimer).toMatch(/emergency number/);
  });

  it('an emergency flag: no techniques, no routine, the configured emergency number', async () => {
    mkdirSync(path.join(home, 'config'), { recursive: true });
    writeFileSync(path.join(home, 'config', 'config.json'), JSON.stringify({ emergencyNumber: '112' }));
    const r = await run(['--json', 'check', '--red-flag', 'rf_cardiac', '--duration', '2d', '--pain', '6']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.triage.level).toBe('emergency');
    expect(doc.triage.advice.text).toContain('112');
    expect(doc.techniques).toEqual([]);
    expect(doc.routine).toBeNull();
    expect(doc.causes).toEqual([]);
    expect(doc.fit.kind).toBe('held-back');
  });

  it('the human emergency output leads with the referral and holds back self-care', async () => {
    const r = await run(['check', '--red-flag', 'rf_meningitis', '--duration', '2d', '--pain', '6']);
    expect(r.stdout.split('\n')[0]).toMatch(/Get emergency help now/);
    expect(r.stdout).toContain('for example 999, 112 or 911');
    expect(r.stdout.replace(/\s+/g, ' ')).toContain(
      'Held back for now: Everything else: no routines, techniques, massage plan or list of contributors',
    );
    expect(r.stdout).not.toContain('A routine to start now');
  });

  it('soon: the referral leads and only a gentle routine is offered', async () => {
    const r = await run([
      '--json',
      'check',
      '--red-flag',
      'rf_trauma_minor',
      '--onset',
      'onset_after_injury',
      '--duration',
      '2d',
      '--pain',
      '5',
    ]);
    const doc = JSON.parse(r.stdout);
    expect(doc.triage.level).toBe('soon');
    expect(doc.routine.gentle).toBe(true);
    expect(doc.techniques.map((t: { id: string }) => t.id)).not.toContain('deep-tissue');
  });

  it('a short id that is exactly an answer wins over longer ones ending the same way', async () => {
    const r = await run(['--json', 'check', ...MINIMUM, '--symptom', 'stiff']);
    expect(JSON.parse(r.stdout).answers.symptoms).toEqual(['sym_stiff']);
  });

  it('--help says flags override the file', async () =>
    expect((await run(['check', '--help'])).stdout.replace(/\s+/g, ' ')).toMatch(/Flags override the same answers in an --answers file/));

  it('--answer sets any question', async () => {
    const r = await run([
      '--json',
      'check',
      ...MINIMUM.slice(0, 1),
      '--duration',
      '7w',
      '--pain',
      '4',
      '--answer',
      'assessed=assessed_yes',
    ]);
    expect(JSON.parse(r.stdout).triage.level).toBe('self-care');
  });

  it('saves the check-in to history, 0600', async () => {
    await run(['check', '--red-flag', 'rf_radicular', '--duration', '10w', '--pain', '5', '--answer', 'assessed=assessed_yes']);
    expect(history()).toEqual([
      {
        v: 1,
        type: 'check',
        at: '2026-11-25T09:30:00+00:00',
        level: 'soon',
        flags: ['rf_radicular'],
        causes: ['nerve-compression'],
        stage: 'subacute',
        pain: 5,
      },
    ]);
    expect(statSync(path.join(home, 'data', 'history.jsonl')).mode & 0o777).toBe(0o600);
  });

  it('compares with the previous check-in', async () => {
    await run(['check', '--no-red-flags', '--duration', '1w', '--pain', '5']);
    const later = await runInProcess(['check', '--no-red-flags', '--duration', '4 weeks', '--pain', '3'], {
      env: { NECKCOACH_HOME: home, TZ: 'UTC' },
      now: NOW + 21 * 86_400_000,
    });
    expect(later.stdout).toContain('Since your check-in 3 weeks ago: pain 5 → 3.');
    const json = await runInProcess(['--json', 'check', '--no-red-flags', '--duration', '4 weeks', '--pain', '2', '--no-save'], {
      env: { NECKCOACH_HOME: home, TZ: 'UTC' },
      now: NOW + 22 * 86_400_000,
    });
    expect(JSON.parse(json.stdout).previous).toMatchObject({ ago: '1 day ago', pain: { before: 3, now: 2 } });
  });

  it('a stable desk story of 3 years "about the same" is self-care with the routines open, and the advice to see a physio if not easing', async () => {
    const r = await run([
      '--json',
      'check',
      '--no-red-flags',
      '--duration',
      '3 years',
      '--pain',
      '3',
      '--course',
      'course_same',
      '--trigger',
      'trig_desk',
    ]);
    const doc = JSON.parse(r.stdout);
    expect(doc.triage.level).toBe('self-care');
    expect(doc.routine).not.toBeNull();
    expect(doc.triage.notes[0].text).toMatch(/a physiotherapist can help/);
    expect(doc.programme).toMatchObject({ id: 'strengthen', command: 'neckcoach programme start strengthen' });
    expect(history()[0]).toMatchObject({ level: 'self-care', flags: [] });
  });

  it("durations and pain in people's words", async () => {
    const doc = JSON.parse(
      (await run(['--json', 'check', '--no-red-flags', '--duration', '10 days', '--pain', '3/10', '--no-save'])).stdout,
    );
    expect(doc.answers).toMatchObject({ duration: '10 days', pain: 3 });
    expect(doc.plan.stage).toBe('acute');
  });

  it('no pain now needs no duration', async () => {
    const doc = JSON.parse((await run(['--json', 'check', '--no-red-flags', '--pain', '0', '--no-save'])).stdout);
    expect(doc.plan.stage).toBe('maintenance');
  });

  it('--no-save writes nothing', async () => {
    const r = await run(['check', ...MINIMUM, '--no-save']);
    expect(r.code).toBe(0);
    expect(() => statSync(path.join(home, 'data', 'history.jsonl'))).toThrow();
  });
});

describe('check from an answers file', () => {
  const answers = { red_flags: ['none'], duration: '2w', pain: 3, symptoms: ['sym_knots'], triggers: ['trig_stress'] };

  it('reads a file', async () => {
    const r = await run(['--json', 'check', '--answers', writeAnswers(answers)]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).causes[0].id).toBe('muscle-overuse');
  });

  it('reads standard input with --answers -', async () => {
    const r = await run(['--json', 'check', '--answers', '-'], { stdin: JSON.stringify(answers) });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).answers).toEqual({
      red_flags: ['none'],
      symptoms: ['sym_knots'],
      duration: '2w',
      triggers: ['trig_stress'],
      pain: 3,
    });
  });

  it('an answers file from before the new questions still works', async () => {
    const old = {
      red_flags: ['none'],
      duration: '7w',
      pain: 4,
      symptoms: ['sym_stiff', 'sym_arm_pain'],
      location: ['loc_upper_back'],
      onset: 'onset_gradual',
      course: 'course_same',
      assessed: 'assessed_no',
      triggers: ['trig_desk'],
      impact: 'impact_some',
    };
    const r = await run(['--json', 'check', '--answers', writeAnswers(old), '--no-save']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).answers).toMatchObject(old);
  });

  it('flags override the file', async () => {
    const r = await run(['--json', 'check', '--answers', writeAnswers(answers), '--pain', '9', '--red-flag', 'rf_gca']);
    const doc = JSON.parse(r.stdout);
    expect(doc.answers.pain).toBe(9);
    expect(doc.answers.red_flags).toEqual(['rf_gca']);
    expect(doc.triage.level).toBe('urgent');
  });

  it('a file can be completed by flags', async () => {
    const r = await run(['--json', 'check', '--answers', writeAnswers({ red_flags: ['none'] }), '--duration', '1w', '--pain', '2']);
    expect(r.code).toBe(0);
  });
});

describe('check errors (exit 2, one line naming the field)', () => {
  const fails = async (argv: string[], message: RegExp, options: { stdin?: string } = {}) => {
    const r = await run(argv, options);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr.split('\n')[0]).toMatch(/^neckcoach: /);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(r.stdout).toBe('');
    return r;
  };

  it('nothing given and no terminal: names the missing answers and the flags', async () => {
    const r = await fails(['check'], /missing required answers: red_flags, duration, pain/);
    expect(r.stderr).toMatch(/--no-red-flags.*--duration <span>.*--pain <0-10>.*--answers/);
  });
  it('only pain missing', () => fails(['check', '--no-red-flags', '--duration', '3w'], /missing required answers: pain\n.*--pain <0-10>/));
  it('malformed JSON in a file', () =>
    fails(['check', '--answers', writeAnswers('{"pain": 4,')], /answers in .*answers\.json are not valid JSON/));
  it('malformed JSON on stdin', () =>
    fails(['check', '--answers', '-'], /answers in standard input are not valid JSON/, { stdin: 'nope' }));
  it('empty stdin', () => fails(['check', '--answers', '-'], /answers in standard input are empty/, { stdin: '' }));
  it('a file that does not exist', () =>
    fails(['check', '--answers', path.join('/nonexistent', 'a.json')], /cannot read the answers file .*no such file/));
  it('a directory for a file', () => fails(['check', '--answers', '/tmp'], /it is a directory/));
  it('a JSON array', () => fails(['check', '--answers', writeAnswers([1])], /must be a JSON object/));
  it('an unknown key in the file', () =>
    fails(
      ['check', '--answers', writeAnswers({ red_flags: ['none'], duration: '3w', pain: 3, trigers: ['trig_desk'] })],
      /unknown question "trigers".*\n.*did you mean "triggers"/,
    ));
  it('an unknown id in the file', () =>
    fails(
      ['check', '--answers', writeAnswers({ red_flags: ['rf_cardiak'], duration: '3w', pain: 3 })],
      /"red_flags" in .*: "rf_cardiak" is not one of its answers\n.*rf_cardiac/,
    ));
  it('an unknown id in a flag', () =>
    fails(['check', ...MINIMUM, '--symptom', 'sym_stif'], /--symptom: "sym_stif" is not one of its answers\n.*sym_stiff/));
  it('an unknown red flag', () => fails(['check', '--red-flag', 'rf_nope', '--duration', '3w', '--pain', '4'], /--red-flag: "rf_nope"/));
  it('pain out of range', () =>
    fails(['check', '--no-red-flags', '--duration', '3w', '--pain', '11'], /--pain must be a whole number from 0 to 10, not 11/));
  it('pain not a number', () =>
    fails(['check', '--no-red-flags', '--duration', '3w', '--pain', 'bad'], /--pain must be a number from 0 to 10, not "bad"/));
  it('pain between two numbers', () =>
    fails(
      ['check', '--no-red-flags', '--duration', '3w', '--pain', '4.5'],
      /--pain takes a whole number: 4\.5 is between 4 and 5\n.*pick whichever of 4 or 5/,
    ));
  it('pain out of range in a file', () =>
    fails(
      ['check', '--answers', writeAnswers({ red_flags: ['none'], duration: '3w', pain: 12 })],
      /"pain" in .* must be a whole number from 0 to 10, not 12/,
    ));
  it('a bad duration', () =>
    fails(['check', '--no-red-flags', '--duration', 'soon', '--pain', '4'], /--duration "soon" is not a symptom duration/));
  it('a bare m duration', () =>
    fails(['check', '--no-red-flags', '--duration', '3m', '--pain', '4'], /--duration "3m" is ambiguous\n.*3mo/));
  it('a bad duration in a file', () =>
    fails(
      ['check', '--answers', writeAnswers({ red_flags: ['none'], duration: '2 fortnights', pain: 4 })],
      /"duration" in .* is not a symptom duration/,
    ));
  it('red flags contradicting', () =>
    fails(['check', '--no-red-flags', '--red-flag', 'rf_gca', '--duration', '3w', '--pain', '4'], /contradict/));
  it('empty red flags in a file', () =>
    fails(['check', '--answers', writeAnswers({ red_flags: [], duration: '3w', pain: 4 })], /is empty\n.*\["none"\]/));
  it('a short id that could be several', () =>
    fails(
      ['check', '--duration', '3w', '--pain', '4', '--red-flag', 'history'],
      /--red-flag: "history" could be "rf_cancer_history" or "rf_risk_history"/,
    ));
  it('one answer given twice by the same flag', () =>
    fails(
      ['check', ...MINIMUM, '--onset', 'gradual', '--onset', 'woke_with_it'],
      /--onset was given 2 times \("gradual", "woke_with_it"\); "onset" takes one answer/,
    ));
  it('one answer given by two flags', () =>
    fails(
      ['check', '--no-red-flags', '--duration', '3w', '--answer', 'pain=5', '--pain', '3'],
      /--pain and --answer pain both answer "pain" \(3 and 5\)/,
    ));
  it('--answer with an unknown question', () =>
    fails(['check', ...MINIMUM, '--answer', 'asessed=assessed_yes'], /unknown question "asessed"\n.*assessed/));
  it('nothing is saved after an error', async () => {
    await run(['check', '--no-red-flags', '--duration', '3w', '--pain', '11']);
    expect(() => statSync(path.join(home, 'data', 'history.jsonl'))).toThrow();
  });
});
