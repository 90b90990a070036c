// Local-time rules (work hours, days, DST) are tested in an explicit zone with DST, whatever the
// zone this process runs in.
import { describe, expect, it } from 'vitest';
import { MINUTE, SECOND } from '../../src/core/clock.js';
import {
  EMPTY_STATE,
  HEARTBEAT,
  heartbeatFrom,
  pause,
  pendingReminder,
  type ReminderSettings,
  type RemindState,
  reminderSettings,
  resume,
  schedule,
  skip,
  snooze,
  steady,
  takeBreak,
} from '../../src/core/schedule.js';
import { resolveSettings } from '../../src/core/settings.js';
import { fromWallClock, namedZone, systemZone, wallClock } from '../../src/core/time.js';
import { parseDays, parseWorkHours } from '../../src/core/workhours.js';

const ZONE = namedZone('Europe/London');

/** Local wall time on a given day; 2026-11-25 is a Wednesday. */
const on = (date: string, time: string) => {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi, s = 0] = time.split(':').map(Number) as [number, number, number?];
  return fromWallClock(ZONE, y, mo, d, h * 60 + mi) + s * SECOND;
};
const at = (time: string) => on('2026-11-25', time);

const settings = (over: Partial<{ every: number; hours: string | null; days: string }> = {}): ReminderSettings => ({
  every: over.every ?? 45 * MINUTE,
  workHours: over.hours === null ? null : parseWorkHours(over.hours ?? '09:00-17:30'),
  days: parseDays(over.days ?? 'mon-fri'),
  routine: 'desk-break',
  zone: ZONE,
  heartbeat: HEARTBEAT,
  hooks: { onReminder: null, onBreak: null },
  awayAfter: 5 * MINUTE,
  quiet: null,
  terminal: null,
});
const S = settings();
const state = (over: Partial<RemindState> = {}): RemindState => ({ ...EMPTY_STATE, ...over });
const afterReminder = (t: number) => state({ cycleStart: t, lastSent: t, lastDue: t });

describe('schedule: the steady day', () => {
  it('starts a first interval when it first runs inside work hours', () => {
    const d = schedule(S, state(), at('10:00'));
    expect(d.action).toBe('fresh-cycle');
    expect(d.reason).toBe('first-run');
    expect(d.nextDue).toBe(at('10:45'));
    expect(d.state.cycleStart).toBe(at('10:00'));
  });

  it('waits until due, waking no later than the heartbeat', () => {
    const d = schedule(S, state({ cycleStart: at('10:00') }), at('10:05'), steady(at('10:04')));
    expect(d).toMatchObject({ action: 'wait', reason: 'interval', nextDue: at('10:45'), wakeAt: at('10:05') + HEARTBEAT });
  });

  it('wakes exactly at the due time when it is nearer than the heartbeat', () => {
    const d = schedule(S, state({ cycleStart: at('10:00') }), at('10:44'), steady(at('10:43')));
    expect(d.wakeAt).toBe(at('10:45'));
  });

  it('reminds at the due time and starts the next interval from it', () => {
    const d = schedule(S, state({ cycleStart: at('10:00') }), at('10:45'), steady(at('10:45')));
    expect(d).toMatchObject({ action: 'remind', reason: 'due', due: at('10:45'), nextDue: at('11:30') });
    expect(d.state).toMatchObject({ lastSent: at('10:45'), lastDue: at('10:45'), cycleStart: at('10:45') });
  });

  it('reminds when a timer fires a few ms late', () => {
    const d = schedule(S, state({ cycleStart: at('10:00') }), at('10:45') + 7, { lastCheck: at('10:43'), expected: at('10:45') });
    expect(d.action).toBe('remind');
  });
});

