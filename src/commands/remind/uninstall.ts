import { defineCommand, flag } from '../../command.js';
import { ExitCode } from '../../errors.js';
import { runSteps, uninstallPlan } from '../../io/service.js';
import { printJson, say } from '../../render/output.js';

/** `remind uninstall [--dry-run]`: removes only what `install` wrote. */
export default defineCommand({
  name: 'uninstall',
  summary: 'remove what `remind install` set up',
  options: { dryRun: flag('--dry-run', 'print what would be removed') },
  async run(ctx) {
    const plans = await uninstallPlan(ctx.io.env);
    const dryRun = Boolean(ctx.options.dryRun);
    const steps = plans.flatMap((p) => p.steps);
    if (!dryRun) await runSteps(steps);
    if (ctx.global.json) {
      printJson(ctx.io, { dryRun, removed: plans.map((p) => p.kind), steps: steps.map((s) => s.describe) });
    } else if (plans.length === 0) {
      say(ctx, 'Nothing to uninstall: `neckcoach remind install` has not set anything up.');
    } else if (dryRun) {
      say(ctx, `Would remove:\n${steps.map((s) => `  $ ${s.describe}`).join('\n')}`);
    } else {
      say(
        ctx,
        `Uninstalled (${plans.map((p) => p.kind).join(', ')}). A scheduler already running keeps going until \`neckcoach remind stop\`.`,
      );
    }
    return ExitCode.Ok;
  },
});
