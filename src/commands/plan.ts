import { defineCommand, flag, oneOf, text } from '../command.js';
import { latestCheck } from '../core/checkin.js';
import { DAY } from '../core/clock.js';
import { parseSymptomDuration } from '../core/duration.js';
import { buildIcs, sessionDays } from '../core/ics.js';
import { planRoutine } from '../core/recommend.js';
import { calendarPlan, planFor, planGate, planStage, STAGE_NAMES, showsEvidencePlan } from '../core/stage.js';
import { localDate, parseCalendarDate } from '../core/time.js';
import { CliError, ExitCode, usageError } from '../errors.js';
import { readSettings } from '../io/config.js';
import { readHistory } from '../io/history.js';
import { resolvePaths } from '../io/paths.js';
import { writeUserFile } from '../io/store.js';
import { formatSeconds, output } from '../render/output.js';
import { type PlanView, planDocument, renderPlan } from '../render/plan.js';

export default defineCommand({
  name: 'plan',
  summary: 'a massage-frequency plan for your stage, optionally as a calendar file',
  description:
    'Shows how often massage is commonly suggested for a stage (acute, subacute, chronic or maintenance),\n' +
    'what the evidence says about it, and what to do between sessions. Without --stage or --duration it\n' +
    'uses your latest check-in. --ics writes the sessions and a daily routine to an iCalendar file.\n\n' +
    'After a check-in in the last 24 hours that said to get help now or today, it shows no plan (exit 3)\n' +
    'until a clinician has cleared you; after one that said to book a check-up, the referral comes first\n' +
    'and the calendar keeps to a gentle routine.',
  options: {
    stage: oneOf('--stage <stage>', 'acute, subacute, chronic or maintenance', STAGE_NAMES),
    duration: text('--duration <span>', 'how long the pain has lasted (3d, 2w, 4mo, 1y): picks the stage'),
    ics: text('--ics <file>', 'write the sessions and a daily routine to an .ics calendar file (- for standard output)'),
    evidence: flag('--evidence', 'chronic only: put the studied dose (60 min, 3 a week, 4 weeks) in the calendar instead'),
    start: text('--start <date>', 'with --ics: the first day of the plan (YYYY-MM-DD; default tomorrow)'),
    iHaveBeenCleared: flag('--i-have-been-cleared', 'a clinician has checked you since a check-in that said to get help: show the plan anyway'),
  },
  examples: [
    ['neckcoach plan --duration 10w', 'the subacute plan'],
    ['neckcoach plan --stage chronic --ics neck.ics', 'put it in your calendar'],
    ['neckcoach plan --stage chronic --ics neck.ics --evidence', 'the dose studied for chronic pain instead'],
  ],
  async run({ options, ...ctx }) {
    const { io, global } = ctx;
    const { loadCatalogue } = await import('../content/catalogue.js');
    const catalogue = await loadCatalogue();
    const paths = resolvePaths(io.env);
    const now = io.clock.now();
    const { ics } = options;
    if (options.start !== undefined && ics === undefined) throw usageError('--start only applies with --ics', 'e.g. --ics plan.ics --start 2026-12-01');
    if (ics === '-' && global.json) throw usageError('--ics - and --json both want standard output', 'write the calendar to a file: --ics plan.ics');
    const start = options.start === undefined ? localDate(now + DAY) : parseCalendarDate(options.start, '--start');

    const latest = latestCheck(readHistory(paths).records);
    const duration = options.duration === undefined ? undefined : { text: options.duration, ms: parseSymptomDuration(options.duration, '--duration') };
    const basis = planStage({ stage: options.stage, duration, latest: latest?.stage ? { stage: latest.stage, at: latest.record.at } : undefined });
    if (!basis) {
      throw usageError(
        'no stage to plan for: there is no check-in yet',
        'pass --stage acute|subacute|chronic|maintenance or --duration 3w (how long the pain has lasted), or run `neckcoach check` first',
      );
    }
    const evidence = Boolean(options.evidence);
    if (evidence && basis.stage !== 'chronic') {
      throw usageError(`--evidence is the dose studied in chronic neck pain, not the ${basis.stage} stage`, 'use it with --stage chronic or a duration over 12 weeks');
    }

    const settings = readSettings(paths, io);
    const { levels } = catalogue.safety;
    const { banner, gentleOnly } = planGate({ latest, now, cleared: options.iHaveBeenCleared, levels, emergencyNumber: settings.emergencyNumber });
    const plan = planFor(catalogue, basis.stage);
    const view: PlanView = {
      basis,
      plan,
      evidencePlan: showsEvidencePlan(basis.stage, evidence) ? catalogue.evidencePlan : null,
      sessionMinutes: catalogue.sessionMinutes,
      calendar: null,
      banner,
    };

    if (ics !== undefined) {
      const routine = planRoutine(catalogue, settings['routine.default'], gentleOnly);
      if (!routine) throw new CliError('the catalogue has no gentle session for the daily routine');
      const chosen = calendarPlan(plan, catalogue.evidencePlan, evidence);
      const calendar = buildIcs({ ...chosen, start, now, routine: { ...routine, length: formatSeconds(routine.seconds) } });
      if (ics === '-') {
        io.stdout.write(calendar);
        return ExitCode.Ok;
      }
      writeUserFile(ics, calendar, 'the calendar');
      view.calendar = { file: ics, start, sessions: sessionDays(chosen.calendar).length, routine: routine.id, evidence };
    }
    output(ctx, planDocument(view), (paint, width) => renderPlan(view, catalogue, { paint, width }));
    return ExitCode.Ok;
  },
});
