/**
 * Answers (design §6): question id → answer id, list of ids, or number, exactly as
 * `neckcoach questions --json` lists them. This module turns what a person gave (an answers file,
 * flags, the interactive questionnaire) into one validated, normalised answer set, or throws a
 * usage error naming the field and the closest valid values. Pure: no fs, no process.
 */
import * as v from 'valibot';
import type { Catalogue, Question } from '../content/schema.js';
import { usageError } from '../errors.js';
import { ANSWER_FLAGS, type Answers, flagName, NONE, RED_FLAGS, type RawAnswers, REQUIRED } from './answer-ids.js';
import { parseSymptomDuration } from './duration.js';
import { didYouMean } from './suggest.js';

/** Names a field for messages: `--pain`, or `"pain" in answers.json`. */
export type Where = (question: string) => string;

type QuestionnaireParts = Pick<Catalogue, 'questions' | 'redFlags'>;

const present = (value: unknown) => value !== undefined && value !== null;

/** The required answers not given (in the order they are asked); the duration is not needed with no pain now. */
export function missingAnswers(raw: RawAnswers): string[] {
  return REQUIRED.filter((key) => !present(raw[key]) && !(key === 'duration' && raw.pain === 0));
}

/** Every key an answers object may have: red_flags and the question ids. */
export function answerKeys(catalogue: QuestionnaireParts): string[] {
  return [RED_FLAGS, ...catalogue.questions.map((q) => q.id)];
}

/**
 * A full id; or a short one: the id that is exactly `<prefix>_<short>` (`--symptom stiff` →
 * `sym_stiff`, not `sym_morning_stiff`), else the one id ending in `_<short>`. Several endings
 * and no exact one is ambiguous: a usage error listing them.
 */
function resolveId(value: string, ids: readonly string[], field: string): string | undefined {
  if (ids.includes(value)) return value;
  const exact = ids.filter((id) => id.slice(id.indexOf('_') + 1) === value);
  if (exact.length === 1) return exact[0];
  const matches = ids.filter((id) => id.endsWith(`_${value}`));
  if (matches.length > 1) throw usageError(`${field}: "${value}" could be ${orList(matches)}`, 'give the full id');
  return matches[0];
}

const orList = (items: readonly string[]) =>
  `${items
    .slice(0, -1)
    .map((i) => `"${i}"`)
    .join(', ')} or "${items.at(-1)}"`;

function resolveIds(values: readonly string[], ids: readonly string[], field: string): string[] {
  const chosen = new Set<string>();
  for (const value of values) {
    const id = resolveId(value.trim(), ids, field);
    if (id === undefined) throw usageError(`${field}: "${value}" is not one of its answers`, didYouMean(value, ids));
    chosen.add(id);
  }
  // Catalogue order, so the same answers always normalise to the same list.
  return ids.filter((id) => chosen.has(id));
}

/** The valibot shape of one answer; the catalogue's ids are checked afterwards, with suggestions. */
function shapeOf(question: Question | undefined) {
  const list = v.union([v.string(), v.array(v.string())], 'must be an answer id or a list of answer ids');
  if (!question) return list; // red_flags
  switch (question.kind) {
    case 'multi':
      return list;
    case 'single':
      return v.string('must be one answer id (a string)');
    case 'number':
      // Text too, so "3/10" can be read (painValue says what is wrong with the rest).
      return v.union([v.number(), v.string()], `must be a number from ${question.min ?? 0} to ${question.max ?? 10}`);
    case 'duration':
      return v.string('must be a symptom duration such as "3d", "2w", "4mo" or "1y"');
  }
}

/**
 * Validates and normalises an answer set against the questionnaire. `where` names a field in
 * messages; `source` names the whole (e.g. `answers.json`). Missing required answers are the
 * caller's concern (see `missingAnswers`), so this can check partial sets too.
 */
