import { countSteps, isWork, type Segment, type Timeline } from './timeline.js';

/**
 * The routine runner as a pure state machine: `update(state, event, now)` returns the next state
 * and the events that happened. Every segment starts at `start + offset + shift`, where `shift`
 * is the paused time plus any jump made by skip or back, so late timer wakes never accumulate.
 */

export type Action = 'pause' | 'skip' | 'back' | 'quit' | 'help';
/**
 * Endings from outside the routine (design §6): Ctrl-C, a hang-up or closed terminal, SIGTERM, and
 * a closed stdout (`| head`).
 */
export type StopReason = 'interrupted' | 'hangup' | 'terminated' | 'closed';
export type EndReason = 'done' | 'quit' | StopReason;

/** The keys, once: the terminal decodes to these names, the view draws its legend and help from them. */
export const KEYMAP: readonly { keys: readonly string[]; legend: string; action: Action; help: string }[] = [
  { keys: ['space'], legend: 'space', action: 'pause', help: 'pause or resume' },
  { keys: ['s', 'right'], legend: 's/→', action: 'skip', help: 'skip to the next step' },
  { keys: ['b', 'left'], legend: 'b/←', action: 'back', help: 'back to the previous step' },
  { keys: ['q'], legend: 'q', action: 'quit', help: 'quit (what you did is recorded)' },
  { keys: ['?'], legend: '?', action: 'help', help: 'show or hide this help' },
];

export function actionFor(key: string): Action | undefined {
  return KEYMAP.find((binding) => binding.keys.includes(key))?.action;
}

export type SessionInput = { type: 'tick' } | { type: 'key'; action: Action } | { type: 'interrupt'; reason?: StopReason };

/** What happened, with `at` in epoch ms; `planned` and `plannedTotal` are ms from the start. */
export type RoutineEvent =
  | { type: 'routine-start'; at: number; title: string; segments: number; steps: number; plannedTotal: number }
  | { type: 'step-start'; at: number; index: number; planned: number }
  | { type: 'step-end'; at: number; index: number; completed: boolean }
  | { type: 'pause'; at: number; index: number }
  | { type: 'resume'; at: number; index: number; pausedMs: number }
  | { type: 'skip'; at: number; from: number; to: number | null }
  | { type: 'back'; at: number; from: number; to: number }
  | {
      type: 'routine-end';
      at: number;
      reason: EndReason;
      completed: number;
      skipped: number;
      steps: number;
      plannedTotal: number;
      elapsed: number;
    };

export interface SessionState {
  timeline: Timeline;
  start: number;
  index: number;
  /** Paused time plus jumps, added to every remaining offset. */
  shift: number;
  pausedAt: number | null;
  pausedMs: number;
  /** Work segments that ran to their end, and those skipped; sorted, unique. */
  completed: readonly number[];
  skipped: readonly number[];
  status: 'running' | 'paused' | 'ended';
  reason: EndReason | null;
  endedAt: number | null;
  help: boolean;
}

export interface Step {
  state: SessionState;
  events: RoutineEvent[];
}

const add = (list: readonly number[], n: number) => (list.includes(n) ? list : [...list, n].sort((a, b) => a - b));

/** Absolute time segment `index` starts (for index = length, when the routine ends). */
export function boundary(state: SessionState, index: number): number {
  const { segments, total } = state.timeline;
  return state.start + (segments[index]?.offset ?? total) + state.shift;
}

/** When the runner must next wake, or null when paused or ended. */
export function deadline(state: SessionState): number | null {
  return state.status === 'running' ? boundary(state, state.index + 1) : null;
}

/** Time left in the current segment (frozen while paused). */
export function remaining(state: SessionState, now: number): number {
  const at = state.pausedAt ?? state.endedAt ?? now;
  return Math.max(0, boundary(state, state.index + 1) - at);
}

export function current(state: SessionState): Segment | undefined {
  return state.timeline.segments[state.index];
}

export function begin(timeline: Timeline, now: number): Step {
  const state: SessionState = {
    timeline,
    start: now,
    index: 0,
    shift: 0,
    pausedAt: null,
    pausedMs: 0,
    completed: [],
    skipped: [],
    status: 'running',
    reason: null,
    endedAt: null,
    help: false,
  };
  return {
    state,
    events: [
      {
        type: 'routine-start',
        at: now,
        title: timeline.title,
        segments: timeline.segments.length,
        steps: timeline.steps,
        plannedTotal: timeline.total,
      },
      { type: 'step-start', at: now, index: 0, planned: 0 },
    ],
  };
}

/** What a session amounts to, for the summary line, the routine-end event and the history record alike. */
export interface SessionRecord {
  /** Steps whose every hold, rep or side ran to its end. */
  completed: number;
  /** Steps not completed with some of it skipped (a step redone after `back` counts as done). */
  skipped: number;
  /** Steps in the routine: what "step n of m" counts. */
  steps: number;
  /** Time spent on the routine, paused time left out, in whole seconds. */
  seconds: number;
}

/** The record of an ended session (a session not yet ended counts up to its start). */
export function sessionRecord(state: SessionState): SessionRecord {
  const end = state.endedAt ?? state.start;
  const { done, skipped, total } = countSteps(state.timeline, state.completed, state.skipped);
  return {
    completed: done,
    skipped,
    steps: total,
    seconds: Math.max(0, Math.round((end - state.start - state.pausedMs) / 1000)),
  };
}

