// The daemon's loop on fake timers: everything it touches is injected, so these tests count its
// wakes and drive suspends, clock jumps, signals and failing writes without a process or a clock.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HOUR, MINUTE, SECOND } from '../../src/core/clock.js';
import {
  EMPTY_STATE,
  HEARTBEAT,
  pause,
  type ReminderSettings,
  type RemindState,
  resume,
  snooze,
  takeBreak,
} from '../../src/core/schedule.js';
import { isoLocal, namedZone } from '../../src/core/time.js';
import type { Delivery } from '../../src/io/notify.js';
import type { ReminderEvent } from '../../src/core/schedule.js';
import { type ReminderLoop, type ReminderStore, startReminders } from '../../src/run/reminders.js';

const ZONE = namedZone('Europe/London');
// Wednesday 2026-11-25 10:00 in London (GMT).
const T0 = Date.UTC(2026, 10, 25, 10, 0);
const SETTINGS: ReminderSettings = {
  every: 45 * MINUTE,
  workHours: null,
  days: [0, 1, 2, 3, 4, 5, 6],
  routine: 'desk-break',
  zone: ZONE,
  heartbeat: HEARTBEAT,
  hooks: { onReminder: ['on-reminder'], onBreak: ['on-break', '--quiet'] },
  awayAfter: 5 * MINUTE,
  quiet: null,
  terminal: null,
};

const diskFull = () => Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });

/** Files, sender and log in memory; the loop under test on vitest's fake timers. */
function harness(
  options: {
    deliver?: () => Promise<Delivery>;
    idle?: () => Promise<number | null>;
    beforeSend?: () => Promise<string | null>;
    startRoutine?: (routine: string) => Promise<{ ok: true } | { ok: false; error: string }>;
  } = {},
) {
  const files = {
    settings: SETTINGS,
    settingsStamp: 1,
    state: { ...EMPTY_STATE } as RemindState,
    stateStamp: 1,
    lock: true,
    failWrites: false,
  };
  const reads = { settings: 0, state: 0 };
  const sent: { routine: string; due: number; at: number }[] = [];
  const warnings: string[] = [];
  const history: ReminderEvent[] = [];
  const marks: number[] = [];
  const log: string[] = [];
  const hooks: { argv: readonly string[]; document: Record<string, unknown> }[] = [];
  let bells = 0;
  let senderStops = 0;
  const store: ReminderStore = {
    settingsStamp: () => files.settingsStamp,
    readSettings: () => (reads.settings++, files.settings),
    stateStamp: () => files.stateStamp,
    readState: () => (reads.state++, files.state),
    writeState: (state) => {
      if (files.failWrites) throw diskFull();
      files.state = state;
      files.stateStamp++;
    },
    record: (event) => {
      if (files.failWrites) throw diskFull();
      history.push(event);
    },
    markWake: (now) => void marks.push(now),
    lostLock: () => (files.lock ? null : 'the folder /tmp/gone/state was deleted'),
  };
  const loop: ReminderLoop = startReminders({
    clock: { now: () => Date.now() },
    timers: { setTimeout: (wake, ms) => setTimeout(wake, ms), clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout) },
    store,
    sender: {
      remind: (reminder) => {
        sent.push({ ...reminder, at: Date.now() });
        return options.deliver?.() ?? Promise.resolve({ ok: true });
      },
      warn: (message) => (warnings.push(message), Promise.resolve({ ok: true })),
      stop: () => void senderStops++,
    },
    log: (line) => void log.push(line),
    bell: () => (bells++, true),
    // Idle milliseconds, as the X11 and GNOME sources give them.
    idle: options.idle && (async () => ({ idleMs: await options.idle!(), locked: null })),
    beforeSend: options.beforeSend,
    startRoutine: options.startRoutine,
    hook: (argv, document) => void hooks.push({ argv, document }),
  });
  /** Another process changed the state file (pause, snooze, a routine): a new mtime. */
  const change = (next: (s: RemindState) => RemindState) => {
    files.state = next(files.state);
    files.stateStamp++;
  };
  return { loop, files, reads, sent, warnings, history, marks, log, hooks, change, bells: () => bells, senderStops: () => senderStops };
}

let running: ReminderLoop[] = [];
const start = (options?: Parameters<typeof harness>[0]) => {
  const h = harness(options);
  running.push(h.loop);
  return h;
};

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
});
afterEach(() => {
  for (const loop of running) loop.stop();
  running = [];
  vi.useRealTimers();
});