export function normaliseAnswers(
  raw: unknown,
  catalogue: QuestionnaireParts,
  where: Where = (q) => `"${q}"`,
  source = 'the answers',
): Partial<Answers> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw usageError(`${source} must be a JSON object of question id → answer`, 'see `neckcoach questions --json` for the ids');
  }
  const keys = answerKeys(catalogue);
  for (const key of Object.keys(raw)) {
    if (!keys.includes(key)) throw usageError(`unknown question "${key}" in ${source}`, didYouMean(key, keys));
  }
  const byId = new Map(catalogue.questions.map((q) => [q.id, q]));
  const entries = Object.fromEntries(keys.map((key) => [key, v.optional(v.nullable(shapeOf(byId.get(key))))]));
  const parsed = v.safeParse(v.object(entries), raw);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const key = String(issue.path?.[0]?.key ?? '');
    throw usageError(`${where(key)} ${issue.message}, not ${JSON.stringify(issue.input)}`);
  }

  const answers: Partial<Answers> = {};
  const input = parsed.output as Record<string, unknown>;
  for (const key of keys) {
    const value = input[key];
    if (!present(value)) continue;
    const field = where(key);
    if (key === RED_FLAGS) {
      answers.red_flags = redFlagList(value as string | string[], catalogue, field);
      continue;
    }
    const question = byId.get(key)!;
    const ids = (question.answers ?? []).map((a) => a.id);
    switch (question.kind) {
      case 'multi': {
        const list = resolveIds(typeof value === 'string' ? [value] : (value as string[]), ids, field);
        if (list.length > 0) answers[key] = list;
        break;
      }
      case 'single':
        answers[key] = resolveIds([value as string], ids, field)[0]!;
        break;
      case 'number':
        answers[key] = painValue(value as number | string, question, field);
        break;
      case 'duration':
        parseSymptomDuration(value as string, field);
        answers[key] = (value as string).trim().toLowerCase();
        break;
    }
  }
  return answers;
}

function redFlagList(value: string | string[], catalogue: QuestionnaireParts, field: string): string[] {
  const list = (typeof value === 'string' ? [value] : value).map((id) => id.trim());
  const ids = catalogue.redFlags.map((f) => f.id);
  if (list.length === 0) {
    throw usageError(`${field} is empty`, `list the red-flag ids that apply, or ["${NONE}"] when none do (it is never assumed)`);
  }
  if (list.includes(NONE)) {
    if (list.length > 1) throw usageError(`${field}: "${NONE}" cannot be combined with red-flag ids`);
    return [NONE];
  }
  return resolveIds(list, ids, field);
}

/**
 * A pain score from a number or from text as people write it (`4`, `3/10`, `3 out of 10`): a whole
 * number within the question's range, or a usage error saying why in our words (`4.5`, `11`).
 */
export function painValue(value: number | string, question: Pick<Question, 'min' | 'max'>, field: string): number {
  const min = question.min ?? 0;
  const max = question.max ?? 10;
  const scale = `${min} means no pain, ${max} the worst imaginable`;
  const text = String(value).trim().toLowerCase();
  const m = /^(-?\d+(?:\.\d+)?)(?:\s*(?:\/|out of|of)\s*10)?$/.exec(text);
  if (!m) throw usageError(`${field} must be a number from ${min} to ${max}, not ${JSON.stringify(value)}`, scale);
  const n = Number(m[1]);
  if (n < min || n > max) throw usageError(`${field} must be a whole number from ${min} to ${max}, not ${m[1]}`, scale);
  if (!Number.isInteger(n)) {
    const [low, high] = [Math.floor(n), Math.ceil(n)];
    throw usageError(
      `${field} takes a whole number: ${m[1]} is between ${low} and ${high}`,
      `pick whichever of ${low} or ${high} is nearer how it has felt (${scale})`,
    );
  }
  return n;
}

/** A completed answer set, or a usage error naming what is missing (for callers that cannot ask). */
export function completeAnswers(answers: Partial<Answers>, missingHint: (missing: string[]) => string): Answers {
  const missing = missingAnswers(answers);
  if (missing.length > 0) {
    throw usageError(`missing required answers: ${missing.join(', ')}`, missingHint(missing));
  }
  return answers as Answers;
}

