import type { ChalkInstance } from 'chalk';
import type { RoutineDefinitionWithMeta } from '../content/routines.js';
import type { Safety, Source } from '../content/schema.js';
import { printable } from '../core/printable.js';
import { begin, current, KEYMAP, remaining, type RoutineEvent, type SessionState, sessionRecord } from '../core/session.js';
import type { StopRulesMode } from '../core/stop-rules.js';
import { isoLocal } from '../core/time.js';
import type { CapExcess, Segment, Timeline } from '../core/timeline.js';
import { withEmergencyNumber } from '../core/triage.js';
import type { ChosenVariant } from '../core/variants.js';
import { bullets, sourceLabel } from './catalogue.js';
import { formatSeconds, plural } from './output.js';
import { clipWords, wrap } from '../core/wrap.js';

/** The stop rules in full (clinical reference §5), one paragraph or bullet ("• ") per entry. */
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
      case 'perSet':
        return `${where}: ${e.value} in one set${e.side ? ' per side' : ''}; at most ${e.max}`;
      case 'perSide':
        return `${where}: ${formatSeconds(e.value)} ${e.side ? 'per side' : 'in one go'}; at most ${formatSeconds(e.max)}`;
      case 'perSpot':
        return `${where}: ${formatSeconds(e.value)} on one spot; at most ${formatSeconds(e.max)}`;
    }
  };
  return [...new Set(excess.map(line))];
}

