import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { defineCommand, flag, text } from '../command.js';
import { type Io, isInteractive } from '../context.js';
import { latestCheck } from '../core/checkin.js';
import { gate } from '../core/gate.js';
import { actionFor, begin, deadline, painRoseTooMuch, type RoutineEvent, type SessionInput, type SessionState, sessionRecord, update } from '../core/session.js';
import { buildTimeline, capExcess, maxRoundsWithinCaps, type Timeline } from '../core/timeline.js';
import { CliError, ExitCode, reportError, usageError } from '../errors.js';
import { readSettings } from '../io/config.js';
import { appendHistory, readHistoryWarned } from '../io/history.js';
import { packageFile, type Paths, resolvePaths } from '../io/paths.js';
import { createScheduler, every } from '../io/scheduler.js';
import { askPain } from '../io/rating.js';
import { openVoice, type Voice } from '../io/speech.js';
import { writeFileAtomic } from '../io/store.js';
import { BELL, type Keys, onStopSignals, openKeys, openScreen, readKey, type Screen, terminalSize } from '../io/terminal.js';
import { note, type OutputContext, printJson, say, textWidth } from '../render/output.js';
import { wrap } from '../core/wrap.js';
import { warn } from '../io/warn.js';
import { paint } from '../render/paint.js';
import { capLines, jsonEvent, painRoseAdvice, plainLine, stopRulesFit, stopRulesText, view, wrapStopRules } from '../render/routine.js';

/** `--rounds`: a positive whole number. */
export function parseRounds(value: unknown): number {
  const text = String(value ?? '1').trim();
  const n = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw usageError(`--rounds must be a positive whole number, not "${text}"`, 'e.g. --rounds 2');
  return n;
}

/** `NECKCOACH_TIME_SCALE` speeds routines up for tests (README, testing). */
export function parseTimeScale(value: string | undefined): number {
  if (value === undefined || value === '') return 1;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw usageError(`NECKCOACH_TIME_SCALE must be a positive number such as 0.05, not "${value}"`);
  return n;
}

interface Presenter {
  events(events: readonly RoutineEvent[], state: SessionState): void;
}

/**
 * Runs the pure session against the clock: one timer armed for the next absolute deadline, keys
 * and signals turned into inputs, every state change shown. Resolves with the ended state;
 * an error still ends the session (interrupted) before it is rethrown, so it can be recorded.
 */
function drive(
  timeline: Timeline,
  io: Io,
  present: Presenter,
  { keys, screen }: { keys?: Keys; screen?: Screen },
): Promise<{ state: SessionState; signal: string | null; error?: unknown }> {
  const scheduler = createScheduler(io.clock);
  const first = begin(timeline, io.clock.now());
  let state = first.state;
  let signal: string | null = null;
  return new Promise((resolve) => {
    let stopRedraw = () => {};
    let stopSignals = () => {};
    const end = (error?: unknown) => {
      scheduler.cancel();
      stopRedraw();
      stopSignals();
      resolve({ state, signal, ...(error === undefined ? {} : { error }) });
    };
    const step = (input: SessionInput) => {
      try {
        const next = update(state, input, io.clock.now());
        state = next.state;
        if (next.events.length || input.type === 'key') present.events(next.events, state);
        if (state.status === 'ended') return end();
        const at = deadline(state);
        if (at === null) scheduler.cancel();
        else scheduler.at(at, () => step({ type: 'tick' }));
      } catch (error) {
        try {
          if (state.status !== 'ended') state = update(state, { type: 'interrupt' }, io.clock.now()).state;
        } finally {
          end(error);
        }
      }
    };
    stopSignals = onStopSignals((name) => {
      signal = name;
      step({ type: 'interrupt' });
    });
    keys?.onKey((key) => {
      if (key === 'ctrl-c') {
        signal = 'SIGINT';
        return step({ type: 'interrupt' });
      }
      const action = actionFor(key);
      if (action) step({ type: 'key', action });
    });
    if (screen) {
      const redraw = () => present.events([], state);
      screen.onResize(redraw);
      stopRedraw = every(io.clock, 100, redraw);
    }
    present.events(first.events, state);
    const at = deadline(state);
    if (at !== null) scheduler.at(at, () => step({ type: 'tick' }));
  });
}

