import type { Routine, Step, StepKind, UserRoutine } from '../content/schema.js';
import { usageError } from '../errors.js';

/** A built-in or a user routine: the timeline needs only what they share. */
export type RoutineDefinition = Pick<Routine | UserRoutine, 'id' | 'title' | 'kind' | 'setup' | 'steps' | 'parts'>;

export type SegmentKind = StepKind | 'rest';
export type Side = 'left' | 'right';

/** One stretch of time in a routine: a rep, a hold, a timed side, a rest or a get-ready pause. */
export interface Segment {
  index: number;
  kind: SegmentKind;
  /** The move (routine id) this belongs to, and its title. */
  move: string;
  moveTitle: string;
  /** The step id; rests between moves and the lead-in use `get-ready`, other rests `rest`. */
  step: string;
  stepTitle: string;
  side: Side | null;
  rep: number | null;
  reps: number | null;
  /** Which set of a part done in sets (strengthening), else null. */
  set: number | null;
  sets: number | null;
  round: number;
  rounds: number;
  /** 1-based number of the step this segment belongs to (a rest counts with the step it follows,
   * a get-ready with the step it leads into), out of `groups`: what "step n of m" shows, and what
   * the summary, the NDJSON events and the history count. Each set of a part is a step. */
  group: number;
  groups: number;
  /** Offset from the start of the routine and length, in ms (time scale applied). */
  offset: number;
  ms: number;
  /** Length in seconds at real time, whatever the time scale (what the caps are about). */
  seconds: number;
  /** A short name for lists and "next:" lines. */
  label: string;
  /** The instruction to show. */
  cue: string;
  /** A secondary tip, cycled through the step's extra cues. */
  tip: string | null;
  /** What a voice says when this segment starts; short, so it is over before the movement. */
  say: string;
  figure: readonly (readonly string[])[] | null;
  /** The label of the segment after this one; null for the last. */
  next: string | null;
}

export interface Timeline {
  routine: string;
  title: string;
  segments: readonly Segment[];
  /** Planned length of the whole routine in ms. */
  total: number;
  /** Steps (each set of a part, in each round): what "step n of m", the summary and history count. */
  steps: number;
  /** Segments that are work, not rest: the holds, reps and timed sides within the steps. */
  work: number;
}

export interface TimelineOptions {
  rounds?: number;
  /** Multiplies every duration: 1 is real time (tests use e.g. 0.02). */
  timeScale?: number;
  /** Resolves a session's parts to moves. */
  resolve?: (id: string) => RoutineDefinition | undefined;
}

/** Seconds before the first move and between moves: time to read the setup, or to settle with eyes closed. */
export const GET_READY_SECONDS = 5;
/** Seconds of rest between the sets of a strengthening part. */
export const SET_REST_SECONDS = 30;

export const isWork = (segment: Pick<Segment, 'kind'>) => segment.kind !== 'rest';

interface Block {
  move: RoutineDefinition;
  step: Step;
  /** Set n of `sets` when the part is done in sets, else null. */
  set: number | null;
  sets: number | null;
  /** Rest after this block before the next set, in seconds (0 when no set follows). */
  setRest: number;
}

/** A session's parts as (move, step) blocks, with each part's rep/second overrides applied and its sets spelled out. */
function blocks(routine: RoutineDefinition, resolve: TimelineOptions['resolve']): Block[] {
  if (routine.kind === 'move' || routine.parts === undefined) {
    if (!routine.steps?.length) throw usageError(`routine "${routine.id}" has no steps`);
    return routine.steps.map((step) => ({ move: routine, step, set: null, sets: null, setRest: 0 }));
  }
  return routine.parts.flatMap((part) => {
    const move = resolve?.(part.routine);
    if (!move || !move.steps?.length) {
      throw usageError(`routine "${routine.id}" uses "${part.routine}", which is not a move with steps`);
    }
    const steps = move.steps.map((step) => ({
      ...step,
      ...(part.reps !== undefined && step.kind !== 'timed' ? { reps: part.reps } : {}),
      ...(part.seconds !== undefined ? { seconds: part.seconds } : {}),
    }));
    const sets = part.sets ?? 1;
    return Array.from({ length: sets }, (_, i) =>
      steps.map((step, j) => ({
        move,
        step,
        set: sets > 1 ? i + 1 : null,
        sets: sets > 1 ? sets : null,
        setRest: i < sets - 1 && j === steps.length - 1 ? SET_REST_SECONDS : 0,
      })),
    ).flat();
  });
}

const of = (n: number, total: number) => `${n} of ${total}`;

/**
 * Flattens a routine into timed segments with absolute offsets from the start: every round,
 * move, step, side, rep, hold and rest, with the cue to show and say and what comes next.
 */
