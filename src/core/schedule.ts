import { parseCommandLine } from './argv.js';
import { MINUTE, SECOND } from './clock.js';
import { parseSpan } from './duration.js';
import type { Settings } from './settings.js';
import { fromWallClock, type TimeZone, wallClock } from './time.js';
import { parseDays, parseWorkHours, type WorkHours } from './workhours.js';

/** The longest the daemon sleeps: short enough to notice a suspend of a break's length, long enough to idle cheaply (design §3, §7). */
export const HEARTBEAT = 3 * MINUTE;

/** The heartbeat for this environment: `NECKCOACH_HEARTBEAT` (seconds) shortens it, for tests only (README, testing). */
export function heartbeatFrom(env: NodeJS.ProcessEnv): number {
  const seconds = Number(env.NECKCOACH_HEARTBEAT);
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds * SECOND, HEARTBEAT) : HEARTBEAT;
}
/** A due time this far past (the daemon was not running) is not reminded late: a fresh interval starts. */
export const BREAK_AWAY = 5 * MINUTE;
/** No reminder in the first minute after a wake: the person is just back. */
export const SETTLE = MINUTE;
/** A routine started this soon after a reminder means the reminder was taken. */
export const TAKEN_WINDOW = 10 * MINUTE;
export const SNOOZE_DEFAULT = 10 * MINUTE;
/** A timer this late means the machine slept or the clock moved; timer jitter is milliseconds. */
const LATE_WAKE = 20 * SECOND;
/** Backwards moves smaller than this are clock slew, not a jump. */
const CLOCK_TOLERANCE = 2 * SECOND;

export interface ReminderSettings {
  every: number;
  workHours: WorkHours | null;
  /** Day numbers, 0 = Sunday; a window belongs to the day it opens on. */
  days: readonly number[];
  routine: string;
  /** The zone the work hours and days are read in. */
  zone: TimeZone;
  /** The longest sleep: HEARTBEAT, shorter only in tests (NECKCOACH_HEARTBEAT). */
  heartbeat: number;
  /** `remind.onReminder` / `remind.onBreak` as argv, run by the loop (never through a shell). */
  hooks: { onReminder: string[] | null; onBreak: string[] | null };
  /** Time away (idle, locked, suspended) of this much counts as a break (`remind.awayAfter`). */
  awayAfter: number;
  /** `remind.quiet` as argv: exit 0 means not now. */
  quiet: string[] | null;
  /** `remind.terminal`: the terminal a reminder's Start opens, null to detect one. */
  terminal: string | null;
}

/** What the scheduler remembers between wakes and across restarts (the state file, in epoch ms). */
export interface RemindState {
  /** Start of the current interval: the last break, reminder, skip or fresh cycle. */
  cycleStart: number | null;
  lastSent: number | null;
  /** The due time the last reminder answered. */
  lastDue: number | null;
  /** When a routine last followed a reminder (marks it taken once). */
  lastTaken: number | null;
  /** When a routine last started, reminder or not (the daemon runs `remind.onBreak` for it). */
  lastBreak: number | null;
  pausedUntil: number | 'indefinite' | null;
  snoozedUntil: number | null;
  lastError: { at: number; message: string } | null;
}

export const EMPTY_STATE: RemindState = {
  cycleStart: null,
  lastSent: null,
  lastDue: null,
  lastTaken: null,
  lastBreak: null,
  pausedUntil: null,
  snoozedUntil: null,
  lastError: null,
};

/** What the loop knows about its previous evaluation; both null when it has just started. */
export interface Wake {
  lastCheck: number | null;
  /** When the previous evaluation planned to wake again. */
  expected: number | null;
  /** From the previous decision: the end of the quiet minute after a wake. */
  quietUntil?: number | null;
  /** How long the person has been idle at `now`, when an idle source answered (natural breaks). */
  idleMs?: number | null;
  /** A due reminder is being held (do not disturb): it waits however long, never counted as missed. */
  held?: boolean;
}

/** A loop that has been running steadily: what `status` assumes when it predicts. */
export const steady = (now: number): Wake => ({ lastCheck: now, expected: now, quietUntil: null });

export type Action = 'remind' | 'wait' | 'fresh-cycle';
export type Reason =
  | 'due'
  | 'snooze-ended'
  | 'interval'
  | 'paused'
  | 'outside-hours'
  | 'no-window'
  | 'settling'
  | 'first-run'
  | 'new-window'
  | 'pause-ended'
  | 'time-away'
  | 'idle'
  | 'missed'
  | 'clock-back';

export interface Decision {
  action: Action;
  reason: Reason;
  /** When the next reminder will fire if nothing changes; null while paused indefinitely or with no window at all. */
  nextDue: number | null;
  /** When the loop should evaluate again: the next due time or the heartbeat, whichever is first. */
  wakeAt: number;
  /** For `remind`: the due time this reminder answers. */
  due?: number;
  /** No reminder before this (the minute after a wake); pass it back in the next Wake, so an early wake (a signal) keeps it. */
  quietUntil: number | null;
  /** The state to keep (unchanged fields are the same values). */
  state: RemindState;
}

