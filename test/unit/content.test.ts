import { readFileSync } from 'node:fs';
import { toJsonSchema } from '@valibot/to-json-schema';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CATALOGUE_FILES,
  DERIVED_FACTS,
  type Catalogue,
  type CatalogueFileName,
  type EscalationRule,
  type Part,
  type Routine,
  type Step,
  type UserRoutine,
  CatalogueSchema,
  UserRoutineSchema,
} from '../../src/content/schema.js';
import { buildTimeline, capExcess } from '../../src/core/timeline.js';
import {
  CatalogueError,
  claimProblems,
  programmeProblems,
  routineProblems,
  schemaProblems,
  validateCatalogue,
  validateCatalogueFiles,
  type CatalogueFiles,
} from '../../src/content/validate.js';
import { findById, loadCatalogue } from '../../src/content/catalogue.js';
import { fullQuestion } from '../../src/render/check.js';
import { CliError, ExitCode } from '../../src/errors.js';

const readFiles = (): CatalogueFiles =>
  Object.fromEntries(
    (Object.keys(CATALOGUE_FILES) as CatalogueFileName[]).map((name) => [
      name,
      JSON.parse(readFileSync(new URL(`../../data/${name}`, import.meta.url), 'utf8')) as unknown,
    ]),
  ) as CatalogueFiles;

let c: Catalogue;
beforeAll(() => {
  c = validateCatalogueFiles(readFiles());
});

const byId = <T extends { id: string }>(list: readonly T[], id: string): T => {
  const found = list.find((x) => x.id === id);
  if (!found) throw new Error(`missing ${id}`);
  return found;
};

/** Planned seconds of a step: reps × seconds plus rests between reps, per side, plus a rest between sides. */
function stepSeconds(step: Step, override: Omit<Part, 'routine'> = {}): number {
  const seconds = override.seconds ?? step.seconds;
  const reps = step.kind === 'timed' ? 1 : (override.reps ?? step.reps ?? 1);
  const rest = step.rest ?? 0;
  const sides = step.sides ? 2 : 1;
  return sides * (reps * seconds + (reps - 1) * rest) + (sides - 1) * rest;
}
function routineSeconds(routine: Routine): number {
  if (routine.steps) return routine.steps.reduce((sum, s) => sum + stepSeconds(s), 0);
  return (routine.parts ?? []).reduce(
    (sum, part) => sum + (byId(c.routines, part.routine).steps ?? []).reduce((t, s) => t + stepSeconds(s, part), 0),
    0,
  );
}

/** Sum of a cause's signal weights over a set of facts. */
const score = (causeId: string, facts: readonly string[]) =>
  byId(c.causes, causeId).signals.reduce((sum, s) => sum + (facts.includes(s.when) ? s.weight : 0), 0);
const ranked = (facts: readonly string[]) =>
  [...c.causes].map((x) => ({ id: x.id, score: score(x.id, facts) })).sort((a, b) => b.score - a.score);

const fires = (rule: EscalationRule, facts: readonly string[]) =>
  (rule.all ?? []).every((f) => facts.includes(f)) &&
  (!rule.any || rule.any.some((f) => facts.includes(f))) &&
  !(rule.none ?? []).some((f) => facts.includes(f));
const firing = (facts: readonly string[]) => c.escalations.filter((r) => fires(r, facts)).map((r) => `${r.id}:${r.level}`);

/** Every string in a value, with its path. */
function strings(node: unknown, path = ''): [string, string][] {
  if (typeof node === 'string') return [[path, node]];
  if (Array.isArray(node)) return node.flatMap((x, i) => strings(x, `${path}[${i}]`));
  if (node !== null && typeof node === 'object') return Object.entries(node).flatMap(([k, x]) => strings(x, path ? `${path}.${k}` : k));
  return [];
}

describe('data files', () => {
  const files = readFiles();
  it.each(Object.keys(CATALOGUE_FILES) as CatalogueFileName[])('%s matches its schema', (name) => {
    expect(schemaProblems(CATALOGUE_FILES[name], files[name], name)).toEqual([]);
  });

  it('assemble into a catalogue whose cross-references all resolve', () => {
    expect(() => validateCatalogueFiles(files)).not.toThrow();
  });

  it('every record cites at least one known source', () => {
    const records = [
      ...c.causes,
      ...c.mechanisms,
      ...c.techniques,
      ...c.routines,
      ...c.tips,
      ...c.redFlags,
      ...c.escalations,
      ...c.plans,
      c.evidencePlan,
      c.safety.stopRules,
      c.safety.neverPress,
      c.safety.gentleOnly,
      c.safety.disclaimer,
      c.safety.claims,
      ...Object.values(c.safety.levels),
    ];
    const known = new Set(c.sources.map((s) => s.id));
    for (const r of records) {
      expect(r.sources.length).toBeGreaterThan(0);
      for (const s of r.sources) expect(known).toContain(s);
    }
  });

  it('cites the seed article and every source of the clinical reference', () => {
    const ids = c.sources.map((s) => s.id);
    expect(byId(c.sources, 'kaly-massage-neck-pain')).toMatchObject({ kind: 'article', publisher: 'Kaly' });
    expect(byId(c.sources, 'kaly-massage-neck-pain').url).toBeUndefined();
    expect(ids.length).toBeGreaterThanOrEqual(29);
  });
});

