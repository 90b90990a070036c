import type { Catalogue, Level, LevelAdvice, Plan, Stage } from '../content/schema.js';
import { CliError, ExitCode, usageError } from '../errors.js';
import type { LatestCheck } from './checkin.js';
import { DAY } from './clock.js';
import { capitalise, gateBasis, untilText } from './gate.js';
import { levelReferral } from './triage.js';

/**
 * Stage boundaries (design §7, clinical-reference §3): acute under 6 weeks, subacute 6 to 12
 * weeks, chronic over 12 weeks. The exact boundaries: day 42 (exactly 6 weeks) is SUBACUTE,
 * because "under 6 weeks" excludes it; day 84 (exactly 12 weeks) is still SUBACUTE, because every
 * source agrees chronic means "over 12 weeks". So acute = [0, 42 d), subacute = [42 d, 84 d],
 * chronic = (84 d, ∞), compared in milliseconds so 84.5 days is chronic. data/plans.json states the
 * same ranges in whole days (acute 0-41, subacute 42-84, chronic 85+).
 */
export const SUBACUTE_FROM = 42 * DAY;
export const CHRONIC_AFTER = 84 * DAY;

export type PainStage = Exclude<Stage, 'maintenance'>;

/** The stage a symptom duration falls in. */
export function stageForDuration(durationMs: number): PainStage {
  if (durationMs < SUBACUTE_FROM) return 'acute';
  if (durationMs <= CHRONIC_AFTER) return 'subacute';
  return 'chronic';
}

/** A check-in's stage: maintenance when there is no pain now, otherwise by duration. */
export function stageFor(durationMs: number, pain: number): Stage {
  return pain === 0 ? 'maintenance' : stageForDuration(durationMs);
}

/** The frequency plan for a stage, from the catalogue. */
export function planFor(catalogue: Pick<Catalogue, 'plans'>, stage: Stage): Plan {
  const plan = catalogue.plans.find((p) => p.stage === stage);
  if (!plan) throw new Error(`the catalogue has no plan for the ${stage} stage`);
  return plan;
}

/** The studied dose exists for chronic neck pain only, so it is shown beside that plan alone. */
export const showsEvidencePlan = (stage: Stage): boolean => stage === 'chronic';

/**
 * What `plan --ics` puts in the calendar: the article's schedule for the stage; or with `evidence`
 * what the evidence supports: the dose studied in chronic neck pain, and for the other stages no
 * massage sessions at all (design §7 Plan), each with the text its events carry.
 */
export function calendarPlan(plan: Plan, catalogue: Pick<Catalogue, 'evidencePlan' | 'evidenceNotes'>, evidence: boolean) {
  if (!evidence)
    return {
      key: plan.stage,
      title: plan.title,
      calendar: plan.calendar,
      description: `${plan.guidance}\n\nWhat the evidence says: ${plan.evidence}`,
    };
  if (plan.stage === 'chronic') {
    const { evidencePlan } = catalogue;
    return { key: 'evidence', title: evidencePlan.title, calendar: evidencePlan.calendar, description: evidencePlan.note };
  }
  const note = plan.stage === 'maintenance' ? plan.evidence : catalogue.evidenceNotes.recent.text;
  return { key: `evidence-${plan.stage}`, title: `${plan.title}: what the evidence supports`, calendar: null, description: note };
}

export const STAGE_NAMES: readonly Stage[] = ['acute', 'subacute', 'chronic', 'maintenance'];

/** Where a plan's stage came from, for the person and for `plan --json`. */
export type StageBasis =
  | { kind: 'stage'; stage: Stage }
  | { kind: 'duration'; stage: Stage; duration: string; durationMs: number }
  | { kind: 'check-in'; stage: Stage; at: string };

/**
 * The stage `plan` shows: `--stage` (commander checks it against the option's choices), else
 * `--duration`, else the latest check-in's; undefined when none is known (the command then
 * explains the flags).
 */
export function planStage(input: {
  stage?: Stage;
  duration?: { text: string; ms: number };
  latest?: { stage: string; at: string };
}): StageBasis | undefined {
  if (input.stage !== undefined && input.duration !== undefined) {
    throw usageError('--stage and --duration both choose the stage', 'pass one of them');
  }
  if (input.stage !== undefined) return { kind: 'stage', stage: input.stage };
  if (input.duration) {
    return { kind: 'duration', stage: stageForDuration(input.duration.ms), duration: input.duration.text, durationMs: input.duration.ms };
  }
  if (input.latest && STAGE_NAMES.includes(input.latest.stage as Stage)) {
    return { kind: 'check-in', stage: input.latest.stage as Stage, at: input.latest.at };
  }
  return undefined;
}

/** What the check-in in force means for `plan`: shown (the referral first, perhaps gentle routines only) or refused. */
export interface PlanGate {
  banner: string | null;
  /** The calendar's daily routine must be a gentle one. */
  gentleOnly: boolean;
  /** After "soon": the check-up goes first, and massage sessions wait until after it. */
  checkupFirst: boolean;
}

/**
 * Emergency and urgent refuse the plan (exit 3, with the referral) as `routine` does, until a
 * newer check-in or a clearance; soon leads with the referral, keeps the calendar's routine
 * gentle and puts the check-up before any massage. `--i-have-been-cleared` shows the whole plan.
 */
export function planGate(input: {
  latest: Pick<LatestCheck, 'at' | 'level' | 'flags'> | undefined;
  now: number;
  clearedAt?: number;
  cleared: boolean;
  levels: Record<Level, Pick<LevelAdvice, 'title' | 'whom' | 'when' | 'text' | 'routines'>>;
  emergencyNumber?: string | null;
}): PlanGate {
  const { levels } = input;
  const basis = gateBasis(input.latest, input.now, input.clearedAt);
  if (!basis) return { banner: null, gentleOnly: false, checkupFirst: false };
  const referral = levelReferral(basis.level, levels, input.emergencyNumber).paragraph;
  if (input.cleared) {
    return {
      banner: `${capitalise(basis.name)} suggested: ${levels[basis.level].title.toLowerCase()}. Shown in full because you said a clinician has cleared you.`,
      gentleOnly: false,
      checkupFirst: false,
    };
  }
  if (levels[basis.level].routines === 'none') {
    throw new CliError(
      `no massage plan for now: ${basis.name} found reasons to get help first. ${referral}`,
      ExitCode.Refused,
      'if a clinician has checked you and cleared you, add --i-have-been-cleared',
    );
  }
  return { banner: `Following ${basis.name}${untilText(basis)}: ${referral}`, gentleOnly: true, checkupFirst: true };
}