/** After a rating that rose too much: stop, the signs that mean more, and what to do (the stop rules' own words). */
export function painRoseAdvice(
  before: number,
  after: number,
  rules: Safety['stopRules'],
  emergencyNumber: string | null,
  width: number,
): string {
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

/** The one-line stop rule: at a terminal it points to `?` for the rest. */
export function shortStopLine(rules: Pick<Safety['stopRules'], 'short'>, keys: boolean): string {
  return keys ? `${rules.short}: ? for all` : `${rules.short}.`;
}

/** A move as the lead-in needs it. */
export interface LeadInMove {
  id: string;
  title: string;
  cautions: readonly string[];
  gentle: boolean;
  topics?: readonly string[];
}

/** Whether a move presses on the body (massage, a ball): then the "never press on" list leads in too. */
export const pressesOnBody = (move: Pick<LeadInMove, 'gentle' | 'topics'>) =>
  move.topics ? move.topics.includes('massage') : !move.gentle;

export interface LeadInInput {
  routine: { title: string; cautions: readonly string[] };
  /** The moves the routine is made of (itself, for a move). */
  moves: readonly LeadInMove[];
  safety: Pick<Safety, 'stopRules' | 'neverPress'>;
  mode: StopRulesMode;
  /** Versions of moves chosen from the latest check-in, and why. */
  chosen: readonly Pick<ChosenVariant, 'why'>[];
  /** Lines from the caller, e.g. what the programme decided. */
  notes?: readonly string[];
  /** At a terminal: keys work (the one-line rule points to `?`) and each move's cautions show as it gets
   * ready, so the lead-in leaves them out. Without one, everything is said up front. */
  terminal: boolean;
}

/** "Neck turns and Wall slides", or "5 of these moves" when a list would be long. */
function newMovesText(ids: readonly string[], moves: readonly LeadInMove[]): string {
  if (ids.length > 2) return `${ids.length} of these moves are`;
  return `${ids.map((id) => moves.find((m) => m.id === id)?.title ?? id).join(' and ')} ${ids.length === 1 ? 'is' : 'are'}`;
}

/**
 * What a routine shows before its first move, one paragraph or bullet ("• ") per entry: the stop
 * rules (in full, or the one line), why a version of a move was chosen, the "never press on" list
 * when a move presses, the routine's cautions and, without a terminal, each move's.
 */
export function leadInText(input: LeadInInput): string[] {
  const { safety, mode, moves } = input;
  const out: string[] = [];
  if (mode.mode === 'full') {
    if (mode.why === 'new-moves') out.push(`${newMovesText(mode.newMoves, moves)} new to you: read this first.`);
    if (mode.why === 'pain-rose') out.push('Your pain rose during your last routine: read this first.');
    out.push(...stopRulesText(safety.stopRules));
  } else if (!input.terminal) {
    // At a terminal the one line is always at the foot of the screen.
    out.push(shortStopLine(safety.stopRules, false));
  }
  out.push(...(input.notes ?? []), ...input.chosen.map((c) => c.why));
  if (moves.some(pressesOnBody))
    out.push(
      `${safety.neverPress.title}: ${safety.neverPress.places.map((p, i) => (i ? p.charAt(0).toLowerCase() + p.slice(1) : p)).join('; ')}.`,
    );
  if (input.routine.cautions.length && moves.length > 1) out.push(`${input.routine.title}: ${input.routine.cautions.join(' ')}`);
  if (!input.terminal) for (const move of moves) if (move.cautions.length) out.push(`${move.title}: ${move.cautions.join(' ')}`);
  return out.map(printable);
}

export interface ViewOptions {
  width: number;
  height: number;
  paint: ChalkInstance;
  /** The line kept at the foot of the screen: when to stop, and `?` for the rest. */
  stopLine: string;
  /** A referral banner after a soon-level check-in. */
  banner: string | null;
  /** The full stop rules, shown with the keys on `?`. */
  stopRules: readonly string[];
  /** What leads in before the first move (`leadInText()`). */
  leadIn: readonly string[];
  /** Each move's cautions, shown while getting ready for it (the first with the lead-in). */
  cautions: Readonly<Record<string, readonly string[]>>;
}

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

/** Where the screen is: "step 2 of 5", with the round when there are several. */
export function whereLine(segment: Segment): string {
  return `step ${segment.group} of ${segment.groups}${segment.rounds > 1 ? ` · round ${segment.round} of ${segment.rounds}` : ''}`;
}

/**
 * A part of the screen and how much it matters: when the terminal is short, parts are kept from
 * the highest `keep` down and the rest dropped (the figure first), always in screen order.
 */
interface Part {
  lines: string[];
  keep: number;
  leadIn?: true;
  /** When set, a part too long for what is left shows its first lines and then this. */
  more?: string;
}

/** Lines wrapped to `width` (1 space of margin), whole words only, text from files made printable. */
function paragraph(text: string, width: number, style: (s: string) => string = (s) => s, indent = ' '): string[] {
  return wrap(printable(text), width, indent, { clip: true })
    .split('\n')
    .map((line) => style(line));
}

/** A bulleted paragraph when it starts with "• ", hanging under its bullet. */
function entry(text: string, width: number, style: (s: string) => string): string[] {
  if (!text.startsWith('• ')) return paragraph(text, width, style);
  return paragraph(text.slice(2), width, (s) => s, '     ').map((line, i) => style(i === 0 ? line.replace(/^ {5}/, '   • ') : line));
}

/** The screen's parts for one moment of a routine. */
function parts(state: SessionState, now: number, options: ViewOptions): Part[] | null {
  const { paint, width } = options;
  const segment = current(state);
  if (!segment) return null;
  const left = remaining(state, now);
  const elapsed = segment.ms - left;
  const w = Math.max(10, width - 1);
  const gap = (keep = 1): Part => ({ lines: [''], keep });

  const where = whereLine(segment);
  const room = Math.max(0, width - where.length - 3);
  const title = room >= 4 ? clipWords(printable(state.timeline.title), room) : '';
  const titleLine = title
    ? ` ${paint.bold(title)}${' '.repeat(Math.max(1, width - title.length - where.length - 1))}${paint.dim(where)}`
    : ` ${paint.dim(clipWords(where, width - 1))}`;
  const heading = segment.kind === 'rest' ? segment.stepTitle : `${segment.moveTitle} — ${segment.label}`;
  const barWidth = Math.max(4, Math.min(40, width - 8));
  const [done, todo] = bar(segment.ms ? elapsed / segment.ms : 1, barWidth);
  const seconds = `${Math.ceil(left / 1000)} s`;

  const out: Part[] = [{ lines: [titleLine], keep: 10 }];
  if (options.banner) out.push({ lines: paragraph(options.banner, w, paint.yellow), keep: 4 });
  out.push(
    gap(),
    { lines: paragraph(heading, w, paint.bold), keep: 9 },
    { lines: [` ${paint.cyan(done)}${paint.dim(todo)} ${seconds.padStart(5)}`], keep: 10 },
  );
  if (state.status === 'paused') out.push({ lines: paragraph('PAUSED · space to resume', w, paint.yellow), keep: 9 });

  if (state.help) {
    // `?`: the keys and the stop rules in full, in place of the cue and the figure; the rules come
    // before everything but where the routine is, and a screen too short for all of them says so.
    const keys = KEYMAP.map((k) => `${k.legend} ${k.help}`).join(' · ');
    out.push(gap(), { lines: paragraph(`Keys: ${keys}`, w), keep: 9.6 });
    out.push({
      lines: ['', ...options.stopRules.flatMap((rule) => entry(rule, w, paint.yellow))],
      keep: 9.5,
      more: clipWords(' … (a taller terminal shows the rest; ? closes this)', width),
    });
    out.push(gap(), {
      lines: [` ${paint.dim('Next:')} ${clipWords(printable(segment.next ?? 'finish'), Math.max(1, width - 7))}`],
      keep: 1,
    });
    return out;
  } else {
    out.push(gap(), { lines: paragraph(segment.cue, w), keep: 8 });
    if (segment.tip) out.push({ lines: paragraph(segment.tip, w, paint.dim), keep: 2 });
    const leadIn = segment.index === 0 ? options.leadIn : [];
    const cautions = segment.step === 'get-ready' ? (options.cautions[segment.move] ?? []) : [];
    // The lead-in matters more than the cue's tip; the figure is the first thing a short screen drops.
    // Each optional block brings its own blank line, so dropping it leaves no gap behind.
    if (leadIn.length) out.push({ lines: ['', ...leadIn.flatMap((text) => entry(text, w, paint.yellow))], keep: 5, leadIn: true });
    if (cautions.length) out.push({ lines: ['', ...cautions.flatMap((text) => paragraph(text, w, paint.yellow))], keep: 2.5 });
    const figure = figureFrame(segment, elapsed);
    if (figure) out.push({ lines: ['', ...figure.map((line) => `   ${printable(line).slice(0, Math.max(0, width - 3))}`)], keep: 0 });
  }
  out.push(gap(), { lines: [` ${paint.dim('Next:')} ${clipWords(printable(segment.next ?? 'finish'), Math.max(1, width - 7))}`], keep: 3 });
  out.push(gap(), { lines: paragraph(keyLegend(), w, paint.dim), keep: 3 });
  out.push({ lines: paragraph(options.stopLine, w, paint.dim), keep: 7 });
  return out;
}

/** The parts to show in `height` lines: the most important first, shown in screen order. */
function fit(all: readonly Part[], height: number): Part[] {
  const order = [...all.keys()].sort((a, b) => all[b]!.keep - all[a]!.keep || a - b);
  const chosen = new Set<number>();
  let used = 0;
  const cut = new Map<number, Part>();
  for (const i of order) {
    const part = all[i]!;
    if (used + part.lines.length <= height) {
      chosen.add(i);
      used += part.lines.length;
    } else if (part.more && height - used >= 3) {
      cut.set(i, { ...part, lines: [...part.lines.slice(0, height - used - 1), part.more] });
      chosen.add(i);
      used = height;
    }
  }
  return all.flatMap((part, i) => (chosen.has(i) ? [cut.get(i) ?? part] : []));
}

/** The whole screen for one moment of a routine: a pure function of the state and the time. It never scrolls. */
export function view(state: SessionState, now: number, options: ViewOptions): string[] {
  const all = parts(state, now, options);
  if (!all) return [];
  const lines = fit(all, options.height).flatMap((p) => p.lines);
  // Never two blank lines in a row, nor one at the top or bottom, once parts are dropped.
  return lines.filter((line, i) => line !== '' || (i > 0 && i < lines.length - 1 && lines[i - 1] !== ''));
}

/** Whether the lead-in screen has room for all of the lead-in (else it is shown before the routine, waiting for a key). */
export function leadInFits(timeline: Timeline, options: ViewOptions): boolean {
  const all = parts(begin(timeline, 0).state, 0, options);
  return !all || !options.leadIn.length || fit(all, options.height).some((p) => p.leadIn);
}

/** Elapsed time as m:ss, for plain lines. */
function clock(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** "2 of 3 steps done, 1 skipped, 2 min 5 s": the one summary of a session, as history records it. */
export function summaryText(state: SessionState): string {
  const { completed, skipped, steps, seconds } = sessionRecord(state);
  return `${completed} of ${plural(steps, 'step')} done${skipped ? `, ${skipped} skipped` : ''}, ${formatSeconds(seconds)}`;
}

/** One plain line per event, for a pipe or a dumb terminal; null for events not worth a line.
 * `state` is the session as it stands after the event (its end is summed up by `sessionRecord`). */
export function plainLine(event: RoutineEvent, state: SessionState): string | null {
  const { timeline, start } = state;
  const at = `[${clock(event.at - start)}]`;
  const seg = (i: number | null) => (i === null ? undefined : timeline.segments[i]);
  const line = (): string | null => {
    switch (event.type) {
      case 'routine-start':
        return `${timeline.title}: ${plural(timeline.steps, 'step')}, about ${formatSeconds(timeline.total / 1000)}`;
      case 'step-start': {
        const s = seg(event.index)!;
        const length = `(${formatSeconds(s.ms / 1000)})`;
        if (s.kind === 'rest') return `${at} ${s.stepTitle} ${length}: ${s.cue}`;
        return `${at} ${whereLine(s)} · ${s.moveTitle} · ${s.label} ${length}: ${s.cue}`;
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
        const what = summaryText(state);
        if (event.reason === 'done') return `${at} Done: ${what}.`;
        if (event.reason === 'quit') return `${at} Stopped: ${what}.`;
        return `${at} Interrupted: ${what}.`;
      }
    }
  };
  const text = line();
  return text === null ? null : printable(text);
}

/** The NDJSON form of an event (design §6): `{type, t, routine, ...}`; a step-start also says which step of how many. */
export function jsonEvent(event: RoutineEvent, timeline: Timeline): Record<string, unknown> {
  const { at, type, ...rest } = event;
  const base = { type, t: isoLocal(at, { millis: true }), routine: timeline.routine };
  if (event.type === 'step-start') {
    const s = timeline.segments[event.index]!;
    return {
      ...base,
      index: event.index,
      step: s.step,
      move: s.move,
      side: s.side,
      rep: s.rep,
      kind: s.kind,
      ms: s.ms,
      planned: event.planned,
      stepNumber: s.group,
      steps: s.groups,
      reps: s.reps,
      set: s.set,
      sets: s.sets,
    };
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
  const moves =
    routine.kind === 'move' ? [routine] : (routine.parts ?? []).map((p) => ctx.resolve(p.routine)).filter((m) => m !== undefined);
  const why = moves.some(pressesOnBody) ? 'pressure or deep kneading' : 'it works the muscles against resistance';
  lines.push(c.dim(`${routine.kind} · about ${formatSeconds(ctx.seconds(routine))} · ${routine.gentle ? 'gentle' : `not gentle: ${why}`}`));
  lines.push('', wrap(routine.summary, width));
  if (routine.setup.length) lines.push('', c.bold('Setup'), ...routine.setup.map((s) => wrap(s, width, '  ')));
  if (routine.steps?.length) lines.push('', c.bold('Steps'), ...routine.steps.map((s) => wrap(stepLine(s), width, '  ')));
  if (routine.parts?.length) {
    lines.push('', c.bold('Parts'));
    for (const part of routine.parts) {
      const move = ctx.resolve(part.routine);
      const overrides = [
        part.sets ? plural(part.sets, 'set') : '',
        part.reps ? plural(part.reps, 'rep') : '',
        part.seconds ? `${part.seconds} s` : '',
      ]
        .filter(Boolean)
        .join(', ');
      lines.push(`  ${move?.title ?? part.routine} (${part.routine})${overrides ? `: ${overrides}` : ''}`);
    }
  }
  if (routine.cautions.length) lines.push('', c.bold('Cautions'), ...routine.cautions.map((s) => wrap(s, width, '  ')));
  // Built-in moves may have a version for what a check-in reported; say when it is used.
  const variants = 'variants' in routine && Array.isArray(routine.variants) ? (routine.variants as { why: string }[]) : [];
  if (variants.length) lines.push('', c.bold('Another version'), ...variants.map((v) => wrap(v.why, width, '  ')));
  if (routine.file) lines.push('', c.dim(`From ${routine.file}`));
  else if ('sources' in routine && Array.isArray(routine.sources)) {
    const named = (routine.sources as string[])
      .map((id) => ctx.sources.find((source) => source.id === id))
      .filter((x): x is Source => Boolean(x));
    lines.push('', c.bold('Sources'), ...bullets(named.map(sourceLabel), width).map((line) => c.dim(line)));
  }
  lines.push('', c.dim(`Run it: neckcoach routine ${routine.id}`));
  return lines;
}
