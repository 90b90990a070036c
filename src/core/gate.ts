import type { Level, LevelAdvice } from '../content/schema.js';
import { GATE_WINDOW, type LatestCheck as Checkin } from './checkin.js';
import { HOUR, MINUTE } from './clock.js';
import { levelReferral } from './triage.js';

/** The parts of the latest check-in the gate reads. */
export type LatestCheck = Pick<Checkin, 'at' | 'level' | 'flags'>;

export interface GateInput {
  latest: LatestCheck | undefined;
  now: number;
  routine: { id: string; title: string; gentle: boolean };
  /** Every runnable gentle routine, to offer instead. */
  gentle: readonly { id: string; title: string }[];
  /** `--i-have-been-cleared`. */
  cleared: boolean;
  levels: Record<Level, Pick<LevelAdvice, 'title' | 'whom' | 'when' | 'text' | 'routines'>>;
  /** Red-flag labels, to say which answers led here. */
  flagLabel: (id: string) => string | undefined;
  /** The `emergencyNumber` setting, put into the referral; without it the referral names common ones. */
  emergencyNumber?: string | null;
}

export type GateDecision =
  | { kind: 'run'; banner: string | null; cleared: boolean }
  | { kind: 'refuse'; message: string; hint: string; level: Level };


function ago(ms: number): string {
  if (ms < MINUTE) return 'just now';
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)} min ago`;
  return `${Math.floor(ms / HOUR)} h ago`;
}

/**
 * Whether a routine may run after the latest check-in (design §3 Routines): within 24 h,
 * emergency/urgent refuse, soon allows gentle routines only with a referral banner; the
 * clinician-cleared flag overrides both.
 */
export function gate(input: GateInput): GateDecision {
  const { latest, now, routine, levels } = input;
  if (!latest || now - latest.at > GATE_WINDOW || latest.level === 'self-care') return { kind: 'run', banner: null, cleared: input.cleared };
  const advice = levelReferral(latest.level, levels, input.emergencyNumber);
  const when = ago(Math.max(0, now - latest.at));
  const labels = latest.flags.map((id) => input.flagLabel(id) ?? id);
  const because = labels.length ? ` (${labels.join('; ')})` : '';
  const overrideHint = 'if a clinician has checked you and cleared you to exercise, add --i-have-been-cleared (it is recorded)';

  const allowed = levels[latest.level].routines;
  if (input.cleared && allowed !== 'any') {
    return {
      kind: 'run',
      cleared: true,
      banner: `Your check-in ${when} suggested: ${advice.title.toLowerCase()}${because}. Running because you said a clinician has cleared you; this is recorded.`,
    };
  }
  if (allowed === 'none') {
    return {
      kind: 'refuse',
      level: latest.level,
      message: `not running "${routine.id}": your check-in ${when} found reasons to get help first${because}. ${advice.paragraph}`,
      hint: overrideHint,
    };
  }
  if (allowed === 'gentle' && !routine.gentle) {
    const offer = input.gentle.map((r) => r.id).join(', ');
    return {
      kind: 'refuse',
      level: latest.level,
      message: `not running "${routine.id}": it is not a gentle routine, and your check-in ${when} suggests gentle movement only until ${midSentence(advice.whom)} has checked your neck${because}.`,
      hint: offer ? `gentle routines you can run now: ${offer}; or ${overrideHint}` : overrideHint,
    };
  }
  if (allowed === 'gentle') {
    return { kind: 'run', cleared: input.cleared, banner: advice.paragraph };
  }
  return { kind: 'run', banner: null, cleared: input.cleared };
}

/** "A GP or a physiotherapist" as it reads inside a sentence; an acronym ("GP …") keeps its capitals. */
function midSentence(phrase: string): string {
  const first = phrase.split(' ')[0] ?? '';
  return first.length > 1 && first === first.toUpperCase() ? phrase : phrase.charAt(0).toLowerCase() + phrase.slice(1);
}
