import type { ChalkInstance } from 'chalk';
import type { RoutineDefinitionWithMeta } from '../content/routines.js';
import { begin, current, KEYMAP, remaining, type RoutineEvent, type SessionState, sessionRecord } from '../core/session.js';
import { isoLocal } from '../core/time.js';
import { withEmergencyNumber } from '../core/triage.js';
import type { CapExcess, Segment, Timeline } from '../core/timeline.js';
import type { Safety, Source } from '../content/schema.js';
import { bullets, sourceLabel } from './catalogue.js';
import { formatSeconds, plural } from './output.js';
import { wrap } from '../core/wrap.js';

/** The stop rules in full (clinical reference §5: shown before every routine), one paragraph or bullet per entry. */
export function stopRulesText(rules: Safety['stopRules']): string[] {
  return [`${rules.title}. ${rules.intro}`, ...rules.signs.map((s) => `• ${s}`), rules.emergency, rules.otherwise, rules.expected];
}

/** The stop rules wrapped to `width`, bullets hanging. */
export function wrapStopRules(rules: readonly string[], width: number): string {
  return rules.map((rule) => (rule.startsWith('• ') ? bullets([rule.slice(2)], width, '•')[0]! : wrap(rule, width))).join('\n');
}

/** Why a routine (with its rounds) goes past the caps: one line per move and limit (sides alike). */
export function capLines(excess: readonly CapExcess[]): string[] {
  const line = (e: CapExcess) => {
    const where = `${e.moveTitle}${e.spot ? ` (${e.spot.toLowerCase()})` : ''}`;
    switch (e.limit) {
      case 'hold':
        return `${where}: holds of ${formatSeconds(e.value)}; at most ${formatSeconds(e.max)} each`;
      case 'reps':
        return `${where}: ${e.value} in a row${e.side ? ' per side' : ''}; at most ${e.max}`;
      case 'perSide':
        return `${where}: ${formatSeconds(e.value)} per side; at most ${formatSeconds(e.max)}`;
      case 'perSpot':
        return `${where}: ${formatSeconds(e.value)} on one spot; at most ${formatSeconds(e.max)}`;
    }
  };
  return [...new Set(excess.map(line))];
}

/** After a rating that rose too much: stop, the signs that mean more, and what to do (the stop rules' own words). */
export function painRoseAdvice(before: number, after: number, rules: Safety['stopRules'], emergencyNumber: string | null, width: number): string {
  return [
    wrap(`Your neck pain went from ${before} to ${after} during the routine: stop here for today. Watch for these signs:`, width),
    ...bullets(rules.signs, width, '•'),
    wrap(withEmergencyNumber(rules.emergency, emergencyNumber), width),
    wrap(rules.otherwise, width),
  ].join('\n');
}

/** The key legend, drawn from the keymap itself so it can never disagree with the keys. */
export function keyLegend(): string {
  return KEYMAP.map((k) => `${k.legend} ${k.action}`).join(' · ');
}

export interface ViewOptions {
  width: number;
  height: number;
  paint: ChalkInstance;
  /** One line kept at the foot of the screen: when to stop. */
  stopLine: string;
  /** A referral banner after a soon-level check-in. */
  banner: string | null;
  /** The full stop rules, shown during the lead-in. */
  stopRules: readonly string[];
}

const clip = (line: string, width: number) => (line.length > width ? `${line.slice(0, Math.max(0, width - 1))}…` : line);

function bar(fraction: number, width: number): [string, string] {
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * width);
  return ['█'.repeat(filled), '░'.repeat(width - filled)];
}

/** Which frame of a figure to show: the frames play once across the segment. */
export function figureFrame(segment: Segment, elapsed: number): readonly string[] | null {
  const frames = segment.figure;
  if (!frames?.length) return null;
  if (segment.kind === 'rest') return frames[0]!;
  const i = Math.min(frames.length - 1, Math.floor((elapsed / segment.ms) * frames.length));
  return frames[Math.max(0, i)]!;
}

