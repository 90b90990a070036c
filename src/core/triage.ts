/**
 * Triage: reported red flags and the escalation rules in data/questions.json → a level, the
 * reasons (which answer raised what) and whom to see, how soon. The highest level wins
 * (clinical-reference §1). A static, transparent rule table: no probabilities, no diagnosis.
 */
import type { Catalogue, EscalationRule, Level, LevelAdvice, Urgency } from '../content/schema.js';
import { explainFact, type Facts, isDerivedFact } from './facts.js';

export interface TriageReason {
  /** The red-flag id (`rf_*`) or the rule id (`esc_*`, `adv_*`) that raised the level. */
  id: string;
  level: Urgency;
  text: string;
}

export interface TriageAdvice {
  whom: string;
  when: string;
  text: string;
}

export interface Triage {
  level: Level;
  reasons: TriageReason[];
  advice: TriageAdvice;
}

export interface TriageOptions {
  /** The `emergencyNumber` setting; without it the advice names common ones. */
  emergencyNumber?: string | null;
}

type Parts = Pick<Catalogue, 'redFlags' | 'escalations' | 'questions' | 'safety'>;

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
  const [title, whom, when, text] = [levels[level].title, levels[level].whom, levels[level].when, levels[level].text].map((s) => withEmergencyNumber(s, emergencyNumber)) as [string, string, string, string];
  return { title, whom, when, text, paragraph: `${title}: ${text} Who: ${whom}. When: ${when}.` };
}

function andList(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** An answer or red flag in the person's words, quoted; a derived fact (e.g. "pain for 6 weeks or more") as is. */
function describe(catalogue: Parts, facts: Facts, id: string): string {
  const text = explainFact(catalogue, facts, id);
  return isDerivedFact(id) ? text : `"${text}"`;
}

export function triage(facts: Facts, catalogue: Parts, options: TriageOptions = {}): Triage {
  const number = options.emergencyNumber;
  const reasons: TriageReason[] = [];

  for (const flag of catalogue.redFlags) {
    if (!facts.has(flag.id)) continue;
    const text = `You said yes to "${flag.label}". ${flag.advice}${flag.note ? ` ${flag.note}` : ''}`;
    reasons.push({ id: flag.id, level: flag.urgency, text: withEmergencyNumber(text, number) });
  }
  for (const rule of catalogue.escalations) {
    if (!ruleFires(rule, facts)) continue;
    const because = [...(rule.all ?? []), ...(rule.any ?? []).filter((id) => facts.has(id))].map((id) => describe(catalogue, facts, id));
    const text = `You said ${andList(because)}. ${rule.reason}`;
    reasons.push({ id: rule.id, level: rule.level, text: withEmergencyNumber(text, number) });
  }
  // Stable: most urgent first, red flags before rules within a level, catalogue order otherwise.
  reasons.sort((a, b) => LEVEL_RANK[a.level] - LEVEL_RANK[b.level]);

  const level: Level = reasons.reduce<Level>((worst, reason) => moreUrgent(worst, reason.level), 'self-care');
  return { level, reasons, advice: adviceFor(level, facts, catalogue, number) };
}

function adviceFor(level: Level, facts: Facts, catalogue: Parts, number: string | null | undefined): TriageAdvice {
  const general = levelReferral(level, catalogue.safety.levels, number);
  // The most urgent reported red flag says whom to see more precisely than the level does.
  const flag = catalogue.redFlags.find((f) => f.urgency === level && facts.has(f.id));
  let text = general.text;
  if (level === 'emergency' && !/emergency number/i.test(text) && !(number && text.includes(number))) {
    text += ` Call ${withEmergencyNumber('your local emergency number', number)} now.`;
  }
  return { whom: flag?.whom ?? general.whom, when: flag?.when ?? general.when, text };
}
