import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import routines from '../../data/routines.json' with { type: 'json' };
import safety from '../../data/safety.json' with { type: 'json' };
import type { Routine, Safety } from '../../src/content/schema.js';
import { begin, KEYMAP, sessionRecord, update } from '../../src/core/session.js';
import { buildTimeline } from '../../src/core/timeline.js';
import { decodeKeys } from '../../src/io/terminal.js';
import { formatSeconds } from '../../src/render/output.js';
import { figureFrame, painRoseAdvice, stopRulesFit, stopRulesText, jsonEvent, keyLegend, plainLine, view, type ViewOptions } from '../../src/render/routine.js';

const all = routines as unknown as Routine[];
const timeline = buildTimeline(all.find((r) => r.id === 'desk-break')!, { resolve: (id) => all.find((r) => r.id === id) });
const options = (over: Partial<ViewOptions> = {}): ViewOptions => ({
  width: 80,
  height: 40,
  paint: new Chalk({ level: 0 }),
  stopLine: 'Stop at once if: sharp pain',
  banner: null,
  stopRules: ['Stop for sharp pain.'],
  ...over,
});

describe('view', () => {
  const { state } = begin(timeline, 0);
  const inHold = update(state, { type: 'tick' }, 6_000).state;

  it('shows the title, step n of m, the countdown, the cue, the next step and the legend from the keymap', () => {
    const screen = view(inHold, 6_000, options()).join('\n');
    expect(screen).toMatch(/Desk break\s+step 1 of 3/);
    expect(screen).toContain('Chin tucks — Tuck and hold · hold 1 of 5');
    expect(screen).toMatch(/[█░]{40}\s+4 s/);
    expect(screen).toContain('Next: Rest 3 s');
    for (const k of KEYMAP) expect(screen).toContain(k.legend);
    expect(keyLegend()).toBe('space pause · s/→ skip · b/← back · q quit · ? help');
  });

  it('shows the stop rules during the lead-in and the help when asked', () => {
    expect(view(state, 0, options()).join('\n')).toContain('Stop for sharp pain.');
    const help = update(inHold, { type: 'key', action: 'help' }, 6_000).state;
    expect(view(help, 6_000, options()).join('\n')).toMatch(/Keys\n\s+space\s+pause or resume/);
  });

  it('says when paused, and the countdown stands still', () => {
    const paused = update(inHold, { type: 'key', action: 'pause' }, 6_000).state;
    const a = view(paused, 6_000, options()).join('\n');
    expect(a).toContain('PAUSED');
    expect(view(paused, 60_000, options()).join('\n')).toBe(a);
  });

  it.each([
    [40, 12],
    [60, 20],
    [100, 50],
  ])('fits a %i×%i terminal without scrolling or overflowing', (width, height) => {
    for (let t = 0; t < timeline.total; t += 997) {
      let s = begin(timeline, 0).state;
      s = update(s, { type: 'tick' }, t).state;
      const lines = view(s, t, options({ width, height }));
      expect(lines.length).toBeLessThanOrEqual(height);
      for (const line of lines) expect(line.length).toBeLessThanOrEqual(width);
    }
  });

  it('plays the figure frames across a segment', () => {
    const turn = timeline.segments.find((s) => s.move === 'neck-rotations' && s.kind === 'reps')!;
    const frames = [0, 0.3, 0.6, 0.99].map((f) => figureFrame(turn, turn.ms * f));
    expect(new Set(frames).size).toBe(turn.figure!.length);
  });
});