describe('schedule: remind.awayAfter and do-not-disturb', () => {
  const tenMinutes = { ...S, awayAfter: 10 * MINUTE };
  it('time away counts from remind.awayAfter: 8 minutes suspended is not a break when it is 10m', () => {
    const d = schedule(tenMinutes, state({ cycleStart: at('10:00') }), at('10:20'), { lastCheck: at('10:09'), expected: at('10:12') });
    expect(d.reason).not.toBe('time-away');
    expect(d.state.cycleStart).toBe(at('10:00'));
  });
  it('idle for remind.awayAfter restarts the cycle now', () => {
    const d = schedule(tenMinutes, state({ cycleStart: at('10:00') }), at('10:30'), { ...steady(at('10:27')), idleMs: 10 * MINUTE });
    expect(d).toMatchObject({ action: 'fresh-cycle', reason: 'idle', nextDue: at('11:15') });
  });
  it('idle for less than remind.awayAfter at the due time: remind as usual', () => {
    const d = schedule(tenMinutes, state({ cycleStart: at('10:00') }), at('10:45'), { ...steady(at('10:45')), idleMs: 9 * MINUTE });
    expect(d.action).toBe('remind');
  });
  it('a reminder held by do not disturb is never counted missed: it comes when the hold ends', () => {
    const held = { lastCheck: at('11:14'), expected: at('11:15'), held: true };
    expect(schedule(S, state({ cycleStart: at('10:00') }), at('11:15'), held)).toMatchObject({ action: 'remind', due: at('10:45') });
    expect(schedule(S, state({ cycleStart: at('10:00') }), at('11:15'), { ...held, held: false }).reason).toBe('missed');
  });
});

describe('schedule: suspend and clock jumps', () => {
  it('counts a 3-hour suspend as a break: no reminder burst on wake', () => {
    const d = schedule(S, afterReminder(at('09:00')), at('12:00'), { lastCheck: at('09:00'), expected: at('09:03') });
    expect(d.action).toBe('fresh-cycle');
    expect(d.reason).toBe('time-away');
    expect(d.nextDue).toBe(at('12:00') + S.every);
  });

  it('counts 5 minutes away as a break even when nothing was due', () => {
    const d = schedule(S, state({ cycleStart: at('10:00') }), at('10:20'), { lastCheck: at('10:12'), expected: at('10:15') });
    expect(d).toMatchObject({ action: 'fresh-cycle', reason: 'time-away', nextDue: at('11:05') });
  });

  it('does not count 4 minutes away as a break, but waits a minute before reminding', () => {
    const d = schedule(S, state({ cycleStart: at('10:00') }), at('10:48'), { lastCheck: at('10:41'), expected: at('10:44') });
    expect(d).toMatchObject({ action: 'wait', reason: 'settling', nextDue: at('10:49') });
    const then = schedule(S, d.state, at('10:49'), { lastCheck: at('10:48'), expected: d.wakeAt });
    expect(then.action).toBe('remind');
  });

  it('keeps the quiet minute when a signal wakes the loop early', () => {
    const woke = schedule(S, state({ cycleStart: at('10:00') }), at('10:48'), { lastCheck: at('10:41'), expected: at('10:44') });
    const signalled = schedule(S, woke.state, at('10:48:10'), {
      lastCheck: at('10:48'),
      expected: woke.wakeAt,
      quietUntil: woke.quietUntil,
    });
    expect(signalled.action).toBe('wait');
    expect(signalled.nextDue).toBe(at('10:49'));
  });

  it('never reminds in the first minute after a wake, even when due 30 s later', () => {
    const d = schedule(S, state({ cycleStart: at('10:00') }), at('10:44:30'), { lastCheck: at('10:41'), expected: at('10:44') });
    expect(d.nextDue).toBe(at('10:45:30'));
  });

  it('restarts the interval after a backwards clock jump instead of waiting an hour more', () => {
    const d = schedule(S, state({ cycleStart: at('10:50') }), at('10:00'), { lastCheck: at('11:00'), expected: at('11:03') });
    expect(d).toMatchObject({ action: 'fresh-cycle', reason: 'clock-back', nextDue: at('10:45') });
  });

  it('restarts when the stored interval starts in the future (jump while not running)', () => {
    const d = schedule(S, state({ cycleStart: at('11:00') }), at('10:00'));
    expect(d.reason).toBe('clock-back');
    expect(d.nextDue).toBe(at('10:45'));
  });

  it('counts a due time missed while not running as a break', () => {
    const d = schedule(S, state({ cycleStart: at('09:10') }), at('11:00'));
    expect(d).toMatchObject({ action: 'fresh-cycle', reason: 'missed', nextDue: at('11:45') });
  });
});