/** Stored settings (already validated by resolveSettings) as the scheduler's numbers. */
export function reminderSettings(
  settings: Pick<
    Settings,
    | 'remind.every'
    | 'remind.workHours'
    | 'remind.days'
    | 'routine.default'
    | 'remind.onReminder'
    | 'remind.onBreak'
    | 'remind.awayAfter'
    | 'remind.quiet'
    | 'remind.terminal'
  >,
  where: { zone: TimeZone; heartbeat: number },
): ReminderSettings {
  const workHours = settings['remind.workHours'];
  return {
    every: parseSpan(settings['remind.every']),
    workHours: workHours === null ? null : parseWorkHours(workHours),
    days: parseDays(settings['remind.days']),
    routine: settings['routine.default'],
    zone: where.zone,
    heartbeat: where.heartbeat,
    hooks: {
      onReminder: command(settings['remind.onReminder'], 'remind.onReminder'),
      onBreak: command(settings['remind.onBreak'], 'remind.onBreak'),
    },
    awayAfter: parseSpan(settings['remind.awayAfter']),
    quiet: command(settings['remind.quiet'], 'remind.quiet'),
    terminal: settings['remind.terminal'],
  };
}

const command = (text: string | null, key: string) => (text === null ? null : parseCommandLine(text, key));

interface Window {
  start: number;
  end: number;
}

/** No days or hours set: one window that never closes, and no calendar to compute. */
const ALWAYS: readonly Window[] = [{ start: -Infinity, end: Infinity }];

/**
 * Reminder windows from the day before `t` to about two weeks after, merged where they touch,
 * built lazily so a wake inside today's window computes one or two days, not sixteen.
 */
function* windowsAround(settings: ReminderSettings, t: number): Generator<Window> {
  const { days, workHours: hours, zone } = settings;
  if (!hours && days.length === 7) {
    yield* ALWAYS;
    return;
  }
  const today = wallClock(t, zone);
  const at = (dayOffset: number, minute: number) => fromWallClock(zone, today.year, today.month, today.day + dayOffset, minute);
  let current: Window | undefined;
  for (let offset = -1; offset <= 15; offset++) {
    if (!days.includes((today.weekday + offset + 7) % 7)) continue;
    const window = !hours
      ? { start: at(offset, 0), end: at(offset + 1, 0) }
      : { start: at(offset, hours.start), end: at(hours.start < hours.end ? offset : offset + 1, hours.end) };
    if (current && window.start <= current.end) {
      current.end = Math.max(current.end, window.end);
      continue;
    }
    if (current) yield current;
    current = window;
  }
  if (current) yield current;
}

function find(settings: ReminderSettings, t: number, match: (w: Window) => boolean): Window | undefined {
  for (const w of windowsAround(settings, t)) if (match(w)) return w;
  return undefined;
}

const windowAt = (settings: ReminderSettings, t: number) => find(settings, t, (w) => w.start <= t && t < w.end);

/** The first reminder at or after candidate `t`: `t` itself inside a window, otherwise a fresh interval from the next window that is long enough. */
function projectDue(settings: ReminderSettings, t: number): number | null {
  const next = find(settings, t, (w) => (w.start <= t && t < w.end) || (w.start > t && w.start + settings.every < w.end));
  if (!next) return null;
  return next.start <= t ? t : next.start + settings.every;
}

/** When reminding can next begin after `t`; null when no day is set at all. */
export function nextWindowStart(settings: ReminderSettings, t: number): number | null {
  return find(settings, t, (w) => w.start > t)?.start ?? null;
}

/**
 * What the reminder loop does now. Pure: settings, remembered state, the wall clock and what the
 * loop expected. Never fires twice for missed time; time away of a break's length starts a fresh
 * interval; nothing fires in the first minute after a wake.
 */
