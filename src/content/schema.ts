/**
 * The one schema for the content catalogue (data/*.json).
 *
 * Tests and the build validate the data with these schemas; at run time the loader uses the
 * inferred TYPES only (`import type`), so browsing never loads valibot (design §7).
 *
 * Id conventions
 * - Content records (causes, mechanisms, techniques, routines, steps, tips, sources): kebab-case,
 *   e.g. `poor-posture`, `chin-tucks`.
 * - Facts (question ids, answer ids, red-flag ids, escalation ids, derived facts): snake_case.
 *   Every answer id is globally unique and prefixed by its question (`sym_stiff`,
 *   `loc_upper_back`, `onset_after_injury`, `trig_desk`, `course_worse`, `assessed_yes`).
 *   Red-flag ids are the `rf_*` ids of clinical-reference §2. Escalation rules are `esc_*`;
 *   advisories are escalation rules whose id starts with `adv_`.
 *
 * Facts: matching and triage work on a flat set of fact ids: the chosen answer ids, the reported
 * red-flag ids and the DERIVED_FACTS below, which the core computes from the answers.
 */
import * as v from 'valibot';

// ---------------------------------------------------------------- enums and constants

export const LEVELS = ['emergency', 'urgent', 'soon', 'self-care'] as const;
/** Triage level, most severe first. */
export type Level = (typeof LEVELS)[number];

export const URGENCIES = ['emergency', 'urgent', 'soon'] as const;
/** The level a red flag or escalation rule raises triage to (never self-care). */
export type Urgency = (typeof URGENCIES)[number];

export const STAGES = ['acute', 'subacute', 'chronic', 'maintenance'] as const;
export type Stage = (typeof STAGES)[number];

export const EVIDENCE_GRADES = ['moderate', 'low', 'very-low', 'uncertain'] as const;
export type EvidenceGrade = (typeof EVIDENCE_GRADES)[number];

export const SOURCE_KINDS = ['article', 'guideline', 'study', 'review', 'policy'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export const QUESTION_KINDS = ['single', 'multi', 'number', 'duration'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export const STEP_KINDS = ['hold', 'reps', 'timed'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/**
 * What a move works on, and what a claim is about. A session's topics are its moves' topics plus
 * `breaks` when it is a break from the screen. The claims table says which topics each source
 * supports, so a routine or technique never cites a source for something it does not do.
 */
export const TOPICS = [
  'mobility',
  'posture',
  'stretch',
  'strength',
  'massage',
  'breaks',
  'heat-cold',
  'manual-therapy',
  'traction',
  'relaxation',
] as const;
export type Topic = (typeof TOPICS)[number];
/** Topics a session may declare itself; the rest come from its moves. */
export const SESSION_TOPICS = ['breaks'] as const satisfies readonly Topic[];

/**
 * Facts the core computes from the duration and pain answers (not answer ids themselves). Facts
 * that are "any of these answers" (e.g. `nerve_symptom`) are data: `facts` in questions.json.
 * - stage_*: the stage from the duration (see plans.json ranges) or maintenance when pain is 0
 * - dur_2w_plus: duration >= 14 days; dur_6w_plus: duration >= 42 days
 * - pain_0: 0; pain_mild: 1-3; pain_moderate: 4-7; pain_8_plus: >= 8
 */
export const DERIVED_FACTS = [
  'stage_acute',
  'stage_subacute',
  'stage_chronic',
  'stage_maintenance',
  'dur_2w_plus',
  'dur_6w_plus',
  'pain_0',
  'pain_mild',
  'pain_moderate',
  'pain_8_plus',
] as const;
export type DerivedFact = (typeof DERIVED_FACTS)[number];

/** Any fact id: an answer id, a red-flag id or a DerivedFact. */
export type FactId = string;

/** Size limits of one ASCII figure frame. */
export const FIGURE_MAX_LINES = 12;
export const FIGURE_MAX_COLS = 30;

// ---------------------------------------------------------------- building blocks

const KEBAB_ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const SNAKE_ID = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;

/** A content record id: kebab-case. */
export const KebabIdSchema = v.pipe(v.string(), v.regex(KEBAB_ID, 'must be kebab-case, e.g. "chin-tucks"'));
/** A fact id: snake_case. */
export const FactIdSchema = v.pipe(v.string(), v.regex(SNAKE_ID, 'must be snake_case, e.g. "sym_stiff"'));

// A check, not a transform (no v.trim), so the schema converts to JSON Schema for user files.
const Text = v.pipe(v.string(), v.regex(/^\S(?:[\s\S]*\S)?$/, 'must not be empty or start or end with spaces'));
const TextList = v.array(Text);
const Sources = v.pipe(v.array(KebabIdSchema), v.minLength(1, 'cite at least one source'));
const PositiveInt = v.pipe(v.number(), v.integer(), v.minValue(1));
const NonNegativeInt = v.pipe(v.number(), v.integer(), v.minValue(0));

// ---------------------------------------------------------------- sources.json

export const SourceSchema = v.strictObject({
  id: KebabIdSchema,
  title: Text,
  authors: v.optional(Text),
  publisher: v.optional(Text),
  year: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1900), v.maxValue(2100))),
  url: v.optional(v.pipe(v.string(), v.url())),
  kind: v.picklist(SOURCE_KINDS),
  /** What this source supports in neckcoach, or why it is weak. */
  note: v.optional(Text),
});
export type Source = v.InferOutput<typeof SourceSchema>;

