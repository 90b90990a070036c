/**
 * Cause matching: each cause's signals (data/causes.json) are weighted facts; a cause scores the
 * sum of the weights of its signals present in the answers. The result is "common contributors
 * matching your answers", ranked, each with the answers that point to it; never a diagnosis.
 */
import type { Catalogue } from '../content/schema.js';
import { factSources, type Facts } from './facts.js';

export interface CauseMatch {
  id: string;
  title: string;
  score: number;
  /** The person's own answers that point to this cause, strongest first. */
  why: string[];
}

/**
 * How clearly the answers point somewhere:
 * - clear: one cause leads with a score of at least STRONG_SCORE
 * - tied: two or more causes share the top score
 * - weak: the top score is under STRONG_SCORE
 * - none: no cause scores above zero
 * - held-back: not looked at, because the person needs emergency help first
 */
export type FitKind = 'clear' | 'tied' | 'weak' | 'none' | 'held-back';

export interface Fit {
  kind: FitKind;
  text: string;
}

export interface MatchResult {
  causes: CauseMatch[];
  fit: Fit;
}

/** One strong signal (weight 3, e.g. "long hours at a desk") is enough to call a match clear. */
export const STRONG_SCORE = 3;

const FIT_TEXT: Record<FitKind, (top: readonly CauseMatch[]) => string> = {
  clear: () => 'These are common contributors that match your answers, not a diagnosis.',
  tied: (top) =>
    `Your answers fit several causes equally (${top.map((c) => c.title.toLowerCase()).join(', ')}); neck pain often has more than one contributor.`,
  weak: () => 'Your answers only weakly match these common contributors, so take them as possibilities to explore.',
  none: () => "Your answers don't point to any of the common contributors in particular; the general advice below still applies.",
  'held-back': () => 'What may have contributed is not relevant until you have been seen: get help first.',
};

/** No causes at all: at emergency level, getting help is the only thing that matters. */
export const HELD_BACK: MatchResult = { causes: [], fit: { kind: 'held-back', text: FIT_TEXT['held-back']([]) } };

/** A signal's reason; `{answers}` names the person's own answers behind a grouped fact, so it never claims more than they said. */
function reasonText(why: string, when: string, facts: Facts, catalogue: Pick<Catalogue, 'questions' | 'redFlags' | 'facts'>): string {
  if (!why.includes('{answers}')) return why;
  const labels = factSources(catalogue, facts, when).map((label) => `"${label.charAt(0).toLowerCase()}${label.slice(1)}"`);
  return why.replace('{answers}', labels.join(' and '));
}

export function matchCauses(facts: Facts, catalogue: Pick<Catalogue, 'causes' | 'questions' | 'redFlags' | 'facts'>): MatchResult {
  const scored = catalogue.causes.map((cause, order) => {
    const present = cause.signals.filter((signal) => facts.has(signal.when));
    const score = present.reduce((sum, signal) => sum + signal.weight, 0);
    const why = present
      .filter((signal) => signal.weight > 0)
      .map((signal, index) => ({ signal, index }))
      .sort((a, b) => b.signal.weight - a.signal.weight || a.index - b.index)
      .map(({ signal }) => reasonText(signal.why, signal.when, facts, catalogue));
    return { match: { id: cause.id, title: cause.title, score: round(score), why }, order };
  });
  const causes = scored
    .filter(({ match }) => match.score > 0)
    .sort((a, b) => b.match.score - a.match.score || a.order - b.order)
    .map(({ match }) => match);
  return { causes, fit: fitOf(causes) };
}

function fitOf(causes: readonly CauseMatch[]): Fit {
  const top = causes[0];
  let kind: FitKind;
  if (!top) kind = 'none';
  else if (causes[1] && causes[1].score === top.score) kind = 'tied';
  else if (top.score < STRONG_SCORE) kind = 'weak';
  else kind = 'clear';
  const leaders = causes.filter((c) => c.score === top?.score);
  return { kind, text: FIT_TEXT[kind](leaders) };
}

/** Weights may be fractional; keep scores free of floating-point dust so equal sums compare equal. */
const round = (n: number) => Math.round(n * 1000) / 1000;