/** The screen in three parts: what always shows, what a short terminal drops, and the foot. */
function frame(state: SessionState, now: number, options: ViewOptions): { top: string[]; middle: string[]; bottom: string[] } | null {
  const { paint, width } = options;
  const w = Math.max(20, width - 2);
  const segment = current(state);
  if (!segment) return null;
  const left = remaining(state, now);
  const elapsed = segment.ms - left;
  const block = (text: string, style: (s: string) => string = (s) => s) => wrap(text, w, ' ').split('\n').map((line) => style(line));

  const top: string[] = [];
  const title = clip(state.timeline.title, Math.max(10, w - 30));
  const where = `step ${segment.group} of ${segment.groups}${segment.rounds > 1 ? ` · round ${segment.round} of ${segment.rounds}` : ''}`;
  top.push(` ${paint.bold(title)}${' '.repeat(Math.max(1, w - title.length - where.length))}${paint.dim(where)}`);
  if (options.banner) top.push(...block(options.banner, paint.yellow));
  top.push('');
  const heading = segment.kind === 'rest' ? segment.stepTitle : `${segment.moveTitle} — ${segment.label}`;
  top.push(` ${paint.bold(clip(heading, w))}`);
  const barWidth = Math.max(10, Math.min(40, w - 8));
  const [done, todo] = bar(segment.ms ? elapsed / segment.ms : 1, barWidth);
  const seconds = `${Math.ceil(left / 1000)} s`;
  top.push(` ${paint.cyan(done)}${paint.dim(todo)} ${seconds.padStart(5)}`);
  if (state.status === 'paused') top.push(` ${paint.yellow('PAUSED · space to resume')}`);
  top.push('', ...block(segment.cue));
  if (segment.tip) top.push(...block(segment.tip, paint.dim));

  // Help, the full stop rules (during the lead-in) or the figure: whichever applies, if it fits.
  const middle: string[] = [''];
  if (state.help) {
    middle.push(` ${paint.bold('Keys')}`, ...KEYMAP.map((k) => `   ${k.legend.padEnd(6)} ${k.help}`));
  } else if (segment.step === 'get-ready' && segment.index === 0 && options.stopRules.length) {
    for (const rule of options.stopRules) middle.push(...block(rule, paint.yellow));
  } else {
    const frame = figureFrame(segment, elapsed);
    if (frame) middle.push(...frame.map((line) => `   ${clip(line, w - 2)}`));
  }

  // The stop line wraps, never clipped: it is the one safety line always on screen.
  const bottom = ['', ` ${paint.dim('Next:')} ${clip(segment.next ?? 'finish', w - 6)}`, '', ...block(keyLegend(), paint.dim), ...block(options.stopLine, paint.dim)];
  return { top, middle, bottom };
}

/** The whole screen for one moment of a routine: a pure function of the state and the time. */
export function view(state: SessionState, now: number, options: ViewOptions): string[] {
  const parts = frame(state, now, options);
  if (!parts) return [];
  const { top, middle, bottom } = parts;
  const { height } = options;
  // A short terminal loses the middle first, then the spacing, then the top from its end; the
  // stop line at the foot goes last. The frame never scrolls.
  if (top.length + middle.length + bottom.length <= height) return [...top, ...middle, ...bottom];
  const tight = bottom.filter((line) => line !== '');
  return [...top.slice(0, Math.max(0, height - tight.length)), ...tight].slice(-Math.max(1, height));
}

/** Whether the lead-in screen has room for the stop rules in full (else they are shown before it). */
export function stopRulesFit(timeline: Timeline, options: ViewOptions): boolean {
  const parts = frame(begin(timeline, 0).state, 0, options);
  return parts !== null && parts.top.length + parts.middle.length + parts.bottom.length <= options.height;
}