describe('the loader', () => {
  it('returns the same, validated catalogue every time', async () => {
    const first = await loadCatalogue();
    expect(await loadCatalogue()).toBe(first);
    expect(first).toEqual(c);
  });

  it('findById returns a record or a usage error suggesting the closest ids', () => {
    expect(findById(c.routines, 'chin-tucks', 'routine').title).toBe('Chin tucks');
    let error: unknown;
    try {
      findById(c.routines, 'chin-tuk', 'routine');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CliError);
    expect(error).toMatchObject({ message: 'unknown routine "chin-tuk"', exitCode: ExitCode.Usage });
    expect((error as CliError).hint).toContain('"chin-tucks"');
  });
});

describe('validation reports every problem with its path', () => {
  it('names the file and field of a schema error', () => {
    const files = readFiles();
    const routines = structuredClone(files['routines.json']) as { steps?: { seconds: number }[] }[];
    routines[0]!.steps![0]!.seconds = 0;
    expect(() => validateCatalogueFiles({ ...files, 'routines.json': routines })).toThrow(/routines\.json\[0\]\.steps\[0\]\.seconds/);
  });

  it('converts to JSON Schema, which the package ships for user routine files', () => {
    expect(toJsonSchema(UserRoutineSchema)).toMatchObject({ type: 'object', additionalProperties: false });
    expect(() => toJsonSchema(CatalogueSchema)).not.toThrow();
  });

  it('rejects blank or padded text', () => {
    const files = readFiles();
    const tips = structuredClone(files['tips.json']) as { title: string }[];
    tips[0]!.title = ' ';
    tips[1]!.title = 'Padded ';
    expect(() => validateCatalogueFiles({ ...files, 'tips.json': tips })).toThrow(/tips\.json\[0\]\.title[\s\S]*tips\.json\[1\]\.title/);
  });

  it('lists all broken references at once', () => {
    const broken = structuredClone(c) as Catalogue;
    broken.causes[0]!.sources = ['no-such-source'];
    broken.causes[1]!.signals[0]!.when = 'sym_nonsense';
    byId(broken.routines, 'desk-break').gentle = false;
    broken.tips[0]!.triggers = ['sym_stiff'];
    let error: unknown;
    try {
      validateCatalogue(broken);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CatalogueError);
    const problems = (error as CatalogueError).problems.join('\n');
    expect(problems).toContain('causes[0].sources[0]: unknown source "no-such-source"');
    expect(problems).toContain('causes[1].signals[0].when: unknown fact "sym_nonsense"');
    expect(problems).toMatch(/routines\[\d+\]\.gentle: a session is gentle exactly when all its parts are/);
    expect(problems).toContain('tips[0].triggers[0]: "sym_stiff" is not an answer of the "triggers" question');
  });

  it('checks user routines with the same rules', () => {
    const lookup = (id: string) => c.routines.find((r) => r.id === id);
    const session: UserRoutine = {
      id: 'mine',
      title: 'Mine',
      summary: 'x',
      kind: 'session',
      gentle: true,
      setup: [],
      cautions: [],
      parts: [{ routine: 'tennis-ball-release' }, { routine: 'nope' }],
    };
    expect(routineProblems(session, 'mine.json', lookup)).toEqual([
      'mine.json.parts[1].routine: unknown routine "nope"',
      'mine.json.gentle: a session is gentle exactly when all its parts are (expected false)',
    ]);
  });
});

