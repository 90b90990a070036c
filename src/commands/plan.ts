import type { CommandContext } from '../context.js';
import type { Stage } from '../content/schema.js';
import { latestCheck } from '../core/checkin.js';
import { DAY } from '../core/clock.js';
import { parseSymptomDuration } from '../core/duration.js';
import { buildIcs, sessionDays } from '../core/ics.js';
import { planRoutine } from '../core/recommend.js';
import { planFor, planGate, planStage } from '../core/stage.js';
import { localDate, parseCalendarDate } from '../core/time.js';
import { CliError, ExitCode, usageError } from '../errors.js';
import { readSettings } from '../io/config.js';
import { readHistory } from '../io/history.js';
import { resolvePaths } from '../io/paths.js';
import { writeUserFile } from '../io/store.js';
import { formatSeconds, printJson, say, textWidth } from '../render/output.js';
import { paint } from '../render/paint.js';
import { type PlanView, planDocument, renderPlan } from '../render/plan.js';

export async function run(ctx: CommandContext): Promise<number> {
  const { io, opts, global } = ctx;
  const { loadCatalogue } = await import('../content/catalogue.js');
  const catalogue = await loadCatalogue();
  const paths = resolvePaths(io.env);
  const now = io.clock.now();
  const ics = typeof opts.ics === 'string' ? opts.ics : undefined;
  if (opts.start !== undefined && ics === undefined) throw usageError('--start only applies with --ics', 'e.g. --ics plan.ics --start 2026-12-01');
  if (ics === '-' && global.json) throw usageError('--ics - and --json both want standard output', 'write the calendar to a file: --ics plan.ics');
  const start = opts.start === undefined ? localDate(now + DAY) : parseCalendarDate(String(opts.start), '--start');

  const latest = latestCheck(readHistory(paths).records);
  const duration = typeof opts.duration === 'string' ? { text: opts.duration, ms: parseSymptomDuration(opts.duration, '--duration') } : undefined;
  const basis = planStage({
    stage: typeof opts.stage === 'string' ? (opts.stage as Stage) : undefined,
    duration,
    latest: latest?.stage ? { stage: latest.stage, at: latest.record.at } : undefined,
  });
  if (!basis) {
    throw usageError('no stage to plan for: there is no check-in yet', 'pass --stage acute|subacute|chronic|maintenance or --duration 3w (how long the pain has lasted), or run `neckcoach check` first');
  }
  if (opts.evidence && basis.stage !== 'chronic') {
    throw usageError(`--evidence is the dose studied in chronic neck pain, not the ${basis.stage} stage`, 'use it with --stage chronic or a duration over 12 weeks');
  }

  const settings = readSettings(paths, io);
  const emergencyNumber = typeof settings.emergencyNumber === 'string' ? settings.emergencyNumber : null;
  const { banner, gentleOnly } = planGate({ latest, now, cleared: opts.iHaveBeenCleared === true, levels: catalogue.safety.levels, emergencyNumber });
  const plan = planFor(catalogue, basis.stage);

  const view: PlanView = {
    basis,
    plan,
    evidencePlan: basis.stage === 'chronic' || opts.evidence ? catalogue.evidencePlan : null,
    sessionMinutes: catalogue.sessionMinutes,
    calendar: null,
    banner,
  };

  if (ics !== undefined) {
    const preferred = typeof settings['routine.default'] === 'string' ? settings['routine.default'] : null;
    const routine = planRoutine(catalogue, preferred, gentleOnly);
    if (!routine) throw new CliError('the catalogue has no gentle session for the daily routine');
    const calendar = opts.evidence ? catalogue.evidencePlan.calendar : plan.calendar;
    const text = buildIcs({
      key: opts.evidence ? 'evidence' : plan.stage,
      title: opts.evidence ? catalogue.evidencePlan.title : plan.title,
      calendar,
      description: opts.evidence
        ? catalogue.evidencePlan.note
        : `${plan.guidance}\n\nWhat the evidence says: ${plan.evidence}`,
      start,
      now,
      routine: { ...routine, length: formatSeconds(routine.seconds) },
    });
    if (ics === '-') {
      io.stdout.write(text);
      return ExitCode.Ok;
    }
    writeUserFile(ics, text, 'the calendar');
    view.calendar = { file: ics, start, sessions: sessionDays(calendar).length, routine: routine.id, evidence: Boolean(opts.evidence) };
  }

  if (global.json) printJson(io, planDocument(view));
  else say(ctx, renderPlan(view, catalogue, { paint: paint(global), width: textWidth(io) }));
  return ExitCode.Ok;
}
