// Do not disturb (design §7): a reminder waits while the notification server is paused, a
// full-screen window has focus, or the person's `remind.quiet` command says "not now".
import { type RunTool, runTool } from './exec.js';
import { findOnPath } from './paths.js';

export type QuietReason = 'paused' | 'fullscreen' | 'quiet';

/**
 * X11: whether the focused window asks to be full screen (a presentation, a video). Two `xprop`
 * runs. Not under Wayland, where X sees only XWayland's windows.
 */
export async function fullScreenFocused(env: NodeJS.ProcessEnv, run: RunTool = runTool): Promise<boolean> {
  const xprop = env.DISPLAY && !env.WAYLAND_DISPLAY ? findOnPath('xprop', env) : null;
  if (!xprop) return false;
  const active = await run(xprop, ['-root', '_NET_ACTIVE_WINDOW'], { env });
  const id = /window id # (0x[0-9a-f]+)/i.exec(active.stdout)?.[1];
  if (!active.ok || !id || Number(id) === 0) return false;
  const state = await run(xprop, ['-id', id, '_NET_WM_STATE'], { env });
  return state.ok && /_NET_WM_STATE_FULLSCREEN\b/.test(state.stdout);
}

/** `remind.quiet`: exit 0 means not now. A command that cannot run or takes over 5 s does not hold reminders back. */
export async function quietCommandSays(argv: readonly string[], env: NodeJS.ProcessEnv, run: RunTool = runTool): Promise<boolean> {
  const [file, ...args] = argv;
  if (!file) return false;
  return (await run(file, args, { env, timeoutMs: 5000 })).ok;
}

export interface QuietChecks {
  /** The notification server's own do-not-disturb (from the notifier, which knows which server it is). */
  serverPaused(): Promise<boolean>;
  env: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  /** The `remind.quiet` command as argv, or null. */
  quietCommand: readonly string[] | null;
  run?: RunTool;
}

/** Why a reminder should wait now, or null to send it. Cheapest check first. */
export async function quietReason(checks: QuietChecks): Promise<QuietReason | null> {
  const run = checks.run ?? runTool;
  if (await checks.serverPaused()) return 'paused';
  if ((checks.platform ?? process.platform) === 'linux' && (await fullScreenFocused(checks.env, run))) return 'fullscreen';
  if (checks.quietCommand && (await quietCommandSays(checks.quietCommand, checks.env, run))) return 'quiet';
  return null;
}