// ---------------------------------------------------------------- questions.json

export const AnswerSchema = v.strictObject({
  id: FactIdSchema,
  label: Text,
});
export type Answer = v.InferOutput<typeof AnswerSchema>;

/**
 * One question. `single`/`multi` have `answers`; `number` has `min`/`max`; `duration` takes a
 * symptom duration such as "3d", "2w", "4mo", "1y" (design §7).
 */
export const QuestionSchema = v.strictObject({
  id: FactIdSchema,
  text: Text,
  kind: v.picklist(QUESTION_KINDS),
  required: v.boolean(),
  help: v.optional(Text),
  answers: v.optional(v.pipe(v.array(AnswerSchema), v.minLength(2))),
  min: v.optional(v.number()),
  max: v.optional(v.number()),
});
export type Question = v.InferOutput<typeof QuestionSchema>;

/** One page of the red-flag screen; each page needs an explicit "none of these". */
export const RedFlagGroupSchema = v.strictObject({
  id: FactIdSchema,
  title: Text,
  intro: Text,
});
export type RedFlagGroup = v.InferOutput<typeof RedFlagGroupSchema>;

export const RedFlagSchema = v.strictObject({
  /** `rf_*`, exactly the ids of clinical-reference §2; also a fact id. */
  id: FactIdSchema,
  group: FactIdSchema,
  /** Short name for lists and reasons, leading with symptoms a person recognises, not a diagnosis. */
  label: Text,
  /** Yes/no question in plain language, carrying its own age condition where there is one. */
  question: Text,
  /** The signs the question asks about, one short line each (a long question split up). */
  signs: v.optional(TextList),
  urgency: v.picklist(URGENCIES),
  whom: Text,
  when: Text,
  advice: Text,
  /** Extra instruction, e.g. keep the neck still. */
  note: v.optional(Text),
  sources: Sources,
});
export type RedFlag = v.InferOutput<typeof RedFlagSchema>;

/**
 * A fact that stands for any of several answers or red flags (`nerve_symptom`: tingling,
 * numbness, weakness, walking or bladder change), so rules can name the group once.
 */
export const FactSchema = v.strictObject({
  id: FactIdSchema,
  /** What it means, for people reading `questions --json`. */
  meaning: Text,
  /** Present when any of these answer or red-flag ids is. */
  from: v.pipe(v.array(FactIdSchema), v.minLength(1)),
});
export type Fact = v.InferOutput<typeof FactSchema>;

/**
 * A rule over fact ids. It fires when every `all` fact is present, at least one `any` fact is
 * present (when `any` is given) and no `none` fact is present. Advisories are rules whose id
 * starts with `adv_`; an advisory at level `self-care` is advice only: it never raises the level
 * or gates anything (design §7).
 */
export const EscalationRuleSchema = v.strictObject({
  id: FactIdSchema,
  all: v.optional(v.array(FactIdSchema)),
  any: v.optional(v.array(FactIdSchema)),
  none: v.optional(v.array(FactIdSchema)),
  level: v.picklist(LEVELS),
  /** Why, written for the person. */
  reason: Text,
  sources: Sources,
});
export type EscalationRule = v.InferOutput<typeof EscalationRuleSchema>;

