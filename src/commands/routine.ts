import { fileURLToPath, pathToFileURL } from 'node:url';
import { defineCommand, flag, text } from '../command.js';
import { type Io, isInteractive } from '../context.js';
import type { LoadedRoutines } from '../content/routines.js';
import { latestCheck } from '../core/checkin.js';
import { type GateDecision, gate, latestClearance } from '../core/gate.js';
import { printable } from '../core/printable.js';
import { painRoseTooMuch, sessionRecord } from '../core/session.js';
import { prepareRoutineRun, type RoutineRun } from '../core/routine-run.js';
import { resolveTimeZone } from '../core/stats.js';
import type { CheckFacts } from '../core/variants.js';
import { buildTimeline, capExcess, maxRoundsWithinCaps, type Timeline } from '../core/timeline.js';
import { wrap } from '../core/wrap.js';
import { CliError, ExitCode, reportError, usageError } from '../errors.js';
import { readSettings } from '../io/config.js';
import { appendHistory, gateRecords, type HistoryRecord, recentRecords } from '../io/history.js';
import { packageFile, type Paths, resolvePaths } from '../io/paths.js';
import { askPain } from '../io/rating.js';
import { writeNewRoutineFile } from '../io/routine-files.js';
import { readKey, stopSource, terminalSize } from '../io/terminal.js';
import { warn } from '../io/warn.js';
import { note, type OutputContext, output, say, textWidth } from '../render/output.js';
import { paint } from '../render/paint.js';
import { decisionLine, programmeRunLine, RATINGS_ASK, shouldAskForRatings } from '../render/programme.js';
import {
  capLines,
  leadInFits,
  leadInText,
  painRoseAdvice,
  shortStopLine,
  stopRulesText,
  type ViewOptions,
  wrapStopRules,
} from '../render/routine.js';
import { runRoutine } from '../run/routine.js';
import { starterRoutine } from '../content/starter-routine.js';
import { parseRounds, parseTimeScale } from '../core/run-options.js';
import { routineOutput } from '../run/routine-output.js';
import { systemTimers } from '../run/timers.js';

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
    'Limits for one go, rounds included: chin tucks and chin nods 10 holds of at most 10 s; neck\n' +
    'turns 10 a side; side neck stretch 60 s per side; base-of-skull release 120 s; tennis ball 90 s\n' +
    'per spot; rows and arm raises 15 a set, 45 in all. --rounds past them exits 2 and says how many fit.\n\n' +
    'While a programme runs (neckcoach programme start), `routine strengthen` runs its current level\n' +
    "and counts as one of the week's sessions.\n\n" +
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
    if (ctx.options.hold && isInteractive(ctx.io)) {
      return holdOpen(ctx.io, async () => (await routineCommand.run({ ...ctx, options: { ...ctx.options, hold: false } })) ?? ExitCode.Ok);
    }
    const { io, global, options } = ctx;
    const [name, extra] = ctx.args;
    const paths = resolvePaths(io.env);
    if (name === 'new') return newRoutine(ctx, paths, extra);
    if (extra !== undefined)
      throw usageError(`unexpected argument "${extra}"`, 'only `neckcoach routine new <id>` takes a second argument');

    const rounds = parseRounds(options.rounds);
    const timeScale = parseTimeScale(io.env.NECKCOACH_TIME_SCALE);
    // The latest check-in and clearance, read once from the end of the history: for the gate, and
    // for which version of a move suits the person.
    const checks = gateRecords(paths, io);
    const latest = latestCheck(checks)?.record;
    const prepared = await prepare(ctx, paths, name, { rounds, timeScale, latest });
    const { loaded, routine } = prepared;
    let { run: plan, timeline } = prepared;
    const { catalogue } = loaded;
    const settings = readSettings(paths, io);
    const now = io.clock.now();
    const decision = safetyGate(ctx, paths, loaded, routine, {
      records: checks,
      now,
      cleared: Boolean(options.iHaveBeenCleared),
      emergencyNumber: settings.emergencyNumber,
    });

    const mode = global.json ? 'json' : isInteractive(io) ? 'tty' : 'plain';
    const rules = catalogue.safety.stopRules;
    const width = textWidth(io);
    let painBefore: number | undefined;
    if (options.rate) {
      if (isInteractive(io)) painBefore = await askPain(io, 'Your neck pain right now, 0 (none) to 10 (worst imaginable)?', global.json);
      else warn(io, '--rate asks only at a terminal; not asking for pain ratings');
    }
    // A rating now can show an earlier rise has not settled: the programme then steps back before this session.
    if (plan.programme && painBefore !== undefined)
      ({ run: plan, timeline } = await prepare(ctx, paths, name, { rounds, timeScale, latest, painNow: painBefore }));
    const programmeRun = plan.programme;
    if (programmeRun) {
      for (const d of programmeRun.decisions)
        appendHistory(paths, 'programme', d.at, { programme: programmeRun.programme.id, level: d.level, event: d.event });
      // Earlier decisions since the last session get a line each; the latest leads in with the session.
      for (const d of programmeRun.decisions.slice(0, -1)) note(ctx, decisionLine(d, programmeRun.programme));
      if (shouldAskForRatings(programmeRun, painBefore !== undefined)) note(ctx, RATINGS_ASK);
    }
    const chrome = {
      paint: paint(global),
      stopLine: shortStopLine(rules, true),
      banner: decision.banner,
      stopRules: stopRulesText(rules),
      leadIn: leadInText({
        routine,
        moves: plan.moves,
        safety: catalogue.safety,
        mode: plan.stopRules,
        chosen: plan.chosen,
        notes: programmeRun ? [programmeRunLine(programmeRun)] : [],
        terminal: mode === 'tty',
      }),
      cautions: Object.fromEntries(plan.moves.map((m) => [m.id, m.cautions])),
    };
    const started = await leadIn(ctx, mode, timeline, chrome);
    if (started !== 'start') return started;

    try {
      const { markBreakTaken } = await import('../io/breaks.js');
      markBreakTaken(paths, now, { routine: routine.id, stderr: io.stderr });
    } catch (error) {
      warn(io, `could not update the break reminder state (${(error as Error).message})`);
    }

    const output = routineOutput({
      mode,
      io,
      timeline,
      chrome,
      sound: options.sound !== false && settings['routine.sound'] !== false,
      voice: options.voice === true || settings['routine.voice'] === true,
    });
    const { state, painAfter, exitCode } = await runRoutine(timeline, {
      clock: io.clock,
      timers: systemTimers,
      ...(output.keys ? { keys: output.keys } : {}),
      stops: stopSource({ stdout: io.stdout, stderr: io.stderr, ...(output.stdin ? { stdin: output.stdin } : {}) }),
      present: output.present,
      ...(painBefore === undefined
        ? {}
        : { rate: (signal: AbortSignal) => askPain(io, 'And your neck pain now, 0 to 10?', global.json, signal) }),
      record: (ended, rating) =>
        appendHistory(paths, 'routine', ended.endedAt ?? io.clock.now(), {
          routine: routine.id,
          reason: ended.reason ?? 'interrupted',
          ...sessionRecord(ended),
          moves: plan.moves.map((m) => m.id),
          ...(programmeRun?.record ?? {}),
          ...(decision.cleared ? { cleared: true } : {}),
          ...(painBefore !== undefined ? { painBefore } : {}),
          ...(rating !== undefined ? { painAfter: rating } : {}),
        }),
    });
    if (painBefore !== undefined && painAfter !== undefined && painRoseTooMuch(painBefore, painAfter)) {
      // Safety advice: never silenced by -q, and on stderr with --json so stdout stays NDJSON.
      (global.json ? io.stderr : io.stdout).write(`\n${painRoseAdvice(painBefore, painAfter, rules, settings.emergencyNumber, width)}\n`);
    }
    if (state.reason === 'terminated') note(ctx, 'Stopped (SIGTERM); what you did is recorded.');
    return exitCode;
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