const routineCommand = defineCommand({
  name: 'routine',
  args: ['<name>', '[id]'],
  summary: 'a guided, timed routine: countdowns, reps, sides and cues',
  description:
    'Guides you through a routine step by step with a countdown, a bell at each change and optional\n' +
    'spoken cues, so you can follow it with your eyes closed. Stop at once for sharp or shooting pain,\n' +
    'pain or tingling into an arm, numbness, dizziness or a change in vision.\n\n' +
    'Keys: space pause/resume · s or → skip · b or ← back · q quit · ? help.\n\n' +
    'Without a terminal it prints one line per event; with --json, NDJSON events (the keys\n' +
    'still work when standard input is a terminal).\n\n' +
    'Limits for one go, rounds included: chin tucks 10 holds of at most 10 s; side neck stretch\n' +
    '60 s per side; tennis ball 90 s per spot. --rounds past them exits 2 and says how many fit.\n\n' +
    '`neckcoach routine new <id>` writes a starter file for a routine of your own.',
  options: {
    rounds: text('--rounds <n>', 'repeat the whole routine n times, within the safe limits for one go (more is refused)', '1'),
    voice: flag('--voice', 'speak the cues (espeak-ng, spd-say or say)'),
    sound: flag('--no-sound', 'no terminal bell at each change'),
    rate: flag('--rate', 'ask for your pain (0-10) before and after'),
    iHaveBeenCleared: flag('--i-have-been-cleared', 'a clinician has cleared you: run despite a recent red flag (recorded)'),
    hold: flag('--hold', 'wait for a key before exiting, so a window opened for the routine stays readable'),
  },
  examples: [
    ['neckcoach routine desk-break', 'the two-minute desk break'],
    ['neckcoach routine chin-tucks --rounds 2 --voice', 'twice, with spoken cues'],
    ['neckcoach routine desk-break --json | jq .type', 'events for scripts'],
    ['neckcoach routine new my-stretch', 'start a routine of your own'],
  ],
  async run(ctx): Promise<number> {
    if (ctx.options.hold && isInteractive(ctx.io)) return holdOpen(ctx.io, async () => (await routineCommand.run({ ...ctx, options: { ...ctx.options, hold: false } })) ?? ExitCode.Ok);
    const { io, global } = ctx;
    const [name, extra] = ctx.args;
    const paths = resolvePaths(io.env);
    if (name === 'new') return newRoutine(ctx, paths, extra);
    if (extra !== undefined) throw usageError(`unexpected argument "${extra}"`, 'only `neckcoach routine new <id>` takes a second argument');

    const rounds = parseRounds(ctx.options.rounds);
    const timeScale = parseTimeScale(io.env.NECKCOACH_TIME_SCALE);
    const { loadRoutines, brokenRoutine } = await import('../content/routines.js');
    const loaded = await loadRoutines(paths.routinesDir);
    const { catalogue, routines } = loaded;
    const wanted = routines.some((r) => r.id === name) ? undefined : brokenRoutine(loaded, name);
    for (const problem of loaded.problems) if (!wanted || !problem.startsWith(`${wanted.file}: `)) warn(io, problem);
    if (wanted) {
      throw usageError(
        `routine "${name}" in ${wanted.file} has problems:\n${wanted.problems.map((p) => `  - ${p}`).join('\n')}`,
        'fix the file, then run it again',
      );
    }
    const { findById } = await import('../content/catalogue.js');
    const routine = findById(routines, name, 'routine');
    const resolve = (id: string) => routines.find((r) => r.id === id);
    const timeline = buildTimeline(routine, { rounds, timeScale, resolve });
    const excess = capExcess(timeline);
    if (excess.length > 0) {
      const most = maxRoundsWithinCaps(routine, { resolve });
      const what = rounds > 1 ? `--rounds ${rounds} takes "${routine.id}"` : `"${routine.id}" goes`;
      throw usageError(
        `${what} past the safe limits for one go:\n${capLines(excess).map((line) => `  - ${line}`).join('\n')}`,
        most > 0 ? `"${routine.id}" stays within them up to --rounds ${most}` : 'shorten those steps in the routine file',
      );
    }

    const settings = readSettings(paths, io);
    const { emergencyNumber } = settings;
    const now = io.clock.now();
    const decision = gate({
      emergencyNumber,
      latest: latestCheck(readHistoryWarned(paths, io)),
      now,
      routine,
      gentle: routines.filter((r) => r.gentle),
      cleared: Boolean(ctx.options.iHaveBeenCleared),
      levels: catalogue.safety.levels,
      flagLabel: (id) => catalogue.redFlags.find((f) => f.id === id)?.label,
    });
    // The error boundary prefixes "neckcoach: "; continuation lines hang under the message.
    if (decision.kind === 'refuse') {
      const hang = (text: string, prefix: number) => wrap(text, textWidth(io) - prefix, '  ').trimStart();
      throw new CliError(hang(decision.message, 'neckcoach: '.length), ExitCode.Refused, hang(decision.hint, 2));
    }

    const sound = ctx.options.sound !== false && settings['routine.sound'] !== false;
    const tty = !global.json && isInteractive(io);
    const mode = global.json ? 'json' : tty ? 'tty' : 'plain';
    const rules = catalogue.safety.stopRules;
    const stopRules = stopRulesText(rules);
    const width = textWidth(io);

    let painBefore: number | undefined;
    if (ctx.options.rate) {
      if (isInteractive(io)) painBefore = await askPain(io, 'Your neck pain right now, 0 (none) to 10 (worst imaginable)?', global.json);
      else warn(io, '--rate asks only at a terminal; not asking for pain ratings');
    }

    const voice: Voice | undefined =
      ctx.options.voice === true || settings['routine.voice'] === true ? openVoice(io.env, (line) => warn(io, line)) : undefined;
    if (decision.banner) (mode === 'plain' ? say : note)(ctx, decision.banner);
    if (mode === 'plain') say(ctx, wrapStopRules(stopRules, width));
    else if (mode === 'json') note(ctx, wrapStopRules(stopRules, width));

    const chalk = paint(global);
    const stopLine = `Stop at once if: ${rules.signs.map((s) => s.toLowerCase()).join(' · ')}`;
    const viewOptions = { paint: chalk, stopLine, banner: decision.banner, stopRules };
    // The stop rules are read before the timer starts (clinical reference §5): on a terminal too
    // short for them on the lead-in screen, they go on the normal screen and wait for a key.
    const { columns, rows } = terminalSize(io.stdout);
    if (mode === 'tty' && !stopRulesFit(timeline, { ...viewOptions, width: columns, height: rows })) {
      io.stdout.write(`${wrapStopRules(stopRules, width)}\n\n${chalk.bold('Press any key to start, or q to cancel.')}\n`);
      const key = await readKey(io.stdin);
      if (key === 'ctrl-c') return ExitCode.Interrupted;
      if (key === null || key === 'q') {
        say(ctx, 'Not started; nothing recorded.');
        return ExitCode.Ok;
      }
    }

    try {
      const { markBreakTaken } = await import('../io/breaks.js');
      markBreakTaken(paths, now, { routine: routine.id, stderr: io.stderr });
    } catch (error) {
      warn(io, `could not update the break reminder state (${(error as Error).message})`);
    }

    const screen = mode === 'tty' ? openScreen(io) : undefined;
    // With --json at a terminal the keys still work; stdout carries only the NDJSON events.
    const keys = screen ?? (mode === 'json' && io.stdin.isTTY ? openKeys(io.stdin) : undefined);
    const bellTo = mode === 'tty' ? io.stdout : io.stderr.isTTY ? io.stderr : undefined;
    let summary: string | null = null;
    const present: Presenter = {
      events(events, state) {
        for (const event of events) {
          if (event.type === 'routine-end') summary = plainLine(event, state);
          if (event.type === 'step-start') {
            if (sound && bellTo) bellTo.write(BELL);
            voice?.say(timeline.segments[event.index]!.say);
          }
          if (event.type === 'routine-end' && event.reason === 'done') voice?.say('Well done. That is the routine finished.');
          if (mode === 'json') io.stdout.write(`${JSON.stringify(jsonEvent(event, timeline))}\n`);
          else if (mode === 'plain') {
            const line = plainLine(event, state);
            if (line) io.stdout.write(`${line}\n`);
          }
        }
        if (screen) {
          const { columns, rows } = screen.size();
          screen.draw(view(state, io.clock.now(), { ...viewOptions, width: columns, height: rows }));
        }
      },
    };

    let result: Awaited<ReturnType<typeof drive>> | undefined;
    try {
      result = await drive(timeline, io, present, { keys, screen });
    } finally {
      keys?.close();
    }
    const { state, signal, error } = result;
    const reason = state.reason ?? 'interrupted';
    voice?.close({ now: reason !== 'done' });
    // The alternate screen is gone with the routine: leave one line on the normal screen.
    if (mode === 'tty' && summary) io.stdout.write(`${summary}\n`);

    const record = (painAfter?: number) =>
      appendHistory(paths, 'routine', state.endedAt ?? io.clock.now(), {
        routine: routine.id,
        reason,
        ...sessionRecord(state),
        ...(decision.cleared ? { cleared: true } : {}),
        ...(painBefore !== undefined ? { painBefore } : {}),
        ...(painAfter !== undefined ? { painAfter } : {}),
      });

    if (error !== undefined) {
      record();
      throw error;
    }
    if (painBefore !== undefined && reason !== 'interrupted') {
      let painAfter: number | undefined;
      try {
        painAfter = await askPain(io, 'And your neck pain now, 0 to 10?', global.json);
      } finally {
        record(painAfter);
      }
      if (painAfter !== undefined && painRoseTooMuch(painBefore, painAfter)) {
        // Safety advice: never silenced by -q, and on stderr with --json so stdout stays NDJSON.
        (global.json ? io.stderr : io.stdout).write(`\n${painRoseAdvice(painBefore, painAfter, rules, emergencyNumber, width)}\n`);
      }
    } else {
      record();
    }
    if (reason === 'interrupted') {
      if (signal === 'SIGTERM') note(ctx, 'Stopped (SIGTERM); what you did is recorded.');
      return ExitCode.Interrupted;
    }
    return ExitCode.Ok;
  },
});
export default routineCommand;