/** data/questions.json */
export const QuestionsFileSchema = v.strictObject({
  redFlagGroups: v.array(RedFlagGroupSchema),
  redFlags: v.array(RedFlagSchema),
  /** In the order they are asked, after the red-flag screen. */
  questions: v.array(QuestionSchema),
  /** Facts standing for any of several answers, named by rules, signals and avoid rules. */
  facts: v.array(FactSchema),
  /** Escalation rules and advisories (`adv_*`). */
  escalations: v.array(EscalationRuleSchema),
});
export type QuestionsFile = v.InferOutput<typeof QuestionsFileSchema>;

// ---------------------------------------------------------------- causes.json, mechanisms.json

export const SignalSchema = v.strictObject({
  /** A fact id. */
  when: FactIdSchema,
  /** Added to the cause's score when the fact is present; may be negative. */
  weight: v.number(),
  /** Written in terms of the person's answer, e.g. "You said the pain began after a fall." */
  why: Text,
});
export type Signal = v.InferOutput<typeof SignalSchema>;

export const CauseSchema = v.strictObject({
  id: KebabIdSchema,
  title: Text,
  summary: Text,
  explanation: Text,
  signals: v.pipe(v.array(SignalSchema), v.minLength(1)),
  /** Technique ids that suit this cause. */
  techniques: v.array(KebabIdSchema),
  /** Routine ids that suit this cause (moves or sessions). */
  routines: v.array(KebabIdSchema),
  /** When this needs a professional rather than self-care. */
  professional: Text,
  sources: Sources,
});
export type Cause = v.InferOutput<typeof CauseSchema>;

export const MechanismSchema = v.strictObject({
  id: KebabIdSchema,
  title: Text,
  summary: Text,
  sources: Sources,
});
export type Mechanism = v.InferOutput<typeof MechanismSchema>;

// ---------------------------------------------------------------- techniques.json

export const AvoidSchema = v.strictObject({
  /** A fact id: when present (together with every `also` fact), this technique is left out or
   * shown only with the reason. */
  when: FactIdSchema,
  also: v.optional(v.array(FactIdSchema)),
  why: Text,
});
export type Avoid = v.InferOutput<typeof AvoidSchema>;

export const TechniqueSchema = v.strictObject({
  id: KebabIdSchema,
  title: Text,
  kind: v.picklist(['professional', 'self-care']),
  /** What it is about: each source it cites must support a claim on one of these (claims.json). */
  topics: v.pipe(v.array(v.picklist(TOPICS)), v.minLength(1)),
  summary: Text,
  mayHelp: Text,
  causes: v.array(KebabIdSchema),
  cautions: TextList,
  /** Only a trained professional should do this; never offered as something to do at home. */
  professionalOnly: v.boolean(),
  evidence: v.picklist(EVIDENCE_GRADES),
  evidenceNote: Text,
  avoid: v.optional(v.array(AvoidSchema)),
  /** Routines that put a self-care technique into practice. */
  routines: v.optional(v.array(KebabIdSchema)),
  sources: Sources,
});
export type Technique = v.InferOutput<typeof TechniqueSchema>;

// ---------------------------------------------------------------- routines.json

const FigureFrame = v.pipe(
  v.array(v.pipe(v.string(), v.maxLength(FIGURE_MAX_COLS, `a figure line is at most ${FIGURE_MAX_COLS} columns`))),
  v.minLength(1),
  v.maxLength(FIGURE_MAX_LINES, `a figure frame is at most ${FIGURE_MAX_LINES} lines`),
);

/**
 * One step of a move.
 * - hold: `seconds` is one hold, repeated `reps` times
 * - reps: `seconds` is one repetition, repeated `reps` times
 * - timed: `seconds` is the time per side (with `sides`) or in total
 * With `sides`, the whole step runs on the left, then on the right. `rest` is the pause in
 * seconds between reps and between sides. Planned length, in seconds:
 * sides × (reps × seconds + (reps − 1) × rest) + (sides − 1) × rest, with sides 1 or 2 and
 * reps 1 for a timed step.
 */
export const StepSchema = v.strictObject({
  id: KebabIdSchema,
  title: Text,
  kind: v.picklist(STEP_KINDS),
  seconds: PositiveInt,
  reps: v.optional(PositiveInt),
  sides: v.optional(v.boolean()),
  rest: v.optional(NonNegativeInt),
  /** One short line a person can follow with eyes closed. */
  cue: Text,
  cues: v.optional(TextList),
  caution: v.optional(Text),
  /** One or more ASCII frames (several where the movement helps). */
  figure: v.optional(v.pipe(v.array(FigureFrame), v.minLength(1))),
  /** Free text for user routines; not shown while running. */
  notes: v.optional(v.string()),
});
export type Step = v.InferOutput<typeof StepSchema>;

