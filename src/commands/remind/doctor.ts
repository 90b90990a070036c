import { defineCommand } from '../../command.js';
import { ExitCode } from '../../errors.js';
import { readSettings } from '../../io/config.js';
import { idleCheck } from '../../io/idle.js';
import { type Check, diagnose } from '../../io/notify.js';
import { terminalCheck } from '../../io/open-terminal.js';
import { serviceStatus } from '../../io/service.js';
import { whileWaiting } from '../../io/spinner.js';
import { output } from '../../render/output.js';
import { doctorText } from '../../render/remind.js';
import { remindPaths, runningDaemon } from './shared.js';

/** `remind doctor [--json]`: what a notification needs here, each with the exact fix; exit 1 when one fails. */
export default defineCommand({
  name: 'doctor',
  summary: 'check what reminders need (display, D-Bus, notifications, a terminal, idle time), with fixes',
  async run(ctx) {
    const paths = remindPaths(ctx);
    // Each check may wait on a bus or a service manager, up to its own timeout.
    const [checks, service, idle]: [Check[], Awaited<ReturnType<typeof serviceStatus>>, Check] = await whileWaiting(ctx, 'Checking how notifications reach you…', () =>
      Promise.all([diagnose(ctx.io.env), serviceStatus(ctx.io.env), idleCheck(ctx.io.env)]),
    );
    checks.push(terminalCheck(readSettings(paths, ctx.io)['remind.terminal'], ctx.io.env), idle);
    const daemon = runningDaemon(paths);
    // Informational: neither a stopped scheduler nor a missing service stops notifications from working.
    checks.push({ id: 'scheduler', ok: true, detail: daemon ? `running (pid ${daemon.pid})` : 'not running (`neckcoach remind start`)', fix: null });
    checks.push({ id: 'service', ok: true, detail: service.installed ? `installed (${service.kind})` : 'not installed: reminders start only by hand (`neckcoach remind install`)', fix: null });
    const ok = checks.every((c) => c.ok);
    output(ctx, { ok, checks }, () => doctorText(checks, ctx.global));
    return ok ? ExitCode.Ok : ExitCode.Runtime;
  },
});