describe('schedule: work hours and days', () => {
  it('sleeps outside work hours until the window opens, then starts a fresh interval', () => {
    const d = schedule(S, afterReminder(at('17:00')), at('18:00'), steady(at('17:57')));
    expect(d).toMatchObject({ action: 'wait', reason: 'outside-hours', nextDue: on('2026-11-26', '09:45') });
    const open = schedule(S, d.state, on('2026-11-26', '09:00'), steady(on('2026-11-26', '09:00')));
    expect(open).toMatchObject({ action: 'fresh-cycle', reason: 'new-window', nextDue: on('2026-11-26', '09:45') });
  });

  it('wakes at the window opening when that is sooner than the heartbeat', () => {
    const d = schedule(S, state(), at('08:59'), steady(at('08:58')));
    expect(d.wakeAt).toBe(at('09:00'));
  });

  it('treats the end of the window as outside (end is exclusive)', () => {
    expect(schedule(S, state({ cycleStart: at('16:44:59') }), at('17:29:59'), steady(at('17:29:59'))).action).toBe('remind');
    expect(schedule(S, state({ cycleStart: at('16:45') }), at('17:30'), steady(at('17:30'))).reason).toBe('outside-hours');
  });

  it('does not promise a reminder after the window closes: the next one is tomorrow', () => {
    const d = schedule(S, state({ cycleStart: at('17:00') }), at('17:01'), steady(at('17:00')));
    expect(d.nextDue).toBe(on('2026-11-26', '09:45'));
  });

  it('skips the weekend: Friday evening → Monday 09:45', () => {
    const d = schedule(S, state({ cycleStart: on('2026-11-27', '17:00') }), on('2026-11-27', '17:10'), steady(on('2026-11-27', '17:09')));
    expect(d.nextDue).toBe(on('2026-11-30', '09:45'));
  });

  it('snooze across the end of the work day: no reminder after hours, fresh interval next morning', () => {
    const snoozed = snooze(afterReminder(at('17:20')), at('17:22'), 10 * MINUTE);
    const d = schedule(S, snoozed, at('17:32'), steady(at('17:32')));
    expect(d.action).not.toBe('remind');
    expect(d.nextDue).toBe(on('2026-11-26', '09:45'));
    const morning = schedule(S, d.state, on('2026-11-26', '09:00'), steady(on('2026-11-26', '09:00')));
    expect(morning.state.snoozedUntil).toBeNull();
    expect(morning.nextDue).toBe(on('2026-11-26', '09:45'));
  });

  it('an overnight window keeps going past midnight and belongs to the day it opened', () => {
    const night = settings({ hours: '22:00-06:00', days: 'mon-fri' });
    // Friday 22:00 → Saturday 06:00 is Friday's window.
    const d = schedule(
      night,
      state({ cycleStart: on('2026-11-27', '23:30') }),
      on('2026-11-28', '00:15'),
      steady(on('2026-11-28', '00:15')),
    );
    expect(d.action).toBe('remind');
    // Saturday night has no window: after Saturday 06:00 the next opens Monday 22:00.
    const after = schedule(night, d.state, on('2026-11-28', '06:00'), steady(on('2026-11-28', '06:00')));
    expect(after.nextDue).toBe(on('2026-11-30', '22:45'));
  });

  it('no work hours: the interval runs across midnight without a restart', () => {
    const any = settings({ hours: null, days: 'all' });
    const d = schedule(any, state({ cycleStart: at('23:50') }), on('2026-11-26', '00:35'), steady(on('2026-11-26', '00:35')));
    expect(d.action).toBe('remind');
  });

  it('no work hours but weekdays only: Friday 23:50 waits for Monday', () => {
    const weekdays = settings({ hours: null, days: 'mon-fri' });
    const d = schedule(
      weekdays,
      state({ cycleStart: on('2026-11-27', '23:50') }),
      on('2026-11-27', '23:55'),
      steady(on('2026-11-27', '23:55')),
    );
    expect(d.nextDue).toBe(on('2026-11-30', '00:45'));
  });

  it('a window shorter than the interval never promises a reminder inside it', () => {
    const short = settings({ hours: '09:00-09:30' });
    expect(schedule(short, state(), at('08:00')).nextDue).toBeNull();
  });
});

