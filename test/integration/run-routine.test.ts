// The routine runner on vitest's fake timers (design §8): its timers, clock, keys, stops, screen and
// recorder are injected, so every path runs in milliseconds and the wakes can be counted.
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { InStream, OutStream } from '../../src/context.js';
import { AWAY_MS, type RoutineEvent, type SessionState, type StopReason } from '../../src/core/session.js';
import { buildTimeline, type RoutineDefinition } from '../../src/core/timeline.js';
import { stopSource } from '../../src/io/terminal.js';
import { REDRAW_MS, type RoutineRunIo, runRoutine } from '../../src/run/routine.js';
import type { TimerSource } from '../../src/run/timers.js';

const T0 = Date.UTC(2026, 10, 25, 9, 30);
const tucks: RoutineDefinition = {
  id: 'tucks',
  title: 'Tucks',
  kind: 'move',
  setup: ['Sit tall.'],
  steps: [{ id: 'tuck', title: 'Tuck', kind: 'hold', seconds: 5, reps: 3, rest: 2, cue: 'Tuck.' }],
};
// Segments: get-ready 0–5 s, hold 5–10, rest 10–12, hold 12–17, rest 17–19, hold 19–24 (3 work).
const timeline = buildTimeline(tucks);
const offsets = timeline.segments.map((s) => s.offset);
const TOTAL = timeline.total;

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => {
  vi.useRealTimers();
});

interface HarnessOptions {
  /** How many ms after it was due a timer of `ms` fires (negative: early). */
  late?: number | ((ms: number) => number);
  screen?: boolean;
  rate?: RoutineRunIo['rate'];
  /** Throws from the presenter when it is shown this event. */
  failOn?: (event: RoutineEvent) => boolean;
}

/** One run on fake timers, with everything it touches recorded. */
function start(options: HarnessOptions = {}) {
  const late = typeof options.late === 'function' ? options.late : () => (options.late as number | undefined) ?? 0;
  let wakes = 0;
  let redraws = 0;
  const timers: TimerSource = {
    setTimeout: (wake, ms) =>
      setTimeout(
        () => {
          wakes++;
          wake();
        },
        Math.max(0, ms + late(ms)),
      ),
    clearTimeout: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
  };
  const keyListeners: ((key: string) => void)[] = [];
  const stopListeners = new Set<(reason: StopReason, outputLost: boolean) => void>();
  const resizeListeners = new Set<() => void>();
  const shown: RoutineEvent[] = [];
  const records: { reason: string | null; completed: number; painAfter: number | undefined }[] = [];
  const released: boolean[] = [];
  const io: RoutineRunIo = {
    clock: { now: () => Date.now() },
    timers,
    keys: { onKey: (listener) => void keyListeners.push(listener) },
    stops: (listener) => {
      stopListeners.add(listener);
      return () => stopListeners.delete(listener);
    },
    present: {
      events(events, _state: SessionState) {
        if (events.length === 0) redraws++;
        for (const event of events) {
          if (options.failOn?.(event)) throw new Error('the presenter broke');
          shown.push(event);
        }
      },
      ...(options.screen
        ? {
            screen: {
              onResize(listener: () => void) {
                resizeListeners.add(listener);
                return () => resizeListeners.delete(listener);
              },
            },
          }
        : {}),
      release: (_state, lost) => void released.push(lost),
    },
    ...(options.rate ? { rate: options.rate } : {}),
    record: (state, painAfter) => void records.push({ reason: state.reason, completed: state.completed.length, painAfter }),
  };
  const outcome = runRoutine(timeline, io);
  return {
    outcome,
    shown,
    records,
    released,
    get wakes() {
      return wakes;
    },
    get redraws() {
      return redraws;
    },
    press: (key: string) => keyListeners.forEach((listener) => listener(key)),
    stop: (reason: StopReason, outputLost = reason === 'hangup' || reason === 'closed') =>
      [...stopListeners].forEach((listener) => listener(reason, outputLost)),
    resize: () => [...resizeListeners].forEach((listener) => listener()),
    subscribed: () => stopListeners.size + resizeListeners.size,
    of<T extends RoutineEvent['type']>(type: T) {
      return shown.filter((e): e is Extract<RoutineEvent, { type: T }> => e.type === type);
    },
  };
}

const at = (ms: number) => vi.advanceTimersByTime(T0 + ms - Date.now());

