/**
 * Everything a routine run decides before its first step, from the history, in one pure call:
 * the version of each move that suits the person (their latest check-in), the programme level
 * (when the routine is a running programme's session), and whether the stop rules lead in full.
 */
import type { Programme, Variant } from '../content/schema.js';
import {
  type Decision,
  levelRoutine,
  type ProgrammeRecord,
  type ProgrammeState,
  programmeState,
  unrecordedDecisions,
} from './programme.js';
import { stopRulesMode, type StopRulesMode } from './stop-rules.js';
import type { RoutineDefinition } from './timeline.js';
import { type ChosenVariant, checkFacts, type CheckFacts, versionsFor } from './variants.js';

/** A routine as the run needs it: the timeline's fields plus what the lead-in and the variants read. */
export type RunnableRoutine = RoutineDefinition & {
  gentle: boolean;
  cautions: readonly string[];
  topics?: readonly string[];
  variants?: readonly Variant[];
};

export interface RoutineRunInput<R extends RunnableRoutine> {
  routine: R;
  resolve: (id: string) => R | undefined;
  /** The history (any order). */
  records: readonly ProgrammeRecord[];
  /** The latest check-in's record, for its red flags and symptoms. */
  latestCheck: CheckFacts | undefined;
  programmes: readonly Programme[];
  now: number;
  timeZone?: string;
  /** A pain rating just given (`--rate`), which can show an earlier rise has not settled. */
  painNow?: number;
}

export interface ProgrammeRun {
  programme: Programme;
  state: ProgrammeState;
  /** Decisions made since the history last recorded one: to append as `programme` records, and say. */
  decisions: Decision[];
  /** Fields for this run's `routine` record, so stats know the level it was done at. */
  record: { programme: string; level: number };
}

export interface RoutineRun<R extends RunnableRoutine> {
  /** The routine to build the timeline from, and the resolver for its parts. */
  routine: R;
  resolve: (id: string) => R | undefined;
  /** The moves it is made of, as run (for the lead-in and each move's get-ready). */
  moves: R[];
  chosen: ChosenVariant[];
  stopRules: StopRulesMode;
  /** Set when the routine is the session of a programme that has been started and not stopped. */
  programme: ProgrammeRun | null;
}

/** The moves a routine is made of, each once, in order (a move is made of itself). */
export function routineMoves<R extends RoutineDefinition>(routine: R, resolve: (id: string) => R | undefined): R[] {
  if (routine.kind === 'move') return [routine];
  const ids = [...new Set((routine.parts ?? []).map((p) => p.routine))];
  return ids.map(resolve).filter((m): m is R => m !== undefined);
}

export function prepareRoutineRun<R extends RunnableRoutine>(input: RoutineRunInput<R>): RoutineRun<R> {
  const { now, timeZone, records } = input;
  let routine = input.routine;
  let programme: ProgrammeRun | null = null;
  const definition = input.programmes.find((p) => p.routine === routine.id);
  const state = definition ? programmeState(records, definition, now, { timeZone, painNow: input.painNow }) : null;
  // A stopped programme leaves the session as it is; a finished one keeps its top level.
  if (definition && state && state.stoppedAt === null) {
    routine = levelRoutine(routine, definition, state.level);
    programme = {
      programme: definition,
      state,
      decisions: unrecordedDecisions(records, state),
      record: { programme: definition.id, level: state.level },
    };
  }
  const versions = versionsFor(routine, input.resolve, checkFacts(input.latestCheck));
  const moves = routineMoves(versions.routine, versions.resolve);
  const stopRules = stopRulesMode(records, { moves: moves.map((m) => m.id) }, now, {
    timeZone,
    movesOf: (id) => {
      const r = input.resolve(id);
      return r ? routineMoves(r, input.resolve).map((m) => m.id) : [];
    },
  });
  return { routine: versions.routine, resolve: versions.resolve, moves, chosen: versions.chosen, stopRules, programme };
}