describe('ids and facts', () => {
  it('answer ids are globally unique, prefixed by their question and distinct from flags and derived facts', () => {
    const prefixes: Record<string, string> = {
      symptoms: 'sym_',
      location: 'loc_',
      onset: 'onset_',
      pattern: 'pattern_',
      course: 'course_',
      assessed: 'assessed_',
      triggers: 'trig_',
      impact: 'impact_',
      medicines: 'meds_',
    };
    const answers = c.questions.flatMap((q) => (q.answers ?? []).map((a) => ({ q: q.id, id: a.id })));
    expect(new Set(answers.map((a) => a.id)).size).toBe(answers.length);
    for (const a of answers) expect(a.id.startsWith(prefixes[a.q] ?? '?')).toBe(true);
    const others = new Set<string>([...DERIVED_FACTS, ...c.redFlags.map((r) => r.id)]);
    for (const a of answers) expect(others.has(a.id)).toBe(false);
  });

  it('questions come in the agreed order (pain before duration, which no pain makes unneeded), with duration and pain the only required ones', () => {
    expect(c.questions.map((q) => q.id)).toEqual([
      'symptoms',
      'location',
      'onset',
      'pattern',
      'pain',
      'duration',
      'course',
      'assessed',
      'triggers',
      'impact',
      'medicines',
    ]);
    expect(c.questions.filter((q) => q.required).map((q) => q.id)).toEqual(['pain', 'duration']);
    expect(byId(c.questions, 'duration').kind).toBe('duration');
    expect(byId(c.questions, 'pain')).toMatchObject({ kind: 'number', min: 0, max: 10 });
    expect(byId(c.questions, 'assessed').answers?.map((a) => a.id)).toEqual(['assessed_yes', 'assessed_no']);
    expect(byId(c.questions, 'course').answers?.map((a) => a.id)).toEqual(['course_better', 'course_same', 'course_worse']);
  });

  it('nerve symptoms: arm and leg tingling, numbness and weakness, electric shocks, and the nerve red flags; nothing else', () => {
    expect([...byId(c.facts, 'nerve_symptom').from].sort()).toEqual([
      'rf_arm_weakness',
      'rf_cord_acute',
      'rf_myelopathy',
      'rf_radicular',
      'sym_both_arms',
      'sym_electric',
      'sym_leg_numbness',
      'sym_leg_weakness',
      'sym_numbness',
      'sym_tingling',
      'sym_weakness',
    ]);
  });

  it('a sudden onset during a twist, or after a massage or manipulation, is one fact the artery rules name', () => {
    expect(byId(c.facts, 'artery_onset').from).toEqual(['onset_sudden_movement', 'onset_after_manipulation']);
  });
});

describe('red flags (clinical reference §2)', () => {
  const expected: Record<string, string> = {
    rf_stroke_signs: 'emergency',
    rf_sudden_severe_headache: 'emergency',
    rf_meningitis: 'emergency',
    rf_trauma_major: 'emergency',
    rf_cord_acute: 'emergency',
    rf_cardiac: 'emergency',
    rf_myelopathy: 'urgent',
    rf_arm_weakness: 'urgent',
    rf_infection: 'urgent',
    rf_cancer_history: 'urgent',
    rf_gca: 'urgent',
    rf_radicular: 'soon',
    rf_systemic: 'soon',
    rf_risk_history: 'soon',
    rf_inflammatory: 'soon',
    rf_trauma_minor: 'soon',
    rf_age_onset: 'soon',
    // Added after review (clinical reference §2 "further rules").
    rf_stroke_signs_passed: 'urgent',
    rf_exertional: 'urgent',
    rf_neck_lump: 'soon',
  };

  it('has all 20, each with the right urgency', () => {
    expect(Object.fromEntries(c.redFlags.map((r) => [r.id, r.urgency]))).toEqual(expected);
  });

  it('each says whom to see, when and what to do', () => {
    for (const r of c.redFlags) {
      expect(r.whom.length).toBeGreaterThan(3);
      expect(r.when.length).toBeGreaterThan(2);
      expect(r.advice.length).toBeGreaterThan(20);
      expect(r.question).toMatch(/\?$/);
    }
  });

  it('age conditions live inside the question; major trauma says to keep the neck still', () => {
    expect(fullQuestion(byId(c.redFlags, 'rf_gca'))).toMatch(/aged 50 or over/);
    expect(fullQuestion(byId(c.redFlags, 'rf_trauma_major'))).toMatch(/65 or older/);
    expect(byId(c.redFlags, 'rf_trauma_major').note).toMatch(/still/);
    expect(byId(c.redFlags, 'rf_age_onset').question).toMatch(/under 20 or over 55/);
  });

  it('labels lead with symptoms a person recognises, not a diagnosis', () => {
    const diagnoses = /\b(stroke|meningitis|myelopathy|arteritis|radicul|cancer screen|heart attack|angina|dissection)\b/i;
    for (const r of c.redFlags) expect(r.label, r.id).not.toMatch(diagnoses);
    expect(byId(c.redFlags, 'rf_stroke_signs').label).toMatch(
      /^Sudden dizziness, double vision, slurred speech, a drooping face or one-sided weakness$/,
    );
  });

  it('stroke signs cover now and the past week, a drooping eyelid or small pupil, a whooshing ear and unsteady walking', () => {
    const now = fullQuestion(byId(c.redFlags, 'rf_stroke_signs'));
    expect(now).toMatch(/eyelid/);
    expect(now).toMatch(/pupil smaller/);
    expect(now).toMatch(/whooshing/);
    expect(now).toMatch(/unsteadiness when walking/);
    expect(byId(c.redFlags, 'rf_stroke_signs_passed').question).toMatch(/day and a week ago.*go away again.*whooshing/);
  });

  it('light hurting the eyes counts only with a fever, or a headache with a stiff neck', () => {
    const sign = byId(c.redFlags, 'rf_meningitis').signs!.find((s) => /light/i.test(s))!;
    expect(sign).toMatch(/together with a fever, or with a headache and a stiff neck/);
  });

  it('long questions are split into short signs', () => {
    for (const r of c.redFlags) for (const sign of r.signs ?? []) expect(sign.length, r.id).toBeLessThanOrEqual(110);
    expect(byId(c.redFlags, 'rf_stroke_signs').signs!.length).toBeGreaterThanOrEqual(6);
  });

  it('spread over 3 screen pages: emergencies (and passed stroke signs, read beside them) first', () => {
    expect(c.redFlagGroups).toHaveLength(3);
    const first = c.redFlagGroups[0]!.id;
    for (const r of c.redFlags) expect(r.group === first, r.id).toBe(r.urgency === 'emergency' || r.id === 'rf_stroke_signs_passed');
  });
});

