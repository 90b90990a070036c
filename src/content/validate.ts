/**
 * Validation of the content catalogue: the schema (valibot) plus the cross-reference checks a
 * schema cannot express. Used by the tests and the build; never loaded for browsing (design §7).
 */
import * as v from 'valibot';
import {
  CATALOGUE_FILES,
  CatalogueSchema,
  DERIVED_FACTS,
  SESSION_TOPICS,
  STAGES,
  type Catalogue,
  type CatalogueFileName,
  type Routine,
  type Topic,
  type UserRoutine,
} from './schema.js';

/** Every problem found, each as `path: message`. */
export class CatalogueError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      `invalid catalogue (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'CatalogueError';
  }
}

/** The raw file contents, keyed by file name (`sources.json` …). */
export type CatalogueFiles = Record<CatalogueFileName, unknown>;

/** `causes[0].signals[1].weight` from a valibot issue path. */
function issuePath(prefix: string, issue: v.BaseIssue<unknown>): string {
  let out = prefix;
  for (const item of issue.path ?? []) {
    const key = (item as { key: unknown }).key;
    out += typeof key === 'number' ? `[${key}]` : out ? `.${String(key)}` : String(key);
  }
  return out || '(root)';
}

/** Schema problems of one value, as `path: message` lines. */
export function schemaProblems(schema: v.GenericSchema, value: unknown, prefix = ''): string[] {
  const result = v.safeParse(schema, value);
  return result.success ? [] : result.issues.map((issue) => `${issuePath(prefix, issue)}: ${issue.message}`);
}

/** questions.json and plans.json are spread into the catalogue; the others sit under their name. */
export function assembleCatalogue(files: CatalogueFiles): unknown {
  const object = (x: unknown) => (x !== null && typeof x === 'object' && !Array.isArray(x) ? x : {});
  return {
    sources: files['sources.json'],
    causes: files['causes.json'],
    mechanisms: files['mechanisms.json'],
    techniques: files['techniques.json'],
    routines: files['routines.json'],
    tips: files['tips.json'],
    ...object(files['questions.json']),
    ...object(files['plans.json']),
    safety: files['safety.json'],
    claims: files['claims.json'],
    programmes: files['programmes.json'],
  };
}

/** Validate the files one by one (paths name the file), then across files. Throws CatalogueError. */
export function validateCatalogueFiles(files: CatalogueFiles): Catalogue {
  const problems = (Object.keys(CATALOGUE_FILES) as CatalogueFileName[]).flatMap((name) =>
    schemaProblems(CATALOGUE_FILES[name], files[name], name),
  );
  if (problems.length > 0) throw new CatalogueError(problems);
  return validateCatalogue(assembleCatalogue(files));
}

/** Parse the assembled catalogue and check every cross-reference. Throws CatalogueError. */
export function validateCatalogue(raw: unknown): Catalogue {
  const result = v.safeParse(CatalogueSchema, raw);
  if (!result.success) throw new CatalogueError(result.issues.map((issue) => `${issuePath('', issue)}: ${issue.message}`));
  const problems = crossReferenceProblems(result.output);
  if (problems.length > 0) throw new CatalogueError(problems);
  return result.output;
}

/** What a routine needs to know about another routine it references. */
export type RoutineLookup = (id: string) => Pick<Routine, 'kind' | 'gentle'> | undefined;

/**
 * Structural problems of one routine (built-in or user): a move has steps, a session has parts
 * that name moves, a session is gentle exactly when all its parts are, step ids are unique.
 */
export function routineProblems(routine: Routine | UserRoutine, path: string, lookup: RoutineLookup): string[] {
  const problems: string[] = [];
  if (routine.kind === 'move') {
    if (!routine.steps) problems.push(`${path}.steps: a move needs steps`);
    if (routine.parts) problems.push(`${path}.parts: a move has steps, not parts`);
  } else {
    if (!routine.parts) problems.push(`${path}.parts: a session needs parts`);
    if (routine.steps) problems.push(`${path}.steps: a session has parts, not steps`);
  }
  duplicates((routine.steps ?? []).map((s) => s.id)).forEach((id) => problems.push(`${path}.steps: step id "${id}" is used twice`));
  (routine.steps ?? []).forEach((step, i) => {
    if (step.kind === 'timed' && step.reps !== undefined) {
      problems.push(`${path}.steps[${i}].reps: reps applies to hold and reps steps; a timed step runs once (per side)`);
    }
  });
  let allGentle = true;
  (routine.parts ?? []).forEach((part, i) => {
    const target = part.routine === routine.id ? undefined : lookup(part.routine);
    if (!target) {
      problems.push(`${path}.parts[${i}].routine: unknown routine "${part.routine}"`);
      allGentle = false;
    } else if (target.kind !== 'move') {
      problems.push(`${path}.parts[${i}].routine: "${part.routine}" is a session; a part must be a move`);
    } else if (!target.gentle) {
      allGentle = false;
    }
  });
  if (routine.kind === 'session' && routine.parts && routine.gentle !== allGentle) {
    problems.push(`${path}.gentle: a session is gentle exactly when all its parts are (expected ${allGentle})`);
  }
  return problems;
}

function duplicates(ids: readonly string[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const id of ids) (seen.has(id) ? twice : seen).add(id);
  return [...twice];
}

/** The moves a routine is made of (a move is made of itself). */
export function movesOf(routine: Pick<Routine, 'id' | 'kind' | 'parts'>): string[] {
  return routine.kind === 'move' ? [routine.id] : [...new Set((routine.parts ?? []).map((p) => p.routine))];
}

/** What a routine works on: a move's topics, or a session's moves' topics plus its own. */
export function routineTopics(routine: Routine, lookup: (id: string) => Routine | undefined): Topic[] {
  if (routine.kind === 'move') return routine.topics ?? [];
  return [...new Set([...movesOf(routine).flatMap((id) => lookup(id)?.topics ?? []), ...(routine.topics ?? [])])];
}

/**
 * No source cited for a claim it does not support: every source a technique or routine cites must
 * back a claim in claims.json on one of the record's topics (and, for a claim about particular
 * moves, the record must contain one of them). A technique's moves are its routines' moves, and
 * its topics must be ones its routines work on.
 */
export function claimProblems(c: Pick<Catalogue, 'claims' | 'routines' | 'techniques'>): string[] {
  const problems: string[] = [];
  const routinesById = new Map(c.routines.map((r) => [r.id, r] as const));
  const lookup = (id: string) => routinesById.get(id);
  const check = (path: string, sources: readonly string[], topics: readonly Topic[], moves: readonly string[]) => {
    sources.forEach((source, i) => {
      const backed = c.claims.some(
        (claim) =>
          claim.sources.includes(source) &&
          claim.topics.some((t) => topics.includes(t)) &&
          (!claim.moves || claim.moves.some((m) => moves.includes(m))),
      );
      if (!backed)
        problems.push(
          `${path}.sources[${i}]: "${source}" backs no claim in claims.json about ${topics.join(', ') || 'nothing'}${moves.length ? ` (${moves.join(', ')})` : ''}`,
        );
    });
  };
  c.routines.forEach((r, i) => check(`routines[${i}]`, r.sources, routineTopics(r, lookup), movesOf(r)));
  c.techniques.forEach((t, i) => {
    const routines = (t.routines ?? []).map(lookup).filter((r): r is Routine => r !== undefined);
    const moves = [...new Set(routines.flatMap(movesOf))];
    if (routines.length) {
      const offered = new Set(routines.flatMap((r) => routineTopics(r, lookup)));
      t.topics.forEach((topic, j) => {
        if (!offered.has(topic)) problems.push(`techniques[${i}].topics[${j}]: none of its routines works on "${topic}"`);
      });
    }
    check(`techniques[${i}]`, t.sources, t.topics, moves);
  });
  c.claims.forEach((claim, i) =>
    claim.moves?.forEach((id, j) => {
      if (routinesById.get(id)?.kind !== 'move') problems.push(`claims[${i}].moves[${j}]: "${id}" is not a move`);
    }),
  );
  return problems;
}

/**
 * A programme runs a built-in session; level 1 is that session as it stands, and every level uses
 * the same moves in the same order (only reps, seconds and sets change).
 */
export function programmeProblems(c: Pick<Catalogue, 'programmes' | 'routines' | 'programme'>): string[] {
  const problems: string[] = [];
  // The check-in suggests a programme by id (plans.json `programme`): it must be one that runs.
  if (!c.programmes.some((p) => p.id === c.programme.id)) problems.push(`programme.id: unknown programme "${c.programme.id}"`);
  c.programmes.forEach((programme, i) => {
    const path = `programmes[${i}]`;
    const session = c.routines.find((r) => r.id === programme.routine);
    if (session?.kind !== 'session') {
      problems.push(`${path}.routine: "${programme.routine}" is not a built-in session`);
      return;
    }
    const moves = (session.parts ?? []).map((p) => p.routine).join(',');
    programme.levels.forEach((level, j) => {
      if (level.parts.map((p) => p.routine).join(',') !== moves)
        problems.push(`${path}.levels[${j}].parts: must use the moves of "${session.id}" in its order`);
    });
    if (JSON.stringify(programme.levels[0]?.parts) !== JSON.stringify(session.parts)) {
      problems.push(`${path}.levels[0].parts: level 1 is "${session.id}" as it stands; make them the same`);
    }
  });
  return problems;
}

/** Every check a schema cannot express: unique ids, references, routines, questions, plans. */
export function crossReferenceProblems(c: Catalogue): string[] {
  const problems: string[] = [];
  const unique = (list: readonly { id: string }[], name: string) =>
    duplicates(list.map((x) => x.id)).forEach((id) => problems.push(`${name}: id "${id}" is used twice`));
  unique(c.sources, 'sources');
  unique(c.causes, 'causes');
  unique(c.mechanisms, 'mechanisms');
  unique(c.techniques, 'techniques');
  unique(c.routines, 'routines');
  unique(c.tips, 'tips');
  unique(c.redFlagGroups, 'redFlagGroups');
  unique(c.redFlags, 'redFlags');
  unique(c.questions, 'questions');
  unique(c.facts, 'facts');
  unique(c.escalations, 'escalations');
  unique(c.claims, 'claims');
  unique(c.programmes, 'programmes');

  const sourceIds = new Set(c.sources.map((s) => s.id));
  const causeIds = new Set(c.causes.map((x) => x.id));
  const techniqueIds = new Set(c.techniques.map((x) => x.id));
  const routinesById = new Map(c.routines.map((r) => [r.id, r] as const));
  const groupIds = new Set(c.redFlagGroups.map((g) => g.id));

  // Sources: every `sources` list anywhere in the catalogue (except the list of sources itself).
  const walk = (node: unknown, path: string): void => {
    if (Array.isArray(node)) node.forEach((x, i) => walk(x, `${path}[${i}]`));
    else if (node !== null && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        const here = path ? `${path}.${key}` : key;
        if (key === 'sources' && path !== '') {
          (value as string[]).forEach((id, i) => {
            if (!sourceIds.has(id)) problems.push(`${here}[${i}]: unknown source "${id}"`);
          });
        } else walk(value, here);
      }
    }
  };
  walk(c, '');

  // Facts: answer ids are globally unique and distinct from red-flag ids and derived facts.
  const facts = new Set<string>(DERIVED_FACTS);
  const answerIds: string[] = [];
  c.questions.forEach((q, qi) => {
    const path = `questions[${qi}]`;
    if (q.id === 'red_flags') problems.push(`${path}.id: "red_flags" is the red-flag screen, not a question`);
    const hasChoices = q.kind === 'single' || q.kind === 'multi';
    if (hasChoices && !q.answers) problems.push(`${path}.answers: a ${q.kind} question needs answers`);
    if (!hasChoices && q.answers) problems.push(`${path}.answers: a ${q.kind} question takes no answers`);
    if (q.kind === 'number') {
      if (q.min === undefined || q.max === undefined) problems.push(`${path}: a number question needs min and max`);
      else if (q.min >= q.max) problems.push(`${path}.min: must be below max`);
    } else if (q.min !== undefined || q.max !== undefined) {
      problems.push(`${path}: only a number question takes min and max`);
    }
    (q.answers ?? []).forEach((a, ai) => {
      if (a.id === 'none') problems.push(`${path}.answers[${ai}].id: "none" is reserved for the red-flag screen`);
      answerIds.push(a.id);
    });
  });
  duplicates(answerIds).forEach((id) => problems.push(`questions: answer id "${id}" is used twice`));
  for (const id of answerIds) {
    if (facts.has(id)) problems.push(`questions: answer id "${id}" clashes with a derived fact`);
    facts.add(id);
  }
  c.redFlags.forEach((rf, i) => {
    if (facts.has(rf.id)) problems.push(`redFlags[${i}].id: "${rf.id}" clashes with an answer id or derived fact`);
    facts.add(rf.id);
    if (!groupIds.has(rf.group)) problems.push(`redFlags[${i}].group: unknown red-flag group "${rf.group}"`);
  });
  c.redFlagGroups.forEach((g, i) => {
    if (!c.redFlags.some((rf) => rf.group === g.id)) problems.push(`redFlagGroups[${i}]: group "${g.id}" has no red flags`);
  });
  // A data fact stands for answers and red flags only, so facts never depend on each other.
  const answered = new Set(facts);
  c.facts.forEach((fact, i) => {
    if (facts.has(fact.id)) problems.push(`facts[${i}].id: "${fact.id}" clashes with an answer id, red-flag id or derived fact`);
    fact.from.forEach((id, j) => {
      if (!answered.has(id) || (DERIVED_FACTS as readonly string[]).includes(id))
        problems.push(`facts[${i}].from[${j}]: "${id}" is not an answer id or red-flag id`);
    });
  });
  for (const fact of c.facts) facts.add(fact.id);
  const checkFact = (id: string, path: string) => {
    if (!facts.has(id)) problems.push(`${path}: unknown fact "${id}" (not an answer id, red-flag id or derived fact)`);
  };

  c.escalations.forEach((rule, i) => {
    const path = `escalations[${i}]`;
    if (!rule.all?.length && !rule.any?.length) problems.push(`${path}: a rule needs "all" or "any" facts`);
    if (rule.level === 'self-care' && !rule.id.startsWith('adv_'))
      problems.push(`${path}.level: only an advisory (adv_*) can be advice at the self-care level`);
    for (const key of ['all', 'any', 'none'] as const) rule[key]?.forEach((id, j) => checkFact(id, `${path}.${key}[${j}]`));
  });

  const checkIn = (set: ReadonlySet<string> | ReadonlyMap<string, unknown>, what: string) => (id: string, path: string) => {
    if (!set.has(id)) problems.push(`${path}: unknown ${what} "${id}"`);
  };
  const checkCause = checkIn(causeIds, 'cause');
  const checkTechnique = checkIn(techniqueIds, 'technique');
  const checkRoutine = checkIn(routinesById, 'routine');

  c.causes.forEach((cause, i) => {
    const path = `causes[${i}]`;
    cause.signals.forEach((s, j) => checkFact(s.when, `${path}.signals[${j}].when`));
    duplicates(cause.signals.map((s) => s.when)).forEach((id) => problems.push(`${path}.signals: fact "${id}" appears twice`));
    if (!cause.signals.some((s) => s.weight > 0)) problems.push(`${path}.signals: needs at least one positive weight`);
    cause.techniques.forEach((id, j) => {
      checkTechnique(id, `${path}.techniques[${j}]`);
      const technique = c.techniques.find((t) => t.id === id);
      if (technique && !technique.causes.includes(cause.id)) {
        problems.push(`${path}.techniques[${j}]: technique "${id}" does not list cause "${cause.id}" back`);
      }
    });
    cause.routines.forEach((id, j) => checkRoutine(id, `${path}.routines[${j}]`));
  });

  c.techniques.forEach((t, i) => {
    const path = `techniques[${i}]`;
    t.causes.forEach((id, j) => {
      checkCause(id, `${path}.causes[${j}]`);
      const cause = c.causes.find((x) => x.id === id);
      if (cause && !cause.techniques.includes(t.id)) {
        problems.push(`${path}.causes[${j}]: cause "${id}" does not list technique "${t.id}" back`);
      }
    });
    t.avoid?.forEach((a, j) => {
      checkFact(a.when, `${path}.avoid[${j}].when`);
      a.also?.forEach((id, k) => checkFact(id, `${path}.avoid[${j}].also[${k}]`));
    });
    t.routines?.forEach((id, j) => checkRoutine(id, `${path}.routines[${j}]`));
    if (t.kind === 'self-care' && t.professionalOnly)
      problems.push(`${path}.professionalOnly: a self-care technique cannot be professional-only`);
  });

  const triggerIds = new Set(c.questions.find((q) => q.id === 'triggers')?.answers?.map((a) => a.id) ?? []);
  c.tips.forEach((tip, i) => {
    const path = `tips[${i}]`;
    tip.triggers.forEach((id, j) => {
      if (!triggerIds.has(id)) problems.push(`${path}.triggers[${j}]: "${id}" is not an answer of the "triggers" question`);
    });
    tip.facts?.forEach((id, j) => checkFact(id, `${path}.facts[${j}]`));
    tip.causes.forEach((id, j) => checkCause(id, `${path}.causes[${j}]`));
    if (tip.routine !== undefined) checkRoutine(tip.routine, `${path}.routine`);
  });

  const lookup: RoutineLookup = (id) => routinesById.get(id);
  c.routines.forEach((r, i) => problems.push(...routineProblems(r, `routines[${i}]`, lookup)));

  // Built-in moves say what they work on; a session adds only `breaks`; variants name real facts and steps.
  c.routines.forEach((r, i) => {
    const path = `routines[${i}]`;
    if (r.kind === 'move' && !r.topics?.length) problems.push(`${path}.topics: a built-in move says what it works on`);
    if (r.kind === 'session') {
      r.topics?.forEach((t, j) => {
        if (!(SESSION_TOPICS as readonly string[]).includes(t))
          problems.push(`${path}.topics[${j}]: a session's "${t}" comes from its moves; it may add only ${SESSION_TOPICS.join(', ')}`);
      });
      if (r.variants) problems.push(`${path}.variants: only a move has variants`);
    }
    r.variants?.forEach((variant, j) => {
      variant.when.forEach((id, k) => checkFact(id, `${path}.variants[${j}].when[${k}]`));
      for (const step of Object.keys(variant.steps ?? {})) {
        if (!r.steps?.some((s) => s.id === step)) problems.push(`${path}.variants[${j}].steps.${step}: "${r.id}" has no step "${step}"`);
      }
    });
  });
  problems.push(...claimProblems(c));
  problems.push(...programmeProblems(c));

  // Plans: one per stage; duration ranges contiguous from day 0 upwards; maintenance has none.
  for (const stage of STAGES) {
    const count = c.plans.filter((p) => p.stage === stage).length;
    if (count !== 1) problems.push(`plans: expected exactly one "${stage}" plan, found ${count}`);
  }
  const byStage = (stage: string) => c.plans.find((p) => p.stage === stage);
  let next: number | null = 0;
  for (const stage of ['acute', 'subacute', 'chronic'] as const) {
    const range = byStage(stage)?.range;
    if (range === undefined) continue;
    if (range === null) {
      problems.push(`plans.${stage}.range: a duration stage needs a day range`);
      continue;
    }
    if (range.minDays !== next) problems.push(`plans.${stage}.range.minDays: expected ${next} so the stages meet without gaps`);
    if (range.maxDays !== null && range.maxDays < range.minDays) problems.push(`plans.${stage}.range: maxDays is below minDays`);
    next = range.maxDays === null ? null : range.maxDays + 1;
  }
  if (byStage('chronic')?.range?.maxDays !== null) problems.push('plans.chronic.range.maxDays: the last stage must be open-ended (null)');
  if (byStage('maintenance')?.range) problems.push('plans.maintenance.range: maintenance is not chosen by duration (null)');
  c.programme.when.forEach((id, j) => checkFact(id, `programme.when[${j}]`));
  const { min, max } = c.sessionMinutes;
  if (min > max) problems.push('sessionMinutes: min is above max');
  c.plans.forEach((p, i) => {
    if (p.calendar.minutes < min || p.calendar.minutes > max) {
      problems.push(`plans[${i}].calendar.minutes: ${p.calendar.minutes} is outside ${min}-${max}`);
    }
  });
  if (c.evidencePlan.calendar.minutes < min || c.evidencePlan.calendar.minutes > max) {
    problems.push(`evidencePlan.calendar.minutes: outside ${min}-${max}`);
  }
  return problems;
}
