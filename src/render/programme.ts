import type { Programme } from '../content/schema.js';
import type { Decision, ProgrammeState } from '../core/programme.js';
import type { ProgrammeRun } from '../core/routine-run.js';
import { isoLocal } from '../core/time.js';
import { plural } from './output.js';

const levelName = (programme: Programme, level: number) =>
  `level ${level} of ${programme.levels.length} (${programme.levels[level - 1]?.title ?? '?'})`;

/** What a decision was and why, in one sentence. */
export function decisionLine(decision: Decision, programme: Programme): string {
  const { reason } = decision;
  const why =
    reason.kind === 'kept-up'
      ? `${reason.sessions} of ${reason.of} sessions done`
      : reason.kind === 'too-few'
        ? `${reason.sessions} of ${reason.of} sessions done, ${reason.needed} needed to go up`
        : reason.kind === 'pain-rose'
          ? `your pain rose from ${reason.before} to ${reason.after} after a session`
          : `the rise after your last session had not settled (${reason.before} before it, ${reason.now} since)`;
  switch (decision.event) {
    case 'advanced':
      return `Up to ${levelName(programme, decision.level)}: ${why}.`;
    case 'stepped-back':
      return `Back to ${levelName(programme, decision.level)}: ${why}.`;
    case 'held':
      return reason.kind === 'too-few'
        ? `Staying at level ${decision.level} for ${plural(programme.weeksPerLevel, 'more week')}: ${why}.`
        : `Level ${decision.level} starts again: ${why}.`;
    case 'finished':
      return `Programme complete: all ${programme.levels.length} levels done. Keep level ${decision.level} going, ${programme.perWeek} times a week.`;
  }
}

/** "This is session 2 of 3 this week": the one about to start, or why it will not count. */
function sessionOfWeek(state: ProgrammeState): string {
  if (state.countedToday) return "Today's session is already counted: this one is extra.";
  if (state.sessionsThisWeek >= state.target) return `This week's ${state.target} are done: this one is extra.`;
  return `This is session ${state.sessionsThisWeek + 1} of ${state.target} this week.`;
}

/**
 * The one line a programme session leads with: what was decided since the last session (or where
 * things stand), which session this is, and the band to use.
 */
export function programmeRunLine(run: ProgrammeRun): string {
  const { programme, state, decisions } = run;
  const band = programme.levels[state.level - 1]?.band;
  const latest = decisions.at(-1);
  if (state.finished)
    return latest ? decisionLine(latest, programme) : `Programme complete: this is ${levelName(programme, state.level)}, to keep up.`;
  const where = latest ? decisionLine(latest, programme) : `${programme.title}: ${levelName(programme, state.level)}, week ${state.week}.`;
  return `${where} ${sessionOfWeek(state)}${band ? ` ${band}` : ''}`;
}

/** Said once, on the first session without ratings: the programme adapts only to pain it knows about. */
export const RATINGS_ASK =
  'Add --rate to rate your pain before and after: the programme then steps back a level if a session flares your neck. Without ratings it moves up when you keep up.';

/** Whether to ask for ratings now: a running programme, this session unrated, and no unrated one before it. */
export function shouldAskForRatings(run: ProgrammeRun | null, rating: boolean): boolean {
  return run !== null && run.state.active && !rating && run.state.sessions === run.state.ratedSessions;
}

const dateText = (ms: number, timeZone?: string) =>
  new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone }).format(ms);

/** `programme status`: where a person stands and what is next. */
export function programmeStatusLines(state: ProgrammeState | null, programme: Programme, options: { timeZone?: string } = {}): string[] {
  if (!state) return [`${programme.title}: not started.`, `Start it with: neckcoach programme start ${programme.id}`];
  if (state.stoppedAt !== null)
    return [
      `${programme.title}: stopped on ${dateText(state.stoppedAt, options.timeZone)}, at level ${state.level}.`,
      `Start again with: neckcoach programme start ${programme.id}`,
    ];
  const lines = [`${programme.title}: ${levelName(programme, state.level)}.`];
  if (state.finished) {
    lines.push(`All levels done. Keep it going: neckcoach routine ${programme.routine}, ${programme.perWeek} times a week.`);
    return lines;
  }
  const level = programme.levels[state.level - 1]!;
  lines.push(
    `Week ${state.week} of this level: ${state.sessionsThisWeek} of ${plural(state.target, 'session')} this week; ${state.sessionsThisLevel} so far at this level, ${state.needed} needed to go up.`,
  );
  const left = Math.max(0, state.target - state.sessionsThisWeek);
  const weekEnds = dateText(state.weekEndsAt - 1, options.timeZone);
  const next =
    state.level < state.levels
      ? `level ${state.level + 1} from ${dateText(state.levelEndsAt, options.timeZone)} if ${state.needed} are done by then`
      : `the programme is complete on ${dateText(state.levelEndsAt, options.timeZone)} if ${state.needed} are done by then`;
  lines.push(`Next: ${left ? `${plural(left, 'more session')} by ${weekEnds}` : 'this week is done'}; ${next}.`);
  lines.push(`This level: ${level.changes} ${level.band}`);
  if (state.adherence !== null) lines.push(`Sessions kept up so far: ${Math.round(state.adherence * 100)}% of those due.`);
  lines.push(`Run a session: neckcoach routine ${programme.routine} --rate`);
  return lines;
}

/** `programme status --json` (design §6 programme fields, plus what is next). */
export function programmeStatusJson(state: ProgrammeState | null, programme: Programme): Record<string, unknown> {
  const base = {
    id: programme.id,
    title: programme.title,
    routine: programme.routine,
    levels: programme.levels.length,
    target: programme.perWeek,
  };
  if (!state) return { programme: { ...base, status: 'not-started' } };
  const iso = (ms: number | null) => (ms === null ? null : isoLocal(ms));
  return {
    programme: {
      ...base,
      status: state.stoppedAt !== null ? 'stopped' : state.finished ? 'finished' : 'running',
      level: state.level,
      week: state.week,
      sessionsThisWeek: state.sessionsThisWeek,
      sessionsThisLevel: state.sessionsThisLevel,
      needed: state.needed,
      adherence: state.adherence === null ? null : Math.round(state.adherence * 100) / 100,
      startedAt: iso(state.startedAt),
      stoppedAt: iso(state.stoppedAt),
      levelEndsAt: iso(state.levelEndsAt),
      weekEndsAt: iso(state.weekEndsAt),
      decisions: state.decisions.map((d) => ({ at: iso(d.at), event: d.event, level: d.level, from: d.from, reason: d.reason })),
    },
  };
}

/** The report's and stats' one line on keeping up with a programme. */
export function adherenceLine(
  summary: { level: number; sessionsThisWeek: number; target: number; adherence: number | null },
  programme: Programme,
): string {
  const kept = summary.adherence === null ? 'no full week yet' : `${Math.round(summary.adherence * 100)}% of sessions due kept up`;
  return `${programme.title}: level ${summary.level} of ${programme.levels.length}, ${summary.sessionsThisWeek} of ${plural(summary.target, 'session')} this week, ${kept}.`;
}