describe('escalation rules and advisories', () => {
  it.each([
    [['rf_cancer_history', 'nerve_symptom'], ['esc_cancer_nerve:emergency']],
    [['rf_infection', 'nerve_symptom'], ['esc_infection_nerve:emergency']],
    [
      ['rf_gca', 'sym_vision'],
      ['esc_gca_vision:emergency', 'esc_dizzy_vision:soon'],
    ],
    [['rf_stroke_signs_passed', 'artery_onset'], ['esc_artery_passed:emergency']],
    [
      ['artery_onset', 'sym_dizziness'],
      ['esc_artery_signs:urgent', 'esc_dizzy_vision:soon'],
    ],
    [['artery_onset', 'sym_headache'], []],
    [['sym_vision'], ['esc_dizzy_vision:soon']],
    [['sym_dizziness'], ['esc_dizzy_vision:soon']],
    [['sym_weakness', 'nerve_symptom'], ['esc_arm_weakness:urgent']],
    [['sym_leg_numbness', 'nerve_symptom'], ['esc_legs:urgent']],
    [['sym_electric', 'nerve_symptom'], ['esc_legs:urgent']],
    [['rf_risk_history', 'rf_trauma_minor'], ['esc_risk_injury:urgent']],
    [
      ['rf_risk_history', 'onset_after_injury', 'stage_acute'],
      ['esc_risk_injury_onset:urgent', 'esc_recent_injury:soon'],
    ],
    [['rf_risk_history', 'onset_after_injury', 'stage_chronic'], []],
    [['sym_tingling', 'nerve_symptom'], ['esc_arm_nerve:soon']],
    [['sym_arm_pain'], ['esc_arm_nerve:soon']],
    [['loc_front'], ['esc_front_of_neck:soon']],
    [['loc_front', 'rf_neck_lump'], []],
    [['loc_top_of_shoulders', 'loc_upper_back', 'loc_jaw_head'], []],
    [['rf_gca'], []],
    [['sym_both_arms', 'nerve_symptom'], ['esc_both_arms:urgent']],
    [
      ['sym_both_arms', 'sym_tingling', 'nerve_symptom'],
      ['esc_both_arms:urgent', 'esc_arm_nerve:soon'],
    ],
    // Stable desk stiffness is advice, never a referral; only a worsening course or severe pain raise the level.
    [['dur_2w_plus', 'dur_6w_plus', 'course_same'], ['adv_not_improving:self-care']],
    [['dur_2w_plus', 'dur_6w_plus', 'course_better'], []],
    [['dur_2w_plus', 'dur_6w_plus', 'course_same', 'assessed_yes'], []],
    [['dur_2w_plus', 'dur_6w_plus', 'course_same', 'pain_0'], []],
    [['dur_2w_plus', 'course_same'], []],
    [['dur_2w_plus', 'course_worse'], ['adv_worsening:soon']],
    [['dur_2w_plus', 'course_worse', 'assessed_yes'], ['adv_worsening:soon']],
    [['dur_2w_plus', 'course_worse', 'pain_0'], []],
    [['course_worse'], []],
    [['pain_8_plus'], ['adv_severe:soon']],
    [['pain_moderate', 'impact_stops_despite_painkillers'], ['adv_severe:soon']],
    [['pain_moderate', 'impact_some'], []],
    [['meds_blood_thinner'], ['adv_blood_thinner:self-care']],
  ])('%j fires %j', (facts, expected) => {
    expect(firing(facts)).toEqual(expected);
  });

  it('advisories raise to soon at most, and adv_not_improving never raises at all', () => {
    for (const r of c.escalations.filter((x) => x.id.startsWith('adv_'))) expect(['soon', 'self-care']).toContain(r.level);
    expect(byId(c.escalations, 'adv_not_improving').level).toBe('self-care');
    expect(c.escalations.filter((x) => x.level === 'self-care').every((x) => x.id.startsWith('adv_'))).toBe(true);
  });
});