/**
 * `--hold` (what a reminder's Start passes): the terminal window opened for the routine stays until
 * a key is pressed, also after a refusal or an error, which is printed first so it can be read.
 */
async function holdOpen(io: Io, work: () => Promise<number>): Promise<number> {
  let code: number;
  try {
    code = await work();
  } catch (error) {
    code = reportError(error, io);
  }
  io.stdout.write('\nPress any key to close.\n');
  await readKey(io.stdin);
  return code;
}

/** The shipped JSON Schema, as a file URL for `$schema` (editors then check and complete the file). */
/** A starter routine of one's own: a move with a hold on each side and a set of slow reps. */
export function starterRoutine(id: string, $schema: string | undefined): Record<string, unknown> {
  return {
    ...($schema ? { $schema } : {}),
    id,
    title: id
      .split('-')
      .map((word, i) => (i === 0 ? word[0]!.toUpperCase() + word.slice(1) : word))
      .join(' '),
    summary: 'My own routine: edit the steps to suit you.',
    kind: 'move',
    gentle: true,
    notes:
      'Edit freely, then run `neckcoach routine ' +
      id +
      '`. kind "move" has steps; kind "session" has parts instead, e.g. [{"routine": "chin-tucks", "reps": 5}]. ' +
      'Set gentle to true only for movement without pressure or deep kneading. Step kinds: hold (seconds per hold, times reps), ' +
      'reps (seconds per repetition, times reps) and timed (seconds in all, per side with sides). rest is seconds between reps and sides.',
    setup: ['Sit tall with your shoulders relaxed.'],
    cautions: ['Stay within comfort: stop for sharp pain, tingling, numbness or dizziness.'],
    steps: [
      {
        id: 'side-stretch',
        title: 'Side stretch',
        kind: 'hold',
        seconds: 20,
        reps: 1,
        sides: true,
        rest: 5,
        cue: 'Tip your ear towards your shoulder until you feel a mild stretch, and hold.',
        cues: ['Keep the opposite shoulder down.'],
        notes: 'A hold of 20 seconds on the left, a 5-second rest, then the right.',
      },
      {
        id: 'chin-tuck',
        title: 'Chin tucks',
        kind: 'reps',
        seconds: 6,
        reps: 5,
        cue: 'Glide your chin straight back, hold a moment, and let go.',
        notes: 'Five slow repetitions of 6 seconds each.',
      },
    ],
  };
}