describe('the reminder loop on fake timers', () => {
  it('wakes 20 times an hour (the 3-minute heartbeat) and reminds once in 45 minutes', async () => {
    const h = start();
    await vi.advanceTimersByTimeAsync(0);
    expect(h.loop.wakes).toBe(1);
    await vi.advanceTimersByTimeAsync(HOUR);
    // Start, then every 3 minutes; the reminder at 45 falls on a heartbeat.
    expect(h.loop.wakes).toBe(21);
    expect(h.sent).toEqual([{ routine: 'desk-break', due: T0 + 45 * MINUTE, at: T0 + 45 * MINUTE }]);
  });

  it('an idle wake reads no file whose mtime did not change, and marks the wake', async () => {
    const h = start();
    await vi.advanceTimersByTimeAsync(30 * MINUTE);
    expect(h.reads).toEqual({ settings: 2, state: 2 }); // at start, and the forced first wake
    expect(h.marks).toHaveLength(h.loop.wakes);
  });

  it('sends a due reminder within the wake at its due time, and records it', async () => {
    const h = start();
    await vi.advanceTimersByTimeAsync(45 * MINUTE - 1);
    expect(h.sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.sent.map((s) => s.at)).toEqual([T0 + 45 * MINUTE]);
    expect(h.history).toEqual([{ event: 'sent', at: T0 + 45 * MINUTE, due: T0 + 45 * MINUTE, routine: 'desk-break' }]);
    expect(h.hooks).toEqual([
      {
        argv: ['on-reminder'],
        document: {
          schemaVersion: 1,
          type: 'reminder',
          event: 'sent',
          at: '2026-11-25T10:45:00+00:00',
          due: '2026-11-25T10:45:00+00:00',
          routine: 'desk-break',
        },
      },
    ]);
    expect(h.log.at(-1)).toMatch(/^reminder sent \(due 2026-11-25T10:45:00\+00:00, fired 0 ms after due\)/);
  });

  it('a suspend past the due time starts a fresh cycle on wake: no burst, no reminder', async () => {
    const h = start();
    await vi.advanceTimersByTimeAsync(40 * MINUTE);
    // The lid closes for half an hour: wall time moves on, the timer does not run meanwhile.
    vi.setSystemTime(Date.now() + 30 * MINUTE);
    await vi.advanceTimersByTimeAsync(3 * MINUTE);
    expect(h.sent).toEqual([]);
    expect(h.log.some((l) => l.startsWith('time-away;'))).toBe(true);
    const woke = T0 + 72 * MINUTE; // the wake planned for 10:42 came at 11:12
    expect(h.hooks).toEqual([
      { argv: ['on-break', '--quiet'], document: { schemaVersion: 1, type: 'break', kind: 'away', at: isoLocal(woke, { zone: ZONE }) } },
    ]);
    await vi.advanceTimersByTimeAsync(45 * MINUTE);
    expect(h.sent.map((s) => s.due)).toEqual([woke + 45 * MINUTE]);
  });

  it('a short suspend over the due time: quiet for the minute after the wake, then one reminder', async () => {
    const h = start();
    await vi.advanceTimersByTimeAsync(42 * MINUTE);
    vi.setSystemTime(Date.now() + 2 * MINUTE); // under a break's length: the interval carries on
    await vi.advanceTimersByTimeAsync(3 * MINUTE - 1);
    const woke = Date.now() + 1;
    await vi.advanceTimersByTimeAsync(1);
    expect(h.sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(MINUTE);
    expect(h.sent.map((s) => s.at)).toEqual([woke + MINUTE]);
  });

  it('the clock jumping back an hour restarts the interval instead of waiting an extra hour', async () => {
    const h = start();
    await vi.advanceTimersByTimeAsync(20 * MINUTE);
    vi.setSystemTime(Date.now() - HOUR);
    await vi.advanceTimersByTimeAsync(3 * MINUTE);
    expect(h.log.some((l) => l.startsWith('clock-back;'))).toBe(true);
    const restarted = h.files.state.cycleStart!;
    expect(restarted).toBe(T0 - HOUR + 21 * MINUTE); // the wake planned for 10:21 came at 09:21
    await vi.advanceTimersByTimeAsync(45 * MINUTE);
    expect(h.sent.map((s) => s.due)).toEqual([restarted + 45 * MINUTE]);
  });

  it('pause is picked up from the state file mtime at the next wake; resume by SIGHUP at once', async () => {
    const h = start();
    await vi.advanceTimersByTimeAsync(10 * MINUTE);
    h.change((s) => pause(s, Date.now(), null));
    await vi.advanceTimersByTimeAsync(2 * HOUR);
    expect(h.sent).toEqual([]);
    const readsBefore = h.reads.state;
    h.change((s) => resume(s, Date.now()));
    h.loop.wake();
    await vi.advanceTimersByTimeAsync(0);
    expect(h.reads.state).toBe(readsBefore + 1);
    const resumed = Date.now();
    await vi.advanceTimersByTimeAsync(45 * MINUTE);
    expect(h.sent.map((s) => s.due)).toEqual([resumed + 45 * MINUTE]);
  });

  it('a snooze moves the next reminder; a routine run (lastBreak) restarts the interval and runs onBreak', async () => {
    const h = start();
    await vi.advanceTimersByTimeAsync(45 * MINUTE);
    expect(h.sent).toHaveLength(1);
    h.change((s) => snooze(s, Date.now(), 10 * MINUTE));
    h.loop.wake();
    const snoozed = Date.now();
    await vi.advanceTimersByTimeAsync(10 * MINUTE);
    expect(h.sent.map((s) => s.at)).toEqual([T0 + 45 * MINUTE, snoozed + 10 * MINUTE]);
    h.change((s) => takeBreak(s, Date.now()).state);
    h.loop.wake();
    await vi.advanceTimersByTimeAsync(0);
    expect(h.hooks.filter((x) => x.argv[0] === 'on-break').map((x) => x.document)).toEqual([
      { schemaVersion: 1, type: 'break', kind: 'routine', at: isoLocal(Date.now(), { zone: ZONE }) },
    ]);
  });

  it('a failed send rings the bell, records the failure and lastError, and the loop goes on', async () => {
    const h = start({ deliver: () => Promise.resolve({ ok: false, error: 'no notification daemon' }) });
    await vi.advanceTimersByTimeAsync(45 * MINUTE);
    expect(h.bells()).toBe(1);
    expect(h.history).toEqual([
      { event: 'failed', at: T0 + 45 * MINUTE, due: T0 + 45 * MINUTE, routine: 'desk-break', error: 'no notification daemon' },
    ]);
    expect(h.files.state.lastError).toEqual({ at: T0 + 45 * MINUTE, message: 'no notification daemon' });
    await vi.advanceTimersByTimeAsync(45 * MINUTE);
    expect(h.sent).toHaveLength(2);
  });

  it('a delivery that never answers does not hold up later wakes; stop() ends it', async () => {
    const h = start({ deliver: () => new Promise<Delivery>(() => {}) });
    await vi.advanceTimersByTimeAsync(45 * MINUTE);
    const wakes = h.loop.wakes;
    await vi.advanceTimersByTimeAsync(30 * MINUTE);
    expect(h.loop.wakes).toBe(wakes + 10);
    h.loop.stop();
    expect(h.senderStops()).toBe(1);
    await vi.advanceTimersByTimeAsync(HOUR);
    expect(h.loop.wakes).toBe(wakes + 10);
  });

  it('a full disk: reminders continue, the person is told once, wakes stop being marked; recovery saves what waited', async () => {
    const h = start();
    await vi.advanceTimersByTimeAsync(MINUTE);
    h.files.failWrites = true;
    await vi.advanceTimersByTimeAsync(2 * HOUR);
    expect(h.sent).toHaveLength(2);
    expect(h.warnings).toHaveLength(1);
    expect(h.warnings[0]).toMatch(/cannot save its reminders \(ENOSPC: no space left on device\)\. Reminders continue/);
    const marks = h.marks.length;
    await vi.advanceTimersByTimeAsync(HOUR);
    expect(h.marks).toHaveLength(marks);
    expect(h.history).toEqual([]);
    h.files.failWrites = false;
    await vi.advanceTimersByTimeAsync(3 * MINUTE);
    expect(h.sent).toHaveLength(4);
    expect(h.history.map((e) => e.event)).toEqual(['sent', 'sent', 'sent', 'sent']);
    expect(h.log).toContain('saving works again');
    await vi.advanceTimersByTimeAsync(3 * MINUTE);
    expect(h.marks.length).toBeGreaterThan(marks);
  });

  it('its lock gone or its home deleted: it stops at the next wake without sending', async () => {
    const h = start();
    await vi.advanceTimersByTimeAsync(40 * MINUTE);
    h.files.lock = false;
    await vi.advanceTimersByTimeAsync(10 * MINUTE);
    expect(h.sent).toEqual([]);
    await expect(h.loop.ended).resolves.toBe('the folder /tmp/gone/state was deleted');
    expect(h.senderStops()).toBe(1);
    const wakes = h.loop.wakes;
    await vi.advanceTimersByTimeAsync(HOUR);
    expect(h.loop.wakes).toBe(wakes);
  });

  it('beforeSend (do not disturb) holds a due reminder and is asked again a minute later', async () => {
    let quiet: string | null = 'full-screen window';
    const h = start({ beforeSend: () => Promise.resolve(quiet) });
    await vi.advanceTimersByTimeAsync(45 * MINUTE);
    expect(h.sent).toEqual([]);
    expect(h.log).toContain('reminder held: full-screen window');
    quiet = null;
    await vi.advanceTimersByTimeAsync(MINUTE);
    expect(h.sent.map((s) => s.at)).toEqual([T0 + 46 * MINUTE]);
  });

  it("an idle probe: idle for a break's length at the due time is a break, not a reminder", async () => {
    let idle: number | null = 0;
    const h = start({ idle: () => Promise.resolve(idle) });
    await vi.advanceTimersByTimeAsync(42 * MINUTE);
    idle = 6 * MINUTE;
    await vi.advanceTimersByTimeAsync(3 * MINUTE);
    expect(h.sent).toEqual([]);
    expect(h.hooks.map((x) => x.document)).toEqual([{ schemaVersion: 1, type: 'break', kind: 'idle', at: '2026-11-25T10:45:00+00:00' }]);
    idle = 2 * SECOND;
    await vi.advanceTimersByTimeAsync(50 * MINUTE);
    // Away, the source is read once per awayAfter (at 50): the heartbeat at 48 still restarted the cycle.
    expect(h.sent.map((s) => s.due)).toEqual([T0 + 93 * MINUTE]);
  });
});

describe('natural breaks, quiet times and the buttons', () => {
  /** An idle source driven by the test: the last input was at `lastInput`. */
  function person() {
    const p = { lastInput: T0, reads: 0, idle: () => (p.reads++, Promise.resolve(Date.now() - p.lastInput)) };
    return p;
  }
  /** Input every 10 seconds for `ms`. */
  async function typeFor(p: { lastInput: number }, ms: number) {
    for (let t = 0; t < ms; t += 10 * SECOND) {
      p.lastInput = Date.now();
      await vi.advanceTimersByTimeAsync(10 * SECOND);
    }
  }

  it('at the keyboard: one reading per awayAfter, each a wake of its own between heartbeats', async () => {
    const p = person();
    const h = start({ idle: p.idle });
    await typeFor(p, HOUR);
    expect(p.reads).toBeLessThanOrEqual(13);
    // Two wakes per 5 minutes (a heartbeat, a reading), the first one and the reminder's.
    expect(h.loop.wakes).toBeLessThanOrEqual(26);
    expect(h.sent).toHaveLength(1);
  });

  it('away for awayAfter: recorded once as natural, the reminder on screen taken away, no reminder while away', async () => {
    const p = person();
    const h = start({ idle: p.idle });
    await typeFor(p, 30 * MINUTE);
    await vi.advanceTimersByTimeAsync(HOUR);
    expect(h.sent).toEqual([]);
    const natural = h.history.filter((e) => e.event === 'natural');
    const lastInput = T0 + 30 * MINUTE - 10 * SECOND;
    expect(natural).toEqual([
      { event: 'natural', at: lastInput + 5 * MINUTE, due: T0 + 45 * MINUTE, routine: 'desk-break', away: 5 * MINUTE },
    ]);
    expect(h.senderStops()).toBe(1);
    expect(h.log).toContain('away for 5m: a natural break');
    // Back at 1:30: seen at the next reading (at most awayAfter later); the interval runs from then.
    await typeFor(p, 55 * MINUTE);
    expect(h.log.filter((line) => line.startsWith('back after 1h'))).toHaveLength(1);
    expect(h.sent).toHaveLength(1);
    expect(h.sent[0]!.due).toBeGreaterThanOrEqual(T0 + 90 * MINUTE + 45 * MINUTE);
    expect(h.sent[0]!.due).toBeLessThanOrEqual(T0 + 90 * MINUTE + 5 * MINUTE + 45 * MINUTE);
  });

  it('idle less than awayAfter at the due time: reminded as usual', async () => {
    const p = person();
    const h = start({ idle: p.idle });
    await typeFor(p, 41 * MINUTE);
    await vi.advanceTimersByTimeAsync(4 * MINUTE);
    expect(h.sent.map((s) => s.at)).toEqual([T0 + 45 * MINUTE]);
    expect(h.history.filter((e) => e.event === 'natural')).toEqual([]);
  });

  it('paused: no readings at all', async () => {
    const p = person();
    const h = start({ idle: p.idle });
    await vi.advanceTimersByTimeAsync(0);
    const before = p.reads;
    h.change((s) => pause(s, Date.now(), null));
    h.loop.wake();
    await vi.advanceTimersByTimeAsync(HOUR);
    expect(p.reads).toBe(before);
  });

  it('do not disturb: recorded once as deferred, and sent within a minute of it ending, however long it lasted', async () => {
    let quiet: string | null = 'fullscreen';
    const h = start({ beforeSend: () => Promise.resolve(quiet) });
    await vi.advanceTimersByTimeAsync(45 * MINUTE + 20 * MINUTE);
    expect(h.sent).toEqual([]);
    expect(h.history.filter((e) => e.event === 'deferred')).toEqual([
      { event: 'deferred', at: T0 + 45 * MINUTE, due: T0 + 45 * MINUTE, routine: 'desk-break', reason: 'fullscreen' },
    ]);
    quiet = null;
    await vi.advanceTimersByTimeAsync(MINUTE);
    expect(h.sent).toEqual([{ routine: 'desk-break', due: T0 + 45 * MINUTE, at: T0 + 66 * MINUTE }]);
    // The next hold is a new deferral.
    quiet = 'paused';
    await vi.advanceTimersByTimeAsync(46 * MINUTE);
    expect(h.history.filter((e) => e.event === 'deferred').map((e) => e.reason)).toEqual(['fullscreen', 'paused']);
  });

  describe('answers from the notification', () => {
    const answering = (answer: 'start' | 'snooze' | 'skip') => () =>
      Promise.resolve<Delivery>({ ok: true, answer: Promise.resolve(answer) });

    it('Snooze: the next reminder in 10 minutes, recorded', async () => {
      const h = start({ deliver: answering('snooze') });
      await vi.advanceTimersByTimeAsync(45 * MINUTE);
      expect(h.history.find((e) => e.event === 'snoozed')).toEqual({
        event: 'snoozed',
        at: T0 + 45 * MINUTE,
        due: T0 + 45 * MINUTE,
        routine: 'desk-break',
        until: T0 + 55 * MINUTE,
      });
      await vi.advanceTimersByTimeAsync(10 * MINUTE);
      expect(h.sent.map((s) => s.at)).toEqual([T0 + 45 * MINUTE, T0 + 55 * MINUTE]);
    });

    it('Skip: a skipped break, a fresh interval from now', async () => {
      const h = start({ deliver: answering('skip') });
      await vi.advanceTimersByTimeAsync(45 * MINUTE);
      expect(h.history.filter((e) => e.event === 'skipped')).toHaveLength(1);
      expect(h.files.state.cycleStart).toBe(T0 + 45 * MINUTE);
      await vi.advanceTimersByTimeAsync(45 * MINUTE);
      expect(h.sent.map((s) => s.at)).toEqual([T0 + 45 * MINUTE, T0 + 90 * MINUTE]);
    });

    it('Start: opens the routine; a terminal that cannot open is the last error', async () => {
      const opened: string[] = [];
      const h = start({
        deliver: answering('start'),
        startRoutine: (routine) => (opened.push(routine), Promise.resolve({ ok: false, error: 'xterm was not found' })),
      });
      await vi.advanceTimersByTimeAsync(45 * MINUTE);
      expect(opened).toEqual(['desk-break']);
      expect(h.files.state.lastError).toEqual({ at: T0 + 45 * MINUTE, message: 'could not open a terminal: xterm was not found' });
    });

    it('no answer (expired or dismissed) changes nothing', async () => {
      const h = start({ deliver: () => Promise.resolve<Delivery>({ ok: true, answer: Promise.resolve(null) }) });
      await vi.advanceTimersByTimeAsync(46 * MINUTE);
      expect(h.history.map((e) => e.event)).toEqual(['sent']);
    });
  });
});
