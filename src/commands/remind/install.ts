import { defineCommand, flag } from '../../command.js';
import { CliError, ExitCode } from '../../errors.js';
import { homeEnv } from '../../io/paths.js';
import { detectKind, installPlan, runSteps } from '../../io/service.js';
import { whileWaiting } from '../../io/spinner.js';
import { printJson, say } from '../../render/output.js';
import { daemonEntry, remindPaths } from './shared.js';

/** `remind install [--dry-run]`: start reminders at login; running it twice changes nothing. */
export default defineCommand({
  name: 'install',
  summary: 'start reminders at login (systemd user unit, launchd agent or crontab)',
  options: { dryRun: flag('--dry-run', 'print the file and the commands instead of running them') },
  async run(ctx) {
    const paths = remindPaths(ctx);
    const env = ctx.io.env;
    const kind = await detectKind(env);
    if (!kind) {
      throw new CliError(
        'found no way to start reminders at login',
        ExitCode.Runtime,
        'no systemd user manager (`systemctl --user`), launchd or crontab; run `neckcoach remind start` after logging in instead',
      );
    }
    const plan = await installPlan(kind, {
      node: process.execPath,
      daemon: daemonEntry(),
      logFile: paths.logFile,
      env: homeEnv(paths, env),
    });
    const dryRun = Boolean(ctx.options.dryRun);
    const install = () => whileWaiting(ctx, `Installing the ${kind} service…`, () => runSteps(plan.steps));
    if (ctx.global.json) {
      if (!dryRun) await install();
      printJson(ctx.io, { kind, dryRun, file: plan.file ?? null, steps: plan.steps.map((s) => s.describe), unchanged: plan.unchanged });
      return ExitCode.Ok;
    }
    if (dryRun) {
      say(ctx, `Would install a ${kind} service.`);
      if (plan.file) say(ctx, `\n${plan.file.path}:\n${plan.file.content}`);
      say(ctx, plan.steps.length ? plan.steps.map((s) => `  $ ${s.describe}`).join('\n') : '  (already installed: nothing to do)');
      return ExitCode.Ok;
    }
    await install();
    say(
      ctx,
      plan.unchanged
        ? `Already installed (${kind}); nothing changed.`
        : `Installed (${kind}): reminders start when you log in.${kind === 'systemd' ? ' Started now too.' : ''}`,
    );
    if (kind === 'cron') say(ctx, 'It starts at the next boot; `neckcoach remind start` starts it now.');
    return ExitCode.Ok;
  },
});