describe('plain and NDJSON lines', () => {
  it('writes one plain line per event worth telling, with no escape codes', () => {
    const { events, state } = begin(timeline, 0);
    const lines = events.map((e) => plainLine(e, state));
    expect(lines[0]).toMatch(/^Desk break: 12 timed steps, about 2 min 17 s$/);
    expect(lines[1]).toMatch(/^\[0:00\] Get ready: Chin tucks \(5 s\): /);
    for (const line of lines) expect(line).not.toMatch(/\u001b/);
  });

  it('sums up the end from the same record as history: paused time left out, a redone step counted once', () => {
    let { state } = begin(timeline, 0);
    const send = (input: Parameters<typeof update>[1], at: number) => {
      const next = update(state, input, at);
      state = next.state;
      return next.events;
    };
    send({ type: 'tick' }, 6_000); // in the first hold
    send({ type: 'key', action: 'pause' }, 6_000);
    send({ type: 'key', action: 'skip' }, 11_000); // 5 s paused, then skip
    send({ type: 'key', action: 'back' }, 12_000);
    const end = send({ type: 'key', action: 'quit' }, 13_000).find((e) => e.type === 'routine-end')!;
    expect(sessionRecord(state)).toEqual({ completed: 0, skipped: 1, seconds: 8 });
    expect(end).toMatchObject({ completed: 0, skipped: 1, elapsed: 13_000 });
    expect(plainLine(end, state)).toBe('[0:13] Stopped: 0 of 12 steps done, 1 skipped, 8 s.');
  });

  it('writes durations one way: seconds, then minutes and seconds', () => {
    expect([0, 1, 59, 60, 137, 600].map(formatSeconds)).toEqual(['0 s', '1 s', '59 s', '1 min', '2 min 17 s', '10 min']);
  });

  it('gives step-start events the design §6 fields', () => {
    const { events } = begin(timeline, Date.UTC(2026, 10, 25, 9, 30, 0, 5));
    const e = jsonEvent(events[1]!, timeline);
    expect(e).toEqual({ type: 'step-start', t: expect.stringMatching(/^2026-11-25T\d\d:\d\d:00\.005[+-]\d\d:\d\d$/), routine: 'desk-break', index: 0, step: 'get-ready', move: 'chin-tucks', side: null, rep: null, kind: 'rest', ms: 5000, planned: 0 });
  });
});

describe('stop rules on a short or narrow terminal', () => {
  const rules = (safety as unknown as Safety).stopRules;
  const full = (over: Partial<ViewOptions>) =>
    options({ stopRules: stopRulesText(rules), stopLine: `Stop at once if: ${rules.signs.map((s) => s.toLowerCase()).join(' · ')}`, ...over });

  it.each([
    [80, 24, false],
    [40, 12, false],
    [100, 40, true],
    [80, 40, true],
  ])('at %i×%i they fit on the lead-in screen: %s', (width, height, fits) => expect(stopRulesFit(timeline, full({ width, height }))).toBe(fits));

  it.each([
    [40, 12],
    [60, 16],
    [100, 50],
  ])('the stop line at the foot wraps, whole, at %i×%i', (width, height) => {
    const { state } = begin(timeline, 0);
    const inHold = update(state, { type: 'tick' }, 6_000).state;
    const lines = view(inHold, 6_000, full({ width, height }));
    expect(lines.length).toBeLessThanOrEqual(height);
    const text = lines.join(' ').replace(/\s+/g, ' ');
    expect(text).toContain(`Stop at once if: ${rules.signs.map((s) => s.toLowerCase()).join(' · ')}`);
    expect(text).not.toContain('…');
  });
});

describe('painRoseAdvice', () => {
  const rules = (safety as unknown as Safety).stopRules;

  it('says stop, lists the signs, and gives the stop rules\' emergency and skip-the-move advice with the set number', () => {
    const text = painRoseAdvice(3, 6, rules, '112', 60);
    expect(text.replace(/\n/g, ' ')).toMatch(/^Your neck pain went from 3 to 6 during the routine: stop here/);
    for (const sign of rules.signs) expect(text.replace(/\n\s+/g, ' ')).toContain(sign);
    expect(text.replace(/\n/g, ' ')).toContain('call 112 (your emergency number)');
    expect(text.replace(/\n/g, ' ')).toContain('leave that move out for today and mention it to a doctor or physiotherapist');
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(60);
  });

  it('names common emergency numbers when none is set', () => {
    expect(painRoseAdvice(2, 7, rules, null, 80).replace(/\n/g, ' ')).toMatch(/your local emergency number \(for example 999, 112 or 911\)/);
  });
});

describe('decodeKeys', () => {
  it.each([
    [' ', ['space']],
    ['s', ['s']],
    ['S', ['s']],
    ['\u001b[C', ['right']],
    ['\u001bOD', ['left']],
    ['\u0003', ['ctrl-c']],
    ['q?', ['q', '?']],
    ['\u001b[1;5Cb', ['escape', 'b']],
  ])('%j → %j', (input, keys) => expect(decodeKeys(input)).toEqual(keys));
});