describe('schedule: DST', () => {
  // Europe/London: clocks go forward 2026-03-29 01:00 GMT → 02:00 BST, back 2026-10-25 02:00 BST → 01:00 GMT.
  it('opens the window at local 09:00 on the day clocks go forward', () => {
    const any = settings({ days: 'all' });
    const d = schedule(any, state(), on('2026-03-29', '07:00'), steady(on('2026-03-29', '07:00')));
    expect(d.nextDue).toBe(on('2026-03-29', '09:45'));
    expect(new Date(d.nextDue!).getUTCHours()).toBe(8);
  });

  it('keeps the interval exact in elapsed time across the change (spring)', () => {
    const any = settings({ hours: null, days: 'all' });
    const start = on('2026-03-29', '00:30');
    const d = schedule(any, state({ cycleStart: start }), start + MINUTE, steady(start + MINUTE));
    expect(d.nextDue! - start).toBe(45 * MINUTE);
    expect(wallClock(d.nextDue!, ZONE).hour).toBe(2); // 01:15 GMT is 02:15 BST
  });

  it('keeps the interval exact in elapsed time across the change (autumn) and through the repeated hour', () => {
    const any = settings({ hours: null, days: 'all' });
    const start = Date.UTC(2026, 9, 25, 0, 30); // 01:30 BST
    let s = state({ cycleStart: start });
    let now = start;
    const sent: number[] = [];
    for (let i = 0; i < 100 && sent.length < 3; i++) {
      const d = schedule(any, s, now, steady(now));
      if (d.action === 'remind') sent.push(now);
      s = d.state;
      now = d.wakeAt;
    }
    expect(sent.map((t) => t - start)).toEqual([45, 90, 135].map((m) => m * MINUTE));
  });

  it('an overnight window is an hour shorter on the night clocks go forward', () => {
    const night = settings({ hours: '22:00-06:00', days: 'all' });
    const d = schedule(night, state(), on('2026-03-29', '05:59'), steady(on('2026-03-29', '05:59')));
    expect(d.action).toBe('fresh-cycle');
    const closed = schedule(night, d.state, on('2026-03-29', '06:00'), steady(on('2026-03-29', '06:00')));
    expect(closed.reason).toBe('outside-hours');
  });
});

describe('schedule: pause and snooze', () => {
  it('pause with a span waits, then the interval starts afresh when it expires', () => {
    const paused = pause(state({ cycleStart: at('10:00') }), at('10:30'), 30 * MINUTE);
    const during = schedule(S, paused, at('10:40'), steady(at('10:40')));
    expect(during).toMatchObject({ action: 'wait', reason: 'paused', nextDue: at('11:45') });
    expect(during.wakeAt).toBe(at('10:43'));
    const ended = schedule(S, during.state, at('11:00'), steady(at('11:00')));
    expect(ended).toMatchObject({ action: 'fresh-cycle', reason: 'pause-ended', nextDue: at('11:45') });
    expect(ended.state.pausedUntil).toBeNull();
  });

  it('pause without a span lasts until resume', () => {
    const paused = pause(state({ cycleStart: at('10:00') }), at('10:30'), null);
    expect(schedule(S, paused, on('2026-11-30', '10:00'), steady(on('2026-11-30', '10:00')))).toMatchObject({
      reason: 'paused',
      nextDue: null,
    });
    const resumed = resume(paused, at('12:00'));
    expect(schedule(S, resumed, at('12:00'), steady(at('12:00'))).nextDue).toBe(at('12:45'));
  });

  it('a pause that expired while the daemon was not running does not fire at once', () => {
    const paused = pause(state({ cycleStart: at('09:00') }), at('09:10'), 20 * MINUTE);
    const d = schedule(S, paused, at('11:00'));
    expect(d.action).toBe('fresh-cycle');
    expect(d.nextDue).toBe(at('11:45'));
  });

  it('snooze brings the reminder back after the snooze', () => {
    const s = snooze(afterReminder(at('10:00')), at('10:01'), 10 * MINUTE);
    expect(schedule(S, s, at('10:05'), steady(at('10:05'))).nextDue).toBe(at('10:11'));
    const d = schedule(S, s, at('10:11'), steady(at('10:11')));
    expect(d).toMatchObject({ action: 'remind', reason: 'snooze-ended', nextDue: at('10:56') });
    expect(d.state.snoozedUntil).toBeNull();
  });

  it('resume ends a snooze: back to the regular interval', () => {
    const s = resume(snooze(afterReminder(at('10:00')), at('10:01'), 10 * MINUTE), at('10:02'));
    expect(schedule(S, s, at('10:02'), steady(at('10:02'))).nextDue).toBe(at('10:45'));
  });

  it('skip starts a fresh interval', () => {
    const s = skip(afterReminder(at('10:00')), at('10:03'));
    expect(schedule(S, s, at('10:03'), steady(at('10:03'))).nextDue).toBe(at('10:48'));
  });
});

