import { defineCommand, flag, oneOf, text } from '../command.js';
import { latestCheck } from '../core/checkin.js';
import { latestClearance, SOON_GATE_DAYS } from '../core/gate.js';
import { DAY } from '../core/clock.js';
import { parseSymptomDuration } from '../core/duration.js';
import { buildIcs, sessionDays } from '../core/ics.js';
import { planRoutine } from '../core/recommend.js';
import { calendarPlan, planFor, planGate, planStage, STAGE_NAMES, showsEvidencePlan } from '../core/stage.js';
import { addDays, localDate, parseCalendarDate } from '../core/time.js';
import { CliError, ExitCode, usageError } from '../errors.js';
import { readSettings } from '../io/config.js';
import { appendHistory, gateRecords } from '../io/history.js';
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
    "uses your latest check-in. Beside the article's table it shows what the evidence says, and which\n" +
    "numbers are neckcoach's own. --evidence leads with what the evidence supports instead, and the\n" +
    'calendar follows it. --ics writes the sessions, a daily routine and re-checks at 2 and 6 weeks\n' +
    '(events that say to run `neckcoach check`) to an iCalendar file.\n\n' +
    'After a check-in that said to get help now or today, it shows no plan (exit 3) until a newer\n' +
    'check-in no longer finds that or a clinician has cleared you; for up to 14 days after one that\n' +
    'said to book a check-up, the check-up comes first, massage sessions wait until after it and the\n' +
    'calendar keeps to a gentle routine.',
  options: {
    stage: oneOf('--stage <stage>', 'acute, subacute, chronic or maintenance', STAGE_NAMES),
    duration: text('--duration <span>', 'how long the pain has lasted (3d, 2w, 4mo, 1y): picks the stage'),
    ics: text('--ics <file>', 'write the sessions and a daily routine to an .ics calendar file (- for standard output)'),
    evidence: flag(
      '--evidence',
      'lead with what the evidence supports: the studied dose for chronic pain (60 min, 3 a week, 4 weeks), no massage sessions otherwise',
    ),
    start: text('--start <date>', 'with --ics: the first day of the plan (YYYY-MM-DD; default tomorrow)'),
    iHaveBeenCleared: flag(
      '--i-have-been-cleared',
      'a clinician has checked you since a check-in that said to get help: show the plan anyway',
    ),
  },
  examples: [
    ['neckcoach plan --duration 10w', 'the subacute plan'],
    ['neckcoach plan --stage chronic --ics neck.ics', 'put it in your calendar'],
    ['neckcoach plan --stage chronic --ics neck.ics --evidence', 'the dose studied for chronic pain instead'],
    ['neckcoach plan --duration "3 weeks" --evidence', 'what helps recent pain'],
  ],
  async run({ options, ...ctx }) {
    const { io, global } = ctx;
    const { loadCatalogue } = await import('../content/catalogue.js');
    const catalogue = await loadCatalogue();
    const paths = resolvePaths(io.env);
    const now = io.clock.now();
    const { ics } = options;
    if (options.start !== undefined && ics === undefined)
      throw usageError('--start only applies with --ics', 'e.g. --ics plan.ics --start 2026-12-01');
    if (ics === '-' && global.json)
      throw usageError('--ics - and --json both want standard output', 'write the calendar to a file: --ics plan.ics');
    const start = options.start === undefined ? localDate(now + DAY) : parseCalendarDate(options.start, '--start');

    const records = gateRecords(paths);
    const latest = latestCheck(records);
    const duration =
      options.duration === undefined ? undefined : { text: options.duration, ms: parseSymptomDuration(options.duration, '--duration') };
    const basis = planStage({
      stage: options.stage,
      duration,
      latest: latest?.stage ? { stage: latest.stage, at: latest.record.at } : undefined,
    });
    if (!basis) {
      throw usageError(
        'no stage to plan for: there is no check-in yet',
        'pass --stage acute|subacute|chronic|maintenance or --duration 3w (how long the pain has lasted), or run `neckcoach check` first',
      );
    }
    const evidence = Boolean(options.evidence);

    const settings = readSettings(paths, io);
    const { levels } = catalogue.safety;
    const { banner, gentleOnly, checkupFirst } = planGate({
      latest,
      now,
      clearedAt: latestClearance(records),
      cleared: options.iHaveBeenCleared,
      levels,
      emergencyNumber: settings.emergencyNumber,
    });
    // Showing the plan despite a gate is the person's word that a clinician has cleared them (design §6).
    if (options.iHaveBeenCleared && banner !== null) appendHistory(paths, 'clearance', now, {});
    const plan = planFor(catalogue, basis.stage);
    const sessionsFrom = checkupFirst ? SOON_GATE_DAYS : 0;
    const rechecks = catalogue.recheck.weeks.map((weeks) => ({ weeks, date: addDays(start, weeks * 7) }));
    const view: PlanView = {
      basis,
      plan,
      evidencePlan: showsEvidencePlan(basis.stage) ? catalogue.evidencePlan : null,
      notes: catalogue.evidenceNotes,
      evidence,
      sessionMinutes: catalogue.sessionMinutes,
      checkup: checkupFirst ? { whom: levels.soon.whom, when: levels.soon.when, sessionsFrom: addDays(start, sessionsFrom) } : null,
      rechecks,
      calendar: null,
      banner,
    };

    if (ics !== undefined) {
      const routine = planRoutine(catalogue, settings['routine.default'], gentleOnly);
      if (!routine) throw new CliError('the catalogue has no gentle session for the daily routine');
      const chosen = calendarPlan(plan, catalogue, evidence);
      const notes = [
        ...(checkupFirst
          ? [{ id: 'check-up', day: 0, summary: `Book your neck check-up: ${levels.soon.whom}`, description: levels.soon.text }]
          : []),
        ...rechecks.map((r) => ({
          id: `recheck-${r.weeks}w`,
          day: r.weeks * 7,
          summary: 'Neck check-in: run neckcoach check',
          description: catalogue.recheck.text,
        })),
      ];
      const calendar = buildIcs({
        ...chosen,
        sessionsFrom,
        notes,
        start,
        now,
        routine: { ...routine, length: formatSeconds(routine.seconds) },
      });
      if (ics === '-') {
        io.stdout.write(calendar);
        return ExitCode.Ok;
      }
      writeUserFile(ics, calendar, 'the calendar');
      const sessions = chosen.calendar ? sessionDays(chosen.calendar).length : 0;
      view.calendar = {
        file: ics,
        start,
        sessions,
        routine: routine.id,
        evidence: evidence && chosen.calendar !== null,
        rechecks: rechecks.length,
      };
    }
    output(ctx, planDocument(view), (paint, width) => renderPlan(view, catalogue, { paint, width }));
    return ExitCode.Ok;
  },
});
