/**
 * Where check-in answers come from: an answers file, standard input, or the interactive
 * questionnaire on a terminal (@inquirer prompts, each imported on its own and only when asked:
 * `@inquirer/prompts` would bundle every prompt, the editor and iconv-lite with it).
 */
import { readFileSync } from 'node:fs';
import type { Io, OutStream } from '../context.js';
import type { Catalogue, Question, RedFlag } from '../content/schema.js';
import { type Answers, type AnswersSoFar, NONE, type RawAnswers } from '../core/answer-ids.js';
import { painValue } from '../core/answers.js';
import { parseSymptomDuration } from '../core/duration.js';
import { deriveFacts } from '../core/facts.js';
import { afterStep, type InterviewState, pendingSteps, stepsToAsk } from '../core/interview.js';
import { triage } from '../core/triage.js';
import { usageError } from '../errors.js';
import { wrap } from '../core/wrap.js';

/** The raw JSON of `--answers <file|->`, and a name for it in messages. */
export async function readAnswersInput(spec: string, io: Pick<Io, 'stdin'>): Promise<{ raw: unknown; name: string }> {
  const fromStdin = spec === '-';
  const name = fromStdin ? 'standard input' : spec;
  let text: string;
  if (fromStdin) {
    if (io.stdin.isTTY) {
      throw usageError(
        '--answers - reads the answers from standard input, but that is a terminal',
        'pipe a file in (`neckcoach check --answers - < answers.json`) or pass its path',
      );
    }
    const chunks: Buffer[] = [];
    for await (const chunk of io.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
    text = Buffer.concat(chunks).toString('utf8');
  } else {
    try {
      text = readFileSync(spec, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
      throw usageError(`cannot read the answers file "${spec}": ${why}`);
    }
  }
  if (text.trim() === '')
    throw usageError(
      `the answers in ${name} are empty`,
      'expected a JSON object such as {"red_flags": ["none"], "duration": "3w", "pain": 4}',
    );
  try {
    return { raw: JSON.parse(text) as unknown, name };
  } catch (error) {
    throw usageError(`the answers in ${name} are not valid JSON: ${(error as Error).message}`);
  }
}

interface PromptContext {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  clearPromptOnDone: boolean;
}

/** What the questionnaire gathered; `stopped` when a serious answer ended it before every question. */
export interface Interview {
  answers: RawAnswers;
  stopped: boolean;
}

type Parts = Pick<Catalogue, 'redFlagGroups' | 'redFlags' | 'questions' | 'facts' | 'escalations' | 'safety'>;

/**
 * Asks what is not already known, in the order core/interview.ts decides: the red-flag pages
 * (each needing an explicit "none of these", with every question printed in full), then the
 * questions with "question n of m". An emergency ends it at once; an urgent answer asks only what
 * could make it an emergency. Ctrl-C rejects with inquirer's ExitPromptError.
 */
export async function askAnswers(catalogue: Parts, known: Partial<Answers>, io: Pick<Io, 'stdin'>, output: OutStream): Promise<Interview> {
  const width = Math.max(40, Math.min(output.columns ?? 80, 100));
  const context: PromptContext = { input: io.stdin, output, clearPromptOnDone: false };
  const say = (text: string) => output.write(`\n${wrap(text, width)}\n`);
  let state: InterviewState = {
    answers: { ...known, red_flags: known.red_flags ?? [] } as AnswersSoFar,
    asked: new Set(),
    flagsGiven: known.red_flags !== undefined,
  };
  const pages = catalogue.redFlagGroups.filter((g) => catalogue.redFlags.some((f) => f.group === g.id));
  let warnedUrgent = false;
  output.write(`${wrap(catalogue.safety.disclaimer.short, width)}\n`);

  for (let steps = stepsToAsk(state, catalogue); steps.length > 0; steps = stepsToAsk(state, catalogue)) {
    const step = steps[0]!;
    const level = triage(deriveFacts(state.answers, catalogue), catalogue).level;
    if (level === 'urgent' && !warnedUrgent) {
      warnedUrgent = true;
      say('Your answers so far mean seeing a doctor today. A few more questions check whether it is more urgent than that.');
    }
    let answer: string[] | string | number | undefined;
    if (step.kind === 'flags') {
      const group = pages.find((g) => g.id === step.group)!;
      say(group.intro);
      const index = pages.indexOf(group) + 1;
      answer = await askFlagPage(
        `Safety check ${index} of ${pages.length}: ${group.title}`,
        flagsOf(catalogue, step.flags),
        context,
        width,
      );
    } else if (step.kind === 'recheck') {
      say('You said it began with an injury. Please look at these two warning signs once more.');
      answer = await askFlagPage('Safety check: your injury', flagsOf(catalogue, step.flags), context, width, 'Neither of these');
    } else {
      const question = catalogue.questions.find((q) => q.id === step.question)!;
      const done = catalogue.questions.filter((q) => state.asked.has(q.id)).length;
      const total = done + steps.filter((p) => p.kind === 'question').length;
      answer = await ask(question, `(question ${done + 1} of ${total}) ${question.text}`, context, state.answers.pain === 0);
    }
    state = afterStep(state, step, answer, catalogue);
  }
  return { answers: state.answers, stopped: pendingSteps(state, catalogue).length > 0 };
}

const flagsOf = (catalogue: Pick<Catalogue, 'redFlags'>, ids: readonly string[]) => catalogue.redFlags.filter((f) => ids.includes(f.id));

const SKIP = '';

/** A red flag's whole question: the question, then its signs one a line (each line indented by `indent`). */
function flagText(flag: RedFlag, width: number, indent: string): string {
  const hang = (text: string, first: string) =>
    wrap(text, width - first.length)
      .split('\n')
      .map((line, i) => (i ? ' '.repeat(first.length) : first) + line)
      .map((line) => indent + line)
      .join('\n');
  return [hang(flag.question, ''), ...(flag.signs ?? []).map((sign) => hang(sign, '- '))].join('\n');
}

/** A label on one line of the list; the full text is printed above it and under the highlighted line. */
function oneLine(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2)).replace(/[,;:]$/, '')}…`;
}

/**
 * One checkbox page of red flags: every question printed in full above it, its signs one a line
 * (a description under the highlighted line alone would hide the rest), then ticks or an
 * explicit "none" (never pre-selected; an empty page is refused).
 */
async function askFlagPage(
  message: string,
  flags: readonly RedFlag[],
  context: PromptContext,
  width: number,
  none = 'None of these',
): Promise<string[]> {
  const { default: checkbox, Separator } = await import('@inquirer/checkbox');
  const text = flags.map((flag, i) => {
    const number = `${i + 1}. `;
    const label = wrap(flag.label, width - number.length)
      .split('\n')
      .map((line, j) => (j ? ' '.repeat(number.length) : number) + line)
      .join('\n');
    return `${label}\n${flagText(flag, width - 3, '   ')}`;
  });
  context.output.write(`\n${text.join('\n')}\n`);
  const chosen = await checkbox<string>(
    {
      message,
      instructions: ' (space to tick, enter to go on)',
      pageSize: flags.length + 2,
      choices: [
        ...flags.map((f, i) => ({
          value: f.id,
          name: oneLine(`${i + 1}. ${f.label}`, width - 4),
          description: flagText(f, width - 2, ''),
        })),
        new Separator(),
        { value: NONE, name: none },
      ],
      validate: (items) => {
        if (items.length === 0) return `Tick the ones that apply, or "${none}": this page needs an answer.`;
        if (items.some((i) => i.value === NONE) && items.length > 1) return `"${none}" cannot go with other ticks.`;
        return true;
      },
    },
    context,
  );
  return chosen.filter((id) => id !== NONE);
}

/** One question; `noPainNow` lets the duration be left empty (it is not needed with no pain). */
async function ask(
  question: Question,
  message: string,
  context: PromptContext,
  noPainNow: boolean,
): Promise<string | string[] | number | undefined> {
  const choices = (question.answers ?? []).map((a) => ({ value: a.id, name: a.label }));
  const help = question.help ? ` ${question.help}` : '';
  switch (question.kind) {
    case 'multi': {
      const { default: checkbox } = await import('@inquirer/checkbox');
      const chosen = await checkbox<string>(
        { message, choices, pageSize: choices.length, instructions: ' (space to tick, enter to go on; leave empty to skip)' },
        context,
      );
      return chosen.length > 0 ? chosen : undefined;
    }
    case 'single': {
      const { default: select } = await import('@inquirer/select');
      // Skip comes first and holds the cursor: Enter alone must never record an answer nobody chose.
      const skip = question.required ? [] : [{ value: SKIP, name: 'Skip this question' }];
      const chosen = await select<string>(
        {
          message,
          choices: [...skip, ...choices],
          pageSize: choices.length + skip.length,
          ...(question.required ? {} : { default: SKIP }),
        },
        context,
      );
      return chosen === SKIP ? undefined : chosen;
    }
    case 'number': {
      const text = await typed(
        `${message}${help} (${question.min ?? 0}-${question.max ?? 10})`,
        (value) => painValue(value, question, 'the pain score'),
        context,
        true,
      );
      return painValue(text, question, 'the pain score');
    }
    case 'duration': {
      const text = await typed(`${message}${help}`, (value) => parseSymptomDuration(value, 'the duration'), context, !noPainNow);
      return text.trim() === '' ? undefined : text.trim().toLowerCase();
    }
  }
}

/** A text answer checked by `parse` as it is typed: its message (and hint) shown until the answer reads. */
async function typed(message: string, parse: (value: string) => unknown, context: PromptContext, required: boolean): Promise<string> {
  const { default: input } = await import('@inquirer/input');
  return input(
    {
      message,
      required,
      validate: (value) => {
        if (!required && value.trim() === '') return true;
        try {
          parse(value);
          return true;
        } catch (error) {
          const hint = (error as { hint?: string }).hint;
          return hint ? `${(error as Error).message}: ${hint}` : (error as Error).message;
        }
      },
    },
    context,
  );
}