describe('taken, pending', () => {
  it('a routine within 10 minutes of a reminder takes it, once', () => {
    const first = takeBreak(afterReminder(at('10:00')), at('10:09'));
    expect(first.taken).toBe(at('10:00'));
    expect(first.state.cycleStart).toBe(at('10:09'));
    expect(takeBreak(first.state, at('10:09:30')).taken).toBeNull();
  });

  it('a routine later than 10 minutes is a break but does not take the reminder', () => {
    const r = takeBreak(afterReminder(at('10:00')), at('10:11'));
    expect(r.taken).toBeNull();
    expect(r.state.cycleStart).toBe(at('10:11'));
  });

  it('pending reminder is the due time, not the send time', () => {
    expect(pendingReminder(state({ lastSent: at('10:01'), lastDue: at('10:00') }), at('10:02'))).toBe(at('10:00'));
    expect(pendingReminder(state({ lastSent: at('10:01'), lastDue: at('10:00') }), at('10:30'))).toBeNull();
  });
});

describe('reminderSettings', () => {
  it('turns stored settings into numbers', () => {
    const zone = systemZone();
    const stored = {
      'remind.every': '30m',
      'remind.workHours': '9:00-17:00',
      'remind.days': 'all',
      'routine.default': 'x',
      'remind.onReminder': null,
      'remind.onBreak': 'log-break "a b"',
      'remind.awayAfter': '10m',
      'remind.quiet': `in-meeting --for 'this call'`,
      'remind.terminal': 'xterm -e {cmd}',
    };
    expect(reminderSettings(stored, { zone, heartbeat: HEARTBEAT })).toEqual({
      every: 30 * MINUTE,
      workHours: { start: 540, end: 1020 },
      days: [0, 1, 2, 3, 4, 5, 6],
      routine: 'x',
      zone,
      heartbeat: HEARTBEAT,
      hooks: { onReminder: null, onBreak: ['log-break', 'a b'] },
      awayAfter: 10 * MINUTE,
      quiet: ['in-meeting', '--for', 'this call'],
      terminal: 'xterm -e {cmd}',
    });
  });
  it('3s (test interval) parses', () => {
    expect(reminderSettings({ ...resolveSettings({}).settings, 'remind.every': '3s' }, { zone: ZONE, heartbeat: HEARTBEAT }).every).toBe(
      3 * SECOND,
    );
  });
  it('the settings table defaults: every 45m, all days, any time', () => {
    expect(reminderSettings(resolveSettings({}).settings, { zone: ZONE, heartbeat: HEARTBEAT })).toMatchObject({
      every: 45 * MINUTE,
      workHours: null,
      days: [0, 1, 2, 3, 4, 5, 6],
      routine: 'desk-break',
      awayAfter: 5 * MINUTE,
      quiet: null,
      terminal: null,
    });
  });
  it('NECKCOACH_HEARTBEAT shortens the heartbeat for tests, never lengthens it', () => {
    expect([
      heartbeatFrom({}),
      heartbeatFrom({ NECKCOACH_HEARTBEAT: '2' }),
      heartbeatFrom({ NECKCOACH_HEARTBEAT: '900' }),
      heartbeatFrom({ NECKCOACH_HEARTBEAT: 'x' }),
    ]).toEqual([HEARTBEAT, 2 * SECOND, HEARTBEAT, HEARTBEAT]);
  });
});
