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
    expect(doc.redFlags.length).toBe(20);
    for (const f of doc.redFlags)
      expect(
        Object.keys(f)
          .filter((k) => k !== 'signs')
          .sort(),
      ).toEqual(['group', 'id', 'label', 'question', 'urgency', 'whom']);
    // The whole question, its signs included, in one string.
    expect(doc.redFlags.find((f: { id: string }) => f.id === 'rf_stroke_signs').question).toMatch(/whooshing/);
    for (const e of doc.escalations)
      expect(e).toMatchObject({
        id: expect.any(String),
        all: expect.any(Array),
        any: expect.any(Array),
        level: expect.any(String),
        reason: expect.any(String),
      });
    expect(doc.escalations.find((e: { id: string }) => e.id === 'adv_not_improving')).toMatchObject({
      level: 'self-care',
      none: ['assessed_yes', 'pain_0', 'course_better'],
    });
    const ids = doc.questions.map((q: QuestionDoc) => q.id);
    expect(ids[0]).toBe('red_flags');
    expect(ids).toEqual(expect.arrayContaining(['symptoms', 'duration', 'pain']));
    expect(doc.questions.filter((q: QuestionDoc) => q.required).map((q: QuestionDoc) => q.id)).toEqual(['red_flags', 'pain', 'duration']);
    expect(doc.questions.find((q: QuestionDoc) => q.id === 'pain')).toMatchObject({ kind: 'number', min: 0, max: 10 });
  });

  it('lists every id a rule can name: an answer, a red flag or a fact with what it comes from', async () => {
    const doc = JSON.parse((await run(['questions', '--json'])).stdout);
    const facts = new Map<string, { meaning: string; from: string[] }>(
      doc.facts.map((f: { id: string; meaning: string; from: string[] }) => [f.id, f]),
    );
    for (const id of ['nerve_symptom', 'stage_acute', 'dur_2w_plus', 'dur_6w_plus', 'pain_8_plus'])
      expect(facts.get(id)?.meaning, id).toEqual(expect.any(String));
    expect(facts.get('dur_6w_plus')!.from).toEqual(['duration']);
    expect(facts.get('nerve_symptom')!.from).toContain('sym_leg_weakness');
    const answerIds = new Set<string>(doc.questions.flatMap((q: QuestionDoc) => (q.answers ?? []).map((a) => a.id)));
    for (const rule of doc.escalations) {
      for (const id of [...rule.all, ...rule.any, ...(rule.none ?? [])])
        expect(answerIds.has(id) || facts.has(id), `${rule.id}: ${id}`).toBe(true);
    }
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
    const every = questions
      .find((q) => q.id === 'red_flags')!
      .answers!.map((a) => a.id)
      .filter((id) => id !== 'none');
    const flagged = await run(['--json', 'check', '--answers', '-', '--no-save'], JSON.stringify({ ...answers, red_flags: every }));
    expect(JSON.parse(flagged.stdout).triage.level).toBe('emergency');
  });

  it('the human list shows every red-flag and answer id', async () => {
    const r = await run(['questions']);
    expect(r.code).toBe(0);
    for (const id of ['rf_stroke_signs', 'rf_age_onset', 'sym_stiff', 'trig_desk', 'assessed_yes', 'duration', 'pain'])
      expect(r.stdout).toContain(id);
    expect(r.stdout.indexOf('rf_stroke_signs')).toBeLessThan(r.stdout.indexOf('sym_stiff'));
  });

  it('takes no argument', async () => {
    const r = await run(['questions', 'extra']);
    expect(r.code).toBe(2);
  });
});