type LoadedRoutine = LoadedRoutines['routines'][number];

/**
 * The routine asked for, ready to run: the person's broken files reported (the one asked for, if
 * broken, as the error), the version to run decided from the history (each move as it suits the
 * person, a programme's session at its level, how the stop rules lead in), its timeline built, and
 * refused past the exercise caps. `painNow` is a rating just given (`--rate`).
 */
async function prepare(
  ctx: OutputContext,
  paths: Paths,
  name: string,
  { rounds, timeScale, latest, painNow }: { rounds: number; timeScale: number; latest: CheckFacts | undefined; painNow?: number },
): Promise<{ loaded: LoadedRoutines; routine: LoadedRoutine; run: RoutineRun<LoadedRoutine>; timeline: Timeline }> {
  const { loadRoutines, brokenRoutine } = await import('../content/routines.js');
  const loaded = await loadRoutines(paths.routinesDir);
  const { routines } = loaded;
  const wanted = routines.some((r) => r.id === name) ? undefined : brokenRoutine(loaded, name);
  for (const problem of loaded.problems) if (!wanted || !problem.startsWith(`${wanted.file}: `)) warn(ctx.io, problem);
  if (wanted) {
    throw usageError(
      printable(`routine "${name}" in ${wanted.file} has problems:`) + wanted.problems.map((p) => `\n  - ${printable(p)}`).join(''),
      'fix the file, then run it again',
    );
  }
  const { findById } = await import('../content/catalogue.js');
  const asked = findById(routines, name, 'routine');
  const run = prepareRoutineRun({
    routine: asked,
    resolve: (id: string) => routines.find((r) => r.id === id),
    records: recentRecords(paths, ctx.io.clock.now(), ctx.io),
    latestCheck: latest,
    programmes: loaded.catalogue.programmes,
    now: ctx.io.clock.now(),
    timeZone: resolveTimeZone(ctx.io.env.TZ),
    ...(painNow === undefined ? {} : { painNow }),
  });
  const { routine, resolve } = run;
  const timeline = buildTimeline(routine, { rounds, timeScale, resolve });
  const excess = capExcess(timeline);
  if (excess.length > 0) {
    const most = maxRoundsWithinCaps(routine, { resolve });
    const what = rounds > 1 ? `--rounds ${rounds} takes "${routine.id}"` : `"${routine.id}" goes`;
    throw usageError(
      printable(`${what} past the safe limits for one go:`) +
        capLines(excess)
          .map((line) => `\n  - ${printable(line)}`)
          .join(''),
      most > 0 ? `"${routine.id}" stays within them up to --rounds ${most}` : 'shorten those steps in the routine file',
    );
  }
  return { loaded, routine, run, timeline };
}

