import type { Clock } from '../core/clock.js';
import {
  actionFor,
  begin,
  catchUp,
  deadline,
  type EndReason,
  type RoutineEvent,
  type SessionInput,
  type SessionState,
  type StopReason,
  update,
} from '../core/session.js';
import type { Timeline } from '../core/timeline.js';
import { ExitCode } from '../errors.js';
import { createScheduler, every, type TimerSource } from './timers.js';

/** Key presses by name as the terminal decodes them (`space`, `s`, `right`, `ctrl-c`…). */
export interface KeySource {
  onKey(listener: (key: string) => void): void;
}

/**
 * Whatever ends a run from outside (a signal, a closed terminal or pipe), and whether stdout has
 * gone with it (a SIGHUP leaves a file behind `--json >` writable): subscribe, get the undo.
 */
export type StopSource = (listener: (reason: StopReason, outputLost: boolean) => void) => () => void;

/** How often a screen's countdown is redrawn. */
export const REDRAW_MS = 100;

export interface Presenter {
  /** Shows what happened (lines, NDJSON, a frame, the bell, a voice cue) and the state after it. */
  events(events: readonly RoutineEvent[], state: SessionState): void;
  /** A screen to keep current: redrawn every REDRAW_MS and when it is resized. */
  screen?: { onResize(listener: () => void): () => void };
  /**
   * Once, when the session has ended and before it is recorded: gives the terminal back (where
   * there still is one) and leaves a summary. `outputLost`: the terminal or stdout has gone, so
   * nothing may be written.
   */
  release(state: SessionState, outputLost: boolean): void;
}

export interface RoutineRunIo {
  clock: Clock;
  timers: TimerSource;
  /** Keys from the person, when there is a terminal to read them from. */
  keys?: KeySource;
  stops: StopSource;
  present: Presenter;
  /** Asks for the pain rating after a routine that was done or quit; aborted by a stop meanwhile. */
  rate?(signal: AbortSignal): Promise<number | undefined>;
  /** Writes the run to history; called exactly once, whatever ends it. */
  record(state: SessionState, painAfter: number | undefined): void;
}

export interface RoutineOutcome {
  state: SessionState;
  painAfter: number | undefined;
  exitCode: ExitCode;
}

/** Design §3/§7: q and a closed stdout end quietly; a signal's ending is 128 + its number. */
const EXIT_CODES: Record<EndReason, ExitCode> = {
  done: ExitCode.Ok,
  quit: ExitCode.Ok,
  closed: ExitCode.Ok,
  interrupted: ExitCode.Interrupted,
  hangup: ExitCode.Hangup,
  terminated: ExitCode.Terminated,
};

/**
 * One routine run, start to record: the session is driven against the clock, then the terminal
 * released, the pain asked after (with --rate) and the run recorded once. Every way out (done, q,
 * Ctrl-C, a signal, a terminal or pipe that closed, a failure in between) is recorded with its
 * reason; a failure is rethrown after the record is written.
 */
export async function runRoutine(timeline: Timeline, io: RoutineRunIo): Promise<RoutineOutcome> {
  // The first stop from outside decides the exit code, even one that comes after the last step.
  let stop: StopReason | undefined;
  let outputLost = false;
  let onStop: (reason: StopReason) => void = () => {};
  const unsubscribe = io.stops((reason, lost) => {
    stop ??= reason;
    outputLost ||= lost;
    onStop(reason);
  });
  try {
    const { state, error } = await drive(
      timeline,
      io,
      (listener) => (onStop = listener),
      () => outputLost,
    );
    let painAfter: number | undefined;
    try {
      io.present.release(state, outputLost);
      if (error !== undefined) throw error;
      if (io.rate && (state.reason === 'done' || state.reason === 'quit') && stop === undefined) {
        const asking = new AbortController();
        onStop = () => asking.abort();
        try {
          painAfter = await io.rate(asking.signal);
        } catch (failure) {
          if (stop === undefined) throw failure; // Ctrl-C at the question: recorded, then exit 130
        }
      }
    } finally {
      io.record(state, painAfter);
    }
    return { state, painAfter, exitCode: EXIT_CODES[stop ?? state.reason ?? 'interrupted'] };
  } finally {
    unsubscribe();
  }
}

/**
 * Runs the pure session against the clock: one timer armed for the next absolute deadline, keys
 * and stops turned into inputs, every change shown. Resolves with the ended state; a failure
 * still ends the session (interrupted) and comes back beside it, so the run can be recorded.
 */
function drive(
  timeline: Timeline,
  io: RoutineRunIo,
  onStop: (listener: (reason: StopReason) => void) => void,
  outputLost: () => boolean,
): Promise<{ state: SessionState; error?: unknown }> {
  const { clock, timers, present } = io;
  const scheduler = createScheduler(clock, timers);
  const started = begin(timeline, clock.now());
  let state = started.state;
  return new Promise((resolve) => {
    const undo: (() => void)[] = [() => scheduler.cancel()];
    const end = (error?: unknown) => {
      for (const stop of undo) stop();
      resolve(error === undefined ? { state } : { state, error });
    };
    const show = (events: readonly RoutineEvent[]) => {
      if (!outputLost()) present.events(events, state);
    };
    const arm = () => {
      const at = deadline(state);
      if (at === null) scheduler.cancel();
      else scheduler.at(at, () => step({ type: 'tick' }));
    };
    const fail = (error: unknown) => {
      if (state.status !== 'ended') state = update(state, { type: 'interrupt' }, clock.now()).state;
      end(error);
    };
    const step = (input: SessionInput) => {
      if (state.status === 'ended') return;
      try {
        const now = clock.now();
        const away = catchUp(state, now);
        const next = update(away.state, input, now);
        state = next.state;
        const events = [...away.events, ...next.events];
        if (events.length > 0 || input.type === 'key') show(events);
        if (state.status === 'ended') end();
        else arm();
      } catch (error) {
        fail(error);
      }
    };

    onStop((reason) => step({ type: 'interrupt', reason }));
    io.keys?.onKey((key) => {
      if (key === 'ctrl-c') return step({ type: 'interrupt', reason: 'interrupted' });
      const action = actionFor(key);
      if (action) step({ type: 'key', action });
    });
    if (present.screen) {
      const redraw = () => {
        try {
          show([]);
        } catch (error) {
          fail(error);
        }
      };
      undo.push(every(clock, timers, REDRAW_MS, redraw), present.screen.onResize(redraw));
    }
    try {
      show(started.events);
      arm();
    } catch (error) {
      fail(error);
    }
  });
}
