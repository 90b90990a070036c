import { Chalk } from 'chalk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import routines from '../../data/routines.json' with { type: 'json' };
import safety from '../../data/safety.json' with { type: 'json' };
import type { Routine, Safety } from '../../src/content/schema.js';
import { begin, deadline, KEYMAP, sessionRecord, update } from '../../src/core/session.js';
import type { StopRulesMode } from '../../src/core/stop-rules.js';
import { buildTimeline } from '../../src/core/timeline.js';
import { decodeKeys } from '../../src/io/terminal.js';
import { wrap } from '../../src/core/wrap.js';
import { formatSeconds } from '../../src/render/output.js';
import {
  figureFrame,
  jsonEvent,
  keyLegend,
  leadInText,
  leadInFits,
  painRoseAdvice,
  plainLine,
  shortStopLine,
  stopRulesText,
  view,
  type ViewOptions,
} from '../../src/render/routine.js';

const all = routines as unknown as Routine[];
const timeline = buildTimeline(all.find((r) => r.id === 'desk-break')!, { resolve: (id) => all.find((r) => r.id === id) });
const options = (over: Partial<ViewOptions> = {}): ViewOptions => ({
  width: 80,
  height: 40,
  paint: new Chalk({ level: 0 }),
  stopLine: 'Stop if pain turns sharp: ? for all',
  banner: null,
  stopRules: ['Stop for sharp pain.'],
  leadIn: ['Read this before you start.'],
  cautions: { 'neck-rotations': ['Turn only.'] },
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

  it("shows the lead-in on the first screen, each later move's cautions as it gets ready, and keys with the full stop rules on ?", () => {
    expect(view(state, 0, options()).join('\n')).toContain('Read this before you start.');
    expect(view(state, 0, options()).join('\n')).not.toContain('Stop for sharp pain.');
    const ready = timeline.segments.find((s) => s.step === 'get-ready' && s.move === 'neck-rotations')!;
    const atTurns = update(state, { type: 'tick' }, ready.offset + 1).state;
    expect(view(atTurns, ready.offset + 1, options()).join('\n')).toContain('Turn only.');
    const help = update(inHold, { type: 'key', action: 'help' }, 6_000).state;
    expect(view(help, 6_000, options()).join('\n')).toMatch(/Keys: space pause or resume ·[\s\S]*Stop for sharp pain\./);
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
    expect(lines[0]).toMatch(/^Desk break: 3 steps, about 2 min 27 s$/);
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
    expect(sessionRecord(state)).toEqual({ completed: 0, skipped: 1, steps: 3, seconds: 8 });
    expect(end).toMatchObject({ completed: 0, skipped: 1, steps: 3, elapsed: 13_000 });
    expect(plainLine(end, state)).toBe('[0:13] Stopped: 0 of 3 steps done, 1 skipped, 8 s.');
  });

  it('writes durations one way: seconds, then minutes and seconds', () => {
    expect([0, 1, 59, 60, 137, 600].map(formatSeconds)).toEqual(['0 s', '1 s', '59 s', '1 min', '2 min 17 s', '10 min']);
  });

  it('gives step-start events the design §6 fields', () => {
    const { events } = begin(timeline, Date.UTC(2026, 10, 25, 9, 30, 0, 5));
    const e = jsonEvent(events[1]!, timeline);
    expect(e).toEqual({
      type: 'step-start',
      t: expect.stringMatching(/^2026-11-25T\d\d:\d\d:00\.005[+-]\d\d:\d\d$/),
      routine: 'desk-break',
      index: 0,
      step: 'get-ready',
      move: 'chin-tucks',
      side: null,
      rep: null,
      kind: 'rest',
      ms: 5000,
      planned: 0,
      stepNumber: 1,
      steps: 3,
      reps: null,
      set: null,
      sets: null,
    });
    expect(jsonEvent(events[0]!, timeline)).toMatchObject({ type: 'routine-start', steps: 3 });
  });
});

describe('the lead-in on a short or narrow terminal', () => {
  const rules = (safety as unknown as Safety).stopRules;
  const full = (over: Partial<ViewOptions>) => options({ leadIn: stopRulesText(rules), stopLine: shortStopLine(rules, true), ...over });

  it.each([
    [80, 24, true],
    [60, 16, false],
    [40, 12, false],
    [100, 40, true],
    [80, 40, true],
  ])('at %i×%i the full stop rules fit on the lead-in screen: %s', (width, height, fits) =>
    expect(leadInFits(timeline, full({ width, height }))).toBe(fits),
  );

  it('the one-line rule fits at 80×24', () => {
    expect(leadInFits(timeline, options({ leadIn: [shortStopLine(rules, true)], width: 80, height: 24 }))).toBe(true);
  });

  it.each([
    [40, 12],
    [60, 16],
    [100, 50],
  ])('the stop line at the foot wraps, whole, at %i×%i', (width, height) => {
    const { state } = begin(timeline, 0);
    const inHold = update(state, { type: 'tick' }, 6_000).state;
    const lines = view(inHold, 6_000, full({ width, height }));
    expect(lines.length).toBeLessThanOrEqual(height);
    expect(lines.join(' ').replace(/\s+/g, ' ')).toContain(shortStopLine(rules, true));
  });
});