export function buildTimeline(routine: RoutineDefinition, options: TimelineOptions = {}): Timeline {
  const rounds = options.rounds ?? 1;
  const scale = options.timeScale ?? 1;
  if (!Number.isInteger(rounds) || rounds < 1) throw usageError(`rounds must be a positive whole number, not ${rounds}`);
  if (!(scale > 0) || !Number.isFinite(scale)) throw usageError(`the time scale must be a positive number, not ${scale}`);
  const ms = (seconds: number) => Math.max(1, Math.round(seconds * 1000 * scale));
  const parts = blocks(routine, options.resolve);
  const groups = parts.length * rounds;

  type Draft = Omit<Segment, 'index' | 'offset' | 'next' | 'groups'>;
  const drafts: Draft[] = [];
  /** A rest of `seconds` after a rep, a side or a set. */
  const rest = (
    common: Pick<Draft, 'move' | 'moveTitle' | 'set' | 'sets' | 'round' | 'rounds' | 'group' | 'figure'>,
    seconds: number,
    cue: string,
    say: string,
  ): Draft => ({
    ...common,
    kind: 'rest',
    step: 'rest',
    stepTitle: 'Rest',
    side: null,
    rep: null,
    reps: null,
    ms: ms(seconds),
    seconds,
    label: `Rest ${seconds} s`,
    cue,
    tip: null,
    say,
  });
  let group = 0;
  let previousMove: string | null = null;

  for (let round = 1; round <= rounds; round++) {
    for (const { move, step, set, sets, setRest } of parts) {
      group++;
      const common = { move: move.id, moveTitle: move.title, set, sets, round, rounds, group, figure: step.figure ?? null };
      if (previousMove !== move.id || drafts.length === 0) {
        const first = drafts.length === 0;
        const setup = move.setup[0] ?? step.cue;
        const label = `Get ready: ${move.title}`;
        drafts.push({
          ...common,
          kind: 'rest',
          step: 'get-ready',
          stepTitle: label,
          side: null,
          rep: null,
          reps: null,
          ms: ms(GET_READY_SECONDS),
          seconds: GET_READY_SECONDS,
          label,
          cue: setup,
          tip: null,
          say: `${first ? 'Get ready for' : 'Next:'} ${move.title}. ${setup}`,
        });
      }
      previousMove = move.id;
      const sides: (Side | null)[] = step.sides ? ['left', 'right'] : [null];
      const reps = step.kind === 'timed' ? null : (step.reps ?? 1);
      const cues = step.cues ?? [];
      sides.forEach((side, sideIndex) => {
        const sideText = side ? `${side} side` : '';
        const count = reps ?? 1;
        for (let rep = 1; rep <= count; rep++) {
          const repText = reps !== null && reps > 1 ? `${step.kind === 'hold' ? 'hold' : 'rep'} ${of(rep, reps)}` : '';
          const setText = set !== null && sets !== null ? `set ${of(set, sets)}` : '';
          const label = [step.title, setText, repText, sideText].filter(Boolean).join(' · ');
          const opening = rep === 1;
          const say = opening
            ? `${setText && set! > 1 ? `Set ${of(set!, sets!)}. ` : ''}${side ? `${side === 'left' ? 'Left' : 'Right'} side. ` : ''}${step.cue}`
            : step.kind === 'hold'
              ? `Hold again, ${of(rep, count)}.`
              : `${of(rep, count)}.`;
          drafts.push({
            ...common,
            kind: step.kind,
            step: step.id,
            stepTitle: step.title,
            side,
            rep: reps === null ? null : rep,
            reps,
            ms: ms(step.seconds),
            seconds: step.seconds,
            label,
            cue: step.cue,
            tip: cues.length ? cues[(rep - 1) % cues.length]! : null,
            say,
          });
          const lastRep = rep === count;
          const lastSide = sideIndex === sides.length - 1;
          if (step.rest && !(lastRep && lastSide)) {
            const nextSide = lastRep ? sides[sideIndex + 1] : null;
            const next = nextSide ? `Rest. Next, the ${nextSide} side.` : null;
            drafts.push(rest(common, step.rest, next ?? 'Rest: let go and breathe.', next ?? 'Rest.'));
          }
        }
      });
      if (setRest > 0) {
        const nextSet = `Rest. Next, set ${of(set! + 1, sets!)}.`;
        drafts.push(rest(common, setRest, nextSet, nextSet));
      }
    }
    // A new round starts with its own get-ready, even when it begins with the move just done.
    previousMove = null;
  }

  let offset = 0;
  const segments = drafts.map((draft, index): Segment => {
    const segment = { ...draft, index, offset, groups, next: drafts[index + 1]?.label ?? null };
    offset += draft.ms;
    return segment;
  });
  return {
    routine: routine.id,
    title: routine.title,
    segments,
    total: offset,
    steps: groups,
    work: segments.filter(isWork).length,
  };
}

