import fs from 'node:fs';
import path from 'node:path';
import type { Routine, UserRoutine } from './schema.js';

/** A routine of the person's own, and the file it came from. */
export interface UserRoutineFile {
  routine: UserRoutine;
  file: string;
}

export interface UserRoutines {
  routines: UserRoutineFile[];
  /** One line per problem, each naming the file, the field and what is wrong. */
  problems: string[];
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
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((name) => name.endsWith('.json')).sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { routines: [], problems: [] };
    return { routines: [], problems: [`${dir}: cannot read the routines folder (${code ?? (error as Error).message})`] };
  }
  if (names.length === 0) return { routines: [], problems: [] };

  const { schemaProblems, routineProblems } = await import('./validate.js');
  const { UserRoutineSchema } = await import('./schema.js');
  const problems: string[] = [];
  const parsed: UserRoutineFile[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      problems.push(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      problems.push(`${file}: not valid JSON: ${whereInJson(text, (error as Error).message)}`);
      continue;
    }
    const found = schemaProblems(UserRoutineSchema, value);
    if (found.length > 0) {
      problems.push(...found.map((problem) => `${file}: ${problem}`));
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
    problems.push(...found.map((problem) => `${entry.file}: ${problem.replace(/^\./, '')}`));
    return found.length === 0;
  });
  return { routines, problems };
}