describe('causes', () => {
  it('are the six from the article', () => {
    expect(c.causes.map((x) => x.id)).toEqual([
      'poor-posture',
      'muscle-overuse',
      'sudden-injury',
      'age-related',
      'inflammation',
      'nerve-compression',
    ]);
  });

  it.each(['poor-posture', 'muscle-overuse', 'sudden-injury', 'age-related', 'inflammation', 'nerve-compression'])(
    '%s is top-ranked, alone, for one of its own signals',
    (id) => {
      const reaching = byId(c.causes, id).signals.filter((s) => {
        if (s.weight <= 0) return false;
        const [top, second] = ranked([s.when]);
        return top?.id === id && top.score > (second?.score ?? -Infinity);
      });
      expect(reaching.length).toBeGreaterThan(0);
    },
  );

  it.each([
    ['poor-posture', ['trig_desk', 'trig_phone', 'onset_gradual', 'sym_ache', 'loc_back_of_neck', 'stage_acute', 'pain_mild']],
    ['muscle-overuse', ['sym_knots', 'sym_stiff', 'trig_stress', 'loc_top_of_shoulders', 'onset_after_activity', 'pain_moderate']],
    ['muscle-overuse', ['onset_woke_with_it', 'sym_stiff', 'sym_sharp', 'stage_acute']],
    ['sudden-injury', ['onset_after_injury', 'sym_sharp', 'sym_stiff', 'stage_acute', 'trig_desk']],
    ['age-related', ['sym_clicking', 'sym_stiff', 'onset_gradual', 'stage_chronic', 'dur_6w_plus']],
    ['inflammation', ['sym_swelling', 'sym_morning_stiff', 'stage_subacute']],
    ['nerve-compression', ['sym_tingling', 'nerve_symptom', 'loc_arm', 'trig_desk', 'onset_gradual']],
  ])('answers pointing to %s rank it first', (id, facts) => {
    const [top, second] = ranked(facts);
    expect(top?.id).toBe(id);
    expect(top!.score).toBeGreaterThan(second!.score);
  });

  it("every reason is written about the person's answer", () => {
    for (const cause of c.causes) for (const s of cause.signals) expect(s.why).toMatch(/^(You|It|Your)\b/);
  });
});

describe('techniques', () => {
  it("include the article's ten professional techniques and self-care ones", () => {
    const professional = c.techniques.filter((t) => t.kind === 'professional').map((t) => t.id);
    expect(professional).toEqual([
      'swedish',
      'deep-tissue',
      'trigger-point',
      'mobilization',
      'therapist-stretching',
      'heat',
      'cold',
      'traction',
      'shiatsu',
      'craniosacral',
    ]);
    expect(c.techniques.filter((t) => t.kind === 'self-care').length).toBeGreaterThanOrEqual(3);
  });

  it('keep traction and deep pressure with professionals, and no heat on a fresh injury', () => {
    expect(byId(c.techniques, 'traction').professionalOnly).toBe(true);
    expect(byId(c.techniques, 'deep-tissue').professionalOnly).toBe(true);
    const heatAvoid = byId(c.techniques, 'heat').avoid ?? [];
    expect(heatAvoid).toContainEqual(expect.objectContaining({ when: 'onset_after_injury', also: ['stage_acute'] }));
    expect(byId(c.techniques, 'deep-tissue').cautions.join(' ')).toMatch(/throat or the sides of the neck/);
  });

  it('are honest that exercise has better evidence than massage', () => {
    expect(byId(c.techniques, 'stretch-and-strengthen').evidence).toBe('moderate');
    for (const t of c.techniques.filter((x) => x.kind === 'professional')) expect(t.evidence).not.toBe('moderate');
  });
});