/**
 * The red-flag gate (design §3): from the latest check-in (read from the end of the history, so
 * its size does not matter), run, run under a referral banner, or refuse with exit 3.
 */
function safetyGate(
  ctx: OutputContext,
  paths: Paths,
  { catalogue, routines }: LoadedRoutines,
  routine: LoadedRoutines['routines'][number],
  { records, now, cleared, emergencyNumber }: { records: HistoryRecord[]; now: number; cleared: boolean; emergencyNumber: string | null },
): Extract<GateDecision, { kind: 'run' }> {
  const decision = gate({
    emergencyNumber,
    latest: latestCheck(records),
    clearedAt: latestClearance(records),
    now,
    routine,
    gentle: routines.filter((r) => r.gentle),
    cleared,
    levels: catalogue.safety.levels,
    // An id the catalogue does not know came from the history file: shown, not obeyed.
    flagLabel: (id) => catalogue.redFlags.find((f) => f.id === id)?.label ?? printable(id),
  });
  if (decision.kind === 'run') {
    // Overriding a gate is the person's word that a clinician has cleared them: it ends the gate
    // of every earlier check-in (design §6), so it is kept as a record of its own.
    if (decision.cleared && decision.banner !== null) appendHistory(paths, 'clearance', now, {});
    return decision;
  }
  // The error boundary prefixes "neckcoach: "; continuation lines hang under the message.
  const hang = (message: string, prefix: number) => wrap(message, textWidth(ctx.io) - prefix, '  ').trimStart();
  throw new CliError(hang(decision.message, 'neckcoach: '.length), ExitCode.Refused, hang(decision.hint, 2));
}

/**
 * Before the timer starts, the lead-in (stop rules, cautions) is read (clinical reference §5): in
 * a pipe or with --json it is printed; at a terminal too small to show it on the lead-in screen it
 * goes on the normal screen and waits for a key, which may cancel.
 */
async function leadIn(
  ctx: OutputContext,
  mode: 'tty' | 'plain' | 'json',
  timeline: Timeline,
  chrome: Omit<ViewOptions, 'width' | 'height'>,
): Promise<'start' | ExitCode> {
  const { io } = ctx;
  const width = textWidth(io);
  if (chrome.banner) (mode === 'plain' ? say : note)(ctx, chrome.banner);
  if (mode === 'plain') say(ctx, wrapStopRules(chrome.leadIn, width));
  else if (mode === 'json') note(ctx, wrapStopRules(chrome.leadIn, width));
  const { columns, rows } = terminalSize(io.stdout);
  if (mode !== 'tty' || leadInFits(timeline, { ...chrome, width: columns, height: rows })) return 'start';
  io.stdout.write(`${wrapStopRules(chrome.leadIn, width)}\n\n${chrome.paint.bold('Press any key to start, or q to cancel.')}\n`);
  const key = await readKey(io.stdin);
  if (key === 'ctrl-c') return ExitCode.Interrupted;
  if (key === null || key === 'q') {
    say(ctx, 'Not started; nothing recorded.');
    return ExitCode.Ok;
  }
  return 'start';
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
  const schema = packageFile('schema/routine.schema.json', fileURLToPath(import.meta.url));
  const starter = `${JSON.stringify(starterRoutine(id, schema ? pathToFileURL(schema).href : undefined), null, 2)}\n`;
  const { file, written } = writeNewRoutineFile(paths.routinesDir, id, starter);
  if (!written) throw usageError(`${file} already exists`, 'edit it, or choose another id');
  output(ctx, { id, file }, () => `Wrote ${file}\nEdit it, then run: neckcoach routine ${id}`, { confirmation: true });
  return ExitCode.Ok;
}
