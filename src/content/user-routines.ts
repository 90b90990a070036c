import { readRoutineFiles } from '../io/routine-files.js';
import type { Routine, UserRoutine } from './schema.js';

/** A routine of the person's own, and the file it came from. */
export interface UserRoutineFile {
  routine: UserRoutine;
  file: string;
}

/** A file that could not be used, with what is wrong with it (field: problem). */
export interface BrokenRoutine {
  file: string;
  /** The id it declares, when it got far enough to declare one. */
  id: string | null;
  problems: string[];
}

export interface UserRoutines {
  routines: UserRoutineFile[];
  /** One line per problem, each naming the file, the field and what is wrong. */
  problems: string[];
  /** The files skipped for their problems, so `routine <name>` can say why rather than "unknown". */
  broken: BrokenRoutine[];
}

/** Sane bounds for a person's own numbers: one step at most 10 minutes, at most 50 repetitions, 10 sets. */
export const USER_LIMITS: Record<'seconds' | 'reps' | 'rest' | 'sets', { min: number; max: number }> = {
  seconds: { min: 1, max: 600 },
  reps: { min: 1, max: 50 },
  rest: { min: 0, max: 300 },
  sets: { min: 1, max: 10 },
};

const limitText = (field: keyof typeof USER_LIMITS) => `must be a whole number from ${USER_LIMITS[field].min} to ${USER_LIMITS[field].max}`;
const isLimited = (key: unknown): key is keyof typeof USER_LIMITS => typeof key === 'string' && Object.hasOwn(USER_LIMITS, key);

/** Numbers in steps and parts beyond USER_LIMITS (the schema checks only that they are whole and positive). */
function limitProblems(value: unknown): string[] {
  const problems: string[] = [];
  for (const list of ['steps', 'parts'] as const) {
    const items = (value as Record<string, unknown> | null)?.[list];
    if (!Array.isArray(items)) continue;
    items.forEach((item: Record<string, unknown>, i) => {
      for (const [key, n] of Object.entries(item ?? {})) {
        if (!isLimited(key) || typeof n !== 'number') continue;
        if (!Number.isInteger(n) || n < USER_LIMITS[key].min || n > USER_LIMITS[key].max)
          problems.push(`${list}[${i}].${key}: ${limitText(key)}`);
      }
    });
  }
  return problems;
}

type Issue = { type: string; message: string; expected: string | null; received: string; path?: { key: unknown }[] };
type SchemaNode = { type?: string; wrapped?: SchemaNode; pipe?: SchemaNode[]; item?: SchemaNode; entries?: Record<string, SchemaNode> };

const unwrap = (node: SchemaNode | undefined): SchemaNode | undefined => {
  let n = node;
  while (n && (n.type === 'optional' || n.pipe)) n = n.type === 'optional' ? n.wrapped : n.pipe![0];
  return n;
};

/** The keys an object in the schema takes, found by walking the issue's path. */
function allowedKeys(schema: SchemaNode, keys: readonly unknown[]): string[] {
  let node: SchemaNode | undefined = schema;
  for (const key of keys) node = typeof key === 'number' ? unwrap(node)?.item : unwrap(node)?.entries?.[String(key)];
  return Object.keys(unwrap(node)?.entries ?? {});
}

const KIND_NAMES: Record<string, string> = {
  number: 'a number',
  string: 'text in quotes',
  boolean: 'true or false',
  array: 'a list [ … ]',
  strict_object: 'an object { … }',
  object: 'an object { … }',
};

