/**
 * Every runnable routine: the built-in catalogue plus the person's own files. Import lazily, as
 * the catalogue itself is (`--help` never pays for the data).
 */
import type { RoutineDefinition } from '../core/timeline.js';
import { loadCatalogue } from './catalogue.js';
import type { Catalogue, Routine } from './schema.js';
import { type BrokenRoutine, loadUserRoutines } from './user-routines.js';

/** A routine and where it came from: `file` is null for built-ins. */
export type RoutineDefinitionWithMeta = RoutineDefinition & Pick<Routine, 'gentle' | 'summary' | 'cautions'> & { file: string | null };

export interface LoadedRoutines {
  catalogue: Catalogue;
  routines: RoutineDefinitionWithMeta[];
  /** Problems with the person's files (each names the file and the field): to report, never fatal. */
  problems: string[];
  /** The person's files skipped for those problems. */
  broken: BrokenRoutine[];
}

/** The built-in routines plus the person's own from `routinesDir`; a bad file never hides the others. */
export async function loadRoutines(routinesDir: string): Promise<LoadedRoutines> {
  const catalogue = await loadCatalogue();
  const mine = await loadUserRoutines(routinesDir, catalogue.routines);
  return {
    catalogue,
    routines: [
      ...catalogue.routines.map((routine) => ({ ...routine, file: null })),
      ...mine.routines.map(({ routine, file }) => ({ ...routine, file })),
    ],
    problems: mine.problems,
    broken: mine.broken,
  };
}

/** The skipped file a name was meant for: by the id it declares, or by its file name. */
export function brokenRoutine(loaded: Pick<LoadedRoutines, 'broken'>, name: string): BrokenRoutine | undefined {
  return loaded.broken.find((b) => b.id === name) ?? loaded.broken.find((b) => b.file.replace(/^.*[\\/]/, '') === `${name}.json`);
}