/** Steps done (every hold, rep or side of it completed), skipped (not done, and some of it skipped) and in all. */
export interface StepCount {
  done: number;
  skipped: number;
  total: number;
}

/**
 * Counts whole steps from the work segments completed and skipped, so the screen's "step n of m",
 * the summary, the routine-end event and the history all count the same thing.
 */
export function countSteps(timeline: Timeline, completed: readonly number[], skipped: readonly number[]): StepCount {
  const done = new Set(completed);
  const passed = new Set(skipped);
  const byStep = new Map<number, Segment[]>();
  for (const segment of timeline.segments.filter(isWork)) byStep.set(segment.group, [...(byStep.get(segment.group) ?? []), segment]);
  let finished = 0;
  let left = 0;
  for (const work of byStep.values()) {
    if (work.every((s) => done.has(s.index))) finished++;
    else if (work.some((s) => passed.has(s.index))) left++;
  }
  return { done: finished, skipped: left, total: timeline.steps };
}

/** Planned length of a routine in whole seconds at real time, for lists. */
export function plannedSeconds(routine: RoutineDefinition, resolve?: TimelineOptions['resolve']): number {
  return Math.round(buildTimeline(routine, { resolve }).total / 1000);
}

/**
 * Upper limits for the built-in moves in one bout (clinical reference §5; rounds run back to back
 * count as one bout): `hold` seconds per hold, `reps` holds or reps per side in all, `perSet`
 * reps per side in one set, `perSide` seconds of work per side across the move (in all, for a move
 * without sides), `perSpot` seconds per step (spot) per side.
 */
export interface MoveCap {
  hold?: number;
  reps?: number;
  perSet?: number;
  perSide?: number;
  perSpot?: number;
}
export const MOVE_CAPS: Readonly<Record<string, MoveCap>> = {
  'chin-tucks': { hold: 10, reps: 10 },
  'chin-nods': { hold: 10, reps: 10 },
  'neck-rotations': { reps: 10 },
  'side-neck-stretch': { perSide: 60 },
  'suboccipital-release': { perSide: 120 },
  'tennis-ball-release': { perSpot: 90 },
  // 3 sets of 15 (clinical reference §5); wall slides have no published cap, so ours is lower.
  'shoulder-blade-rows': { perSet: 15, reps: 45 },
  'band-lateral-raises': { perSet: 15, reps: 45 },
  'wall-angels': { perSet: 12, reps: 36 },
};

/** A cap a timeline goes past: which move (and side or spot), which limit, how far. */
export interface CapExcess {
  move: string;
  moveTitle: string;
  side: Side | null;
  /** The step title, for a per-spot limit. */
  spot: string | null;
  limit: keyof MoveCap;
  value: number;
  max: number;
}

/** Every cap the timeline exceeds, computed from its work segments (at real time). */
export function capExcess(timeline: Timeline, caps: Readonly<Record<string, MoveCap>> = MOVE_CAPS): CapExcess[] {
  const found = new Map<string, CapExcess>();
  const tally = (segment: Segment, limit: keyof MoveCap, spot: string | null, value: (before: number) => number) => {
    const max = caps[segment.move]?.[limit];
    if (max === undefined) return;
    // Each set is counted on its own; everything else adds up across the bout.
    const key = [segment.move, limit, segment.side, spot, limit === 'perSet' ? segment.group : ''].join('|');
    const entry = found.get(key) ?? { move: segment.move, moveTitle: segment.moveTitle, side: segment.side, spot, limit, value: 0, max };
    found.set(key, { ...entry, value: value(entry.value) });
  };
  for (const segment of timeline.segments.filter(isWork)) {
    if (segment.kind === 'hold') tally(segment, 'hold', null, (before) => Math.max(before, segment.seconds));
    tally(segment, 'reps', null, (before) => before + 1);
    tally(segment, 'perSet', null, (before) => before + 1);
    tally(segment, 'perSide', null, (before) => before + segment.seconds);
    tally(segment, 'perSpot', segment.stepTitle, (before) => before + segment.seconds);
  }
  return [...found.values()].filter((e) => e.value > e.max);
}

/** The most rounds of a routine that stay within the caps (0 when one round already goes past). */
export function maxRoundsWithinCaps(routine: RoutineDefinition, options: Omit<TimelineOptions, 'rounds'> = {}, upTo = 20): number {
  let rounds = 0;
  while (rounds < upTo && capExcess(buildTimeline(routine, { ...options, rounds: rounds + 1 })).length === 0) rounds++;
  return rounds;
}