async function newRoutine(ctx: OutputContext, paths: Paths, id: string | undefined): Promise<number> {
  if (!id) throw usageError('name the new routine', 'e.g. neckcoach routine new my-stretch');
  if (!/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/.test(id)) {
    throw usageError(`"${id}" is not a valid routine id`, 'use lower-case words joined by hyphens, e.g. my-stretch');
  }
  const { loadCatalogue } = await import('../content/catalogue.js');
  const catalogue = await loadCatalogue();
  if (catalogue.routines.some((r) => r.id === id) || id === 'new') {
    throw usageError(`"${id}" is already a built-in routine`, 'choose another id, e.g. my-' + id);
  }
  const file = path.join(paths.routinesDir, `${id}.json`);
  if (fs.existsSync(file)) throw usageError(`${file} already exists`, 'edit it, or choose another id');
  const schema = packageFile('schema/routine.schema.json', fileURLToPath(import.meta.url));
  writeFileAtomic(file, `${JSON.stringify(starterRoutine(id, schema ? pathToFileURL(schema).href : undefined), null, 2)}\n`);
  if (ctx.global.json) printJson(ctx.io, { id, file });
  else {
    say(ctx, `Wrote ${file}`);
    say(ctx, `Edit it, then run: neckcoach routine ${id}`);
  }
  return ExitCode.Ok;
}