describe('painRoseAdvice', () => {
  const rules = (safety as unknown as Safety).stopRules;

  it("says stop, lists the signs, and gives the stop rules' emergency and skip-the-move advice with the set number", () => {
    const text = painRoseAdvice(3, 6, rules, '112', 60);
    expect(text.replace(/\n/g, ' ')).toMatch(/^Your neck pain went from 3 to 6 during the routine: stop here/);
    for (const sign of rules.signs) expect(text.replace(/\n\s+/g, ' ')).toContain(sign);
    expect(text.replace(/\n/g, ' ')).toContain('call 112 (your emergency number)');
    expect(text.replace(/\n/g, ' ')).toContain('leave that move out for today and mention it to a doctor or physiotherapist');
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(60);
  });

  it('names common emergency numbers when none is set', () => {
    expect(painRoseAdvice(2, 7, rules, null, 80).replace(/\n/g, ' ')).toMatch(
      /your local emergency number \(for example 999, 112 or 911\)/,
    );
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

describe('? on the screen', () => {
  const rules = stopRulesText((safety as unknown as Safety).stopRules);
  const help = (width: number, height: number) => {
    const s = update(update(begin(timeline, 0).state, { type: 'tick' }, 6_000).state, { type: 'key', action: 'help' }, 6_000).state;
    return view(s, 6_000, options({ width, height, stopRules: rules }));
  };

  it('shows the keys and every stop rule at 80×24', () => {
    const text = help(80, 24).join('\n').replace(/\s+/g, ' ');
    expect(help(80, 24).length).toBeLessThanOrEqual(24);
    expect(text).toContain('q quit (what you did is recorded)');
    for (const rule of rules) expect(text).toContain(rule.replace(/^• /, ''));
  });

  it('keeps the bullets when coloured', () => {
    const s = update(update(begin(timeline, 0).state, { type: 'tick' }, 6_000).state, { type: 'key', action: 'help' }, 6_000).state;
    const coloured = view(s, 6_000, options({ width: 80, height: 24, stopRules: rules, paint: new Chalk({ level: 1 }) }));
    expect(coloured.join('\n').replace(/\u001b\[\d+m/g, '')).toContain('   • A sharp or shooting pain');
  });

  it('on a small screen shows as much as fits, says there is more, and keeps where it is', () => {
    const lines = help(60, 16);
    expect(lines.length).toBeLessThanOrEqual(16);
    expect(lines.join('\n')).toMatch(/step 1 of 3/);
    expect(lines.join('\n')).toContain('a taller terminal shows the rest');
    expect(lines.join('\n')).toContain('Keys: space pause or resume');
  });
});

describe('small terminals and wrapping', () => {
  const strengthen = buildTimeline(all.find((r) => r.id === 'strengthen')!, { resolve: (id) => all.find((r) => r.id === id) });
  const at = (t: typeof timeline, move: string, n = 0) => {
    const seg = t.segments.filter((s) => s.move === move && s.kind !== 'rest')[n]!;
    const now = seg.offset + 1_000;
    return { state: update(begin(t, 0).state, { type: 'tick' }, now).state, now, seg };
  };
  const banner =
    'Your check-in suggested a check-up soon: keep to gentle movement, with no pressure, tennis ball or deep kneading, until then.';

  it('at 60×16 keeps the step, the countdown and the cue, and drops the figure first', () => {
    const { state, now, seg } = at(strengthen, 'shoulder-blade-rows', 12);
    const small = view(state, now, options({ width: 60, height: 16, banner }));
    const text = small.join('\n');
    expect(small.length).toBeLessThanOrEqual(16);
    expect(text).toMatch(/step 4 of 7/);
    expect(text).toMatch(/ \d+ s$/m);
    expect(text.replace(/\s+/g, ' ')).toContain(seg.cue);
    expect(text).toContain('set 2 of 2 · rep 3 of 10');
    expect(text).not.toContain(seg.figure![0]![1]);
    expect(view(state, now, options({ width: 60, height: 40 })).join('\n')).toContain(seg.figure![0]![1]!.trimEnd());
  });

  it('wrapping never splits a word, at any width', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[a-z]{1,12}$/), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 120 }),
        (words, width) => {
          const lines = wrap(words.join(' '), width, '', { clip: true }).split('\n');
          for (const line of lines) expect(line.length).toBeLessThanOrEqual(Math.max(1, width));
          const back = lines.flatMap((l) => l.split(' ').filter(Boolean));
          expect(back).toHaveLength(words.length);
          back.forEach((word, i) =>
            expect(word === words[i] || (words[i]!.length > width && word === `${words[i]!.slice(0, width - 1)}…`)).toBe(true),
          );
        },
      ),
    );
  });

  it('any terminal from 20×8 up: never overflows, and always shows where it is and the time left', () => {
    const t = strengthen;
    fc.assert(
      fc.property(
        fc.integer({ min: 20, max: 200 }),
        fc.integer({ min: 8, max: 60 }),
        fc.integer({ min: 0, max: t.total - 1 }),
        fc.boolean(),
        (width, height, now, help) => {
          let s = update(begin(t, 0).state, { type: 'tick' }, now).state;
          if (help) s = update(s, { type: 'key', action: 'help' }, now).state;
          const lines = view(s, now, options({ width, height, banner }));
          expect(lines.length).toBeLessThanOrEqual(height);
          for (const line of lines) expect(line.length).toBeLessThanOrEqual(width);
          const text = lines.join('\n');
          expect(text).toContain(`of ${t.steps}`);
          expect(text).toMatch(/ \d+ s$/m);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('says "1 step", and counts steps the same in the summary as on screen', () => {
    const tucks = buildTimeline(all.find((r) => r.id === 'chin-tucks')!);
    const { events, state } = begin(tucks, 0);
    expect(plainLine(events[0]!, state)).toMatch(/^Chin tucks: 1 step, about /);
    let s = state;
    for (let d = deadline(s); d !== null; d = deadline(s)) s = update(s, { type: 'tick' }, d).state;
    expect(
      plainLine(
        { type: 'routine-end', at: s.endedAt!, reason: 'done', completed: 1, skipped: 0, steps: 1, plannedTotal: 0, elapsed: 0 },
        s,
      ),
    ).toMatch(/Done: 1 of 1 step done, /);
  });
});

describe('leadInText', () => {
  const safetyData = safety as unknown as Safety;
  const move = (id: string) => all.find((r) => r.id === id)!;
  const base = { safety: safetyData, chosen: [], terminal: true };
  const line: StopRulesMode = { mode: 'line', why: 'seen-today', newMoves: [] };

  it('a daily desk break: one stop line and the routine’s caution, no wall of text; each move’s cautions come as it gets ready', () => {
    const r = move('desk-break');
    const moves = ['chin-tucks', 'neck-rotations', 'side-neck-stretch'].map(move);
    const text = leadInText({ ...base, routine: r, moves, mode: line });
    // The one-line rule is at the foot of every screen, so the lead-in does not repeat it.
    expect(text).toEqual([`Desk break: ${r.cautions.join(' ')}`]);
    // Without a terminal there is no get-ready screen: every move's cautions are said up front.
    const plain = leadInText({ ...base, routine: r, moves, mode: line, terminal: false });
    expect(plain[0]).toBe('Stop if pain turns sharp, spreads to an arm, or you feel dizzy.');
    expect(plain.some((t) => t.startsWith('Side neck stretch: '))).toBe(true);
  });

  it('in full, saying why, when a move is new; with "never press on" when a move presses', () => {
    const r = move('evening-release');
    const moves = ['upper-back-massage', 'tennis-ball-release'].map(move);
    const text = leadInText({ ...base, routine: r, moves, mode: { mode: 'full', why: 'new-moves', newMoves: ['tennis-ball-release'] } });
    expect(text[0]).toBe('Tennis-ball release against a wall is new to you: read this first.');
    expect(text).toContain(`${safetyData.stopRules.title}. ${safetyData.stopRules.intro}`);
    expect(text.join('\n')).toMatch(/^Never press on: The front of the neck or the throat; the sides of the neck/m);
    expect(leadInText({ ...base, terminal: false, routine: r, moves, mode: line }).join('\n')).toContain('stop if it becomes sharp');
  });

  it('says why a version of a move was chosen, and passes the caller’s notes', () => {
    const text = leadInText({
      ...base,
      routine: move('gentle'),
      moves: [move('side-neck-stretch')],
      mode: line,
      chosen: [{ why: 'Because of your arm.' }],
      notes: ['Level 2.'],
    });
    expect(text.slice(0, 2)).toEqual(['Level 2.', 'Because of your arm.']);
  });
});