/** A valibot issue as a person reads it: `steps[0].seconds: missing`, `extra: not allowed here (allowed: …)`. */
function humanIssue(issue: Issue, schema: SchemaNode): string {
  const keys = (issue.path ?? []).map((p) => p.key);
  const where =
    keys
      .map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`))
      .join('')
      .replace(/^\./, '') || '(the file)';
  const last = keys.at(-1);
  const what = (() => {
    if (issue.type === 'strict_object' && issue.received === 'undefined') return 'missing';
    if (issue.type === 'strict_object' && issue.expected === 'never')
      return `not allowed here (allowed: ${allowedKeys(schema, keys.slice(0, -1)).join(', ')})`;
    if (isLimited(last) && ['number', 'integer', 'min_value', 'max_value'].includes(issue.type)) return limitText(last);
    if (issue.type === 'picklist')
      return `must be one of ${issue.expected
        ?.replace(/^\(|\)$/g, '')
        .split(' | ')
        .join(', ')} (not ${issue.received})`;
    if (issue.type === 'integer') return `must be a whole number (not ${issue.received})`;
    if (issue.type === 'min_length' && issue.message.startsWith('Invalid'))
      return `must have at least ${issue.expected?.replace('>=', '')} item(s)`;
    if (KIND_NAMES[issue.type] && issue.message.startsWith('Invalid type'))
      return `must be ${KIND_NAMES[issue.type]} (not ${issue.received})`;
    return issue.message;
  })();
  return `${where}: ${what}`;
}

/** Whether a JSON prefix fails only because it stops early (or parses): the bad character lies beyond it. */
function cleanPrefix(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch (error) {
    return /end of JSON input|Unterminated string/.test((error as Error).message);
  }
}

/** "(line 3, column 5)": where JSON.parse gave up. V8 names a position for some errors only, so
 * otherwise find the first bad character: the shortest prefix that fails for a reason other than ending early. */
function whereInJson(text: string, message: string): string {
  const given = /position (\d+)/.exec(message);
  let position = given ? Number(given[1]) : -1;
  if (position < 0) {
    let lo = 0;
    let hi = text.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (cleanPrefix(text.slice(0, mid))) lo = mid;
      else hi = mid - 1;
    }
    position = lo;
  }
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  const short = message
    .replace(/\s*\(line \d+ column \d+\)/, '')
    .replace(/ in JSON at position \d+/, '')
    .replace(/, (?:\.\.\.)?".*" is not valid JSON$/s, '');
  return `${short} (line ${line}, column ${column})`;
}

/**
 * Loads the JSON files in the routines folder. Each is validated against the same schema as the
 * catalogue (loaded here, lazily: only when there are files); a bad file, or one whose id is a
 * built-in's or another file's, is reported and skipped and never hides the built-in routines.
 */
export async function loadUserRoutines(dir: string, builtIns: readonly Routine[]): Promise<UserRoutines> {
  const { files, folderError } = readRoutineFiles(dir);
  if (folderError) return { routines: [], problems: [folderError], broken: [] };
  if (files.length === 0) return { routines: [], problems: [], broken: [] };

  const { routineProblems } = await import('./validate.js');
  const { UserRoutineSchema } = await import('./schema.js');
  const { safeParse } = await import('valibot');
  const problems: string[] = [];
  const broken: BrokenRoutine[] = [];
  const reject = (file: string, id: unknown, found: readonly string[]) => {
    const unique = [...new Set(found)];
    broken.push({ file, id: typeof id === 'string' ? id : null, problems: unique });
    problems.push(...unique.map((problem) => `${file}: ${problem}`));
  };
  const parsed: UserRoutineFile[] = [];
  for (const entry of files) {
    const { file } = entry;
    if ('error' in entry) {
      reject(file, null, [entry.error]);
      continue;
    }
    const { text } = entry;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      reject(file, null, [`not valid JSON: ${whereInJson(text, (error as Error).message)}`]);
      continue;
    }
    const result = safeParse(UserRoutineSchema, value);
    const found = [
      ...(result.success ? [] : result.issues.map((issue) => humanIssue(issue as Issue, UserRoutineSchema as unknown as SchemaNode))),
      ...limitProblems(value),
    ];
    if (found.length > 0) {
      reject(file, (value as { id?: unknown } | null)?.id, found);
      continue;
    }
    parsed.push({ routine: value as UserRoutine, file });
  }

  const builtInIds = new Set(builtIns.map((r) => r.id));
  const unique: UserRoutineFile[] = [];
  for (const entry of parsed) {
    const { id } = entry.routine;
    if (builtInIds.has(id)) {
      problems.push(`${entry.file}: id: "${id}" is the id of a built-in routine; give yours another id (skipped)`);
    } else if (unique.some((u) => u.routine.id === id)) {
      const first = unique.find((u) => u.routine.id === id)!;
      problems.push(`${entry.file}: id: "${id}" is already used by ${first.file} (skipped)`);
    } else {
      unique.push(entry);
    }
  }

  const byId = new Map<string, Pick<Routine, 'kind' | 'gentle'>>([
    ...builtIns.map((r) => [r.id, r] as const),
    ...unique.map((u) => [u.routine.id, u.routine] as const),
  ]);
  const routines = unique.filter((entry) => {
    const found = routineProblems(entry.routine, '', (id) => byId.get(id));
    if (found.length > 0)
      reject(
        entry.file,
        entry.routine.id,
        found.map((problem) => problem.replace(/^\./, '')),
      );
    return found.length === 0;
  });
  return { routines, problems, broken };
}
