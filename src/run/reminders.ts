// The reminder loop: the headless mode of the schedule core. Everything it touches is injected (a
// clock, a timer source, the files, the sender), so tests drive it with fake timers; src/daemon.ts
// builds the real ones and only starts it.
//
// Seams, each optional and called at one place:
// - `idle`: an idle source (natural breaks). Read only when idleness could reach `awayAfter`
//   (core/away.ts decides when); while the person is away, schedule() gets `wake.idleMs` and
//   restarts the cycle, and the time away is recorded once as a natural break.
// - `beforeSend`: do-not-disturb or a quiet command. Asked when a reminder is due; a reason holds
//   the reminder (state untouched, recorded once as deferred) and the loop asks again after `recheck`.
// - `sender`: how a reminder reaches the person. `remind()` only starts the delivery: the loop does
//   not wait for it, so a notification with buttons stays open across later wakes; its answer
//   (Start, Snooze, Skip) comes back to the loop.
// - `startRoutine`: a reminder's Start, the routine in a terminal of the person's.
import { type AwayWatch, HERE, type IdleReading, observeAway, readDue } from '../core/away.js';
import type { Clock } from '../core/clock.js';
import { MINUTE } from '../core/clock.js';
import { formatSpan } from '../core/duration.js';
import {
  type Decision,
  type ReminderEvent,
  type ReminderSettings,
  type RemindState,
  SNOOZE_DEFAULT,
  schedule,
  skip,
  snooze,
  type Wake,
} from '../core/schedule.js';
import { isoLocal } from '../core/time.js';
import type { Answer, Delivery } from '../io/notify.js';