export function schedule(
  settings: ReminderSettings,
  state: RemindState,
  now: number,
  wake: Wake = { lastCheck: null, expected: null },
): Decision {
  const s: RemindState = { ...state };
  let fresh: Reason | undefined;
  const restart = (reason: Reason, at = now) => {
    s.cycleStart = at;
    s.snoozedUntil = null;
    fresh ??= reason;
  };
  const beat = now + settings.heartbeat;
  const late = wake.expected === null ? 0 : now - wake.expected;
  // Starting up is not a wake: a restart shortly after a due time reminds at once (once).
  const woke = wake.expected !== null && late >= LATE_WAKE;
  const quietUntil = woke ? now + SETTLE : wake.quietUntil != null && wake.quietUntil > now ? wake.quietUntil : null;
  const decide = (action: Action, reason: Reason, nextDue: number | null, wakeAt = beat): Decision => ({
    action: fresh && action === 'wait' ? 'fresh-cycle' : action,
    reason: action === 'wait' && fresh && reason === 'interval' ? fresh : reason,
    nextDue,
    wakeAt: Math.min(wakeAt, nextDue ?? Infinity, beat),
    quietUntil,
    state: s,
  });

  // The wall clock went backwards: anything recorded "later" than now predates the jump.
  const back =
    (wake.lastCheck !== null && now < wake.lastCheck - CLOCK_TOLERANCE) || (s.cycleStart !== null && s.cycleStart > now + CLOCK_TOLERANCE);
  if (back) restart('clock-back');

  if (s.pausedUntil === 'indefinite') return decide('wait', 'paused', null);
  if (s.pausedUntil !== null) {
    if (now < s.pausedUntil) return decide('wait', 'paused', projectDue(settings, s.pausedUntil + settings.every), s.pausedUntil);
    restart('pause-ended', Math.min(s.pausedUntil, now));
    s.pausedUntil = null;
  }

  if (late >= settings.awayAfter) restart('time-away');
  // Idle at the keyboard for a break's length is a break too; the cycle runs from the return.
  else if (wake.idleMs != null && wake.idleMs >= settings.awayAfter) restart('idle');

  const window = windowAt(settings, now);
  if (!window) {
    const open = nextWindowStart(settings, now);
    if (open === null) return decide('wait', 'no-window', null);
    return decide('wait', 'outside-hours', projectDue(settings, open + settings.every), open);
  }
  if (s.cycleStart === null) restart('first-run');
  else if (s.cycleStart < window.start) restart('new-window');
  // A break since the snooze was set supersedes it.
  if (s.snoozedUntil !== null && s.snoozedUntil <= s.cycleStart!) s.snoozedUntil = null;

  let due = s.snoozedUntil ?? s.cycleStart! + settings.every;
  if (now - due >= BREAK_AWAY && !wake.held) {
    restart('missed');
    due = now + settings.every;
  }

  if (due <= now) {
    if (quietUntil !== null) return decide('wait', fresh ?? 'settling', quietUntil);
    const snoozed = s.snoozedUntil !== null;
    s.lastSent = now;
    s.lastDue = due;
    s.cycleStart = now;
    s.snoozedUntil = null;
    return { ...decide('remind', snoozed ? 'snooze-ended' : 'due', projectDue(settings, now + settings.every)), due };
  }
  const next = projectDue(settings, due);
  return decide('wait', 'interval', next !== null && quietUntil !== null ? Math.max(next, quietUntil) : next);
}

/** The pause and snooze in force at `now`, as status shows them: an expired one has already gone from the decision's state. */
export function holds(decision: Decision, now: number): Pick<RemindState, 'pausedUntil' | 'snoozedUntil'> {
  const { pausedUntil, snoozedUntil } = decision.state;
  return { pausedUntil, snoozedUntil: snoozedUntil !== null && snoozedUntil > now ? snoozedUntil : null };
}

/** The reminder a person is answering now: one sent within the break window and not yet taken. */
export function pendingReminder(state: RemindState, now: number): number | null {
  if (state.lastSent === null || now - state.lastSent > TAKEN_WINDOW || now < state.lastSent) return null;
  if (state.lastTaken !== null && state.lastTaken >= state.lastSent) return null;
  return state.lastDue ?? state.lastSent;
}

/** A routine started: the pending reminder (if any) is taken, and a fresh interval starts either way. */
export function takeBreak(state: RemindState, now: number): { state: RemindState; taken: number | null } {
  const taken = pendingReminder(state, now);
  return {
    state: { ...state, cycleStart: now, snoozedUntil: null, lastBreak: now, lastTaken: taken === null ? state.lastTaken : now },
    taken,
  };
}

/** `pause [span]`: no reminders until then, or until `resume` without a span. */
export const pause = (state: RemindState, now: number, span: number | null): RemindState => ({
  ...state,
  pausedUntil: span === null ? 'indefinite' : now + span,
});

/** `resume`: ends a pause (with a fresh interval) and a snooze (back to the regular interval). */
export function resume(state: RemindState, now: number): RemindState {
  const wasPaused = state.pausedUntil !== null;
  return { ...state, pausedUntil: null, snoozedUntil: null, cycleStart: wasPaused ? now : state.cycleStart };
}

/** `snooze [span]`: the next reminder comes `span` from now. */
export const snooze = (state: RemindState, now: number, span: number): RemindState => ({ ...state, snoozedUntil: now + span });

/** `skip`: this break is skipped; a fresh interval starts now. */
export const skip = (state: RemindState, now: number): RemindState => ({ ...state, cycleStart: now, snoozedUntil: null });

/** A reminder event for the history (design §6 `reminder` records) and the hooks. */
export interface ReminderEvent {
  event: 'sent' | 'failed' | 'snoozed' | 'skipped' | 'natural' | 'deferred';
  at: number;
  due: number;
  routine: string;
  error?: string;
  /** snoozed: until when. */
  until?: number;
  /** natural: how long the person had been away, ms. */
  away?: number;
  /** deferred: why (`paused`, `fullscreen`, `quiet`). */
  reason?: string;
}
