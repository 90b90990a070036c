import { defineCommand } from '../../command.js';
import { CliError, ExitCode } from '../../errors.js';
import { readSettings } from '../../io/config.js';
import { reminderText, sendNotification } from '../../io/notify.js';
import { whileWaiting } from '../../io/spinner.js';
import { printJson, say } from '../../render/output.js';
import { remindPaths } from './shared.js';

/** `remind test`: one notification now, through the same child the daemon uses. */
export default defineCommand({
  name: 'test',
  summary: 'send one notification now and report whether it was delivered',
  async run(ctx) {
    const paths = remindPaths(ctx);
    const routine = readSettings(paths, ctx.io)['routine.default'];
    // Sending may take up to the notification timeout: show that something is happening.
    const delivery = await whileWaiting(ctx, 'Sending a test notification…', () => sendNotification(reminderText(routine), ctx.io.env));
    if (ctx.global.json) {
      printJson(ctx.io, { delivered: delivery.ok, error: delivery.ok ? null : delivery.error });
      return delivery.ok ? ExitCode.Ok : ExitCode.Runtime;
    }
    if (!delivery.ok) {
      throw new CliError(
        `the test notification was not delivered: ${delivery.error}`,
        ExitCode.Runtime,
        '`neckcoach remind doctor` says what is missing and how to fix it',
      );
    }
    say(ctx, 'Sent a test notification; the notification service accepted it. If nothing showed, run `neckcoach remind doctor`.');
    return ExitCode.Ok;
  },
});
