/**
 * Which version of a move suits the person, from their latest check-in: a move's variants
 * (data/routines.json) name the answer or red-flag ids they are for, e.g. the side stretch with
 * the hands in the lap for anyone who reported arm symptoms. Sessions use the chosen version of
 * each move they contain, so `gentle` and `desk-break` follow the same rule as the move itself.
 */
import type { Step, Variant } from '../content/schema.js';

/** The fields of a check-in record the variants look at; structural, so core needs no io type. */
export interface CheckFacts {
  flags?: unknown;
  symptoms?: unknown;
  [field: string]: unknown;
}

const ids = (value: unknown): string[] => (Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : []);

/** The red flags and symptoms a check-in recorded, as one set of fact ids (empty without a check-in). */
export function checkFacts(record: CheckFacts | undefined): ReadonlySet<string> {
  return new Set([...ids(record?.flags), ...ids(record?.symptoms)].filter((id) => id !== 'none'));
}

/** What a move needs for its variants to apply. */
export interface VariableMove {
  id: string;
  setup: readonly string[];
  cautions?: readonly string[];
  steps?: readonly Step[];
  variants?: readonly Variant[];
}

/** The variant in use and why, to tell the person. */
export interface ChosenVariant {
  move: string;
  id: string;
  why: string;
}

/** The first variant whose facts the person reported, or undefined. */
export function chooseVariant(move: Pick<VariableMove, 'variants'>, facts: ReadonlySet<string>): Variant | undefined {
  return move.variants?.find((variant) => variant.when.some((id) => facts.has(id)));
}

/** The move as this person should do it: a matching variant's setup, cautions and step cues replace the move's own. */
export function applyVariant<M extends VariableMove>(move: M, facts: ReadonlySet<string>): M {
  const variant = chooseVariant(move, facts);
  if (!variant) return move;
  return {
    ...move,
    ...(variant.setup ? { setup: variant.setup } : {}),
    ...(variant.cautions ? { cautions: variant.cautions } : {}),
    ...(move.steps ? { steps: move.steps.map((step) => ({ ...step, ...variant.steps?.[step.id] })) } : {}),
  };
}

/**
 * A resolver for a routine's parts that hands out each move as this person should do it, and the
 * variants a routine uses (the move itself, or its parts), so the lead-in can say why.
 */
export function versionsFor<M extends VariableMove & { kind: string; parts?: readonly { routine: string }[] }>(
  routine: M,
  resolve: (id: string) => M | undefined,
  facts: ReadonlySet<string>,
): { routine: M; resolve: (id: string) => M | undefined; chosen: ChosenVariant[] } {
  const moves =
    routine.kind === 'move' ? [routine] : (routine.parts ?? []).map((p) => resolve(p.routine)).filter((m): m is M => m !== undefined);
  const chosen = [...new Map(moves.map((m) => [m.id, m])).values()].flatMap((move) => {
    const variant = chooseVariant(move, facts);
    return variant ? [{ move: move.id, id: variant.id, why: variant.why }] : [];
  });
  return {
    routine: applyVariant(routine, facts),
    resolve: (id) => {
      const move = resolve(id);
      return move && applyVariant(move, facts);
    },
    chosen,
  };
}