/**
 * A part of a session: a move, with optional overrides applied to every step of that move
 * (`reps` to hold and reps steps only; `seconds` to every step). `sets` runs the move's steps
 * that many times, with SET_REST_SECONDS between sets (strengthening is done in sets).
 */
export const PartSchema = v.strictObject({
  routine: KebabIdSchema,
  reps: v.optional(PositiveInt),
  seconds: v.optional(PositiveInt),
  sets: v.optional(PositiveInt),
});
export type Part = v.InferOutput<typeof PartSchema>;

const routineEntries = {
  id: KebabIdSchema,
  title: Text,
  summary: Text,
  /** A move has `steps`; a session has `parts` (moves only). */
  kind: v.picklist(['move', 'session']),
  /** Safe for someone told "gentle movement only": no pressure, no deep kneading. A session is
   * gentle exactly when all its parts are. */
  gentle: v.boolean(),
  setup: TextList,
  cautions: TextList,
  steps: v.optional(v.pipe(v.array(StepSchema), v.minLength(1))),
  parts: v.optional(v.pipe(v.array(PartSchema), v.minLength(1))),
  notes: v.optional(v.string()),
};

/**
 * Another version of a built-in move for people whose latest check-in reported any of the `when`
 * facts (answer or red-flag ids): its fields replace the move's, and `steps` replaces the named
 * steps' cues and caution. The first variant that matches is used.
 */
export const VariantSchema = v.strictObject({
  id: KebabIdSchema,
  when: v.pipe(v.array(FactIdSchema), v.minLength(1)),
  /** Why this version, said to the person when it is used. */
  why: Text,
  setup: v.optional(TextList),
  cautions: v.optional(TextList),
  steps: v.optional(
    v.record(KebabIdSchema, v.strictObject({ cue: v.optional(Text), cues: v.optional(TextList), caution: v.optional(Text) })),
  ),
});
export type Variant = v.InferOutput<typeof VariantSchema>;

export const RoutineSchema = v.strictObject({
  ...routineEntries,
  /** A move's topics (required of built-in moves by the tests); a session's own (`breaks` only). */
  topics: v.optional(v.array(v.picklist(TOPICS))),
  variants: v.optional(v.array(VariantSchema)),
  sources: Sources,
});
export type Routine = v.InferOutput<typeof RoutineSchema>;

/**
 * A user routine file (config dir `routines/`): the same shape, with an optional `$schema` and
 * optional `sources` (a person's own routine cites nothing).
 */
export const UserRoutineSchema = v.strictObject({
  $schema: v.optional(v.string()),
  ...routineEntries,
  sources: v.optional(v.array(KebabIdSchema)),
});
export type UserRoutine = v.InferOutput<typeof UserRoutineSchema>;

// ---------------------------------------------------------------- plans.json

export const CalendarSchema = v.strictObject({
  /** Sessions per week; fractions allowed (0.5 = every 2 weeks, 0.25 = about monthly). */
  perWeek: v.pipe(v.number(), v.gtValue(0)),
  weeks: PositiveInt,
  minutes: PositiveInt,
});
export type Calendar = v.InferOutput<typeof CalendarSchema>;

/**
 * Inclusive day range of a stage, from the symptom duration: acute 0-41 days (under 6 weeks),
 * subacute 42-84 (6 weeks up to and including 12 weeks), chronic 85 and over (over 12 weeks).
 * `null` for maintenance, which is chosen by pain 0 or on request, not by duration.
 */
export const DayRangeSchema = v.strictObject({
  minDays: NonNegativeInt,
  maxDays: v.nullable(NonNegativeInt),
});
export type DayRange = v.InferOutput<typeof DayRangeSchema>;

export const PlanSchema = v.strictObject({
  stage: v.picklist(STAGES),
  title: Text,
  range: v.nullable(DayRangeSchema),
  /** The article's frequency, shown as general guidance. */
  guidance: Text,
  /** Machine-readable version of `guidance` for calendar files. */
  calendar: CalendarSchema,
  /** Honest note on what the evidence does and does not show. */
  evidence: Text,
  /** What to do between sessions. */
  between: TextList,
  sources: Sources,
});
export type Plan = v.InferOutput<typeof PlanSchema>;

