// The check-in on a real terminal (tmux): the questionnaire, a red-flag path, Ctrl-C, and a pipe.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, ROOT, tempHome } from '../helpers/cli.js';
import { requireTools } from '../helpers/desktop.js';
import { startTerminal, type Terminal } from '../helpers/tmux.js';

const neckcoach = `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)}`;
/** Runs the command, then prints the terminal's line settings, keeping the command's exit status. */
const thenStty = (command: string) =>
  `${command}; code=$?; printf '\\nSTTY:'; stty -a | tr ' ;' '\\n\\n' | grep -E '^-?(icanon|echo|isig)$' | tr '\\n' ' '; exit $code`;
/** The command has ended and all three terminal settings are on screen (waiting for "STTY:" alone races them). */
const FINISHED = /STTY:(?:\s*-?(?:icanon|echo|isig)){3}/;
const sane = (screen: string) => {
  const stty = /STTY:(.*)/.exec(screen)?.[1] ?? '';
  expect(stty.split(/\s+/).filter(Boolean).sort()).toEqual(['echo', 'icanon', 'isig']);
};

let home: string;
let cleanup: () => void;
beforeEach(() => ({ home, cleanup } = tempHome()));
afterEach(() => cleanup());

const historyFile = () => path.join(home, 'data', 'history.jsonl');
const history = () =>
  readFileSync(historyFile(), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
// Tall enough to keep the whole check-in on screen.
const start = (command: string) =>
  startTerminal(thenStty(command), { cwd: ROOT, env: { NECKCOACH_HOME: home, NO_COLOR: '1' }, rows: 150, cols: 100 });

/** One red-flag page: tick the flags at these positions (0-based), or "None of these" (the last line). */
async function redFlagPage(term: Terminal, page: number, tick: number[] = []) {
  await term.waitFor(new RegExp(`\\? Safety check ${page} of 3`));
  if (tick.length === 0) {
    await term.send('Up', 'Space', 'Enter'); // the list loops: Up from the top is "None of these"
    return;
  }
  let at = 0;
  for (const position of tick) {
    while (at < position) {
      await term.send('Down');
      at++;
    }
    await term.send('Space');
  }
  await term.send('Enter');
}

/** Answers the remaining questions: skips the optional ones, gives the duration and the pain. */
async function answerQuestions(term: Terminal, answers: { duration: string; pain: string; refusedFirst?: string }) {
  for (let n = 1; ; n++) {
    const screen = await term.waitFor(new RegExp(`\\? \\(question ${n} of (\\d+)\\)`));
    const total = Number(new RegExp(`\\(question ${n} of (\\d+)\\)`).exec(screen)![1]);
    const current = screen.slice(screen.lastIndexOf(`? (question ${n} of`));
    if (/How long has it been going on/.test(current)) {
      if (answers.refusedFirst) {
        await term.send(answers.refusedFirst, 'Enter');
        await term.waitFor(/did you mean 3mo \(months\)\?/);
        for (const _ of answers.refusedFirst) await term.send('BSpace');
      }
      await term.send(answers.duration, 'Enter');
    } else if (/how bad has the pain been/.test(current)) await term.send(answers.pain, 'Enter');
    else if (/leave empty to skip/.test(current)) await term.send('Enter');
    else await term.send('Enter'); // a single choice: the cursor starts on "Skip this question"
    if (n === total) return;
  }
}

describe.skipIf(requireTools(['tmux']))('check on a terminal', () => {
  it('the whole questionnaire: an empty safety page is refused, then self-care advice, saved', async () => {
    const term = await start(`${neckcoach} check`);
    const opening = await term.waitFor(/\? Safety check 1 of 3/);
    // The one-line disclaimer comes before the first question.
    expect(opening.indexOf('not medical advice')).toBeGreaterThanOrEqual(0);
    expect(opening.indexOf('not medical advice')).toBeLessThan(opening.indexOf('Safety check 1 of 3'));
    await term.send('Enter');
    await term.waitFor(/this page needs an answer/);
    await term.send('Up', 'Space', 'Enter');
    await redFlagPage(term, 2);
    await redFlagPage(term, 3);
    // "3m" is refused with a hint (months or minutes?) before "3w" is taken.
    await answerQuestions(term, { duration: '3w', pain: '4', refusedFirst: '3m' });
    const screen = await term.waitFor(FINISHED, { timeoutMs: 20_000 });
    expect(await term.exitCode()).toBe(0);
    expect(screen).toMatch(/- Self-care looks reasonable/);
    expect(screen).toMatch(/A routine to start now/);
    expect(screen).toMatch(/not medical advice/);
    sane(screen);
    expect(history()).toMatchObject([{ type: 'check', flags: [], pain: 4, stage: 'acute' }]);
  });

  it('Enter through every choice records nothing: no onset, course or "already assessed" was chosen', async () => {
    const term = await start(`${neckcoach} check`);
    await redFlagPage(term, 1);
    await redFlagPage(term, 2);
    await redFlagPage(term, 3);
    await answerQuestions(term, { duration: '7w', pain: '4' });
    const screen = await term.waitFor(FINISHED, { timeoutMs: 20_000 });
    expect(await term.exitCode()).toBe(0);
    // Nobody said a clinician had looked: 7 weeks of stable pain is advice at the self-care level, never a referral.
    expect(screen).toMatch(/- Self-care looks reasonable/);
    expect(screen).toMatch(/a\s+physiotherapist\s+can\s+help/);
    expect(screen).toMatch(/don't\s+point\s+to\s+any\s+of\s+the\s+common\s+contributors/);
    expect(screen).not.toMatch(/crept up gradually/);
  });

  it('an injury onset with no injury sign ticked asks those signs again; a serious injury then stops it', async () => {
    const term = await start(`${neckcoach} check`);
    await redFlagPage(term, 1);
    await redFlagPage(term, 2);
    await redFlagPage(term, 3);
    for (const n of [1, 2]) {
      await term.waitFor(new RegExp(`\\? \\(question ${n} of`));
      await term.send('Enter');
    }
    await term.waitFor(/\? \(question 3 of \d+\) How did it start\?/);
    await term.send('Down', 'Down', 'Down', 'Down', 'Down', 'Down', 'Down', 'Enter'); // after a fall, knock, sports injury or car accident
    await term.waitFor(/\? Safety check: your injury/);
    await term.send('Space', 'Enter'); // the serious-injury signs
    const screen = await term.waitFor(FINISHED, { timeoutMs: 20_000 });
    expect(await term.exitCode()).toBe(0);
    expect(screen).toMatch(/!! Get emergency help now/);
    expect(screen).not.toMatch(/\(question 4 of/);
    expect(history()).toMatchObject([{ level: 'emergency', flags: ['rf_trauma_major'] }]);
  });

  it('an emergency tick on the first page: the advice at once, no more pages or questions, saved', async () => {
    const term = await start(`${neckcoach} check`);
    await redFlagPage(term, 1, [4]); // a serious neck injury
    const screen = await term.waitFor(FINISHED, { timeoutMs: 20_000 });
    expect(await term.exitCode()).toBe(0);
    expect(screen).toMatch(/!! Get emergency help now/);
    expect(screen).toMatch(/for example 999, 112 or 911/);
    expect(screen).toMatch(/Do not drive yourself/);
    expect(screen).toMatch(/as still as you can/);
    expect(screen).not.toMatch(/Safety check 2 of 3|\(question 1 of/);
    expect(screen).not.toMatch(/A routine to start now/);
    expect(history()).toMatchObject([{ level: 'emergency', flags: ['rf_trauma_major'] }]);
  });

  it('an urgent tick on the second page: see a doctor today, the third page is never asked', async () => {
    const term = await start(`${neckcoach} check`);
    await redFlagPage(term, 1);
    await redFlagPage(term, 2, [1]); // new or worsening arm weakness
    const screen = await term.waitFor(FINISHED, { timeoutMs: 20_000 });
    expect(await term.exitCode()).toBe(0);
    expect(screen).toMatch(/! See a doctor today/);
    expect(screen).not.toMatch(/Safety check 3 of 3|\(question 1 of/);
    expect(history()).toMatchObject([{ level: 'urgent', flags: ['rf_arm_weakness'] }]);
  });

  it('every question of a safety page is on screen in full, not only the highlighted one', async () => {
    const term = await start(`${neckcoach} check`);
    const screen = await term.waitFor(/\? Safety check 1 of 3/);
    // The last flag's whole question, and a sign of the first, while the cursor is on the first line.
    expect(screen.replace(/\s+/g, ' ')).toContain('Is the pain in your neck or jaw coming with pain, pressure or tightness in your chest');
    expect(screen).toMatch(/- A new whooshing or pulsing sound in one ear/);
    await term.send('C-c');
    await term.waitFor(FINISHED);
  });

  it('a temple-headache flag asks only whether eyesight changed, and a yes makes it an emergency', async () => {
    const term = await start(`${neckcoach} check`);
    await redFlagPage(term, 1);
    await redFlagPage(term, 2, [4]); // aged 50 or over with a new headache at the temples
    const asked = await term.waitFor(/\? \(question 1 of 1\) What do you notice\?/);
    expect(asked).toMatch(/more\s+urgent\s+than\s+that/);
    for (let i = 0; i < 17; i++) await term.send('Down');
    await term.send('Space', 'Enter'); // a change in eyesight
    const screen = await term.waitFor(FINISHED, { timeoutMs: 20_000 });
    expect(screen).toMatch(/!! Get emergency help now/);
    expect(screen).not.toMatch(/Safety check 3 of 3/);
    expect(history()).toMatchObject([{ level: 'emergency', flags: ['rf_gca'] }]);
  });

  it('Ctrl-C mid-questionnaire: exit 130, terminal restored, nothing saved', async () => {
    const term = await start(`${neckcoach} check`);
    await redFlagPage(term, 1);
    await redFlagPage(term, 2);
    await term.waitFor(/\? Safety check 3 of 3/);
    await term.send('C-c');
    const screen = await term.waitFor(FINISHED);
    expect(await term.exitCode()).toBe(130);
    expect(screen).toMatch(/nothing was saved/);
    sane(screen);
    expect(existsSync(historyFile())).toBe(false);
  });

  it('piping an answers file through standard input never prompts', async () => {
    const file = path.join(home, 'answers.json');
    writeFileSync(
      file,
      JSON.stringify({ red_flags: ['rf_radicular'], duration: '10w', pain: 5, symptoms: ['sym_numbness'], location: ['loc_arm'] }),
    );
    const term = await start(`cat ${JSON.stringify(file)} | ${neckcoach} check --answers -`);
    const screen = await term.waitFor(FINISHED, { timeoutMs: 20_000 });
    expect(await term.exitCode()).toBe(0);
    expect(screen).not.toMatch(/Safety check/);
    expect(screen).toMatch(/> Book a check-up soon/);
    expect(screen).toMatch(/An irritated or pinched nerve/);
    expect(history()).toMatchObject([{ level: 'soon', flags: ['rf_radicular'], stage: 'subacute', pain: 5 }]);
  });
});