describe('routines', () => {
  const moves = ['neck-rotations', 'chin-tucks', 'side-neck-stretch', 'upper-back-massage', 'suboccipital-release', 'tennis-ball-release'];
  const gentle = new Set(['neck-rotations', 'chin-tucks', 'side-neck-stretch']);

  it('has the six moves, only three of them gentle', () => {
    for (const id of moves) {
      const r = byId(c.routines, id);
      expect(r.kind).toBe('move');
      expect(r.gentle).toBe(gentle.has(id));
    }
  });

  it('every routine is runnable: positive seconds, reps of at least 1, sessions made of moves', () => {
    for (const r of c.routines) {
      expect(routineSeconds(r)).toBeGreaterThan(0);
      for (const s of r.steps ?? []) {
        expect(s.seconds).toBeGreaterThan(0);
        expect(s.reps ?? 1).toBeGreaterThanOrEqual(1);
        expect(s.cue.length).toBeLessThanOrEqual(90);
      }
      for (const p of r.parts ?? []) {
        expect(byId(c.routines, p.routine).kind).toBe('move');
        expect(p.reps ?? 1).toBeGreaterThanOrEqual(1);
        expect(p.seconds ?? 1).toBeGreaterThan(0);
      }
    }
  });

  it('a session is gentle exactly when all its parts are', () => {
    for (const r of c.routines.filter((x) => x.kind === 'session')) {
      expect(r.gentle).toBe((r.parts ?? []).every((p) => byId(c.routines, p.routine).gentle));
    }
  });

  it.each([
    ['desk-break', 90, 150, true],
    ['gentle', 180, 270, true],
    ['morning', 240, 360, undefined],
    ['evening-release', 480, 720, undefined],
  ] as const)('%s lasts about as long as its name says', (id, min, max, mustBeGentle) => {
    const r = byId(c.routines, id);
    expect(r.kind).toBe('session');
    expect(routineSeconds(r)).toBeGreaterThanOrEqual(min);
    expect(routineSeconds(r)).toBeLessThanOrEqual(max);
    if (mustBeGentle) expect(r.gentle).toBe(true);
  });

  /** Dose limits of clinical-reference §5, checked on each move and each session's overrides. */
  const limits: Record<string, (s: Step, o: Omit<Part, 'routine'>) => void> = {
    'chin-tucks': (s, o) => {
      expect(s.kind).toBe('hold');
      expect(o.seconds ?? s.seconds).toBeGreaterThanOrEqual(5);
      expect(o.seconds ?? s.seconds).toBeLessThanOrEqual(10);
      expect(o.reps ?? s.reps).toBeGreaterThanOrEqual(5);
      expect(o.reps ?? s.reps).toBeLessThanOrEqual(10);
    },
    'neck-rotations': (s, o) => {
      expect(o.reps ?? s.reps).toBeGreaterThanOrEqual(5);
      expect(o.reps ?? s.reps).toBeLessThanOrEqual(10);
    },
    'side-neck-stretch': (s, o) => {
      const seconds = o.seconds ?? s.seconds;
      expect(s.sides).toBe(true);
      expect(seconds).toBeGreaterThanOrEqual(10);
      expect(seconds).toBeLessThanOrEqual(30);
      expect(seconds * (o.reps ?? s.reps ?? 1)).toBeLessThanOrEqual(60);
    },
    'upper-back-massage': (s, o) => {
      expect(s.sides).toBe(true);
      expect(o.seconds ?? s.seconds).toBeGreaterThanOrEqual(60);
      expect(o.seconds ?? s.seconds).toBeLessThanOrEqual(90);
    },
    'suboccipital-release': (s, o) => {
      expect(o.seconds ?? s.seconds).toBeGreaterThanOrEqual(60);
      expect(o.seconds ?? s.seconds).toBeLessThanOrEqual(120);
    },
    'tennis-ball-release': (s, o) => {
      expect(o.seconds ?? s.seconds).toBeGreaterThanOrEqual(30);
      expect(o.seconds ?? s.seconds).toBeLessThanOrEqual(60);
    },
  };

  it('keeps every dose within the clinical reference caps, including session overrides', () => {
    for (const id of moves) {
      const move = byId(c.routines, id);
      for (const s of move.steps ?? []) limits[id]!(s, {});
      for (const session of c.routines.filter((r) => r.kind === 'session')) {
        for (const part of session.parts ?? []) if (part.routine === id) for (const s of move.steps ?? []) limits[id]!(s, part);
      }
    }
    const ball = byId(c.routines, 'tennis-ball-release');
    const spots = (ball.steps ?? []).reduce((n, s) => n + (s.sides ? 2 : 1), 0);
    expect(spots).toBeGreaterThanOrEqual(2);
    expect(spots).toBeLessThanOrEqual(4);
  });

  it('the side stretch warns against pulling with the hand when there are arm symptoms', () => {
    expect(byId(c.routines, 'side-neck-stretch').cautions.join(' ')).toMatch(/arm.*no pulling with your hand/);
  });

  it('figures are plain printable ASCII within 12 lines by 30 columns', () => {
    for (const r of c.routines) {
      for (const s of r.steps ?? []) {
        for (const frame of s.figure ?? []) {
          expect(frame.length).toBeLessThanOrEqual(12);
          for (const line of frame) expect(line).toMatch(/^[\x20-\x7e]{0,30}$/);
        }
      }
    }
  });
});

describe('plans', () => {
  it('split stages at 42 and 85 days: exactly 6 and 12 weeks are subacute', () => {
    const range = (stage: string) => c.plans.find((p) => p.stage === stage)?.range;
    expect(range('acute')).toEqual({ minDays: 0, maxDays: 41 });
    expect(range('subacute')).toEqual({ minDays: 42, maxDays: 84 });
    expect(range('chronic')).toEqual({ minDays: 85, maxDays: null });
    expect(range('maintenance')).toBeNull();
  });

  it("turn the article's guidance into calendars, and keep the studied dose beside it", () => {
    const cal = Object.fromEntries(c.plans.map((p) => [p.stage, [p.calendar.perWeek, p.calendar.weeks]]));
    expect(cal).toEqual({ acute: [2, 3], subacute: [1, 6], chronic: [0.5, 12], maintenance: [0.25, 24] });
    expect(c.evidencePlan.calendar).toEqual({ perWeek: 3, weeks: 4, minutes: 60 });
    expect(c.sessionMinutes).toEqual({ min: 30, max: 90 });
    for (const p of c.plans) expect(p.guidance).toMatch(/general guidance/i);
    expect(byId(c.sources, 'sherman-2014')).toBeDefined();
    expect(c.plans.find((p) => p.stage === 'chronic')?.sources).toContain('sherman-2014');
  });
});

