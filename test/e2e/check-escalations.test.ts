// Every escalation rule, and every red flag, played through the interactive check-in on a real
// terminal (tmux) reaches the same level as the same answers given as a file. The person's replies
// come from the answers file; the steps to expect come from core/interview.ts.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/content/catalogue.js';
import type { Answers } from '../../src/core/answer-ids.js';
import type { Step } from '../../src/core/interview.js';
import { BIN, ROOT, runBin, tempHome } from '../helpers/cli.js';
import { requireTools } from '../helpers/desktop.js';
import { firingAnswers, playInterview, reply } from '../helpers/interview.js';
import { startTerminal, type Terminal } from '../helpers/tmux.js';

const catalogue = await loadCatalogue();
const neckcoach = `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)}`;
const DONE = '__CHECK_DONE__';

let home: string;
let cleanup: () => void;
beforeEach(() => ({ home, cleanup } = tempHome()));
afterEach(() => cleanup());

/** Ticks these positions of a checkbox list (the cursor starts on the first), then Enter. */
async function tick(term: Terminal, positions: readonly number[]) {
  let at = 0;
  for (const position of [...positions].sort((a, b) => a - b)) {
    for (; at < position; at++) await term.send('Down');
    await term.send('Space');
  }
  await term.send('Enter');
}

/** Waits for the step's prompt and answers it as the file does. */
async function answer(term: Terminal, step: Step, file: Partial<Answers>, questionNumber: number) {
  const given = reply(file, step);
  if (step.kind !== 'question') {
    const page = catalogue.redFlagGroups.findIndex((g) => step.kind === 'flags' && g.id === step.group) + 1;
    await term.waitFor(step.kind === 'flags' ? `? Safety check ${page} of` : '? Safety check: your injury');
    const ticks = (given as string[]).map((id) => step.flags.indexOf(id));
    // The list loops: Up from the top is "None of these".
    if (ticks.length === 0) await term.send('Up', 'Space', 'Enter');
    else await tick(term, ticks);
    return;
  }
  const question = catalogue.questions.find((q) => q.id === step.question)!;
  await term.waitFor(`? (question ${questionNumber} of`);
  const ids = (question.answers ?? []).map((a) => a.id);
  if (question.kind === 'multi')
    await tick(
      term,
      ((given as string[] | undefined) ?? []).map((id) => ids.indexOf(id)),
    );
  else if (question.kind === 'single') {
    // "Skip this question" holds the cursor; each answer is one line further down.
    for (let i = 0; given !== undefined && i <= ids.indexOf(given as string); i++) await term.send('Down');
    await term.send('Enter');
  } else {
    if (given !== undefined) await term.send(String(given));
    await term.send('Enter');
  }
}

/** The level the interactive check-in saves, answering from `file`. */
async function interactiveLevel(file: Answers): Promise<string> {
  const term = await startTerminal(`${neckcoach} check; echo ${DONE}`, {
    cwd: ROOT,
    env: { NECKCOACH_HOME: home, NO_COLOR: '1' },
    rows: 60,
    cols: 100,
  });
  let questions = 0;
  for (const step of playInterview(catalogue, file).steps) {
    if (step.kind === 'question') questions++;
    await answer(term, step, file, questions);
  }
  await term.waitFor(new RegExp(`^${DONE}$`, 'm'), { timeoutMs: 20_000 });
  const saved = readFileSync(path.join(home, 'data', 'history.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  expect(saved).toHaveLength(1);
  return saved[0].level;
}

/** The level from the same answers as a file. */
async function fileLevel(file: Answers): Promise<string> {
  const name = path.join(home, 'answers.json');
  writeFileSync(name, JSON.stringify(file));
  const r = await runBin(['--json', 'check', '--answers', name, '--no-save']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout).triage.level;
}

const rules = catalogue.escalations.map((rule) => [rule.id, firingAnswers(catalogue, rule, rule.any?.[0])] as const);
const flags = catalogue.redFlags.map((flag) => [flag.id, { red_flags: [flag.id], duration: '3 weeks', pain: 4 } as Answers] as const);

describe.skipIf(requireTools(['tmux']))('check: the interview and an answers file agree', () => {
  it.each(rules)('escalation rule %s', async (_id, file) => {
    const expected = await fileLevel(file);
    expect(await interactiveLevel(file)).toBe(expected);
  });

  it.each(flags)('red flag %s', async (_id, file) => {
    const expected = await fileLevel(file);
    expect(await interactiveLevel(file)).toBe(expected);
  });
});
