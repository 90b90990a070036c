import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runInProcess, tempHome } from '../helpers/cli.js';

let home: string;
let cleanup: () => void;
beforeEach(() => ({ home, cleanup } = tempHome()));
afterEach(() => cleanup());
const run = (argv: string[], stdin?: string) => runInProcess(argv, { env: { NECKCOACH_HOME: home }, stdin });

interface QuestionDoc {
  id: string;
  kind: string;
  required: boolean;
  answers?: { id: string; label: string }[];
  min?: number;
  max?: number;
}

describe('questions', () => {
  it('--json has the design §6 shape', async () => {
    const r = await run(['questions', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.schemaVersion).toBe(1);
    expect(doc.redFlags.length).toBe(17);
    for (const f of doc.redFlags) expect(Object.keys(f).sort()).toEqual(['group', 'id', 'question', 'urgency', 'whom']);
    for (const e of doc.escalations) expect(e).toMatchObject({ id: expect.any(String), all: expect.any(Array), any: expect.any(Array), level: expect.any(String), reason: expect.any(String) });
    expect(doc.escalations.find((e: { id: string }) => e.id === 'adv_not_improving').none).toEqual(['assessed_yes', 'pain_0']);
    const ids = doc.questions.map((q: QuestionDoc) => q.id);
    expect(ids[0]).toBe('red_flags');
    expect(ids).toEqual(expect.arrayContaining(['symptoms', 'duration', 'pain']));
    expect(doc.questions.filter((q: QuestionDoc) => q.required).map((q: QuestionDoc) => q.id)).toEqual(['red_flags', 'duration', 'pain']);
    expect(doc.questions.find((q: QuestionDoc) => q.id === 'pain')).toMatchObject({ kind: 'number', min: 0, max: 10 });
  });

  it('an answers file built from questions --json is accepted by check (every id round-trips)', async () => {
    const { questions } = JSON.parse((await run(['questions', '--json'])).stdout) as { questions: QuestionDoc[] };
    const answers: Record<string, unknown> = { red_flags: ['none'], duration: '3w', pain: 4 };
    for (const q of questions) {
      if (q.kind === 'multi' && q.id !== 'red_flags') answers[q.id] = q.answers!.map((a) => a.id);
      if (q.kind === 'single') answers[q.id] = q.answers!.at(-1)!.id;
    }
    const r = await run(['--json', 'check', '--answers', '-', '--no-save'], JSON.stringify(answers));
    expect(r.code, r.stderr).toBe(0);
    const every = questions.find((q) => q.id === 'red_flags')!.answers!.map((a) => a.id).filter((id) => id !== 'none');
    const flagged = await run(['--json', 'check', '--answers', '-', '--no-save'], JSON.stringify({ ...answers, red_flags: every }));
    expect(JSON.parse(flagged.stdout).triage.level).toBe('emergency');
  });

  it('the human list shows every red-flag and answer id', async () => {
    const r = await run(['questions']);
    expect(r.code).toBe(0);
    for (const id of ['rf_stroke_signs', 'rf_age_onset', 'sym_stiff', 'trig_desk', 'assessed_yes', 'duration', 'pain']) expect(r.stdout).toContain(id);
    expect(r.stdout.indexOf('rf_stroke_signs')).toBeLessThan(r.stdout.indexOf('sym_stiff'));
  });

  it('takes no argument', async () => {
    const r = await run(['questions', 'extra']);
    expect(r.code).toBe(2);
  });
});