/** The hint for missing answers when nobody can be asked: the flags that supply them. */
export function missingFlagsHint(missing: readonly string[]): string {
  const flags = missing.map((key) =>
    key === RED_FLAGS
      ? '--no-red-flags (or --red-flag <id>)'
      : (ANSWER_FLAGS.find((f) => f.question === key)?.flags ?? `--answer ${key}=<value>`),
  );
  return `pass ${flags.join(', ')}, or an answers file with --answers <file|-> (see \`neckcoach questions --json\`)`;
}

/**
 * The answers given as `check` flags, with each key's flag name for messages. Later flags win over
 * an answers file (`{...file, ...flags}`); commander's camelCase option names are the input.
 */
export function answersFromFlags(
  opts: Record<string, unknown>,
  catalogue: QuestionnaireParts,
): { raw: RawAnswers; flagFor: Record<string, string> } {
  const raw: RawAnswers = {};
  const flagFor: Record<string, string> = {};
  const byId = new Map(catalogue.questions.map((q) => [q.id, q]));
  const single = (key: string) => key !== RED_FLAGS && byId.get(key)?.kind !== 'multi';
  // A list question gathers every flag that answers it; any other takes one answer, given once.
  const set = (key: string, value: unknown, flag: string) => {
    if (key in raw && single(key)) {
      throw usageError(
        `${flagFor[key]} and ${flag} both answer "${key}" (${JSON.stringify(raw[key])} and ${JSON.stringify(value)})`,
        'give each answer once',
      );
    }
    raw[key] = key in raw ? [...(raw[key] as unknown[]), ...(value as unknown[])] : value;
    flagFor[key] = key in flagFor ? `${flagFor[key]}/${flag}` : flag;
  };
  const redFlags = opts.redFlag as string[] | undefined;
  if (redFlags?.length && opts.redFlags === false) {
    throw usageError(
      '--red-flag and --no-red-flags contradict each other',
      'pass the red flags that apply, or --no-red-flags when none do',
    );
  }
  if (redFlags?.length) set(RED_FLAGS, redFlags.flatMap(splitList), '--red-flag');
  if (opts.redFlags === false) set(RED_FLAGS, [NONE], '--no-red-flags');

  for (const flag of ANSWER_FLAGS) {
    const { question } = flag;
    let value = opts[flag.opt];
    if (value === undefined) continue;
    const name = flagName(flag);
    // Every answer flag collects its uses, so a single answer given twice is caught, not silently the last.
    if (Array.isArray(value) && single(question)) {
      if (value.length > 1)
        throw usageError(
          `${name} was given ${value.length} times (${value.map((g) => JSON.stringify(g)).join(', ')}); "${question}" takes one answer`,
        );
      value = value[0];
    }
    set(question, coerce(value, byId.get(question)), name);
  }
  for (const pair of (opts.answer as string[] | undefined) ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0)
      throw usageError(
        `--answer "${pair}" is not question=value`,
        'e.g. --answer assessed=assessed_yes or --answer symptoms=sym_stiff,sym_ache',
      );
    const key = pair.slice(0, eq).trim();
    const keys = answerKeys(catalogue);
    if (!keys.includes(key)) throw usageError(`--answer: unknown question "${key}"`, didYouMean(key, keys));
    const text = pair.slice(eq + 1);
    const question = byId.get(key);
    set(
      key,
      key === RED_FLAGS ? splitList(text) : coerce(question?.kind === 'multi' ? splitList(text) : text, question),
      `--answer ${key}`,
    );
  }
  return { raw, flagFor };
}

const splitList = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** Flag text to the answer's JSON type: numbers for number questions (bad text stays, to be named). */
function coerce(value: unknown, question: Question | undefined): unknown {
  if (question?.kind === 'number' && typeof value === 'string' && /^\s*-?\d+\s*$/.test(value)) return Number(value);
  if (question?.kind === 'multi' && typeof value === 'string') return splitList(value);
  if (question?.kind === 'multi' && Array.isArray(value)) return value.flatMap((item) => splitList(String(item)));
  return value;
}