describe('the routine runner on fake timers', () => {
  it('starts each step on its deadline, waking once per step, and records the run once', async () => {
    const run = start();
    await vi.advanceTimersByTimeAsync(TOTAL);
    const outcome = await run.outcome;
    expect(outcome.exitCode).toBe(0);
    expect(outcome.state.reason).toBe('done');
    expect(run.of('step-start').map((e) => e.at - T0)).toEqual(offsets);
    expect(run.of('routine-end')).toMatchObject([{ at: T0 + TOTAL, reason: 'done', elapsed: TOTAL }]);
    expect(run.wakes).toBe(timeline.segments.length);
    expect(run.records).toEqual([{ reason: 'done', completed: 3, painAfter: undefined }]);
    expect(run.released).toEqual([false]);
    expect(run.subscribed()).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('late wakes never add up: each step starts on its planned time, the end is late by one wake only', async () => {
    const run = start({ late: 40 });
    await vi.advanceTimersByTimeAsync(TOTAL + 40);
    await run.outcome;
    const starts = run.of('step-start');
    expect(starts.map((e) => e.planned)).toEqual(offsets);
    // Shown when the wake came (40 ms late), but the next deadline is still start + offset.
    expect(starts.slice(1).map((e) => e.at - T0)).toEqual(offsets.slice(1).map((o) => o + 40));
    expect(run.of('routine-end')[0]).toMatchObject({ at: T0 + TOTAL + 40, plannedTotal: TOTAL });
    expect(run.wakes).toBe(timeline.segments.length);
  });

  it('an early wake re-arms for what is left and never starts a step early', async () => {
    // Timers may fire a millisecond or so early; here every one armed for more than 3 ms does.
    const run = start({ late: (ms) => (ms > 3 ? -3 : 0) });
    await vi.advanceTimersByTimeAsync(TOTAL);
    await run.outcome;
    expect(run.of('step-start').map((e) => e.at - T0)).toEqual(offsets);
    // Each deadline: one early wake that re-arms, then the one on time.
    expect(run.wakes).toBe(timeline.segments.length * 2);
  });

  it('pause stops the clock: no wakes while paused, resume reports the exact pause, later steps move by it', async () => {
    const run = start();
    at(6_000);
    run.press('space');
    const wakesAtPause = run.wakes;
    at(9_250);
    expect(run.wakes).toBe(wakesAtPause);
    run.press('space');
    expect(run.of('pause')).toMatchObject([{ at: T0 + 6_000, index: 1 }]);
    expect(run.of('resume')).toMatchObject([{ at: T0 + 9_250, index: 1, pausedMs: 3_250 }]);
    await vi.advanceTimersByTimeAsync(TOTAL);
    const { state } = await run.outcome;
    expect(run.of('step-start').map((e) => e.at - T0)).toEqual(offsets.map((o) => (o > 6_000 ? o + 3_250 : o)));
    expect(state.pausedMs).toBe(3_250);
    expect(run.of('routine-end')[0]).toMatchObject({ at: T0 + TOTAL + 3_250, elapsed: TOTAL + 3_250 });
    expect(run.wakes).toBe(timeline.segments.length);
  });

  it('skip starts the next move now with its full length; back repeats the previous one', async () => {
    const run = start();
    at(6_000);
    run.press('s'); // hold 1 → hold 2 (index 3), skipping the rest between
    expect(run.of('skip')).toMatchObject([{ at: T0 + 6_000, from: 1, to: 3 }]);
    at(8_000);
    run.press('b'); // back to hold 1
    expect(run.of('back')).toMatchObject([{ at: T0 + 8_000, from: 3, to: 1 }]);
    await vi.advanceTimersByTimeAsync(TOTAL);
    const { state } = await run.outcome;
    const starts = run.of('step-start').map((e) => [e.index, e.at - T0]);
    expect(starts).toEqual([
      [0, 0],
      [1, 5_000],
      [3, 6_000],
      [1, 8_000],
      [2, 13_000],
      [3, 15_000],
      [4, 20_000],
      [5, 22_000],
    ]);
    expect(state.completed).toEqual([1, 3, 5]);
    expect(run.records).toEqual([{ reason: 'done', completed: 3, painAfter: undefined }]);
  });

  it('time away (a suspend) counts as a pause: the step ends on time and the next one starts whole on waking', async () => {
    const run = start();
    at(7_000);
    // The machine sleeps for a minute: the clock jumps, the pending timer fires once, late.
    vi.setSystemTime(T0 + 67_000);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(run.of('step-end').at(-1)).toMatchObject({ at: T0 + 10_000, index: 1, completed: true });
    expect(run.of('pause')).toMatchObject([{ at: T0 + 10_000, index: 2 }]);
    expect(run.of('resume')).toMatchObject([{ at: T0 + 70_000, index: 2, pausedMs: 60_000 }]);
    expect(run.of('step-start').map((e) => e.index)).toEqual([0, 1, 2]);
    await vi.advanceTimersByTimeAsync(TOTAL);
    const { state } = await run.outcome;
    expect(
      run
        .of('step-start')
        .slice(3)
        .map((e) => e.at - T0),
    ).toEqual(offsets.slice(3).map((o) => o + 60_000));
    expect(state.pausedMs).toBe(60_000);
    expect(run.wakes).toBe(timeline.segments.length);
  });

  it('a wake late by less than the away threshold is only late, not a pause', async () => {
    const run = start({ late: AWAY_MS - 1 });
    await vi.advanceTimersByTimeAsync(TOTAL + AWAY_MS);
    await run.outcome;
    expect(run.of('pause')).toEqual([]);
    expect(run.of('step-start').map((e) => e.planned)).toEqual(offsets);
  });

  it('with a screen, redraws every 100 ms and on resize, and stops redrawing when done', async () => {
    const run = start({ screen: true });
    at(1_000);
    expect(run.redraws).toBe(1_000 / REDRAW_MS);
    run.resize();
    expect(run.redraws).toBe(1_000 / REDRAW_MS + 1);
    await vi.advanceTimersByTimeAsync(TOTAL);
    await run.outcome;
    // A redraw every 100 ms before the end (the one due at the end is cancelled by it), and the deadlines.
    expect(run.wakes).toBe(timeline.segments.length + TOTAL / REDRAW_MS - 1);
    expect(run.subscribed()).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('every way a run ends is recorded once, with its reason and exit code', () => {
  it.each([
    ['q', 'quit', 0],
    ['ctrl-c', 'interrupted', 130],
  ] as const)('the key %s: %s, exit %i', async (key, reason, exitCode) => {
    const run = start();
    at(11_000);
    run.press(key);
    const outcome = await run.outcome;
    expect(outcome.exitCode).toBe(exitCode);
    expect(run.of('routine-end')).toMatchObject([{ at: T0 + 11_000, reason }]);
    expect(run.records).toEqual([{ reason, completed: 1, painAfter: undefined }]);
    expect(run.released).toEqual([false]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it.each([
    ['interrupted', 130, false],
    ['terminated', 143, false],
    ['hangup', 129, true],
    ['closed', 0, true],
    ['hangup', 129, false], // SIGHUP with stdout in a file (--json > file)
  ] as const)('a stop from outside, %s: exit %i, output lost %s', async (reason, exitCode, lost) => {
    const run = start({ screen: true });
    at(11_000);
    const shownBefore = run.shown.length;
    run.stop(reason, lost);
    const outcome = await run.outcome;
    expect(outcome.exitCode).toBe(exitCode);
    expect(outcome.state).toMatchObject({ reason, endedAt: T0 + 11_000 });
    expect(run.records).toEqual([{ reason, completed: 1, painAfter: undefined }]);
    expect(run.released).toEqual([lost]);
    // A terminal or pipe that has gone is not written to again.
    if (lost) expect(run.shown.length).toBe(shownBefore);
    else expect(run.of('routine-end')).toMatchObject([{ reason }]);
    expect(run.subscribed()).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a second stop, or a key after the end, changes nothing', async () => {
    const run = start();
    at(3_000);
    run.stop('hangup');
    run.stop('terminated');
    run.press('q');
    const outcome = await run.outcome;
    expect(outcome.exitCode).toBe(129);
    expect(run.records).toHaveLength(1);
  });

  it('--rate asks after a finished routine and records the answer with the run', async () => {
    const run = start({ rate: async () => 4 });
    await vi.advanceTimersByTimeAsync(TOTAL);
    const outcome = await run.outcome;
    expect(outcome).toMatchObject({ exitCode: 0, painAfter: 4 });
    expect(run.records).toEqual([{ reason: 'done', completed: 3, painAfter: 4 }]);
  });

  it('a hang-up while the rating is asked aborts the question and still records the run, once', async () => {
    let asked: AbortSignal | undefined;
    const run = start({
      rate: (signal) =>
        new Promise((_, reject) => {
          asked = signal;
          signal.addEventListener('abort', () => reject(new Error('aborted')));
        }),
    });
    await vi.advanceTimersByTimeAsync(TOTAL);
    expect(asked?.aborted).toBe(false);
    run.stop('hangup');
    const outcome = await run.outcome;
    expect(asked?.aborted).toBe(true);
    expect(outcome.exitCode).toBe(129);
    expect(run.records).toEqual([{ reason: 'done', completed: 3, painAfter: undefined }]);
  });

  it('Ctrl-C at the rating question records the run, then passes the interruption on', async () => {
    const run = start({ rate: () => Promise.reject(Object.assign(new Error('closed'), { name: 'ExitPromptError' })) });
    const failure = run.outcome.catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(TOTAL);
    expect(await failure).toMatchObject({ name: 'ExitPromptError' });
    expect(run.records).toEqual([{ reason: 'done', completed: 3, painAfter: undefined }]);
  });

  it('no rating is asked after an interruption', async () => {
    const rate = vi.fn(async () => 3);
    const run = start({ rate });
    at(6_000);
    run.press('ctrl-c');
    await run.outcome;
    expect(rate).not.toHaveBeenCalled();
  });

  it('a failure while showing a step ends the session as interrupted, records it, then throws', async () => {
    const run = start({ failOn: (e) => e.type === 'step-start' && e.index === 2 });
    const failure = run.outcome.catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(TOTAL);
    expect(await failure).toMatchObject({ message: 'the presenter broke' });
    expect(run.records).toEqual([{ reason: 'interrupted', completed: 1, painAfter: undefined }]);
    expect(run.released).toEqual([false]);
    expect(vi.getTimerCount()).toBe(0);
    expect(run.subscribed()).toBe(0);
  });
});

describe('stopSource: signals and failing streams as reasons', () => {
  const streams = (tty: boolean) => ({
    stdout: Object.assign(new PassThrough(), { isTTY: tty }) as OutStream,
    stderr: Object.assign(new PassThrough(), { isTTY: tty }) as OutStream,
    stdin: Object.assign(new PassThrough(), { isTTY: tty }) as InStream,
  });
  const epipe = Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
  const eio = Object.assign(new Error('write EIO'), { code: 'EIO' });

  it.each([
    ['SIGINT', 'interrupted'],
    ['SIGTERM', 'terminated'],
    ['SIGHUP', 'hangup'],
  ])('%s is %s', (signal, reason) => {
    const signals = new EventEmitter();
    const seen: [StopReason, boolean][] = [];
    const undo = stopSource(streams(true), signals as unknown as NodeJS.Process)((r, lost) => seen.push([r, lost]));
    signals.emit(signal);
    // Only a hang-up takes the terminal (here stdout) with it.
    expect(seen).toEqual([[reason, signal === 'SIGHUP']]);
    undo();
    expect(signals.listenerCount(signal)).toBe(0);
  });

  it('stdout: a closed pipe is closed; a terminal that fails is a hang-up; so is failing input', () => {
    const seen: [StopReason, boolean][] = [];
    const pipe = streams(false);
    const tty = streams(true);
    const signals = new EventEmitter() as unknown as NodeJS.Process;
    stopSource(pipe, signals)((r, lost) => seen.push([r, lost]));
    stopSource(tty, signals)((r, lost) => seen.push([r, lost]));
    pipe.stdout.emit('error', epipe);
    tty.stdout.emit('error', eio);
    tty.stdin.emit('error', eio);
    tty.stderr.emit('error', eio);
    expect(seen).toEqual([
      ['closed', true],
      ['hangup', true],
      ['hangup', true],
      ['hangup', true],
    ]);
  });

  it('a hang-up with stdout in a file (--json > file) leaves stdout to write to', () => {
    const seen: [StopReason, boolean][] = [];
    const signals = new EventEmitter();
    const file = { ...streams(true), stdout: Object.assign(new PassThrough(), { isTTY: false }) as OutStream };
    stopSource(file, signals as unknown as NodeJS.Process)((r, lost) => seen.push([r, lost]));
    signals.emit('SIGHUP');
    file.stdin.emit('error', eio);
    expect(seen).toEqual([
      ['hangup', false],
      ['hangup', false],
    ]);
  });

  it('a closed stderr pipe is not a reason to stop, and its error is handled', () => {
    const seen: StopReason[] = [];
    const pipe = streams(false);
    const undo = stopSource(pipe, new EventEmitter() as unknown as NodeJS.Process)((r) => seen.push(r));
    expect(() => pipe.stderr.emit('error', epipe)).not.toThrow();
    expect(seen).toEqual([]);
    undo();
    for (const stream of [pipe.stdout, pipe.stderr, pipe.stdin]) expect(stream.listenerCount('error')).toBe(0);
  });
});
