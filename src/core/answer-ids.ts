/**
 * The answer set's keys and types and the check flags that supply them, with no schema library:
 * `questions`, `plan`, the renderers and the option table import this, and only `check` loads the
 * validation in answers.ts (valibot).
 */

export type AnswerValue = string | string[] | number;

/** A validated answer set: ids are full ids, lists are de-duplicated, in catalogue order. */
export interface Answers {
  red_flags: string[];
  duration: string;
  pain: number;
  [question: string]: AnswerValue;
}

/** Answers while the interview is still going (or was stopped early): only the red flags so far are certain. */
export type AnswersSoFar = Partial<Answers> & Pick<Answers, 'red_flags'>;

export type RawAnswers = Record<string, unknown>;

export const RED_FLAGS = 'red_flags';
/** The explicit answer for "none of these" on the red-flag screen. */
export const NONE = 'none';
/** The minimum answer set (design §6): never defaulted. */
export const REQUIRED = [RED_FLAGS, 'duration', 'pain'] as const;

/** A check flag that answers one question; commander's option, its help and the merging all come from here. */
export interface AnswerFlag {
  question: string;
  /** Commander's camelCase option name. */
  opt: string;
  flags: string;
  description: string;
}

/**
 * The check flags that supply an answer, declared once. Every one collects its uses, so a list
 * question can be given several times and a single answer given twice is caught, not lost.
 */
export const ANSWER_FLAGS: readonly AnswerFlag[] = [
  { question: 'symptoms', opt: 'symptom', flags: '--symptom <id>', description: 'a symptom you have (repeatable)' },
  { question: 'location', opt: 'location', flags: '--location <id>', description: 'where it hurts (repeatable)' },
  { question: 'onset', opt: 'onset', flags: '--onset <id>', description: 'how it started' },
  {
    question: 'duration',
    opt: 'duration',
    flags: '--duration <span>',
    description: 'how long it has lasted: 3d, 2w, 4mo, 1y, or in words ("3 weeks")',
  },
  { question: 'course', opt: 'course', flags: '--course <id>', description: 'getting better, the same, or worse' },
  { question: 'triggers', opt: 'trigger', flags: '--trigger <id>', description: 'what brings it on (repeatable)' },
  {
    question: 'pain',
    opt: 'pain',
    flags: '--pain <0-10>',
    description: 'average pain over the last 24 hours, 0 (none) to 10 (worst imaginable)',
  },
];

/** The flag's own name: `--pain`. */
export const flagName = (flag: Pick<AnswerFlag, 'flags'>) => flag.flags.split(' ')[0]!;