/** The studied dose for chronic neck pain (`plan --evidence`). */
export const EvidencePlanSchema = v.strictObject({
  title: Text,
  calendar: CalendarSchema,
  note: Text,
  sources: Sources,
});
export type EvidencePlan = v.InferOutput<typeof EvidencePlanSchema>;

/** A sourced paragraph the plan shows beside the article's table. */
const EvidenceNoteSchema = v.strictObject({ title: Text, text: Text, sources: Sources });
export type EvidenceNote = v.InferOutput<typeof EvidenceNoteSchema>;

/** What the plan says besides the table: the evidence for recent pain, the short-visit caveat, our own numbers. */
export const EvidenceNotesSchema = v.strictObject({
  /** For pain under 3 months (acute and subacute): what the evidence supports instead of massage alone. */
  recent: EvidenceNoteSchema,
  /** 30-minute visits did no better than a wait list. */
  shortVisits: EvidenceNoteSchema,
  /** Which numbers are neckcoach's own suggestions rather than the article's or a study's. */
  ownNumbers: EvidenceNoteSchema,
});

/**
 * The strengthening programme, suggested for recurring or long-lasting pain with no flags
 * (design §7). `id` names a programme (`neckcoach programme start <id>`), checked against the
 * catalogue's programmes when it has them.
 */
export const ProgrammeSuggestionSchema = v.strictObject({
  id: KebabIdSchema,
  title: Text,
  /** Suggested when any of these facts is present. */
  when: v.pipe(v.array(FactIdSchema), v.minLength(1)),
  text: Text,
  sources: Sources,
});
export type ProgrammeSuggestion = v.InferOutput<typeof ProgrammeSuggestionSchema>;

/** Follow-up check-ins, in whole weeks after this one (a calendar event says to run `neckcoach check`). */
export const RecheckSchema = v.strictObject({
  weeks: v.pipe(v.array(PositiveInt), v.minLength(1)),
  text: Text,
  sources: Sources,
});
export type Recheck = v.InferOutput<typeof RecheckSchema>;

/** data/plans.json */
export const PlansFileSchema = v.strictObject({
  plans: v.array(PlanSchema),
  evidencePlan: EvidencePlanSchema,
  evidenceNotes: EvidenceNotesSchema,
  programme: ProgrammeSuggestionSchema,
  recheck: RecheckSchema,
  /** Usual length of one professional session, in minutes. */
  sessionMinutes: v.strictObject({ min: PositiveInt, max: PositiveInt }),
});
export type PlansFile = v.InferOutput<typeof PlansFileSchema>;

// ---------------------------------------------------------------- tips.json

export const TipSchema = v.strictObject({
  id: KebabIdSchema,
  title: Text,
  summary: Text,
  detail: Text,
  /** Answer ids of the `triggers` question this tip addresses. */
  triggers: v.array(FactIdSchema),
  /** Other facts that call for this tip (e.g. `pattern_recurring` for the flare-up plan). */
  facts: v.optional(v.array(FactIdSchema)),
  causes: v.array(KebabIdSchema),
  /** A routine that puts the tip into practice. */
  routine: v.optional(KebabIdSchema),
  sources: Sources,
});
export type Tip = v.InferOutput<typeof TipSchema>;

// ---------------------------------------------------------------- safety.json

export const LevelAdviceSchema = v.strictObject({
  title: Text,
  whom: Text,
  when: Text,
  text: Text,
  /** The one next step, shown with the verdict before any detail. */
  next: Text,
  /** What this level holds back (README, check output). */
  holdsBack: Text,
  /** May gentle routines run at this level (soon: gentle only). */
  routines: v.picklist(['any', 'gentle', 'none']),
  sources: Sources,
});
export type LevelAdvice = v.InferOutput<typeof LevelAdviceSchema>;

