/**
 * Where check-in answers come from: an answers file, standard input, or the interactive
 * questionnaire on a terminal (@inquirer prompts, each imported on its own and only when asked:
 * `@inquirer/prompts` would bundle every prompt, the editor and iconv-lite with it).
 */
import { readFileSync } from 'node:fs';
import type { Io, OutStream } from '../context.js';
import type { Catalogue, Question, RedFlag } from '../content/schema.js';
import { type Answers, type AnswersSoFar, NONE, RED_FLAGS, type RawAnswers } from '../core/answer-ids.js';
import { parseSymptomDuration } from '../core/duration.js';
import { reportedRedFlags } from '../core/facts.js';
import { injuryRecheck, interviewStops } from '../core/recommend.js';
import { usageError } from '../errors.js';
import { wrap } from '../core/wrap.js';

/** The raw JSON of `--answers <file|->`, and a name for it in messages. */
export async function readAnswersInput(spec: string, io: Pick<Io, 'stdin'>): Promise<{ raw: unknown; name: string }> {
  const fromStdin = spec === '-';
  const name = fromStdin ? 'standard input' : spec;
  let text: string;
  if (fromStdin) {
    if (io.stdin.isTTY) {
      throw usageError('--answers - reads the answers from standard input, but that is a terminal', 'pipe a file in (`neckcoach check --answers - < answers.json`) or pass its path');
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
  if (text.trim() === '') throw usageError(`the answers in ${name} are empty`, 'expected a JSON object such as {"red_flags": ["none"], "duration": "3w", "pain": 4}');
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

/** What the questionnaire gathered; `stopped` when a serious answer ended it early. */
export interface Interview {
  answers: RawAnswers;
  stopped: boolean;
}

/**
 * Asks every question not already answered: first the red-flag screen, one checkbox page per
 * group, each needing an explicit "none of these" (never pre-selected; an empty page is refused),
 * then the rest with "question n of m". Stops as soon as the answers so far call for help today or
 * sooner, so the advice comes at once. Ctrl-C rejects with inquirer's ExitPromptError.
 */
export async function askAnswers(
  catalogue: Pick<Catalogue, 'redFlagGroups' | 'redFlags' | 'questions' | 'escalations' | 'safety'>,
  known: Partial<Answers>,
  io: Pick<Io, 'stdin'>,
  output: OutStream,
): Promise<Interview> {
  const width = Math.max(40, Math.min(output.columns ?? 80, 100));
  const context: PromptContext = { input: io.stdin, output, clearPromptOnDone: false };
  const answers: RawAnswers = {};
  const soFar = () => ({ ...known, ...answers, red_flags: (answers[RED_FLAGS] ?? known.red_flags ?? []) as string[] }) as AnswersSoFar;
  const stops = () => interviewStops(soFar(), catalogue);
  output.write(`${wrap(catalogue.safety.disclaimer.short, width)}\n`);
  // Someone who says it began with an injury but ticked neither injury sign sees those two again, once.
  let rechecked = false;
  const recheckInjury = async () => {
    const again = rechecked ? [] : injuryRecheck(soFar());
    if (again.length === 0) return;
    rechecked = true;
    output.write(`\n${wrap('You said it began with an injury. Please look at these two warning signs once more.', width)}\n`);
    const flags = catalogue.redFlags.filter((f) => again.includes(f.id));
    const ticked = await askFlagPage('Safety check: your injury', flags, context, 'Neither of these');
    if (ticked.length > 0) answers[RED_FLAGS] = [...reportedRedFlags(soFar()), ...ticked];
  };

  if (known.red_flags === undefined) {
    const groups = catalogue.redFlagGroups.filter((g) => catalogue.redFlags.some((f) => f.group === g.id));
    const reported: string[] = [];
    for (const [index, group] of groups.entries()) {
      output.write(`\n${wrap(group.intro, width)}\n`);
      const flags = catalogue.redFlags.filter((f) => f.group === group.id);
      reported.push(...(await askFlagPage(`Safety check ${index + 1} of ${groups.length}: ${group.title}`, flags, context)));
      // A serious tick ends the screen here; "none" is only recorded once every page has been seen.
      if (reported.length > 0) answers[RED_FLAGS] = [...reported];
      if (reported.length > 0 && stops()) return { answers, stopped: true };
    }
    answers[RED_FLAGS] = reported.length > 0 ? reported : [NONE];
  }
  await recheckInjury();
  if (stops()) return { answers, stopped: true };

  const pending = catalogue.questions.filter((q) => known[q.id] === undefined);
  for (const [index, question] of pending.entries()) {
    const value = await ask(question, `(question ${index + 1} of ${pending.length}) ${question.text}`, context);
    if (value !== undefined) answers[question.id] = value;
    await recheckInjury();
    if (stops()) return { answers, stopped: true };
  }
  return { answers, stopped: false };
}

const SKIP = '';

/** One checkbox page of red flags: ticks, or an explicit "none" (never pre-selected; an empty page is refused). */
async function askFlagPage(message: string, flags: readonly RedFlag[], context: PromptContext, none = 'None of these'): Promise<string[]> {
  const { default: checkbox, Separator } = await import('@inquirer/checkbox');
  const chosen = await checkbox<string>(
    {
      message,
      instructions: ' (space to tick, enter to go on; the highlighted line is explained below)',
      pageSize: flags.length + 2,
      choices: [...flags.map((f) => ({ value: f.id, name: f.label, description: f.question })), new Separator(), { value: NONE, name: none }],
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

async function ask(question: Question, message: string, context: PromptContext): Promise<string | string[] | number | undefined> {
  const choices = (question.answers ?? []).map((a) => ({ value: a.id, name: a.label }));
  switch (question.kind) {
    case 'multi': {
      const { default: checkbox } = await import('@inquirer/checkbox');
      const chosen = await checkbox<string>({ message, choices, pageSize: choices.length, instructions: ' (space to tick, enter to go on; leave empty to skip)' }, context);
      return chosen.length > 0 ? chosen : undefined;
    }
    case 'single': {
      const { default: select } = await import('@inquirer/select');
      // Skip comes first and holds the cursor: Enter alone must never record an answer nobody chose.
      const skip = question.required ? [] : [{ value: SKIP, name: 'Skip this question' }];
      const chosen = await select<string>(
        { message, choices: [...skip, ...choices], pageSize: choices.length + skip.length, ...(question.required ? {} : { default: SKIP }) },
        context,
      );
      return chosen === SKIP ? undefined : chosen;
    }
    case 'number': {
      const { default: number } = await import('@inquirer/number');
      const min = question.min ?? 0;
      const max = question.max ?? 10;
      const help = question.help ? ` ${question.help}` : '';
      return number({ message: `${message}${help} (${min}-${max})`, min, max, step: 1, required: true }, context);
    }
    case 'duration': {
      const { default: input } = await import('@inquirer/input');
      const help = question.help ? ` ${question.help}` : '';
      const text = await input(
        {
          message: `${message}${help}`,
          required: true,
          validate: (value) => {
            try {
              parseSymptomDuration(value);
              return true;
            } catch (error) {
              const hint = (error as { hint?: string }).hint;
              return hint ? `${(error as Error).message}: ${hint}` : (error as Error).message;
            }
          },
        },
        context,
      );
      return text.trim().toLowerCase();
    }
  }
}
