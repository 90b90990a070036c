/**
 * What the latest check-in still holds back (design §3 Routines, §7): an emergency or urgent
 * finding gates until a newer check-in without it or a recorded clearance, however long that
 * takes; "soon" keeps routines gentle for 14 days at most. `routine`, `plan` and
 * `--i-have-been-cleared` name the check-in they obey and its date.
 */
import type { Level, LevelAdvice } from '../content/schema.js';
import { agoText, type CheckRecord, type LatestCheck as Checkin } from './checkin.js';
import { DAY } from './clock.js';
import { localDate } from './time.js';
import { levelReferral } from './triage.js';

/** The parts of the latest check-in the gate reads. */
export type LatestCheck = Pick<Checkin, 'at' | 'level' | 'flags'>;

/** "soon" gates gentle-only this long unless a newer check-in says otherwise. */
export const SOON_GATE_DAYS = 14;

/** The check-in a gate obeys. */
export interface GateBasis {
  at: number;
  level: Exclude<Level, 'self-care'>;
  flags: readonly string[];
  /** "your check-in of 2026-11-25 (3 days ago)". */
  name: string;
  /** When a "soon" gate ends (epoch ms); null: until a newer check-in or a clearance. */
  until: number | null;
}

/**
 * The latest clearance in the history, epoch ms: a `clearance` record (written by
 * `--i-have-been-cleared`), or a routine run with `cleared: true` (how older versions recorded it).
 */
export function latestClearance(records: readonly CheckRecord[]): number | undefined {
  let latest: number | undefined;
  for (const record of records) {
    if (record.type !== 'clearance' && !(record.type === 'routine' && record.cleared === true)) continue;
    const at = Date.parse(record.at);
    if (!Number.isNaN(at) && (latest === undefined || at > latest)) latest = at;
  }
  return latest;
}

/** The check-in a routine or plan must obey now, or undefined when nothing is held back. */
export function gateBasis(latest: LatestCheck | undefined, now: number, clearedAt?: number): GateBasis | undefined {
  if (!latest || latest.level === 'self-care') return undefined;
  if (clearedAt !== undefined && clearedAt >= latest.at) return undefined;
  const until = latest.level === 'soon' ? latest.at + SOON_GATE_DAYS * DAY : null;
  if (until !== null && now > until) return undefined;
  const name = `your check-in of ${localDate(latest.at)} (${agoText(Math.max(0, now - latest.at))})`;
  return { at: latest.at, level: latest.level, flags: latest.flags, name, until };
}

type Levels = Record<Level, Pick<LevelAdvice, 'title' | 'whom' | 'when' | 'text' | 'routines'>>;

export interface GateInput {
  latest: LatestCheck | undefined;
  now: number;
  /** The latest recorded clearance (`latestClearance`): it ends the gate of every earlier check-in. */
  clearedAt?: number;
  routine: { id: string; title: string; gentle: boolean };
  /** Every runnable gentle routine, to offer instead. */
  gentle: readonly { id: string; title: string }[];
  /** `--i-have-been-cleared`. */
  cleared: boolean;
  levels: Levels;
  /** Red-flag labels, to say which answers led here. */
  flagLabel: (id: string) => string | undefined;
  /** The `emergencyNumber` setting, put into the referral; without it the referral names common ones. */
  emergencyNumber?: string | null;
}

export type GateDecision =
  | { kind: 'run'; banner: string | null; cleared: boolean }
  | { kind: 'refuse'; message: string; hint: string; level: Level };

/** Why: the labels of the red flags that check-in found. */
function because(basis: GateBasis, flagLabel: (id: string) => string | undefined): string {
  const labels = basis.flags.map((id) => flagLabel(id) ?? id);
  return labels.length ? ` (${labels.join('; ')})` : '';
}

const OVERRIDE_HINT = 'if a clinician has checked you and cleared you to exercise, add --i-have-been-cleared (it is recorded)';

/**
 * Whether a routine may run: emergency/urgent refuse, soon allows gentle routines only with the
 * referral; `--i-have-been-cleared` overrides both.
 */
export function gate(input: GateInput): GateDecision {
  const { now, routine, levels } = input;
  const basis = gateBasis(input.latest, now, input.clearedAt);
  if (!basis) return { kind: 'run', banner: null, cleared: input.cleared };
  const advice = levelReferral(basis.level, levels, input.emergencyNumber);
  const why = because(basis, input.flagLabel);
  const name = capitalise(basis.name);

  if (input.cleared) {
    return {
      kind: 'run',
      cleared: true,
      banner: `${name} suggested: ${advice.title.toLowerCase()}${why}. Running because you said a clinician has cleared you; this is recorded.`,
    };
  }
  const allowed = levels[basis.level].routines;
  if (allowed === 'none') {
    return {
      kind: 'refuse',
      level: basis.level,
      message: `not running "${routine.id}": ${basis.name} found reasons to get help first${why}. ${advice.paragraph}`,
      hint: OVERRIDE_HINT,
    };
  }
  if (!routine.gentle) {
    const offer = input.gentle.map((r) => r.id).join(', ');
    return {
      kind: 'refuse',
      level: basis.level,
      message: `not running "${routine.id}": it is not a gentle routine, and ${basis.name} suggests gentle movement only until ${midSentence(advice.whom)} has checked your neck${why}.`,
      hint: offer ? `gentle routines you can run now: ${offer}; or ${OVERRIDE_HINT}` : OVERRIDE_HINT,
    };
  }
  return { kind: 'run', cleared: false, banner: `Following ${basis.name}${untilText(basis)}: ${advice.paragraph}` };
}

/** ", until 2026-12-09 or a newer check-in" for a soon gate. */
export function untilText(basis: GateBasis): string {
  return basis.until === null ? '' : `, until ${localDate(basis.until)} or a newer check-in`;
}

export const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** "A GP or a physiotherapist" as it reads inside a sentence; an acronym ("GP …") keeps its capitals. */
function midSentence(phrase: string): string {
  const first = phrase.split(' ')[0] ?? '';
  return first.length > 1 && first === first.toUpperCase() ? phrase : phrase.charAt(0).toLowerCase() + phrase.slice(1);
}
