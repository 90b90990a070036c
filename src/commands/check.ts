import { type CommandContext, isInteractive } from '../context.js';
import { loadCatalogue } from '../content/catalogue.js';
import type { Answers, AnswersSoFar } from '../core/answer-ids.js';
import {
  answersFromFlags,
  completeAnswers,
  missingAnswers,
  missingFlagsHint,
  normaliseAnswers,
} from '../core/answers.js';
import { checkIn, historyFields } from '../core/recommend.js';
import { isoLocal } from '../core/time.js';
import { ExitCode, Interrupted, isPromptExit } from '../errors.js';
import { readSettings } from '../io/config.js';
import { appendHistory } from '../io/history.js';
import { resolvePaths } from '../io/paths.js';
import { askAnswers, readAnswersInput } from '../io/prompts.js';
import { checkDocument, renderCheck } from '../render/check.js';
import { printJson, say, textWidth, warn } from '../render/output.js';
import { paint } from '../render/paint.js';

export async function run(ctx: CommandContext): Promise<number> {
  const { io, opts, global } = ctx;
  const catalogue = await loadCatalogue();

  // Defaults → answers file → flags (later wins); each validated where it came from, so errors name it.
  const { raw: flagRaw, flagFor } = answersFromFlags(opts, catalogue);
  let given: Partial<Answers> = {};
  if (typeof opts.answers === 'string') {
    const { raw, name } = await readAnswersInput(opts.answers, io);
    given = normaliseAnswers(raw, catalogue, (q) => `"${q}" in ${name}`, name);
  }
  given = { ...given, ...normaliseAnswers(flagRaw, catalogue, (q) => flagFor[q] ?? q, 'the flags') };

  const canAsk = isInteractive(io) && opts.answers !== '-';
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
  const emergencyNumber = typeof settings.emergencyNumber === 'string' ? settings.emergencyNumber : null;
  const result = checkIn(answers, catalogue, { emergencyNumber });
  const now = io.clock.now();

  if (global.json) printJson(io, checkDocument(result, isoLocal(now)));
  else say(ctx, renderCheck(result, catalogue, { paint: paint(global), width: textWidth(io) }));

  if (opts.save === false) return ExitCode.Ok;
  try {
    appendHistory(paths, 'check', now, historyFields(result));
  } catch (error) {
    warn(io, `could not save this check-in to ${paths.historyFile}: ${(error as Error).message}`);
    return ExitCode.Runtime;
  }
  return ExitCode.Ok;
}