export const SafetySchema = v.strictObject({
  /** Shown before every routine. */
  stopRules: v.strictObject({
    title: Text,
    intro: Text,
    signs: TextList,
    /** What to do when a stroke sign appears or symptoms do not settle. */
    emergency: Text,
    /** What to do otherwise after stopping. */
    otherwise: Text,
    /** Mild discomfort that is expected. */
    expected: Text,
    /** The one-line reminder shown instead of the full rules once they have been read today. */
    short: Text,
    sources: Sources,
  }),
  neverPress: v.strictObject({ title: Text, places: TextList, sources: Sources }),
  gentleOnly: v.strictObject({ title: Text, conditions: TextList, advice: Text, sources: Sources }),
  levels: v.strictObject({
    emergency: LevelAdviceSchema,
    urgent: LevelAdviceSchema,
    soon: LevelAdviceSchema,
    'self-care': LevelAdviceSchema,
  }),
  disclaimer: v.strictObject({
    /** One line for --help and banners. */
    short: Text,
    lines: TextList,
    sources: Sources,
  }),
  claims: v.strictObject({
    /** Heading over the ranked causes. */
    causesHeading: Text,
    /** Words and phrases no user-facing text may use (checked by tests). */
    avoid: TextList,
    sources: Sources,
  }),
});
export type Safety = v.InferOutput<typeof SafetySchema>;

// ---------------------------------------------------------------- claims.json

/** What one or more sources support, in our words, and on which topics. */
export const ClaimSchema = v.strictObject({
  id: KebabIdSchema,
  text: Text,
  topics: v.pipe(v.array(v.picklist(TOPICS)), v.minLength(1)),
  /** When the claim is about particular moves: only a routine or technique with one of them may cite it for this. */
  moves: v.optional(v.array(KebabIdSchema)),
  sources: Sources,
});
export type Claim = v.InferOutput<typeof ClaimSchema>;

// ---------------------------------------------------------------- programmes.json

/** One level of a programme: the session's parts at this level and what changes. */
export const ProgrammeLevelSchema = v.strictObject({
  title: Text,
  /** What is harder than the level before, in a line. */
  changes: Text,
  /** Which band, if any: shown at the start of each session. */
  band: Text,
  parts: v.pipe(v.array(PartSchema), v.minLength(1)),
});
export type ProgrammeLevel = v.InferOutput<typeof ProgrammeLevelSchema>;

/**
 * A progressive programme (design §7 Programme): levels of `weeksPerLevel` weeks, `perWeek`
 * sessions a week of the session `routine`, run at the current level's parts.
 */
export const ProgrammeSchema = v.strictObject({
  id: KebabIdSchema,
  title: Text,
  summary: Text,
  /** The built-in session it runs; its own parts are level 1's. */
  routine: KebabIdSchema,
  perWeek: PositiveInt,
  weeksPerLevel: PositiveInt,
  levels: v.pipe(v.array(ProgrammeLevelSchema), v.minLength(1)),
  sources: Sources,
});
export type Programme = v.InferOutput<typeof ProgrammeSchema>;

// ---------------------------------------------------------------- the catalogue

/** The whole catalogue, as the loader returns it (questions.json and plans.json are spread in). */
export const CatalogueSchema = v.strictObject({
  sources: v.array(SourceSchema),
  causes: v.array(CauseSchema),
  mechanisms: v.array(MechanismSchema),
  techniques: v.array(TechniqueSchema),
  routines: v.array(RoutineSchema),
  tips: v.array(TipSchema),
  redFlagGroups: v.array(RedFlagGroupSchema),
  redFlags: v.array(RedFlagSchema),
  questions: v.array(QuestionSchema),
  facts: v.array(FactSchema),
  escalations: v.array(EscalationRuleSchema),
  plans: v.array(PlanSchema),
  evidencePlan: EvidencePlanSchema,
  evidenceNotes: EvidenceNotesSchema,
  programme: ProgrammeSuggestionSchema,
  recheck: RecheckSchema,
  sessionMinutes: v.strictObject({ min: PositiveInt, max: PositiveInt }),
  safety: SafetySchema,
  claims: v.array(ClaimSchema),
  programmes: v.array(ProgrammeSchema),
});
export type Catalogue = v.InferOutput<typeof CatalogueSchema>;

/** Each data file and its schema; how the files assemble into a Catalogue. */
export const CATALOGUE_FILES = {
  'sources.json': v.array(SourceSchema),
  'causes.json': v.array(CauseSchema),
  'mechanisms.json': v.array(MechanismSchema),
  'techniques.json': v.array(TechniqueSchema),
  'routines.json': v.array(RoutineSchema),
  'tips.json': v.array(TipSchema),
  'questions.json': QuestionsFileSchema,
  'plans.json': PlansFileSchema,
  'safety.json': SafetySchema,
  'claims.json': v.array(ClaimSchema),
  'programmes.json': v.array(ProgrammeSchema),
} as const;
export type CatalogueFileName = keyof typeof CATALOGUE_FILES;
