import { defineCommand } from '../../command.js';
import { ExitCode } from '../../errors.js';
import { isoLocal } from '../../core/time.js';
import { parseWorkHours } from '../../core/workhours.js';
import { serviceStatus } from '../../io/service.js';
import { printJson, say } from '../../render/output.js';
import { statusText } from '../../render/remind.js';
import { remindPaths, runningDaemon, snapshot } from './shared.js';

const iso = (ms: number | null) => (ms === null ? null : isoLocal(ms));

/** `remind status [--json]`: the design §6 shape; not running is a state, not an error. */
export default defineCommand({
  name: 'status',
  summary: 'whether it runs, its settings, the next reminder and the last error',
  async run(ctx) {
    const paths = remindPaths(ctx);
    const daemon = runningDaemon(paths);
    const { settings, reminder, state, decision, now } = snapshot(ctx, paths);
    const service = await serviceStatus(ctx.io.env);
    const workHours = typeof settings['remind.workHours'] === 'string' ? settings['remind.workHours'] : null;
    const nextDue = daemon ? decision.nextDue : null;
    // The daemon clears an expired pause or snooze on its next wake; status shows the effective state.
    const pausedUntil = state.pausedUntil === 'indefinite' || (state.pausedUntil !== null && state.pausedUntil > now) ? state.pausedUntil : null;
    const snoozedUntil = decision.state.snoozedUntil !== null && decision.state.snoozedUntil > now ? decision.state.snoozedUntil : null;
    if (ctx.global.json) {
      const hours = workHours ? parseWorkHours(workHours) : null;
      const clock = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
      printJson(ctx.io, {
        running: Boolean(daemon),
        pid: daemon?.pid ?? null,
        since: daemon ? iso(daemon.since) : null,
        settings: { every: reminder.every, workHours: hours ? { start: clock(hours.start), end: clock(hours.end) } : null, days: settings['remind.days'] },
        nextDue: iso(nextDue),
        pausedUntil: pausedUntil === 'indefinite' ? 'indefinite' : iso(pausedUntil),
        snoozedUntil: iso(snoozedUntil),
        lastSent: iso(state.lastSent),
        lastError: state.lastError ? { at: isoLocal(state.lastError.at), message: state.lastError.message } : null,
        service,
      });
      return ExitCode.Ok;
    }
    say(
      ctx,
      statusText(
        {
          running: Boolean(daemon),
          pid: daemon?.pid ?? null,
          since: daemon?.since ?? null,
          every: reminder.every,
          workHours,
          days: String(settings['remind.days']),
          routine: reminder.routine,
          nextDue,
          pausedUntil,
          snoozedUntil,
          lastSent: state.lastSent,
          lastError: state.lastError,
          service,
          now,
        },
        ctx.global,
      ),
    );
    return ExitCode.Ok;
  },
});
