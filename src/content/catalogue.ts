/**
 * The built-in content catalogue, typed. The JSON is bundled by esbuild and already validated by
 * the tests and the build (src/content/validate.ts), so only the schema's TYPES are used here:
 * no schema library loads for browsing (design §7). Import this module lazily
 * (`await import('../content/catalogue.js')`) so `--help` never pays for the data.
 */
import type { Catalogue } from './schema.js';
import { usageError, type CliError } from '../errors.js';
import { didYouMean } from '../core/suggest.js';
import sources from '../../data/sources.json' with { type: 'json' };
import causes from '../../data/causes.json' with { type: 'json' };
import mechanisms from '../../data/mechanisms.json' with { type: 'json' };
import techniques from '../../data/techniques.json' with { type: 'json' };
import routines from '../../data/routines.json' with { type: 'json' };
import tips from '../../data/tips.json' with { type: 'json' };
import questions from '../../data/questions.json' with { type: 'json' };
import plans from '../../data/plans.json' with { type: 'json' };
import safety from '../../data/safety.json' with { type: 'json' };
import claims from '../../data/claims.json' with { type: 'json' };
import programmes from '../../data/programmes.json' with { type: 'json' };

let catalogue: Catalogue | undefined;

/** The catalogue, assembled once (questions.json and plans.json are spread in). */
export async function loadCatalogue(): Promise<Catalogue> {
  catalogue ??= {
    sources,
    causes,
    mechanisms,
    techniques,
    routines,
    tips,
    ...questions,
    ...plans,
    safety,
    claims,
    programmes,
  } as unknown as Catalogue;
  return catalogue;
}

/**
 * The record with this id, or a usage error (exit 2) naming the closest ids:
 * `findById(catalogue.routines, 'chin-tuk', 'routine')` → `unknown routine "chin-tuk"`,
 * hint `did you mean "chin-tucks"?`.
 */
export function findById<T extends { readonly id: string }>(list: readonly T[], id: string, kind: string): T {
  const found = list.find((item) => item.id === id);
  if (found) return found;
  const error: CliError = usageError(
    `unknown ${kind} "${id}"`,
    didYouMean(
      id,
      list.map((item) => item.id),
    ),
  );
  throw error;
}
