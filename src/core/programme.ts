/**
 * The strengthening programme (design §7 Programme), decided from history alone: levels of two
 * weeks, three sessions a week (weeks start on Monday, local time). A level goes up after its
 * second week when at least 5 of its 6 sessions were done; otherwise it is held for another two
 * weeks. A pain rise of 3 or more after a session, or a smaller rise not settled by the next
 * rating, steps back one level at once and starts that level's two weeks afresh. Sessions without
 * ratings count on completion alone.
 *
 * Pure: the history, the programme's definition, the time and the time zone come in; decisions
 * come out, for the caller to record and say.
 */
import type { IcsNote } from './ics.js';
import type { Programme } from '../content/schema.js';
import { dateOfDayNumber, dayNumber } from './time.js';
import { localDayNumber, startOfDay } from './stats.js';

/** The fields of a history line the programme reads; structural, so core needs no io type. */
export interface ProgrammeRecord {
  type: string;
  at: string;
  [field: string]: unknown;
}

export type ProgrammeEventName = 'started' | 'advanced' | 'held' | 'stepped-back' | 'stopped' | 'finished';

/** Why a level changed or stayed. */
export type DecisionReason =
  | { kind: 'kept-up'; sessions: number; of: number }
  | { kind: 'too-few'; sessions: number; of: number; needed: number }
  | { kind: 'pain-rose'; before: number; after: number }
  | { kind: 'not-settled'; before: number; now: number };

/** A decision the rules made, at the moment it took effect. */
export interface Decision {
  at: number;
  event: Exclude<ProgrammeEventName, 'started' | 'stopped'>;
  /** The level from `at` on. */
  level: number;
  from: number;
  reason: DecisionReason;
}

/** A rise at most this big that has settled by the next rating is fine (the flare-up tip's rule). */
export const SMALL_RISE = 2;
/** Sessions of a level's 2 × 3 that must be done to go up. */
export const needed = (programme: Pick<Programme, 'perWeek' | 'weeksPerLevel'>) => programme.perWeek * programme.weeksPerLevel - 1;
/** A first week shorter than this many days takes in the whole of the next one. */
const SHORTEST_FIRST_WEEK = 4;

export interface ProgrammeState {
  id: string;
  /** Running: `routine <programme.routine>` counts as a session and runs the level's version. */
  active: boolean;
  /** Every level passed; the top level stays as the routine to keep up. */
  finished: boolean;
  startedAt: number;
  stoppedAt: number | null;
  /** 1-based. */
  level: number;
  levels: number;
  levelStartedAt: number;
  /** When the current level is next decided (local midnight starting a Monday), epoch ms. */
  levelEndsAt: number;
  /** Week of the current level, 1-based, and its bounds (epoch ms, end exclusive). */
  week: number;
  weekStartsAt: number;
  weekEndsAt: number;
  /** Sessions counted this week and this level (at most one a day, `perWeek` a week). */
  sessionsThisWeek: number;
  /** A session already counted today: another one today would not count. */
  countedToday: boolean;
  sessionsThisLevel: number;
  /** Sessions a week to aim for. */
  target: number;
  /** Sessions of the level needed to go up. */
  needed: number;
  /** Sessions counted ÷ sessions due in the weeks that have ended (the current week never counts against you); null before any. */
  adherence: number | null;
  /** Every decision since the start, oldest first. */
  decisions: Decision[];
  /** Programme sessions so far, and how many had pain ratings before and after. */
  sessions: number;
  ratedSessions: number;
}

/** The options that are not history: the time zone for weeks and an optional pain rating given now. */
export interface ProgrammeOptions {
  timeZone?: string;
  /** A rating just given (the `--rate` question before a session): it can show an earlier rise has not settled. */
  painNow?: number;
}

const num = (x: unknown): number | undefined => (typeof x === 'number' && x >= 0 && x <= 10 ? x : undefined);

interface Item {
  at: number;
  /** A rating of pain at this moment (before a session, a pain log, a check-in, or now). */
  pain?: number;
  /** A programme session ending at this moment. */
  session?: { done: boolean; before?: number; after?: number };
}

/** Monday-based weekday of a local day number: 0 Monday … 6 Sunday (day 0, 1970-01-01, was a Thursday). */
const weekday = (day: number) => (((day + 3) % 7) + 7) % 7;
const mondayOnOrAfter = (day: number) => day + ((7 - weekday(day)) % 7);