function finish(state: SessionState, reason: EndReason, now: number, events: RoutineEvent[]): Step {
  const ended: SessionState = { ...state, status: 'ended', reason, endedAt: now, pausedAt: null };
  const { completed, skipped, steps } = sessionRecord(ended);
  events.push({
    type: 'routine-end',
    at: now,
    reason,
    completed,
    skipped,
    steps,
    plannedTotal: ended.timeline.total + ended.shift,
    elapsed: now - ended.start,
  });
  return { state: ended, events };
}

/** Moves through every segment whose end has passed; a late wake starts the next on its planned time. */
function advance(state: SessionState, now: number, events: RoutineEvent[]): Step {
  let s = state;
  const { segments } = s.timeline;
  while (s.status === 'running' && now >= boundary(s, s.index + 1)) {
    const ended = segments[s.index]!;
    events.push({ type: 'step-end', at: now, index: s.index, completed: true });
    s = { ...s, completed: isWork(ended) ? add(s.completed, s.index) : s.completed, index: s.index + 1 };
    if (s.index >= segments.length) return finish({ ...s, index: segments.length - 1 }, 'done', now, events);
    events.push({ type: 'step-start', at: now, index: s.index, planned: boundary(s, s.index) - s.start });
  }
  return { state: s, events };
}

/** Ends a pause, folding the paused time into every remaining deadline. */
function unpause(state: SessionState, now: number, events: RoutineEvent[], announce: boolean): SessionState {
  if (state.pausedAt === null) return state;
  const pausedMs = now - state.pausedAt;
  if (announce) events.push({ type: 'resume', at: now, index: state.index, pausedMs });
  return { ...state, status: 'running', pausedAt: null, shift: state.shift + pausedMs, pausedMs: state.pausedMs + pausedMs };
}

/** Starts segment `to` now: remaining deadlines move so that it gets its full length. */
function jump(state: SessionState, to: number, now: number, events: RoutineEvent[]): SessionState {
  const target = state.timeline.segments[to]!;
  events.push({ type: 'step-end', at: now, index: state.index, completed: false });
  const shift = now - state.start - target.offset;
  events.push({ type: 'step-start', at: now, index: to, planned: now - state.start });
  return { ...state, index: to, shift };
}

const nextWork = (segments: readonly Segment[], from: number) => segments.findIndex((s, i) => i > from && isWork(s));
const previousWork = (segments: readonly Segment[], from: number) => segments.findLastIndex((s, i) => i < from && isWork(s));

export function update(state: SessionState, input: SessionInput, now: number): Step {
  if (state.status === 'ended') return { state, events: [] };
  const events: RoutineEvent[] = [];
  let s = advance(state, now, events).state;
  if (s.status === 'ended') return { state: s, events };
  const { segments } = s.timeline;

  if (input.type === 'tick') return { state: s, events };
  if (input.type === 'interrupt') return finish(stop(s, now, events), input.reason ?? 'interrupted', now, events);

  switch (input.action) {
    case 'help':
      return { state: { ...s, help: !s.help }, events };
    case 'quit':
      return finish(stop(s, now, events), 'quit', now, events);
    case 'pause':
      if (s.status === 'paused') return { state: unpause(s, now, events, true), events };
      events.push({ type: 'pause', at: now, index: s.index });
      return { state: { ...s, status: 'paused', pausedAt: now }, events };
    case 'skip': {
      s = unpause(s, now, events, true);
      const from = s.index;
      const to = nextWork(segments, from);
      const skipped = isWork(segments[from]!) ? add(s.skipped, from) : s.skipped;
      s = { ...s, skipped };
      if (to === -1) {
        events.push({ type: 'skip', at: now, from, to: null });
        events.push({ type: 'step-end', at: now, index: from, completed: false });
        // The end is re-planned to now, as a jump re-plans the segments after it.
        return finish({ ...s, shift: now - s.start - s.timeline.total }, 'done', now, events);
      }
      events.push({ type: 'skip', at: now, from, to });
      return { state: jump(s, to, now, events), events };
    }
    case 'back': {
      s = unpause(s, now, events, true);
      const from = s.index;
      const before = previousWork(segments, from);
      const to = before === -1 ? from : before;
      events.push({ type: 'back', at: now, from, to });
      return { state: jump(s, to, now, events), events };
    }
  }
}

/** A wake at least this long after a deadline means the program was not running meanwhile. */
export const AWAY_MS = 2_000;

/**
 * Time away (the computer slept, or the process was stopped): a wake long past the deadline ends
 * the step on its planned time and counts the rest as a pause, so the routine goes on from the next
 * step rather than racing through the steps that would have run meanwhile. A merely late wake is
 * left to `update`, which starts the next step on its planned time.
 */
export function catchUp(state: SessionState, now: number): Step {
  const due = deadline(state);
  if (due === null || now - due < AWAY_MS) return { state, events: [] };
  const paused = update(state, { type: 'key', action: 'pause' }, due);
  if (paused.state.status !== 'paused') return paused;
  const resumed = update(paused.state, { type: 'key', action: 'pause' }, now);
  return { state: resumed.state, events: [...paused.events, ...resumed.events] };
}

/** Quit or interrupt: the current segment ends unfinished; an open pause counts as paused time. */
function stop(state: SessionState, now: number, events: RoutineEvent[]): SessionState {
  const s = unpause(state, now, events, false);
  events.push({ type: 'step-end', at: now, index: s.index, completed: false });
  return s;
}

/**
 * Whether a pain rating after a routine calls for the stop rules: up by 2 points or more (about the
 * smallest change that matters, clinical reference §7), or any rise that reaches 7 or more.
 */
export function painRoseTooMuch(before: number, after: number): boolean {
  return after - before >= 2 || (after > before && after >= 7);
}
