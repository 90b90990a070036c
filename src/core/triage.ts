/**
 * Triage: reported red flags and the escalation rules in data/questions.json → a level, the
 * reasons (which answer raised what) and whom to see, how soon. The highest level wins
 * (clinical-reference §1). A static, transparent rule table: no probabilities, no diagnosis.
 */
import type { Catalogue, EscalationRule, Level, LevelAdvice, Urgency } from '../content/schema.js';
import type { Answers } from './answer-ids.js';
import { type Facts, quoteFact } from './facts.js';

export interface TriageReason {
  /** The red-flag id (`rf_*`) or the rule id (`esc_*`, `adv_*`) that raised the level. */
  id: string;
  level: Urgency;
  /** The person's answer, quoted: `You said yes to "…"`, so a wrong answer can be seen and corrected. */
  said: string;
  /**
   * `said`, then why it matters and what to do. A reason below the verdict's level only asks to
   * mention it, so no softer referral ever sits under a more urgent one (one level, one voice).
   */
  text: string;
}

/** Advice at the self-care level (an `adv_*` rule at `self-care`): it never raises the level or gates anything. */
export interface TriageNote {
  id: string;
  text: string;
}

export interface TriageAdvice {
  whom: string;
  when: string;
  text: string;
  /** The one next step, shown with the verdict. */
  next: string;
}

export interface Triage {
  level: Level;
  reasons: TriageReason[];
  /** Whom to see and when: the level's own words, the same wherever this level is repeated. */
  advice: TriageAdvice;
  /** Self-care advice (not improving after 6 weeks, blood thinners); only at soon or self-care. */
  notes: TriageNote[];
}

export interface TriageOptions {
  /** The `emergencyNumber` setting; without it the advice names common ones. */
  emergencyNumber?: string | null;
  /** The duration and pain as given, to quote them ("3 weeks") rather than the fact's name. */
  answers?: Partial<Pick<Answers, 'duration' | 'pain'>>;
}

type Parts = Pick<Catalogue, 'redFlags' | 'escalations' | 'questions' | 'facts' | 'safety'>;

/** Most severe first: a lower rank is more urgent. */
export const LEVEL_RANK: Record<Level, number> = { emergency: 0, urgent: 1, soon: 2, 'self-care': 3 };

export const moreUrgent = (a: Level, b: Level): Level => (LEVEL_RANK[a] <= LEVEL_RANK[b] ? a : b);

/** A rule fires when all its `all` facts, at least one `any` fact (if listed) and no `none` fact are present. */
export function ruleFires(rule: Pick<EscalationRule, 'all' | 'any' | 'none'>, facts: Facts): boolean {
  return (
    (rule.all ?? []).every((id) => facts.has(id)) &&
    (rule.any === undefined || rule.any.length === 0 || rule.any.some((id) => facts.has(id))) &&
    !(rule.none ?? []).some((id) => facts.has(id))
  );
}

const LOCAL_NUMBER = /your local emergency number(?: \((?:such as|for example|e\.g\.) [^)]*\))?/gi;

/** Puts the configured emergency number into advice text, or common examples when none is set. */
export function withEmergencyNumber(text: string, emergencyNumber?: string | null): string {
  const phrase = emergencyNumber
    ? `${emergencyNumber} (your emergency number)`
    : 'your local emergency number (for example 999, 112 or 911)';
  return text.replace(LOCAL_NUMBER, phrase);
}

/** A level's advice with the emergency number put in, and the whole of it as one paragraph. */
export interface Referral {
  title: string;
  whom: string;
  when: string;
  text: string;
  /** "See a doctor today: <text> Who: <whom>. When: <when>." */
  paragraph: string;
}

/**
 * What a level tells the person to do, the configured emergency number (or common ones) put in:
 * the triage advice, and wherever a past check-in's level is repeated (plan, the routine gate).
 */
export function levelReferral(
  level: Level,
  levels: Record<Level, Pick<LevelAdvice, 'title' | 'whom' | 'when' | 'text'>>,
  emergencyNumber?: string | null,
): Referral {
  const [title, whom, when, text] = [levels[level].title, levels[level].whom, levels[level].when, levels[level].text].map((s) =>
    withEmergencyNumber(s, emergencyNumber),
  ) as [string, string, string, string];
  return { title, whom, when, text, paragraph: `${title}: ${text} Who: ${whom}. When: ${when}.` };
}

function andList(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

const MENTION = 'Mention this as well when you are seen.';

export function triage(facts: Facts, catalogue: Parts, options: TriageOptions = {}): Triage {
  const number = options.emergencyNumber;
  const answers = options.answers ?? {};
  const found: (Omit<TriageReason, 'text'> & { why: string })[] = [];
  const notes: TriageNote[] = [];

  for (const flag of catalogue.redFlags) {
    if (!facts.has(flag.id)) continue;
    found.push({
      id: flag.id,
      level: flag.urgency,
      said: `You said yes to "${flag.label}"`,
      why: `${flag.advice}${flag.note ? ` ${flag.note}` : ''}`,
    });
  }
  for (const rule of catalogue.escalations) {
    if (!ruleFires(rule, facts)) continue;
    const because = [...(rule.all ?? []), ...(rule.any ?? []).filter((id) => facts.has(id))].map((id) =>
      quoteFact(catalogue, facts, answers, id),
    );
    const said = `You said ${andList(because)}`;
    if (rule.level === 'self-care') notes.push({ id: rule.id, text: withEmergencyNumber(`${said}. ${rule.reason}`, number) });
    else found.push({ id: rule.id, level: rule.level, said, why: rule.reason });
  }
  // Stable: most urgent first, red flags before rules within a level, catalogue order otherwise.
  found.sort((a, b) => LEVEL_RANK[a.level] - LEVEL_RANK[b.level]);

  const level: Level = found.reduce<Level>((worst, reason) => moreUrgent(worst, reason.level), 'self-care');
  const reasons = found.map(({ why, ...reason }) => ({
    ...reason,
    said: withEmergencyNumber(reason.said, number),
    text: withEmergencyNumber(`${reason.said}. ${reason.level === level ? why : MENTION}`, number),
  }));
  const { whom, when, text } = levelReferral(level, catalogue.safety.levels, number);
  const next = withEmergencyNumber(catalogue.safety.levels[level].next, number);
  return { level, reasons, advice: { whom, when, text, next }, notes: selfCareAllowed(level) ? notes : [] };
}

/** Emergency and urgent: nothing to do yourself but get help (design §6). */
export const selfCareAllowed = (level: Level) => level === 'soon' || level === 'self-care';