describe('tips', () => {
  it("include the article's eight lifestyle changes, tied to the triggers they address", () => {
    const article = [
      'mind-posture',
      'take-breaks',
      'limit-device-use',
      'ergonomic-setup',
      'daily-exercises',
      'heat-or-cold',
      'sleep-setup',
      'see-a-doctor',
    ];
    expect(c.tips.map((t) => t.id)).toEqual(expect.arrayContaining(article));
    const triggers = new Set(byId(c.questions, 'triggers').answers?.map((a) => a.id));
    const covered = new Set(c.tips.flatMap((t) => t.triggers));
    for (const t of triggers) if (t !== 'trig_none') expect(covered).toContain(t);
    expect(byId(c.tips, 'take-breaks').routine).toBe('desk-break');
  });

  it('add what a physiotherapist would, each with a source beyond the article', () => {
    const physio = [
      'flare-up-plan',
      'stay-at-work',
      'no-soft-collar',
      'drive-when-you-can-turn',
      'no-phone-clamp',
      'glasses-and-screen',
      'share-the-load',
    ];
    for (const id of physio) expect(byId(c.tips, id).sources.filter((s) => s !== 'kaly-massage-neck-pain').length, id).toBeGreaterThan(0);
    // The flare-up rule is the programme's: a rise of 2 or less that settles by the next morning is fine.
    expect(byId(c.tips, 'flare-up-plan').summary).toMatch(/2 points or less that has settled by the next morning/);
    expect(byId(c.tips, 'flare-up-plan').facts).toContain('pattern_recurring');
  });
});

describe('safety texts', () => {
  it('give whom, when, what, the next step and what is held back for every triage level, and gate routines by level', () => {
    for (const level of Object.values(c.safety.levels)) expect(level.next.length + level.holdsBack.length).toBeGreaterThan(10);
    const { levels } = c.safety;
    expect(Object.keys(levels)).toEqual(['emergency', 'urgent', 'soon', 'self-care']);
    expect([levels.emergency.routines, levels.urgent.routines, levels.soon.routines, levels['self-care'].routines]).toEqual([
      'none',
      'none',
      'gentle',
      'any',
    ]);
    expect(levels.emergency.text).toMatch(/emergency number/);
  });

  it('the disclaimer points to the emergency number and to a clinician', () => {
    const text = [c.safety.disclaimer.short, ...c.safety.disclaimer.lines].join(' ');
    expect(text).toMatch(/emergency number/);
    expect(text).toMatch(/not medical advice|does not give medical advice/);
    expect(text).toMatch(/health condition or a recent injury/);
  });

  it('no user-facing text makes a forbidden claim', () => {
    const avoid = c.safety.claims.avoid.map((w) => w.toLowerCase());
    const pattern = new RegExp(`\\b(${avoid.map((w) => w.replace(/ /g, '\\s+')).join('|')})\\b`, 'i');
    const { sources: _citations, safety, ...rest } = c;
    const { claims: _words, ...safetyText } = safety;
    const offenders = strings({ ...rest, safety: safetyText }).filter(([, s]) => pattern.test(s));
    expect(offenders).toEqual([]);
  });
});

describe('strengthening (clinical reference §5)', () => {
  const resolve = (id: string) => c.routines.find((r) => r.id === id);
  const strong = ['chin-nods', 'shoulder-blade-rows', 'band-lateral-raises', 'wall-angels'];

  it('has the four moves, each with set-up, cue, figure, cautions and sources, on strength', () => {
    for (const id of strong) {
      const r = byId(c.routines, id);
      expect(r).toMatchObject({ kind: 'move' });
      expect(r.topics).toContain('strength');
      expect(r.setup.length).toBeGreaterThan(0);
      expect(r.cautions.length).toBeGreaterThan(1);
      for (const s of r.steps ?? []) expect(s.figure?.length).toBeGreaterThan(0);
    }
    // Chin nods are a low-load hold; the band and wall work loads the shoulders.
    expect(strong.map((id) => byId(c.routines, id).gentle)).toEqual([true, false, false, false]);
  });

  it('the band moves work with a band or without, and never ask for shrugging or lifting above the shoulder', () => {
    for (const id of ['shoulder-blade-rows', 'band-lateral-raises'])
      expect(byId(c.routines, id).setup.join(' ')).toMatch(/without one|No band/);
    expect(byId(c.routines, 'shoulder-blade-rows').cautions.join(' ')).toMatch(/no shrugging/);
    expect(byId(c.routines, 'band-lateral-raises').cautions.join(' ')).toMatch(/no higher than your shoulders/);
  });

  it('strengthen is not gentle, lasts about 6 minutes, and every programme level stays within 5½ and 9 minutes and the caps', () => {
    const strengthen = byId(c.routines, 'strengthen');
    expect(strengthen.gentle).toBe(false);
    const seconds = (parts: Routine['parts']) => buildTimeline({ ...strengthen, parts }, { resolve }).total / 1000;
    expect(seconds(strengthen.parts)).toBeGreaterThanOrEqual(330);
    expect(seconds(strengthen.parts)).toBeLessThanOrEqual(480);
    const programme = byId(c.programmes, 'strengthen');
    expect(programme).toMatchObject({ routine: 'strengthen', perWeek: 3, weeksPerLevel: 2 });
    expect(programme.levels).toHaveLength(4);
    for (const level of programme.levels) {
      expect(seconds(level.parts)).toBeGreaterThanOrEqual(330);
      expect(seconds(level.parts)).toBeLessThanOrEqual(540);
      expect(capExcess(buildTimeline({ ...strengthen, parts: level.parts }, { resolve }))).toEqual([]);
    }
  });

  it('chin nods build from 5 × 5 s to 10 × 10 s; rows and raises stay within 3 × 15', () => {
    const levels = byId(c.programmes, 'strengthen').levels;
    const part = (i: number, id: string) => levels[i]!.parts.find((p) => p.routine === id)!;
    expect([part(0, 'chin-nods'), part(3, 'chin-nods')].map((p) => [p.reps, p.seconds])).toEqual([
      [5, 5],
      [10, 10],
    ]);
    for (const level of levels) {
      for (const p of level.parts.filter((x) => ['shoulder-blade-rows', 'band-lateral-raises'].includes(x.routine))) {
        expect(p.sets ?? 1).toBeLessThanOrEqual(3);
        expect(p.reps).toBeLessThanOrEqual(15);
      }
    }
  });
});