/** The timer functions the loop arms; the real ones, or vitest's fakes. */
export interface Timers {
  setTimeout(wake: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** How notifications leave: reminders, and the one warning that nothing is being saved. */
export interface Sender {
  remind(reminder: { routine: string; due: number }): Promise<Delivery>;
  warn(message: string): Promise<Delivery>;
  /** Takes a reminder still on screen away and ends every delivery under way, with its whole process group. */
  stop(): void;
}

/** A break the loop noticed: time away from the machine, idleness, or a routine run (the state file says). */
export interface BreakEvent {
  kind: 'away' | 'idle' | 'routine';
  at: number;
}

/** The daemon's files. Every call may throw: a full disk, a read-only or deleted home. */
export interface ReminderStore {
  /** A cheap stamp (the mtime) of the settings file: read again only when it changes. */
  settingsStamp(): number;
  readSettings(): ReminderSettings;
  stateStamp(): number;
  readState(): RemindState;
  writeState(state: RemindState): void;
  record(event: ReminderEvent): void;
  /** Marks a wake as recorded, cheaply (status calls a daemon whose mark is two heartbeats old silent). */
  markWake(now: number): void;
  /** Why this process is no longer the scheduler (its lock is gone or names another, its home was deleted), or null. */
  lostLock(): string | null;
}

export interface ReminderDeps {
  clock: Clock;
  timers: Timers;
  store: ReminderStore;
  sender: Sender;
  log(line: string): void;
  /** A terminal bell when a notification failed; false where the process has no terminal. */
  bell(): boolean;
  idle?(): Promise<IdleReading | null>;
  beforeSend?(settings: ReminderSettings): Promise<string | null>;
  /** Opens the routine in a terminal (a reminder's Start); the routine records the break itself. */
  startRoutine?(routine: string, settings: ReminderSettings): Promise<{ ok: true } | { ok: false; error: string }>;
  /** Runs a `remind.onReminder` / `remind.onBreak` command with `document` as JSON on stdin; never awaited. */
  hook(argv: readonly string[], document: Record<string, unknown>): void;
  /** How soon a held reminder is asked about again (design §7: within a minute of the hold ending). */
  recheck?: number;
}

export interface ReminderLoop {
  /** Wakes now, re-reading settings and state first (SIGHUP). */
  wake(): void;
  /** Ends the loop and every delivery under way. */
  stop(): void;
  /** Settles when the loop ended by itself (its lock or home is gone), with the reason. */
  readonly ended: Promise<string>;
  /** How many times the loop has woken: what a test counts to hold the idle budget. */
  readonly wakes: number;
}

const ERROR_RETRY = MINUTE;
/** Records kept in memory while they cannot be saved, oldest dropped first. */
const UNSAVED_LIMIT = 100;

const sameState = (a: RemindState, b: RemindState) =>
  a.cycleStart === b.cycleStart &&
  a.lastSent === b.lastSent &&
  a.lastDue === b.lastDue &&
  a.lastTaken === b.lastTaken &&
  a.lastBreak === b.lastBreak &&
  a.pausedUntil === b.pausedUntil &&
  a.snoozedUntil === b.snoozedUntil &&
  a.lastError === b.lastError;

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function startReminders(deps: ReminderDeps): ReminderLoop {
  const { clock, timers, store, sender, log } = deps;
  const recheck = deps.recheck ?? MINUTE;
  let settings = store.readSettings();
  let settingsStamp = store.settingsStamp();
  let state = store.readState();
  let stateStamp = store.stateStamp();
  let wake: Wake = { lastCheck: null, expected: null, quietUntil: null };
  let timer: unknown;
  let busy = false;
  let again = false;
  let stopped = false;
  let lastReason = '';
  let wakes = 0;
  let watch: AwayWatch = HERE;
  /** The due time of the reminder being held by do not disturb, while it is. */
  let held: number | null = null;
  let lastNextDue: number | null = null;
  const time = (ms: number | null) => (ms === null ? 'not scheduled' : isoLocal(ms, { zone: settings.zone }));
  const iso = (ms: number) => isoLocal(ms, { zone: settings.zone });

  /** The hooks' stdin (README, hooks): one JSON document per event, times as ISO 8601 with offset. */
  /** A hook that cannot even start (a bad command) is logged; it never stops the loop. */
  const hook = (argv: readonly string[] | null, document: Record<string, unknown>) => {
    if (!argv) return;
    try {
      deps.hook(argv, document);
    } catch (error) {
      log(`hook ${JSON.stringify(argv[0])} could not start: ${message(error)}`);
    }
  };
  const onReminder = (e: ReminderEvent) =>
    hook(settings.hooks.onReminder, {
      schemaVersion: 1,
      type: 'reminder',
      event: e.event,
      at: iso(e.at),
      due: iso(e.due),
      routine: e.routine,
      ...(e.error === undefined ? {} : { error: e.error }),
    });
  const onBreak = (e: BreakEvent) => hook(settings.hooks.onBreak, { schemaVersion: 1, type: 'break', kind: e.kind, at: iso(e.at) });

  // Writes that failed (a full disk, a read-only home) wait here and are tried again at each wake;
  // reminders go on meanwhile. The person is told once, when saving first fails.
  const unsaved: { state: RemindState | null; events: ReminderEvent[] } = { state: null, events: [] };
  let failing = false;
  const outcome = (error: unknown) => {
    if (error === null) {
      if (failing) log('saving works again');
      failing = false;
      return;
    }
    if (!failing) {
      log(`cannot save: ${message(error)}; reminders continue`);
      sender
        .warn(`neckcoach cannot save its reminders (${message(error)}). Reminders continue; \`neckcoach remind status\` shows it.`)
        .then((delivery) => delivery.ok || log(`could not show that either: ${delivery.error}`))
        .catch((failure) => log(`could not show that either: ${message(failure)}`));
    }
    failing = true;
  };
  const flush = () => {
    try {
      if (unsaved.state) store.writeState(unsaved.state);
      unsaved.state = null;
      for (; unsaved.events.length > 0; unsaved.events.shift()) store.record(unsaved.events[0]!);
      outcome(null);
    } catch (error) {
      outcome(error);
    }
  };
  const save = (next: RemindState) => {
    state = next;
    unsaved.state = next;
    flush();
    stateStamp = store.stateStamp();
  };
  const record = (event: ReminderEvent) => {
    if (unsaved.events.push(event) > UNSAVED_LIMIT) unsaved.events.shift();
    flush();
  };
  /** The mark status reads; while something waits to be saved, retrying that is the mark instead. */
  const markWake = (now: number) => {
    if (unsaved.state || unsaved.events.length > 0) return flush();
    try {
      store.markWake(now);
      outcome(null);
    } catch (error) {
      outcome(error);
    }
  };

  /** Re-reads settings and state when their stamp changed, or always when forced (SIGHUP). */
  const refresh = (force: boolean) => {
    const s = store.settingsStamp();
    if (force || s !== settingsStamp) {
      settingsStamp = s;
      const before = settings;
      settings = store.readSettings();
      if (settings.every !== before.every || settings.routine !== before.routine) {
        log(`settings changed: every ${settings.every / 1000}s, routine ${settings.routine}`);
      }
    }
    const t = store.stateStamp();
    if (force || t !== stateStamp) {
      stateStamp = t;
      const before = state;
      state = store.readState();
      // Someone else saved (pause, snooze, a routine): theirs is newer than a state we could not save.
      unsaved.state = null;
      if (state.lastBreak !== null && state.lastBreak !== before.lastBreak) onBreak({ kind: 'routine', at: state.lastBreak });
    }
  };

  const deliver = (decision: Decision, now: number) => {
    const due = decision.due ?? now;
    const routine = settings.routine;
    const fired = `fired ${now - due} ms after due`;
    void sender
      .remind({ routine, due })
      .then((delivery) => {
        if (stopped) return;
        refresh(false);
        const event: ReminderEvent = delivery.ok
          ? { event: 'sent', at: now, due, routine }
          : { event: 'failed', at: now, due, routine, error: delivery.error };
        record(event);
        onReminder(event);
        if (delivery.ok) {
          log(`reminder sent (due ${time(due)}, ${fired}): neckcoach routine ${routine}`);
          if (state.lastError) save({ ...state, lastError: null });
          delivery.answer
            ?.then((answer) => answer && answered(answer, due, routine))
            .catch((error) => log(`error after an answer: ${message(error)}`));
          return;
        }
        const bell = deps.bell();
        log(`reminder failed (due ${time(due)}, ${fired}): ${delivery.error}${bell ? '; rang the terminal bell instead' : ''}`);
        save({ ...state, lastError: { at: now, message: delivery.error } });
      })
      .catch((error) => log(`error after a reminder: ${message(error)}`));
  };

  /** The person answered a reminder: Start opens the routine, Snooze and Skip do what `remind snooze`/`skip` do. */
  const answered = async (answer: Answer, due: number, routine: string) => {
    if (stopped) return;
    refresh(false);
    const now = clock.now();
    if (answer === 'start') {
      log(`Start: opening neckcoach routine ${routine} in a terminal`);
      const opened = (await deps.startRoutine?.(routine, settings)) ?? { ok: false, error: 'no way to open a terminal here' };
      if (!opened.ok && !stopped) {
        log(`could not open a terminal: ${opened.error}`);
        save({ ...state, lastError: { at: now, message: `could not open a terminal: ${opened.error}` } });
      }
      return;
    }
    if (answer === 'snooze') {
      save(snooze(state, now, SNOOZE_DEFAULT));
      record({ event: 'snoozed', at: now, due, routine, until: state.snoozedUntil! });
      log(`snoozed from the notification until ${time(state.snoozedUntil)}`);
    } else {
      save(skip(state, now));
      record({ event: 'skipped', at: now, due, routine });
      log('skipped from the notification; a fresh interval starts now');
    }
    timers.clearTimeout(timer);
    void tick(false);
  };

  /**
   * Natural breaks: reads the idle source when it is due a reading (core/away.ts), records a
   * stretch away once and takes its reminder off the screen. Returns how long the person has been
   * away, for schedule(), or null while they are here. Not while paused or outside the hours.
   */
  const away = async (now: number): Promise<number | null> => {
    const resting = lastReason === 'paused' || lastReason === 'outside-hours' || lastReason === 'no-window';
    if (!deps.idle || resting) {
      watch = HERE;
      return null;
    }
    if (readDue(watch, now)) {
      const step = observeAway(watch, await deps.idle(), clock.now(), { awayAfter: settings.awayAfter, heartbeat: settings.heartbeat });
      watch = step.watch;
      if (step.event === 'left') {
        log(`away for ${formatSpan(step.away)}: a natural break`);
        sender.stop();
        record({ event: 'natural', at: now, due: lastNextDue ?? now, routine: settings.routine, away: step.away });
      } else if (step.event === 'back') {
        log(`back after ${formatSpan(step.away)} away`);
      }
    }
    return watch.since === null ? null : now - watch.since;
  };

  const arm = (at: number) => {
    if (stopped) return;
    timers.clearTimeout(timer);
    timer = timers.setTimeout(() => void tick(false), Math.max(0, at - clock.now()));
  };

  const stop = () => {
    stopped = true;
    timers.clearTimeout(timer);
    sender.stop();
  };

  const tick = async (force: boolean): Promise<void> => {
    if (stopped) return;
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    wakes++;
    try {
      // Before anything else: a replaced lock or a deleted home must never send.
      const lost = store.lostLock();
      if (lost) {
        log(`${lost}; stopping without sending`);
        stop();
        finish(lost);
        return;
      }
      refresh(force);
      const now = clock.now();
      const idleMs = await away(now);
      const decision = schedule(settings, state, now, { ...wake, idleMs, held: held !== null });
      lastNextDue = decision.nextDue;
      if (decision.reason !== lastReason && decision.reason !== 'interval' && decision.reason !== 'due') {
        log(`${decision.reason}; next reminder ${time(decision.nextDue)}`);
        if (decision.reason === 'time-away' || decision.reason === 'idle')
          onBreak({ kind: decision.reason === 'idle' ? 'idle' : 'away', at: now });
      }
      lastReason = decision.reason;
      if (decision.action === 'remind' && deps.beforeSend) {
        const hold = await deps.beforeSend(settings);
        if (hold) {
          // Recorded once per hold, however many times it is asked again.
          if (held === null) {
            log(`reminder held: ${hold}`);
            record({ event: 'deferred', at: now, due: decision.due ?? now, routine: settings.routine, reason: hold });
          }
          held = decision.due ?? now;
          wake = { lastCheck: now, expected: now + recheck, quietUntil: decision.quietUntil };
          arm(Math.min(now + recheck, watch.nextRead ?? Infinity));
          return;
        }
      }
      if (decision.action !== 'remind' && held !== null && decision.reason !== 'settling') held = null;
      wake = { lastCheck: now, expected: decision.wakeAt, quietUntil: decision.quietUntil };
      if (!sameState(decision.state, state)) save(decision.state);
      markWake(now);
      arm(deps.idle ? Math.min(decision.wakeAt, watch.nextRead ?? Infinity) : decision.wakeAt);
      if (decision.action === 'remind') {
        held = null;
        deliver(decision, now);
      }
    } catch (error) {
      // A failed wake must not end the scheduler: log it and try again soon.
      log(`error: ${message(error)}`);
      arm(clock.now() + ERROR_RETRY);
    } finally {
      busy = false;
      if (again && !stopped) {
        again = false;
        void tick(true);
      }
    }
  };

  let finish: (reason: string) => void = () => {};
  const ended = new Promise<string>((resolve) => (finish = resolve));
  void tick(true);
  return {
    wake: () => {
      timers.clearTimeout(timer);
      void tick(true);
    },
    stop,
    ended,
    get wakes() {
      return wakes;
    },
  };
}
