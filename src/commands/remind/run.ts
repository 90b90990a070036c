import type { CommandContext } from '../../context.js';
import { remindPaths, saveFlags } from './shared.js';

/** `remind run`: the scheduler in the foreground (log lines on stdout; Ctrl-C or SIGTERM stops it). */
export async function run(ctx: CommandContext): Promise<number> {
  await saveFlags(ctx, remindPaths(ctx));
  const { runDaemon } = await import('../../daemon.js');
  return runDaemon({ env: ctx.io.env, out: ctx.io.stdout });
}