/** The local day numbers on which the weeks of a level starting on `day` end (exclusive ends). */
function weekEnds(day: number, weeks: number): number[] {
  const first = mondayOnOrAfter(day + SHORTEST_FIRST_WEEK);
  return Array.from({ length: weeks }, (_, i) => first + 7 * i);
}

/** The latest start or stop of this programme up to `now`, by time (the file is not in time order). */
function latestStartOrStop(records: Iterable<ProgrammeRecord>, id: string, now: number) {
  let started: { at: number; level: number } | undefined;
  let stopped: number | undefined;
  for (const r of records) {
    if (r.type !== 'programme' || r.programme !== id) continue;
    const at = Date.parse(r.at);
    if (Number.isNaN(at) || at > now) continue;
    if (r.event === 'started' && (!started || at >= started.at)) started = { at, level: typeof r.level === 'number' ? r.level : 1 };
    if (r.event === 'stopped' && (stopped === undefined || at >= stopped)) stopped = at;
  }
  return { started, stopped: started && stopped !== undefined && stopped >= started.at ? stopped : null };
}

/**
 * Where a person stands in a programme: null when it was never started. Replays the history from
 * the latest start: sessions (the programme routine's records), pain ratings (before and after a
 * session, pain logs, check-ins, `painNow`) and the level ends in between.
 */