/** Elapsed time as m:ss, for plain lines. */
function clock(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** One plain line per event, for a pipe or a dumb terminal; null for events not worth a line.
 * `state` is the session as it stands after the event (its end is summed up by `sessionRecord`). */
export function plainLine(event: RoutineEvent, state: SessionState): string | null {
  const { timeline, start } = state;
  const at = `[${clock(event.at - start)}]`;
  const seg = (i: number | null) => (i === null ? undefined : timeline.segments[i]);
  switch (event.type) {
    case 'routine-start':
      return `${timeline.title}: ${plural(timeline.work, 'timed step')}, about ${formatSeconds(timeline.total / 1000)}`;
    case 'step-start': {
      const s = seg(event.index)!;
      const length = `(${formatSeconds(s.ms / 1000)})`;
      if (s.kind === 'rest') return `${at} ${s.stepTitle} ${length}: ${s.cue}`;
      return `${at} ${s.moveTitle} · ${s.label} ${length}: ${s.cue}`;
    }
    case 'step-end':
      return null;
    case 'pause':
      return `${at} paused`;
    case 'resume':
      return `${at} resumed after ${formatSeconds(event.pausedMs / 1000)}`;
    case 'skip':
      return `${at} skipped ${seg(event.from)?.label ?? ''}`;
    case 'back':
      return `${at} back to ${seg(event.to)?.label ?? ''}`;
    case 'routine-end': {
      const { completed, skipped, seconds } = sessionRecord(state);
      const what = `${completed} of ${timeline.work} steps done${skipped ? `, ${skipped} skipped` : ''}, ${formatSeconds(seconds)}`;
      if (event.reason === 'done') return `${at} Done: ${what}.`;
      if (event.reason === 'quit') return `${at} Stopped: ${what}.`;
      return `${at} Interrupted: ${what}.`;
    }
  }
}

/** The NDJSON form of an event (design §6): `{type, t, routine, ...}`. */
export function jsonEvent(event: RoutineEvent, timeline: Timeline): Record<string, unknown> {
  const { at, type, ...rest } = event;
  const base = { type, t: isoLocal(at, { millis: true }), routine: timeline.routine };
  if (event.type === 'step-start') {
    const s = timeline.segments[event.index]!;
    return { ...base, index: event.index, step: s.step, move: s.move, side: s.side, rep: s.rep, kind: s.kind, ms: s.ms, planned: event.planned };
  }
  return { ...base, ...rest };
}

const stepLine = (step: NonNullable<RoutineDefinitionWithMeta['steps']>[number]): string => {
  const sides = step.sides ? ', each side' : '';
  const rest = step.rest ? `, ${step.rest} s rest between` : '';
  if (step.kind === 'timed') return `${step.title}: ${step.seconds} s${sides}`;
  const what = step.kind === 'hold' ? 'hold' : 'rep';
  return `${step.title}: ${step.reps ?? 1} × ${step.seconds} s ${what}${sides}${rest}`;
};

/** What the routine list and the full view need besides the routines themselves. */
export interface RoutineListContext {
  /** Planned length in whole seconds. */
  seconds(routine: RoutineDefinitionWithMeta): number;
  resolve(id: string): RoutineDefinitionWithMeta | undefined;
  /** The catalogue's sources, to name a built-in routine's evidence. */
  sources: readonly Source[];
  paint: ChalkInstance;
  width: number;
  routinesDir: string;
}

/** `neckcoach routines`: one line and a summary per routine, the person's own marked as such. */
export function routineList(routines: readonly RoutineDefinitionWithMeta[], ctx: RoutineListContext): string[] {
  const { paint: c, width } = ctx;
  const idWidth = Math.max(...routines.map((r) => r.id.length + (r.file ? 7 : 0)));
  const lines: string[] = [];
  for (const r of routines) {
    const name = `${r.id}${r.file ? ' (yours)' : ''}`.padEnd(idWidth + 1);
    const facts = `${r.kind} · ${formatSeconds(ctx.seconds(r))}${r.gentle ? ' · gentle' : ''}`;
    lines.push(`${c.bold(name)}  ${r.title} ${c.dim(`(${facts})`)}`);
    lines.push(c.dim(wrap(r.summary, width, ' '.repeat(idWidth + 3))));
  }
  lines.push('', c.dim(wrap(`Run one: neckcoach routine <id>. Your own go in ${ctx.routinesDir} (neckcoach routine new <id>).`, width)));
  return lines;
}

/** `neckcoach routines <id>`: the routine in full. */
export function routineFull(routine: RoutineDefinitionWithMeta, ctx: RoutineListContext): string[] {
  const { paint: c, width } = ctx;
  const lines: string[] = [];
  lines.push(c.bold(`${routine.title} (${routine.id})`) + (routine.file ? c.dim(' · yours') : ''));
  lines.push(c.dim(`${routine.kind} · about ${formatSeconds(ctx.seconds(routine))} · ${routine.gentle ? 'gentle' : 'not gentle: pressure or deep kneading'}`));
  lines.push('', wrap(routine.summary, width));
  if (routine.setup.length) lines.push('', c.bold('Setup'), ...routine.setup.map((s) => wrap(s, width, '  ')));
  if (routine.steps?.length) lines.push('', c.bold('Steps'), ...routine.steps.map((s) => wrap(stepLine(s), width, '  ')));
  if (routine.parts?.length) {
    lines.push('', c.bold('Parts'));
    for (const part of routine.parts) {
      const move = ctx.resolve(part.routine);
      const overrides = [part.reps ? plural(part.reps, 'rep') : '', part.seconds ? `${part.seconds} s` : ''].filter(Boolean).join(', ');
      lines.push(`  ${move?.title ?? part.routine} (${part.routine})${overrides ? `: ${overrides}` : ''}`);
    }
  }
  if (routine.cautions.length) lines.push('', c.bold('Cautions'), ...routine.cautions.map((s) => wrap(s, width, '  ')));
  if (routine.file) lines.push('', c.dim(`From ${routine.file}`));
  else if ('sources' in routine && Array.isArray(routine.sources)) {
    const named = (routine.sources as string[]).map((id) => ctx.sources.find((source) => source.id === id)).filter((x): x is Source => Boolean(x));
    lines.push('', c.bold('Sources'), ...bullets(named.map(sourceLabel), width).map((line) => c.dim(line)));
  }
  lines.push('', c.dim(`Run it: neckcoach routine ${routine.id}`));
  return lines;
}
