import { defineCommand } from '../../command.js';
import { ExitCode } from '../../errors.js';
import { when } from '../../core/time.js';
import { readSettings } from '../../io/config.js';
import { idleCheck } from '../../io/idle.js';
import { type Check, diagnose } from '../../io/notify.js';
import { terminalCheck } from '../../io/open-terminal.js';
import { serviceStatus } from '../../io/service.js';
import { whileWaiting } from '../../io/spinner.js';
import { output } from '../../render/output.js';
import { doctorText } from '../../render/remind.js';
import { daemonHealth, remindPaths } from './shared.js';

/** `remind doctor [--json]`: what a notification needs here, each with the exact fix; exit 1 when one fails. */
export default defineCommand({
  name: 'doctor',
  summary: 'check what reminders need (display, D-Bus, notifications, a terminal, idle time), with fixes',
  async run(ctx) {
    const paths = remindPaths(ctx);
    // Each check may wait on a bus or a service manager, up to its own timeout.
    const [checks, service, idle]: [Check[], Awaited<ReturnType<typeof serviceStatus>>, Check] = await whileWaiting(
      ctx,
      'Checking how notifications reach you…',
      () => Promise.all([diagnose(ctx.io.env), serviceStatus(ctx.io.env), idleCheck(ctx.io.env)]),
    );
    checks.push(terminalCheck(readSettings(paths, ctx.io)['remind.terminal'], ctx.io.env), idle);
    const { daemon, silentSince } = daemonHealth(ctx, paths);
    // Informational, unless it runs and cannot save: a stopped scheduler or a missing service does not stop notifications.
    checks.push(
      silentSince !== null
        ? {
            id: 'scheduler',
            ok: false,
            detail: `running (pid ${daemon!.pid}) but not recording since ${when(silentSince, ctx.io.clock.now())}`,
            fix: `make room on the disk of ${paths.state}, or make it writable; ${paths.logFile} says what failed`,
          }
        : {
            id: 'scheduler',
            ok: true,
            detail: !daemon
              ? 'not running (`neckcoach remind start`)'
              : daemon.orphan
                ? `pid ${daemon.pid} still runs from a deleted folder; it stops at its next wake`
                : `running (pid ${daemon.pid})`,
            fix: null,
          },
    );
    checks.push({
      id: 'service',
      ok: true,
      detail: service.installed
        ? `installed (${service.kind})`
        : 'not installed: reminders start only by hand (`neckcoach remind install`)',
      fix: null,
    });
    const ok = checks.every((c) => c.ok);
    output(ctx, { ok, checks }, () => doctorText(checks, ctx.global));
    return ok ? ExitCode.Ok : ExitCode.Runtime;
  },
});