export function programmeState(
  records: readonly ProgrammeRecord[],
  programme: Programme,
  now: number,
  options: ProgrammeOptions = {},
): ProgrammeState | null {
  const { started, stopped } = latestStartOrStop(records, programme.id, now);
  if (!started) return null;
  const until = stopped ?? now;
  const dayOf = localDayNumber(options.timeZone);
  // Local midnights are asked for at every step of the replay: each is worked out once.
  const midnights = new Map<number, number>();
  const midnight = (day: number) => {
    let ms = midnights.get(day);
    if (ms === undefined) midnights.set(day, (ms = startOfDay(dateOfDayNumber(day), options.timeZone)));
    return ms;
  };
  const levels = programme.levels.length;
  const perWeek = programme.perWeek;

  const items: Item[] = [];
  // A date string before this cannot be on or after the start in any zone: no need to parse it.
  const before = dateOfDayNumber(dayOf(started.at) - 2);
  for (const r of records) {
    const wanted = ((r.type === 'routine' && r.routine === programme.routine) || r.type === 'pain' || r.type === 'check') && r.at >= before;
    const at = wanted ? Date.parse(r.at) : Number.NaN;
    if (Number.isNaN(at) || at < started.at || at > until) continue;
    if (r.type === 'routine') {
      items.push({ at, session: { done: r.reason === 'done', before: num(r.painBefore), after: num(r.painAfter) } });
    } else if ((r.type === 'pain' || r.type === 'check') && num(r.pain) !== undefined) {
      items.push({ at, pain: num(r.pain) });
    }
  }
  items.sort((a, b) => a.at - b.at);
  if (options.painNow !== undefined && stopped === null) items.push({ at: now, pain: options.painNow });

  let level = Math.min(levels, Math.max(1, Math.round(started.level)));
  let finished = false;
  const decisions: Decision[] = [];
  // The current level: its start, its week ends, the days and weeks counted in it.
  let levelStart = started.at;
  let ends = weekEnds(dayOf(started.at), programme.weeksPerLevel);
  let countedDays = new Set<number>();
  let perWeekCount = ends.map(() => 0);
  // Weeks that have ended, for adherence: sessions due and counted.
  const ended: { due: number; counted: number }[] = [];
  let pending: { before: number } | null = null;
  let sessions = 0;
  let rated = 0;

  const weekIndex = (day: number) => ends.findIndex((end) => day < end);
  const newLevel = (at: number, to: number) => {
    level = to;
    levelStart = at;
    ends = weekEnds(dayOf(at), programme.weeksPerLevel);
    countedDays = new Set();
    perWeekCount = ends.map(() => 0);
    pending = null;
  };
  const stepBack = (at: number, reason: DecisionReason) => {
    // The week cut short is not held against anyone: what was done counts, nothing more is due.
    const i = weekIndex(dayOf(at));
    ended.push(...perWeekCount.slice(0, i).map((counted) => ({ due: perWeek, counted })), {
      due: perWeekCount[i] ?? 0,
      counted: perWeekCount[i] ?? 0,
    });
    decisions.push({ at, event: level > 1 ? 'stepped-back' : 'held', level: Math.max(1, level - 1), from: level, reason });
    newLevel(at, Math.max(1, level - 1));
  };
  const rating = (at: number, pain: number) => {
    if (pending && pain > pending.before) stepBack(at, { kind: 'not-settled', before: pending.before, now: pain });
    pending = null;
  };

  let next = 0;
  while (!finished) {
    const levelEndsAt = midnight(ends.at(-1)!);
    const item = items[next];
    if (item && item.at < levelEndsAt) {
      next++;
      if (item.pain !== undefined) rating(item.at, item.pain);
      const session = item.session;
      if (!session) continue;
      sessions++;
      if (session.before !== undefined) rating(item.at, session.before);
      if (session.done) {
        const day = dayOf(item.at);
        const w = weekIndex(day);
        if (w >= 0 && !countedDays.has(day) && perWeekCount[w]! < perWeek) {
          countedDays.add(day);
          perWeekCount[w]!++;
        }
      }
      if (session.before !== undefined && session.after !== undefined) {
        rated++;
        const rise = session.after - session.before;
        if (rise > SMALL_RISE) stepBack(item.at, { kind: 'pain-rose', before: session.before, after: session.after });
        else if (rise > 0) pending = { before: session.before };
      }
      continue;
    }
    if (levelEndsAt > until) break;
    // The level's weeks are over: up, held, or finished at the top.
    ended.push(...perWeekCount.map((counted) => ({ due: perWeek, counted })));
    const done = perWeekCount.reduce((a, b) => a + b, 0);
    const of = perWeek * programme.weeksPerLevel;
    if (done >= needed(programme)) {
      const reason: DecisionReason = { kind: 'kept-up', sessions: done, of };
      if (level < levels) decisions.push({ at: levelEndsAt, event: 'advanced', level: level + 1, from: level, reason });
      else decisions.push({ at: levelEndsAt, event: 'finished', level, from: level, reason });
      finished = level >= levels;
      if (!finished) newLevel(levelEndsAt, level + 1);
    } else {
      decisions.push({
        at: levelEndsAt,
        event: 'held',
        level,
        from: level,
        reason: { kind: 'too-few', sessions: done, of, needed: needed(programme) },
      });
      newLevel(levelEndsAt, level);
    }
  }

  const today = dayOf(Math.min(until, now));
  const w = Math.max(0, weekIndex(today));
  const weekStartDay = w === 0 ? dayOf(levelStart) : ends[w - 1]!;
  // The weeks of the current level that are over count too; the week under way does not.
  const over = [...ended, ...(finished ? [] : perWeekCount.slice(0, w).map((c) => ({ due: perWeek, counted: c })))];
  const due = over.reduce((a, e) => a + e.due, 0);
  const counted = over.reduce((a, e) => a + e.counted, 0);
  return {
    id: programme.id,
    active: stopped === null && !finished,
    finished,
    startedAt: started.at,
    stoppedAt: stopped,
    level,
    levels,
    levelStartedAt: levelStart,
    levelEndsAt: midnight(ends.at(-1)!),
    week: w + 1,
    weekStartsAt: w === 0 ? levelStart : midnight(weekStartDay),
    weekEndsAt: midnight(ends[w]!),
    sessionsThisWeek: perWeekCount[w] ?? 0,
    countedToday: countedDays.has(today),
    sessionsThisLevel: perWeekCount.reduce((a, b) => a + b, 0),
    target: perWeek,
    needed: needed(programme),
    adherence: due > 0 ? Math.min(1, counted / due) : null,
    decisions,
    sessions,
    ratedSessions: rated,
  };
}

/** The programme records (design §6) for decisions not yet in the history: the derived ones past those recorded since the start. */
export function unrecordedDecisions(records: readonly ProgrammeRecord[], state: ProgrammeState): Decision[] {
  let recorded = 0;
  for (const r of records) {
    if (r.type !== 'programme' || r.programme !== state.id || r.event === 'started' || r.event === 'stopped') continue;
    const at = Date.parse(r.at);
    if (!Number.isNaN(at) && at >= state.startedAt) recorded++;
  }
  return state.decisions.slice(recorded);
}

/** A level's version of the programme's session: its own parts in place of the session's. */
export function levelRoutine<R extends { parts?: readonly unknown[] }>(routine: R, programme: Programme, level: number): R {
  const chosen = programme.levels[Math.min(programme.levels.length, Math.max(1, level)) - 1]!;
  return { ...routine, parts: chosen.parts };
}

