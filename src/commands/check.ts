import { defineCommand, flag, list, text } from '../command.js';
import { type Io, isInteractive } from '../context.js';
import { loadCatalogue } from '../content/catalogue.js';
import type { Answers, AnswersSoFar } from '../core/answer-ids.js';
import { answersFromFlags, completeAnswers, missingAnswers, missingFlagsHint, normaliseAnswers } from '../core/answers.js';
import { checkIn, historyFields } from '../core/recommend.js';
import { compareChecks, latestCheck } from '../core/checkin.js';
import { isoLocal } from '../core/time.js';
import { ANSWER_FLAGS } from '../core/answer-ids.js';
import { ExitCode, Interrupted, isPromptExit } from '../errors.js';
import { readSettings } from '../io/config.js';
import { appendHistory, gateRecords } from '../io/history.js';
import { type Paths, resolvePaths } from '../io/paths.js';
import { askAnswers, readAnswersInput } from '../io/prompts.js';
import { checkDocument, renderCheck } from '../render/check.js';
import { output } from '../render/output.js';
import { warn } from '../io/warn.js';

export default defineCommand({
  name: 'check',
  summary: 'symptom check-in: red flags, common contributors, techniques, a routine and a plan',
  description:
    'Asks about warning signs first; any of them stops self-care advice and says whom to see and how soon.\n' +
    'Then asks about your symptoms, how long they have lasted and what brings them on, and prints the\n' +
    'common contributors that match your answers (and why), techniques and a routine that fit, a\n' +
    'massage-frequency plan for your stage and lifestyle changes. It is a self-care aid, not a diagnosis.\n\n' +
    'Without a terminal, pass the answers as flags or as a JSON file (see `neckcoach questions --json`).\n' +
    'The minimum is the red-flag answer, the pain score and how long it has lasted (in words such as\n' +
    '"3 weeks" or short as 3w; not needed with --pain 0). Flags override the same answers in an\n' +
    '--answers file; giving one answer twice on the command line is an error. The result compares\n' +
    'with your previous check-in and suggests when to check in again.',
  options: {
    answers: text('--answers <file|->', 'read answers from a JSON file, or - for standard input'),
    redFlag: list('--red-flag <id>', 'report a warning sign (repeatable; ids from `neckcoach questions`)'),
    redFlags: flag('--no-red-flags', 'answer "none of these" to every warning-sign question'),
    ...Object.fromEntries(ANSWER_FLAGS.map(({ opt, flags, description }) => [opt, list(flags, description)])),
    answer: list('--answer <question=value>', 'any other answer by question id (repeatable)'),
    save: flag('--no-save', 'do not record this check-in in your history'),
  },
  examples: [
    ['neckcoach check', 'answer the questions interactively'],
    ['neckcoach check --no-red-flags --duration "3 weeks" --pain 4', 'the same from flags'],
    ['neckcoach check --answers answers.json --json', 'from a file, as JSON'],
    ['cat answers.json | neckcoach check --answers -', 'from standard input'],
  ],
  async run({ options, ...ctx }) {
    const { io, global } = ctx;
    const catalogue = await loadCatalogue();

    // Defaults → answers file → flags (later wins); each validated where it came from, so errors name it.
    const { raw: flagRaw, flagFor } = answersFromFlags(options, catalogue);
    let given: Partial<Answers> = {};
    if (typeof options.answers === 'string') {
      const { raw, name } = await readAnswersInput(options.answers, io);
      given = normaliseAnswers(raw, catalogue, (q) => `"${q}" in ${name}`, name);
    }
    given = { ...given, ...normaliseAnswers(flagRaw, catalogue, (q) => flagFor[q] ?? q, 'the flags') };

    const canAsk = isInteractive(io) && options.answers !== '-';
    let stopped = false;
    if (missingAnswers(given).length > 0 && canAsk) {
      try {
        const asked = await askAnswers(catalogue, given, io, global.json ? io.stderr : io.stdout);
        given = { ...given, ...normaliseAnswers(asked.answers, catalogue) };
        stopped = asked.stopped;
      } catch (error) {
        if (isPromptExit(error)) throw new Interrupted('interrupted: nothing was saved');
        throw error;
      }
    }
    // Stopped by a serious answer: the advice now matters more than the questions left.
    const answers: AnswersSoFar = stopped ? (given as AnswersSoFar) : completeAnswers(given, missingFlagsHint);

    const paths = resolvePaths(io.env);
    const settings = readSettings(paths, io);
    const result = checkIn(answers, catalogue, { emergencyNumber: settings.emergencyNumber });
    const now = io.clock.now();
    const at = isoLocal(now);
    const previous = compareChecks(previousCheck(paths, io), { level: result.triage.level, pain: result.answers.pain }, now);

    output(ctx, checkDocument(result, at, previous), (paint, width) => renderCheck(result, catalogue, { paint, width }, { at, previous }));

    if (options.save === false) return ExitCode.Ok;
    // A check-in that could not be kept fails (exit 1) naming the file and why, after the result.
    appendHistory(paths, 'check', now, historyFields(result));
    return ExitCode.Ok;
  },
});

/** The check-in before this one, to compare with; a history that cannot be read only loses the comparison. */
function previousCheck(paths: Paths, io: Io) {
  try {
    return latestCheck(gateRecords(paths, io));
  } catch (error) {
    warn(io, `${(error as Error).message}; not comparing with your previous check-in`);
    return undefined;
  }
}