describe('safer moves', () => {
  it('massage stops if it turns sharp; the ball stays below the top of the shoulder and off the spine; the skull release stops at the bump', () => {
    expect(byId(c.routines, 'upper-back-massage').cautions.join(' ')).toMatch(/stop if it becomes sharp/);
    const ball = byId(c.routines, 'tennis-ball-release');
    expect(ball.cautions.join(' ')).toMatch(/below the top of the shoulder.*two fingers’ width away from the spine/);
    expect(ball.setup.join(' ')).toMatch(/below the top of your shoulder/);
    expect(byId(c.routines, 'suboccipital-release').cautions.join(' ')).toMatch(/bony bump behind each ear, and stop there/);
  });

  it('neck turns take 10–12 s a rep', () => {
    for (const s of byId(c.routines, 'neck-rotations').steps ?? []) {
      expect(s.seconds).toBeGreaterThanOrEqual(10);
      expect(s.seconds).toBeLessThanOrEqual(12);
    }
  });

  it('the side stretch has a hands-in-lap version for arm symptoms, which names no chair hold', () => {
    const [variant] = byId(c.routines, 'side-neck-stretch').variants ?? [];
    expect(variant?.when).toEqual(expect.arrayContaining(['sym_tingling', 'sym_numbness', 'sym_arm_pain', 'rf_radicular']));
    expect(JSON.stringify(variant)).not.toMatch(/hold the seat/);
    expect(variant?.setup?.join(' ')).toMatch(/hands resting loosely in your lap/);
  });
});

describe('claims (no source cited for a claim it does not support)', () => {
  it('every routine and technique passes', () => expect(claimProblems(c)).toEqual([]));

  it('a stretching session citing the band-exercise trial fails', () => {
    const routines = c.routines.map((r) => (r.id === 'desk-break' ? { ...r, sources: [...r.sources, 'andersen-2011'] } : r));
    expect(claimProblems({ ...c, routines })).toEqual([
      expect.stringMatching(/^routines\[\d+\]\.sources\[3\]: "andersen-2011" backs no claim/),
    ]);
  });

  it('a move-specific claim needs that move: the band trial cannot back rows alone', () => {
    const routines = c.routines.map((r) => (r.id === 'shoulder-blade-rows' ? { ...r, sources: [...r.sources, 'andersen-2011'] } : r));
    expect(claimProblems({ ...c, routines })).toHaveLength(1);
  });

  it('a technique claims only topics its routines work on', () => {
    const techniques = c.techniques.map((t) => (t.id === 'self-massage' ? { ...t, topics: [...t.topics, 'strength' as const] } : t));
    expect(claimProblems({ ...c, techniques })).toContainEqual(expect.stringMatching(/none of its routines works on "strength"/));
  });

  it('the check-in suggests a programme that exists, and level 1 is the session as it stands', () => {
    expect(programmeProblems(c)).toEqual([]);
    expect(programmeProblems({ ...c, programme: { ...c.programme, id: 'nope' } })).toEqual(['programme.id: unknown programme "nope"']);
    const levels = byId(c.programmes, 'strengthen').levels.map((l, i) => (i === 0 ? { ...l, parts: l.parts.slice(1) } : l));
    expect(programmeProblems({ ...c, programmes: [{ ...byId(c.programmes, 'strengthen'), levels }] })).toHaveLength(2);
  });

  it('stretching and strengthening now has a routine that strengthens', () => {
    expect(byId(c.techniques, 'stretch-and-strengthen').routines).toContain('strengthen');
  });
});