/** What `stats --json` reports (design §6), or null without a programme running or finished. */
export interface ProgrammeSummary {
  id: string;
  level: number;
  sessionsThisWeek: number;
  target: number;
  adherence: number | null;
}

export function programmeSummary(state: ProgrammeState | null): ProgrammeSummary | null {
  if (!state || state.stoppedAt !== null) return null;
  const { id, level, sessionsThisWeek, target, adherence } = state;
  return { id, level, sessionsThisWeek, target, adherence: adherence === null ? null : Math.round(adherence * 100) / 100 };
}

/** One planned session for a calendar (`plan --ics`): a local date and the level it would be at. */
export interface PlannedSession {
  date: string;
  level: number;
  /** 1-based week of the whole remaining plan, for titles. */
  week: number;
}

/**
 * The sessions still ahead, three a week on Monday, Wednesday and Friday (spread so each has a day
 * of rest after it), assuming every level is kept up: from `today` (YYYY-MM-DD, local) to the end of
 * the top level. Without a running programme, a whole programme from the next Monday.
 */
export function programmeEvents(
  programme: Programme,
  state: ProgrammeState | null,
  today: string,
  options: { timeZone?: string } = {},
): PlannedSession[] {
  const dayOf = localDayNumber(options.timeZone);
  const todayNumber = dayNumber(today);
  const running = state && state.active;
  const offsets = [0, 2, 4].slice(0, programme.perWeek);
  const weeks: { monday: number; level: number }[] = [];
  if (running) {
    const levelEndDay = dayOf(state.levelEndsAt);
    for (let monday = todayNumber - weekday(todayNumber); monday < levelEndDay; monday += 7) weeks.push({ monday, level: state.level });
    for (let level = state.level + 1; level <= state.levels; level++) {
      for (let i = 0; i < programme.weeksPerLevel; i++)
        weeks.push({ monday: levelEndDay + 7 * ((level - state.level - 1) * programme.weeksPerLevel + i), level });
    }
  } else {
    const first = mondayOnOrAfter(todayNumber);
    for (let level = 1; level <= programme.levels.length; level++) {
      for (let i = 0; i < programme.weeksPerLevel; i++)
        weeks.push({ monday: first + 7 * ((level - 1) * programme.weeksPerLevel + i), level });
    }
  }
  return weeks.flatMap(({ monday, level }, i) =>
    offsets
      .map((o) => monday + o)
      .filter((day) => day >= todayNumber)
      .map((day) => ({ date: dateOfDayNumber(day), level, week: i + 1 })),
  );
}

/** The first of `programmes` whose state passes `wanted`, with that state; null when none does. */
function firstProgramme(
  records: readonly ProgrammeRecord[],
  programmes: readonly Programme[],
  now: number,
  options: { timeZone?: string },
  wanted: (state: ProgrammeState) => boolean,
) {
  for (const programme of programmes) {
    const state = programmeState(records, programme, now, options);
    if (state && wanted(state)) return { programme, state };
  }
  return null;
}

/** The first of `programmes` that is running or finished (not stopped), with its summary for stats and the report. */
export function currentProgramme(
  records: readonly ProgrammeRecord[],
  programmes: readonly Programme[],
  now: number,
  options: { timeZone?: string } = {},
) {
  const found = firstProgramme(records, programmes, now, options, (state) => programmeSummary(state) !== null);
  return found && { programme: found.programme, summary: programmeSummary(found.state)! };
}

/** The programme running now, with where the person stands in it; null when none runs. */
export const runningProgramme = (
  records: readonly ProgrammeRecord[],
  programmes: readonly Programme[],
  now: number,
  options: { timeZone?: string } = {},
) => firstProgramme(records, programmes, now, options, (state) => state.active);

/**
 * A running programme's sessions as calendar notes from the plan's first day (`start`): each says
 * which level and week it belongs to and the command to run, since a calendar cannot run one.
 */
export function programmeNotes(programme: Programme, state: ProgrammeState, start: string, options: { timeZone?: string } = {}): IcsNote[] {
  const first = dayNumber(start);
  return programmeEvents(programme, state, start, options).map((session) => ({
    id: `${programme.id}-${session.date}`,
    day: dayNumber(session.date) - first,
    summary: `${programme.title}: level ${session.level} (run neckcoach routine ${programme.routine})`,
    description: `Week ${session.week} of the programme, ${programme.perWeek} sessions a week. Rate your pain with --rate: a rise of 3 or more, or one that has not settled by the next session, takes you back a level.`,
  }));
}
